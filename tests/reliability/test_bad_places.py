"""Bad places for the log, through the real command in a subprocess: read-only file or folder, full disk.

Root ignores permission bits, so the read-only cases run `scalp` as the unprivileged user
``nobody`` (setpriv); tests/unit/test_refusals.py keeps the monkeypatched store-level cases.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.reliability.helpers import integrity, private_env, query
from tui.store import Log

ROOT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_log(path: Path) -> Path:
    store = Log.open(path)
    store.log_session(store.today(), passes=3, minutes=8)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def as_nobody() -> list[str]:
    """The command prefix that runs a program as ``nobody``, or skip saying why it cannot."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0:
        pytest.skip("not root: the plain read-only test in tests/unit/test_refusals.py runs instead")
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is not installed, so scalp cannot run as an unprivileged user")
    prefix = [setpriv, "--reuid", "nobody", "--regid", "nogroup", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import tui.cli"], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    if probe.returncode != 0:
        pytest.skip(f"nobody cannot run {sys.executable} with scalp importable: {probe.stderr.strip()[-200:]}")
    return prefix


@pytest.fixture
def open_folder():
    """A folder every user can reach (pytest's tmp_path is private to root), owned by root."""
    folder = Path(tempfile.mkdtemp(prefix="scalp-bad-places-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def scalp_as_nobody(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **private_env(Path("/nonexistent-home")), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*as_nobody(), sys.executable, "-m", "tui", "--db", str(db), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and result.stdout == "", result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["log"], ["rest", "--reason", "travel"], []], ids=["log", "rest", "app"])
def test_a_read_only_file_is_refused_by_the_real_command(open_folder, command):
    db = make_log(open_folder / "scalp.db")
    db.chmod(0o644)  # root's file: nobody may read it, not write it
    before = digest(db)
    line = one_line(scalp_as_nobody(db, *command))
    assert line == f"scalp: cannot write to {db}: the file is read-only"
    assert digest(db) == before and sorted(p.name for p in open_folder.iterdir()) == ["scalp.db"]


@pytest.mark.parametrize("command", [["log"], ["rest"], []], ids=["log", "rest", "app"])
def test_a_read_only_folder_is_refused_by_the_real_command(open_folder, command):
    db = open_folder / "scalp.db"
    line = one_line(scalp_as_nobody(db, *command))
    assert line == f"scalp: cannot write to {open_folder}: the folder is read-only"
    assert list(open_folder.iterdir()) == []


def limit_file_size(limit: int):
    """For preexec_fn: no file may grow past ``limit`` bytes, as on a full disk (EFBIG, not a signal)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_under_scalp_log_gives_one_line_and_keeps_the_log(tmp_path):
    db = make_log(tmp_path / "scalp.db")
    before = digest(db)
    env = {**os.environ, **private_env(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "log", "--passes", "20", "--note", "x" * 2000],
        capture_output=True, text=True, env=env, timeout=120,
        preexec_fn=limit_file_size(32768),  # room for the -shm index (32 KiB), not for the WAL this write needs
    )  # fmt: skip
    line = one_line(result)
    assert line.startswith(f"scalp: cannot write to {db}: ") and "Traceback" not in result.stderr, line
    assert "disk" in line or "full" in line or "large" in line, line
    # Nothing of the refused session was stored; the log reads as before.
    assert integrity(db) == "ok"
    assert query(db, "SELECT COUNT(*) FROM sessions")[0][0] == 1
    assert query(db, "SELECT COUNT(*) FROM checks")[0][0] == 33
    store = Log.open(db)
    store.close()
    assert digest(db) == before


@pytest.mark.parametrize(
    "command", [["log"], ["stats"], ["export"], []], ids=["log", "stats", "export", "app"]
)
def test_a_folder_this_user_may_not_enter_is_one_line(open_folder, command):
    private = open_folder / "private"
    private.mkdir(mode=0o700)  # root's: nobody may not look inside
    db = private / "scalp.db"
    line = one_line(scalp_as_nobody(db, *command))
    assert line == f"scalp: cannot reach {db}: permission denied"
    assert list(private.iterdir()) == []
