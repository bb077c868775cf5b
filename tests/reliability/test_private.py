"""The log is private: every folder scalp creates is 0700, every file 0600, whatever the umask.

Each way scalp creates something runs in a real process under umask 022 (the common
default, which would leave files 0644): the data folder and the database with its -wal
and -shm, backups (on demand and automatic), JSON and CSV exports. Then a second real
user (``nobody``) tries to read every file; a control file left 0644 shows that user can
read what is not protected, so the test can fail.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.reliability.helpers import private_env


def _umask_022() -> None:
    os.umask(0o022)


def _scalp(home: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        env={**private_env(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        preexec_fn=_umask_022,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def world(tmp_path_factory):
    """A folder everyone may enter (as a home folder often is), so only scalp's own modes protect."""
    root = Path(tempfile.mkdtemp(prefix="scalp-private-"))
    os.chmod(root, 0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def made(world) -> dict[str, Path]:
    """Everything scalp creates, each made by a real command under umask 022."""
    home = world / "home"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    env = private_env(home)
    # The default location: no --db and no SCALP_DB, so scalp makes its data folder itself.
    result = subprocess.run(
        [sys.executable, "-m", "tui", "log", "--date", "yesterday", "--note", "private"],
        env={
            k: v
            for k, v in {**env, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}.items()
            if k != "SCALP_DB"
        },
        capture_output=True,
        text=True,
        preexec_fn=_umask_022,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    default_db = Path(env["XDG_DATA_HOME"]) / "scalp" / "scalp.db"
    db = home / "log.db"  # an explicit --db in a folder the user already has
    _scalp(home, "log", "--date", "yesterday", "--note", "private", "--db", str(db))
    _scalp(home, "backup", "--db", str(db))
    _scalp(home, "export", "-o", str(home / "out.json"), "--db", str(db))
    # The folder an export writes into must exist (the one rule it shares with backup); a CSV
    # export's own folder is made by scalp.
    (home / "csv").mkdir(mode=0o755)
    _scalp(home, "export", "--format", "csv", "-o", str(home / "csv" / "deep"), "--db", str(db))
    # The automatic backup, as the app makes it in its thread.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tui.store.backup import auto_backup; "
            "auto_backup(Path(sys.argv[1]))",
            str(default_db),
        ],
        check=True,
        preexec_fn=_umask_022,
    )
    return {"home": home, "db": db, "default_db": default_db}


def _created(made: dict[str, Path]) -> tuple[list[Path], list[Path]]:
    folders = [made["default_db"].parent, made["default_db"].parent.parent, made["db"].parent / "backups"]
    folders += [made["home"] / "csv" / "deep", made["default_db"].parent / "backups"]
    files = [made["db"], made["default_db"], made["home"] / "out.json"]
    files += sorted((made["db"].parent / "backups").iterdir()) + sorted(
        (made["default_db"].parent / "backups").iterdir()
    )
    files += sorted((made["home"] / "csv" / "deep").iterdir())
    return folders, files


def test_every_folder_is_0700_and_every_file_0600(made):
    folders, files = _created(made)
    assert len(files) >= 8
    for folder in folders:
        assert _mode(folder) == 0o700, f"{folder} is {oct(_mode(folder))}"
    for path in files:
        assert _mode(path) == 0o600, f"{path} is {oct(_mode(path))}"


def test_the_wal_and_shm_files_are_as_private_as_the_log(made):
    # SQLite gives -wal and -shm the database's mode: a writer holding the log open makes them.
    old = os.umask(0o022)
    try:
        conn = sqlite3.connect(made["db"])
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("UPDATE sessions SET note = note")
        try:
            for suffix in ("-wal", "-shm"):
                side = made["db"].with_name(made["db"].name + suffix)
                assert side.exists() and _mode(side) == 0o600, f"{side}: {oct(_mode(side))}"
        finally:
            conn.close()
    finally:
        os.umask(old)


def test_an_existing_files_mode_is_never_loosened(tmp_path):
    db = tmp_path / "shared.db"
    _scalp(tmp_path, "log", "--date", "yesterday", "--db", str(db))
    os.chmod(db, 0o400 | 0o200)
    _scalp(tmp_path, "log", "--date", "2026-11-01", "--db", str(db))
    assert _mode(db) == 0o600
    os.chmod(db, 0o640)  # the user chose to share it with their group: scalp keeps that choice
    _scalp(tmp_path, "rest", "--db", str(db))
    assert _mode(db) == 0o640


def test_another_user_can_read_none_of_it(made, world):
    if os.geteuid() != 0:
        pytest.skip("needs root to run a command as a second real user (setpriv --reuid=nobody)")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    control = world / "control.txt"
    control.write_text("anyone may read this")
    os.chmod(control, 0o644)

    def read_as_nobody(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "cat", str(path)],
            capture_output=True,
        )

    assert read_as_nobody(control).returncode == 0, (
        "nobody cannot read even a 0644 file: the test means nothing"
    )
    _, files = _created(made)
    for path in files:
        result = read_as_nobody(path)
        assert result.returncode != 0 and result.stdout == b"", f"nobody read {path}"
