"""A non-editable install ships the routine data inside the package."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
