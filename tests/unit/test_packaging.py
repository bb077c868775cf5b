"""The wheel works on its own: the routine data is inside it, and a fresh environment runs `scalp`."""

import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.bench.pty_driver import PtyApp

ROOT = Path(__file__).resolve().parents[2]


def test_distribution_name_is_not_the_unrelated_scalp_on_the_index_and_the_command_is_scalp():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "scalp-tui"
    assert project["scripts"] == {"scalp": "tui.entry:main"}


@pytest.mark.slow
def test_wheel_install_ships_the_routine_data(tmp_path):
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    assert (target / "tui" / "data" / "routine.toml").is_file()
    code = (
        "import tui.core.routine as r\n"
        "routine = r.default_routine()\n"
        "print(r.data_dir())\n"
        "print(len(routine.zones))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    # Run from an empty folder so the source tree cannot be imported by accident.
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    data_dir, zones = proc.stdout.split()
    assert Path(data_dir).is_relative_to(target)
    assert zones == "11"


@pytest.mark.slow
@pytest.mark.e2e
def test_wheel_in_a_fresh_venv_runs_version_status_and_the_app(tmp_path):
    """What `pipx install` does: build the wheel, install it and its dependencies into a new,
    isolated environment (no access to this one's packages), then run the installed `scalp`."""
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("scalp_tui-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    # This environment's pip installs into the new one; the dependencies come from pip's cache or index.
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stderr
    scalp = venv / "bin" / "scalp"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "SCALP_DB")}
    env.update({"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
                "SCALP_WELCOME": "1"})  # fmt: skip
    # From an empty folder, so the source tree cannot be imported by accident.
    run = {"capture_output": True, "text": True, "cwd": tmp_path, "env": env, "timeout": 60}
    where = subprocess.run([venv / "bin" / "python", "-c", "import tui; print(tui.__file__)"], **run)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    version = subprocess.run([scalp, "--version"], **run)
    assert version.returncode == 0 and "scalp" in version.stdout, version.stderr
    db = tmp_path / "log.db"
    status = subprocess.run([scalp, "status", "--db", str(db)], **run)
    assert status.returncode == 0, status.stderr
    assert status.stdout.strip()
    app = PtyApp([str(scalp), "--db", str(db)], width=100, height=30, env=env)
    try:
        app.wait_for(b"Today", b"Welcome to scalp", timeout=30)  # a first start: the welcome over Today
        app.drain(quiet=0.5)
        mark = app.mark()
        app.send(b"\x1b")  # esc closes it
        app.wait_for(b"Ready for today's session", timeout=10, since=mark)
        app.drain(quiet=0.5)
        app.send(b"q")
        deadline = time.monotonic() + 15
        while app.proc.poll() is None and time.monotonic() < deadline:
            app.poll(0.1)
        assert app.proc.returncode == 0
    finally:
        app.close()
    assert db.is_file()
