"""The `scalp` command in real processes: status stays light, and a whole round trip works."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCALP = Path(sys.executable).parent / "scalp"
HEAVY = ("textual", "click", "sqlite_utils", "dateutil", "tomllib", "platformdirs")


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    command = [str(SCALP)] if SCALP.exists() else [sys.executable, "-m", "tui"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env={**os.environ, "TZ": "UTC", **(env or {})}, **kwargs
    )


def modules_loaded_by(argv: list[str], env: dict | None = None) -> set[str]:
    """Top-level packages imported by `scalp <argv>` (run through the real entry point).

    Read from `-X importtime`, which reports each import as it happens: `scalp status`
    ends with os._exit, so nothing can be asked of the process after it answered.
    """
    probe = f"import sys\nsys.argv = ['scalp', *{argv!r}]\nfrom tui.entry import main\nmain()\n"
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    ).stderr
    names = [line.rsplit("|", 1)[1].strip() for line in err.splitlines() if line.startswith("import time:")]
    assert "tui.entry" in names, err[-500:]
    return {name.split(".")[0] for name in names} - {"imported package"}


def test_status_imports_nothing_heavy(tmp_path):
    run("demo", "--db", str(tmp_path / "scalp.db"), "--years", "1", check=True)
    for argv in (
        ["status", "--db", str(tmp_path / "scalp.db")],
        ["--db", str(tmp_path / "scalp.db"), "status", "--json", "--check"],
        ["status", "-q", "--db", str(tmp_path / "missing.db")],
    ):
        loaded = modules_loaded_by(argv)
        assert "tui" in loaded
        assert not loaded & set(HEAVY), (argv, loaded & set(HEAVY))
        # typing (with contextlib and warnings) is a tenth of a prompt's wait; types are for mypy only.
        assert "typing" not in loaded, argv
    # The default location (no --db) needs platformdirs, and still nothing else heavy.
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "SCALP_DB": ""}
    loaded = modules_loaded_by(["status"], env=home)
    assert not loaded & {"textual", "click", "sqlite_utils", "dateutil"}
    assert not (tmp_path / "data").exists()


def test_status_help_goes_through_click():
    result = run("status", "--help")
    assert result.returncode == 0 and "--check" in result.stdout


def test_a_whole_round_trip_in_processes(tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    made = run("demo", "--db", str(first), "--years", "2", "--seed", "3", "--until", "2026-11-22")
    assert made.returncode == 0, made.stderr
    status = run("status", "--json", "--db", str(first))
    assert status.returncode == 0 and json.loads(status.stdout)["target_passes"] == 3
    exported = run("export", "--db", str(first), "-o", str(tmp_path / "first.json"))
    assert exported.returncode == 0, exported.stderr
    imported = run("import", str(tmp_path / "first.json"), "--db", str(second))
    assert imported.returncode == 0 and imported.stdout.startswith("Imported ")
    again = run("export", "--db", str(second))
    assert again.stdout == (tmp_path / "first.json").read_text(encoding="utf-8")
    backup = run("backup", "--db", str(second), str(tmp_path / "copy.db"))
    assert backup.returncode == 0, backup.stderr


def test_bad_input_in_a_process(tmp_path):
    run("log", "--db", str(tmp_path / "scalp.db"), check=True)
    before = (tmp_path / "scalp.db").read_bytes()
    result = run("log", "--db", str(tmp_path / "scalp.db"), "--date", "2999-01-01")
    assert result.returncode == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert (tmp_path / "scalp.db").read_bytes() == before


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_app_makes_its_daily_backup(tmp_path):
    db = tmp_path / "scalp.db"
    run("log", "--db", str(db), check=True)
    socket = f"scalp-cli-{os.getpid()}"
    command = f"TZ=UTC {SCALP if SCALP.exists() else sys.executable + ' -m tui'} --db {db}"
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", "100", "-y", "30", command], check=True)
    try:
        for _ in range(100):
            screen = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if "Today" in screen:
                break
            time.sleep(0.1)
        subprocess.run(["tmux", "-L", socket, "send-keys", "q"], check=True)
        for _ in range(100):
            if subprocess.run(["tmux", "-L", socket, "has-session"], capture_output=True).returncode != 0:
                break
            time.sleep(0.1)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    backups = sorted((tmp_path / "backups").glob("scalp-auto-*.db"))
    assert len(backups) == 1
    assert not list((tmp_path / "backups").glob(".scalp-backup-*"))  # no temporary copy left behind


@pytest.mark.parametrize("module", ["status", "log", "rest", "exchange", "backup", "demo"])
def test_each_command_module_imports_on_its_own(module):
    # tui.cli imports every command to register it; a command must not need tui.cli first.
    result = subprocess.run([sys.executable, "-c", f"import tui.commands.{module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_status_on_a_closed_pipe_says_nothing(tmp_path):
    command = f"{SCALP if SCALP.exists() else sys.executable + ' -m tui'} status --db {tmp_path / 'x.db'} | head -c 0"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
    assert result.stderr == ""
