"""`scalp import` on Loop Habit Tracker's full backup: picked by content, one line for what it refuses."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Scalp, one_line_error
from tests.unit.test_loop_backup import REAL_V22, sample


def test_a_backup_named_anything_is_imported_by_content(scalp, tmp_path):
    backup = Path(shutil.copy(REAL_V22, tmp_path / "phone-stuff.bin"))
    result = scalp("import", str(backup), "--habit", "Work out")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Imported 1 practised day as sessions and 0 rest days from Loop habit 'Work out'.\n"
    again = scalp("import", str(backup), "--habit", "Work out")
    assert again.stdout.startswith("Imported 0 practised days") and "1 day was imported before" in again.stdout


def test_dry_run_reports_and_creates_nothing(scalp, tmp_path):
    result = scalp("import", str(sample(tmp_path, 25)), "--habit", "Scalp massage", "--dry-run")
    assert result.stdout == (
        "Dry run: would import 2 practised days as sessions and 1 rest day from Loop habit 'Scalp massage'. "
        "3 days marked YES_AUTO, NO or UNKNOWN were ignored. Nothing was changed.\n"
    )
    assert not scalp.db.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "the backup holds 3 habits ('Scalp massage', 'Water', 'Read'); pick one with --habit NAME"),
        (("--habit", "Gym"), "no habit 'Gym' in the backup (it has 'Scalp massage', 'Water', 'Read')"),
        (("--habit", "Water"), "'Water' is a numerical habit; only yes/no habits can be imported"),
    ],
)
def test_habit_problems_are_one_line_and_leave_the_log_as_it_was(scalp, tmp_path, args, expected):
    scalp("log", "--date", "2026-11-20")
    before = hashlib.sha256(scalp.db.read_bytes()).hexdigest()
    result = scalp("import", str(sample(tmp_path, 22)), *args)
    assert one_line_error(result) == f"scalp: {expected}"
    assert result.exit_code == 2
    assert hashlib.sha256(scalp.db.read_bytes()).hexdigest() == before


def test_newer_foreign_and_damaged_files_exit_2_with_one_line(scalp, tmp_path, clock):
    newer = sample(tmp_path, 26)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(newer.read_bytes()[:100] + b"\x00\xff" * 2000)
    other = Scalp(tmp_path / "other.db", clock)
    other("log")
    for path, words in [
        (newer, "Loop backup version 26 is newer than scalp reads (8 to 25)"),
        (damaged, "the Loop backup is damaged"),
        (other.db, "a SQLite file, but not a Loop Habit Tracker backup"),
    ]:
        result = scalp("import", str(path), "--habit", "Scalp massage")
        assert result.exit_code == 2
        assert words in one_line_error(result)
    assert not scalp.db.exists()
