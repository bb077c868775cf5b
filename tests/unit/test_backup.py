"""Backups: consistent copies, at most one automatic backup a day, the newest five kept."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW
from tui.store import Log
from tui.store.backup import (
    AUTO_KEEP,
    AutoBackup,
    BackupError,
    auto_backup,
    auto_backups,
    backup_folder,
    backup_log,
    manual_backup_path,
)

TODAY = date(2026, 11, 22)


def sessions_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(file_log) -> Path:
    file_log.log_session(TODAY, passes=3, minutes=8)
    return file_log.path


def test_first_automatic_backup_and_then_once_a_day(db):
    made = auto_backup(db, FIXED_NOW)
    assert made is not None and made.parent == backup_folder(db) and made.name == "scalp-auto-20261122T093000Z.db"
    assert sessions_in(made) == 1
    assert auto_backup(db, FIXED_NOW + timedelta(hours=23, minutes=59)) is None
    assert auto_backup(db, FIXED_NOW + timedelta(hours=24)) is not None


def test_only_the_newest_five_automatic_backups_stay(db):
    manual = backup_folder(db) / "scalp-20200101T000000Z.db"
    manual.parent.mkdir()
    manual.write_bytes(b"a backup the user made")
    for day in range(8):
        auto_backup(db, FIXED_NOW + timedelta(days=day))
    kept = [when for when, _ in auto_backups(backup_folder(db))]
    assert kept == [FIXED_NOW + timedelta(days=day) for day in range(8 - AUTO_KEEP, 8)]
    assert manual.read_bytes() == b"a backup the user made"


def test_a_backup_stamped_in_the_future_does_not_block_the_next(db):
    auto_backup(db, FIXED_NOW + timedelta(days=300))
    assert auto_backup(db, FIXED_NOW) is not None


def test_an_empty_log_is_not_backed_up(tmp_path, clock):
    Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc).close()
    assert auto_backup(tmp_path / "scalp.db", FIXED_NOW) is None
    assert not backup_folder(tmp_path / "scalp.db").exists()


def test_copy_is_consistent_while_another_connection_writes(db, file_log):
    # A write transaction left open in the app: the backup holds what was committed, whole.
    file_log.conn.execute("BEGIN IMMEDIATE")
    file_log.conn.execute("DELETE FROM checks")
    made = auto_backup(db, FIXED_NOW)
    file_log.conn.execute("ROLLBACK")
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 33
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_stale_temporary_copies_are_cleared(db):
    folder = backup_folder(db)
    folder.mkdir()
    stale = folder / ".scalp-backup-1-1.tmp"
    stale.write_bytes(b"half a copy")
    os.utime(stale, (FIXED_NOW.timestamp() - 7200,) * 2)
    fresh = folder / f".scalp-backup-{os.getppid()}-2.tmp"  # a process still running
    fresh.write_bytes(b"a copy in progress")
    os.utime(fresh, (FIXED_NOW.timestamp() - 60,) * 2)
    auto_backup(db, FIXED_NOW)
    assert not stale.exists() and fresh.exists()


def test_the_thread_reports_a_failure_as_one_line(db):
    backup_folder(db).write_text("a file where the folder should be")
    problem = AutoBackup(db).start().wait()
    assert problem and "\n" not in problem and "backups" in problem


def test_manual_backup_paths(tmp_path, db):
    now = FIXED_NOW
    assert manual_backup_path(db, None, now) == backup_folder(db) / "scalp-20261122T093000Z.db"
    assert manual_backup_path(db, tmp_path, now) == tmp_path / "scalp-20261122T093000Z.db"
    (tmp_path / "scalp-20261122T093000Z.db").write_bytes(b"")
    assert manual_backup_path(db, tmp_path, now) == tmp_path / "scalp-20261122T093000Z-2.db"
    assert manual_backup_path(db, tmp_path / "mine.db", now) == tmp_path / "mine.db"


def test_backup_log_refuses_to_overwrite_or_to_copy_onto_itself(db, file_log, tmp_path):
    target = tmp_path / "copy.db"
    backup_log(db, file_log.conn, target)
    assert sessions_in(target) == 1
    with pytest.raises(BackupError, match="already exists; pass --force"):
        backup_log(db, file_log.conn, target)
    backup_log(db, file_log.conn, target, overwrite=True)
    with pytest.raises(BackupError, match="is the database itself"):
        backup_log(db, file_log.conn, db, overwrite=True)
    assert not list(tmp_path.glob(".scalp-backup-*"))


def test_stamps_are_utc(db):
    made = auto_backup(db, datetime(2026, 11, 22, 10, 30, tzinfo=timezone(timedelta(hours=1))))
    assert made.name == "scalp-auto-20261122T093000Z.db"
