"""Loop Habit Tracker's CSV export: reading it, and importing one habit into the log."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tui.core.loop_csv import SKIP, YES_MANUAL, LoopError, LoopExport, choose_habit
from tui.store.loop_import import import_loop

FIXTURE = Path(__file__).parent.parent / "fixtures" / "loop-export"


@pytest.fixture
def export(tmp_path) -> Path:
    """A copy of the fixture that a test may spoil."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "export"))


def test_habits_in_loop_order():
    habits = LoopExport(FIXTURE).habits()
    assert [(h.position, h.name, h.kind, h.archived) for h in habits] == [
        ("001", "Scalp massage", "YES_NO", False),
        ("002", "Read, 10 pages", "YES_NO", False),
        ("003", "Water", "NUMERICAL", True),
    ]


def test_marks_come_from_the_habit_folder_with_notes():
    export = LoopExport(FIXTURE)
    marks = export.marks(export.habits()[0])
    assert [(m.day.day, m.value) for m in marks][:3] == [(2, YES_MANUAL), (3, YES_MANUAL), (4, "UNKNOWN")]
    assert {m.day.day: m.note for m in marks if m.note} == {
        9: "with oil, felt good",
        3: 'said "ouch" at the crown',
        8: "travel",
    }
    # The folder of "Read, 10 pages" is "002 Read 10 pages": Loop drops the comma.
    assert [m.value for m in export.marks(export.habits()[1])] == [YES_MANUAL, "NO", YES_MANUAL]


def test_the_combined_file_serves_when_the_folder_is_missing(export):
    shutil.rmtree(export / "001 Scalp massage")
    loop = LoopExport(export)
    marks = loop.marks(loop.habits()[0])
    assert [m.value for m in marks if m.value in (YES_MANUAL, SKIP)] == [
        YES_MANUAL,
        YES_MANUAL,
        SKIP,
        SKIP,
        YES_MANUAL,
        YES_MANUAL,
    ]
    assert all(m.note == "" for m in marks) and marks[0].where.endswith("Checkmarks.csv:10")


def test_choose_habit():
    habits = LoopExport(FIXTURE).habits()
    assert choose_habit(habits, "scalp MASSAGE").name == "Scalp massage"
    with pytest.raises(
        LoopError, match=r"3 habits \('Scalp massage', 'Read, 10 pages', 'Water'\); pick one with --habit"
    ):
        choose_habit(habits, None)
    with pytest.raises(LoopError, match="no habit 'Gym'"):
        choose_habit(habits, "Gym")


def test_import_turns_yes_manual_into_sessions_and_skip_into_rest(log):
    report = import_loop(log, FIXTURE, "Scalp massage")
    assert (report.practised, report.rest, report.ignored, report.sessions_added, report.rest_added) == (4, 2, 3, 4, 2)
    sessions = log.sessions_between(date(2026, 11, 1), date(2026, 11, 30))
    assert [s.day.day for s in sessions] == [2, 3, 9, 10]
    assert {s.source for s in sessions} == {"import"}
    assert sessions[2].note == "with oil, felt good"
    summaries = log.day_summaries(date(2026, 11, 1), date(2026, 11, 30))
    assert all(summaries[s.day].passes == 3 for s in sessions)
    assert [(r.day.day, r.reason) for r in log.rest_days(date(2026, 11, 1), date(2026, 11, 30))] == [
        (7, "skipped in Loop"),
        (8, "travel"),
    ]


def test_import_twice_adds_nothing(log):
    import_loop(log, FIXTURE, "Scalp massage")
    again = import_loop(log, FIXTURE, "Scalp massage")
    assert again.sessions_added == again.rest_added == 0 and again.imported_before == 4
    assert len(log.sessions_between(date(2026, 11, 1), date(2026, 11, 30))) == 4


def test_a_day_practised_in_scalp_keeps_its_session(log):
    log.log_session(date(2026, 11, 9), passes=2, minutes=5, note="mine")
    report = import_loop(log, FIXTURE, "Scalp massage")
    assert report.already_practised == 1 and report.sessions_added == 3
    assert [s.note for s in log.sessions_between(date(2026, 11, 9), date(2026, 11, 9))] == ["mine"]


def test_import_from_the_zip(log, tmp_path):
    archive = tmp_path / "Loop Habits CSV 2026-11-11.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in FIXTURE.rglob("*.csv"):
            zf.write(path, path.relative_to(FIXTURE).as_posix())
    report = import_loop(log, archive, "read, 10 pages")
    assert report.sessions_added == 2


def test_numerical_habits_are_refused(log):
    with pytest.raises(LoopError, match="'Water' is a numerical habit"):
        import_loop(log, FIXTURE, "Water")


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (4, "2026-11-08,MAYBE,", "unknown value 'MAYBE' (expected YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN)"),
        (5, "2026-13-07,SKIP,", "'2026-13-07' is not a date written YYYY-MM-DD from 2000-01-01 to 2099-12-31"),
        (6, "2026-11-10,NO,", "2026-11-10 is listed twice (first on line 2)"),
    ],
)
def test_a_malformed_export_imports_nothing_and_names_the_line(log, export, line, text, message):
    checkmarks = export / "001 Scalp massage" / "Checkmarks.csv"
    lines = checkmarks.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    checkmarks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LoopError) as caught:
        import_loop(log, export, "Scalp massage")
    assert str(caught.value) == f"{checkmarks}:{line}: {message}"
    assert log.is_empty()


def test_days_after_today_are_left_out(log, export):
    checkmarks = export / "001 Scalp massage" / "Checkmarks.csv"
    checkmarks.write_text("Date,Value,Notes\n2026-11-30,YES_MANUAL,\n2026-11-21,YES_MANUAL,\n", encoding="utf-8")
    report = import_loop(log, export, "Scalp massage")
    assert (report.future, report.sessions_added) == (1, 1)


def test_dry_run_changes_nothing(log):
    report = import_loop(log, FIXTURE, "Scalp massage", dry_run=True)
    assert report.sessions_added == 4 and report.rows.dry_run
    assert log.is_empty()


def test_not_an_export(tmp_path):
    with pytest.raises(LoopError, match="no Habits.csv"):
        LoopExport(tmp_path)
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(LoopError, match="neither a folder nor a zip"):
        LoopExport(tmp_path / "x.json")
