"""SIGKILL at random moments of the long writes (demo, import): the next command opens the log, nothing saved is lost.

Each long write is one transaction, reported as saved only when the command exits 0:
after a kill the log holds either none of its rows or all of them, and is never
refused (a kill while SQLite copies its WAL into the file included).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timezone
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from tests.reliability.helpers import private_env, query
from tui.store import Log

UNTIL = "2026-11-01"
YEARS = "3"
TRIALS = 5


def _scalp(home: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        env={**os.environ, **private_env(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _counts(db: Path) -> tuple[int, int, int]:
    ((sessions, checks, rest),) = query(
        db, "SELECT (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM checks), (SELECT COUNT(*) FROM rest_days)"
    )
    return sessions, checks, rest


def _killed_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """Kill ``proc`` after ``delay`` seconds; True when it was killed, False when it had finished."""
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return proc.returncode == -signal.SIGKILL


def _opens_whole(db: Path, full: tuple[int, int, int], finished: bool) -> None:
    log = Log.open(db, clock=lambda: FIXED_NOW, zone=timezone.utc)  # never refused
    try:
        assert log.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        log.close()
    found = _counts(db)
    if finished:
        assert found == full
    else:
        assert found in {(0, 0, 0), full}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A finished demo log and its export, with the counts a whole write leaves."""
    folder = tmp_path_factory.mktemp("reference")
    db = folder / "demo.db"
    made = _scalp(folder / "home", "demo", "--db", str(db), "--years", YEARS, "--until", UNTIL)
    assert made.wait(timeout=120) == 0
    exported = _scalp(folder / "home", "export", "--db", str(db), "-o", str(folder / "demo.json"))
    assert exported.wait(timeout=120) == 0
    return _counts(db), folder / "demo.json"


def test_demo_killed_at_random_moments(tmp_path, reference):
    full, _ = reference
    rng = random.Random(20261201)
    for trial in range(TRIALS):
        db = tmp_path / f"demo-{trial}.db"
        proc = _scalp(tmp_path / "home", "demo", "--db", str(db), "--years", YEARS, "--until", UNTIL)
        finished = not _killed_after(proc, rng.uniform(0.2, 1.6))
        _opens_whole(db, full, finished)


def test_import_killed_at_random_moments(tmp_path, reference):
    full, export = reference
    rng = random.Random(20261202)
    for trial in range(TRIALS):
        db = tmp_path / f"import-{trial}.db"
        proc = _scalp(tmp_path / "home", "--db", str(db), "import", str(export))
        finished = not _killed_after(proc, rng.uniform(0.2, 2.0))
        _opens_whole(db, full, finished)
