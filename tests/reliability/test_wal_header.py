"""A log whose pages are partly still in its WAL is healthy: it is read, never refused, never written by status.

While SQLite copies the WAL into the file (a checkpoint) it writes page 1, with the
new page count, before the pages that extend the file. A process killed then, or a
command that reads the file at that moment, sees a file shorter than its header says;
the WAL beside it still holds every page, and SQLite reads the log whole.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from tests.reliability.helpers import private_env, query
from tui.store import Log
from tui.store.errors import CorruptDatabase
from tui.store.glance import glance

DAYS = 150


def _busy_log(folder: Path) -> tuple[Log, Path]:
    """A log with every page of its history still in the WAL (no checkpoint yet), left open."""
    folder.mkdir()
    db = folder / "scalp.db"
    log = Log.open(db, clock=lambda: FIXED_NOW, zone=timezone.utc)
    log.conn.execute("PRAGMA wal_autocheckpoint = 0")
    start = date(2025, 1, 1)
    with log.transaction():  # one commit (each log_session nests as a savepoint)
        for n in range(DAYS):
            log.log_session(start + timedelta(days=n), passes=3, minutes=8, note="x" * 200)
    return log, db


def _torn_checkpoint(tmp_path: Path) -> Path:
    """The files a checkpoint killed half-way leaves: page 1 (and a few) copied, the WAL whole."""
    log, db = _busy_log(tmp_path / "busy")
    wal = db.with_name(db.name + "-wal")
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    shutil.copyfile(db, snapshot / "scalp.db")
    before = db.read_bytes()
    shutil.copyfile(wal, snapshot / "scalp.db-wal")
    kept_wal = tmp_path / "kept-wal"
    shutil.copyfile(wal, kept_wal)
    log.close()
    # What the file looks like once the checkpoint is complete: the pages it would have copied.
    done = sqlite3.connect(snapshot / "scalp.db")
    done.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page_size,) = done.execute("PRAGMA page_size").fetchone()
    done.close()
    full = (snapshot / "scalp.db").read_bytes()
    # The checkpoint copies the WAL's pages in page order over the old file, and is killed
    # two pages past the old file's end: the header already counts every page.
    copied = len(before) + 2 * page_size
    assert copied < len(full)
    torn = tmp_path / "torn"
    torn.mkdir()
    (torn / "scalp.db").write_bytes(full[:copied])
    shutil.copyfile(kept_wal, torn / "scalp.db-wal")
    shutil.rmtree(snapshot)
    return torn / "scalp.db"


def _fingerprint(db: Path) -> list[tuple[str, str, int]]:
    found = []
    for path in (db, db.with_name(db.name + "-wal")):
        if path.exists():
            found.append((path.name, hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns))
    return found


def test_a_checkpoint_killed_half_way_is_not_refused(tmp_path):
    db = _torn_checkpoint(tmp_path)
    size = db.stat().st_size
    header = db.read_bytes()[:100]
    page_size, pages = int.from_bytes(header[16:18], "big"), int.from_bytes(header[28:32], "big")
    assert size < pages * page_size  # what the old check called "truncated"
    log = Log.open(db, clock=lambda: FIXED_NOW, zone=timezone.utc)
    try:
        assert len(log.sessions_between(date(2025, 1, 1), date(2026, 12, 31))) == DAYS
        assert log.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        log.close()


def test_status_reads_a_torn_checkpoint_and_changes_nothing(tmp_path):
    db = _torn_checkpoint(tmp_path)
    before = _fingerprint(db)
    seen = glance(db, now=FIXED_NOW, zone=timezone.utc)
    assert seen.target > 0
    assert _fingerprint(db) == before
    # The other files of the folder: at most the -shm a reader of a WAL needs.
    assert {p.name for p in db.parent.iterdir()} <= {"scalp.db", "scalp.db-wal", "scalp.db-shm"}


def test_status_never_writes_a_log_with_a_wal(tmp_path):
    log, db = _busy_log(tmp_path / "busy")
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(db, copy / "scalp.db")
    shutil.copyfile(db.with_name("scalp.db-wal"), copy / "scalp.db-wal")
    log.close()
    target = copy / "scalp.db"
    before = _fingerprint(target)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(target), "status"],
        capture_output=True,
        text=True,
        env={**os.environ, **private_env(tmp_path / "home")},
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    assert not result.stderr
    assert _fingerprint(target) == before


def test_commands_read_while_another_process_holds_a_write_transaction(tmp_path):
    log, db = _busy_log(tmp_path / "busy")
    log.conn.execute("PRAGMA wal_autocheckpoint = 1000")
    writer = sqlite3.connect(db, isolation_level=None, timeout=10)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE sessions SET note = 'being imported'")
    try:
        seen = glance(db, now=FIXED_NOW, zone=timezone.utc)
        assert seen.target > 0
        other = Log.open(db, clock=lambda: FIXED_NOW, zone=timezone.utc)
        try:
            assert len(other.sessions_between(date(2025, 1, 1), date(2026, 12, 31))) == DAYS
        finally:
            other.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        log.close()
    assert query(db, "SELECT COUNT(*) FROM sessions WHERE note = 'being imported'") == [(0,)]


def test_a_truncated_file_without_a_wal_is_still_refused(tmp_path):
    log, db = _busy_log(tmp_path / "busy")
    log.close()  # the last connection checkpoints: every page is in the file, no WAL is left
    assert not db.with_name("scalp.db-wal").exists()
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDatabase, match="truncated"):
        Log.open(db)
    with pytest.raises(CorruptDatabase, match="truncated"):
        glance(db)
