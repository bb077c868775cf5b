"""Loop Habit Tracker's full backup (SQLite): read by content, read-only, every schema version 8 to 25."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.fixtures.loop_backup import Habit, build
from tui.core.loop_csv import NO, SKIP, UNKNOWN, YES_AUTO, YES_MANUAL, LoopError
from tui.store.loop_backup import LoopBackup
from tui.store.loop_import import import_loop

REAL_V22 = Path(__file__).parent.parent / "fixtures" / "loop-backup" / "loop-v22.db"
NOV = [date(2026, 11, d) for d in range(1, 8)]
NOTE = 'with oil,\n"ouch"\t\x1b[31m red \u202e evil'  # kept literally; shown later through safe_text


def sample(tmp_path: Path, version: int) -> Path:
    """Scalp massage: done, auto, no, skip, unknown, done on 1..6 Nov (all done before version 16)."""
    habits = [Habit(1, "Scalp massage"), Habit(2, "Water", type=1 if version >= 16 else 0), Habit(3, "Read", archived=1)]
    values = [2, 1, 0, 3, -1, 2]
    reps = [(1, day, value, NOTE if day.day == 6 else None) for day, value in zip(NOV, values, strict=False)]
    reps += [(2, NOV[0], 2500, None), (3, NOV[0], 2, None)]
    return build(tmp_path / f"Loop Habits Backup v{version}.db", version, habits, reps)


def fingerprint(path: Path) -> tuple:
    folder = sorted(p.name for p in path.parent.iterdir())
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, folder


def test_real_v22_backup_lists_its_habits_and_imports_its_done_day(log, tmp_path):
    backup = Path(shutil.copy(REAL_V22, tmp_path / "Loop Habits Backup 2020-01-02.db"))
    backup.chmod(0o444)  # read-only, as a file kept from a phone often is
    before = fingerprint(backup)
    loop = LoopBackup(backup)
    assert loop.version == 22
    assert [(h.name, h.kind, h.archived) for h in loop.habits()] == [("Work out", "YES_NO", False), ("Test", "YES_NO", False)]
    report = import_loop(log, backup, "work out")
    assert (report.practised, report.sessions_added) == (1, 1)
    (session,) = log.sessions_between(date(2020, 1, 1), date(2020, 1, 1))
    assert session.source == "import" and log.day_summaries(date(2020, 1, 1), date(2020, 1, 1))[date(2020, 1, 1)].passes == 3
    assert fingerprint(backup) == before  # no byte changed, no -wal, -shm or -journal made beside it


@pytest.mark.parametrize("version", [16, 22, 23, 24, 25])
def test_valued_versions_map_done_to_sessions_and_skip_to_rest(log, tmp_path, version):
    path = sample(tmp_path, version)
    marks = LoopBackup(path).marks(LoopBackup(path).habits()[0])
    assert [m.value for m in marks] == [YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN, YES_MANUAL]
    report = import_loop(log, path, "Scalp massage")
    assert (report.practised, report.rest, report.ignored, report.sessions_added, report.rest_added) == (2, 1, 3, 2, 1)
    sessions = log.sessions_between(NOV[0], NOV[-1])
    assert [s.day.day for s in sessions] == [1, 6]
    assert [r.day.day for r in log.rest_days(NOV[0], NOV[-1])] == [4]
    assert sessions[1].note == (NOTE if version >= 25 else "")


@pytest.mark.parametrize("version", [8, 15])
def test_before_version_16_every_repetition_is_a_done_day(log, tmp_path, version):
    path = sample(tmp_path, version)
    report = import_loop(log, path, "Scalp massage")
    assert (report.practised, report.rest, report.ignored, report.sessions_added) == (6, 0, 0, 6)
    assert [s.day.day for s in log.sessions_between(NOV[0], NOV[-1])] == [1, 2, 3, 4, 5, 6]


def test_importing_twice_adds_nothing_and_a_dry_run_changes_nothing(log, tmp_path):
    path = sample(tmp_path, 25)
    dry = import_loop(log, path, "Scalp massage", dry_run=True)
    assert (dry.sessions_added, dry.rest_added, dry.rows.dry_run) == (2, 1, True)
    assert log.sessions_between(NOV[0], NOV[-1]) == []
    import_loop(log, path, "Scalp massage")
    again = import_loop(log, path, "Scalp massage")
    assert (again.sessions_added, again.rest_added, again.imported_before) == (0, 0, 2)
    assert len(log.sessions_between(NOV[0], NOV[-1])) == 2


def test_a_numeric_habit_is_refused(log, tmp_path):
    with pytest.raises(LoopError, match="'Water' is a numerical habit; only yes/no habits can be imported"):
        import_loop(log, sample(tmp_path, 22), "water")
    assert log.sessions_between(NOV[0], NOV[-1]) == []


def test_missing_and_ambiguous_habits_list_what_the_backup_holds(log, tmp_path):
    path = sample(tmp_path, 22)
    with pytest.raises(LoopError, match=r"the backup holds 3 habits \('Scalp massage', 'Water', 'Read'\); pick one"):
        import_loop(log, path, None)
    with pytest.raises(LoopError, match=r"no habit 'Gym' in the backup \(it has 'Scalp massage', 'Water', 'Read'\)"):
        import_loop(log, path, "Gym")
    twice = build(tmp_path / "twice.db", 22, [Habit(1, "Scalp"), Habit(2, "scalp", archived=1)], [])
    with pytest.raises(LoopError, match=r"2 habits are called 'SCALP' \('Scalp', 'scalp' \(archived\)\)"):
        import_loop(log, twice, "SCALP")


def test_newer_older_foreign_and_damaged_files_are_refused_with_one_line(tmp_path, file_log):
    newer = sample(tmp_path, 26)
    with pytest.raises(LoopError, match=r"Loop backup version 26 is newer than scalp reads \(8 to 25\)"):
        LoopBackup(newer)
    with pytest.raises(LoopError, match="version 7 is older"):
        LoopBackup(build(tmp_path / "old.db", 7, [Habit(1, "x")], []))
    with pytest.raises(LoopError, match="a SQLite file, but not a Loop Habit Tracker backup"):
        LoopBackup(file_log.path)  # scalp's own database
    whole = sample(tmp_path, 25).read_bytes()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(whole[:100] + b"\xff" * (len(whole) - 100))
    with pytest.raises(LoopError, match="damaged"):
        LoopBackup(damaged)
    bad_value = build(tmp_path / "bad.db", 22, [Habit(1, "x")], [(1, NOV[0], 7, None)])
    with pytest.raises(LoopError, match=r"Repetitions row 1: unknown value 7"):
        LoopBackup(bad_value).marks(LoopBackup(bad_value).habits()[0])
    mislabelled = build(tmp_path / "mislabelled.db", 15, [Habit(1, "x")], [])  # says 20, has 15's columns
    conn = sqlite3.connect(mislabelled)
    conn.execute("PRAGMA user_version = 20")
    conn.commit()
    conn.close()
    with pytest.raises(LoopError, match="damaged .version 20, but Habits has no type column"):
        LoopBackup(mislabelled)


def test_a_loop_csv_export_and_a_backup_of_the_same_days_import_once(log, tmp_path):
    """Both paths derive the same ids from the habit and the day, so a user who tries both gets each day once."""
    from tests.unit.test_loop_import import FIXTURE

    import_loop(log, FIXTURE, "Scalp massage")
    days = [s.day for s in log.sessions_between(date(2026, 11, 1), date(2026, 11, 30))]
    backup = build(tmp_path / "b.db", 22, [Habit(1, "Scalp massage")], [(1, day, 2, None) for day in days])
    report = import_loop(log, backup, "Scalp massage")
    assert report.sessions_added == 0 and report.imported_before == len(days)
