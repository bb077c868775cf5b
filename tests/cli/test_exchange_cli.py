"""`scalp export` and `scalp import` through click's runner."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli.conftest import Scalp, one_line_error

TODAY = date(2026, 11, 22)
LOOP_FIXTURE = Path(__file__).parent.parent / "fixtures" / "loop-export"


def rows_of(export: str) -> dict:
    """An export's rows: what a round trip must keep (the change journal names devices and ops)."""
    return json.loads(export)["tables"]


def filled(scalp: Scalp) -> Scalp:
    scalp("log", "--date", "2026-11-20", "--note", 'a, "quoted"\nnote')
    scalp("log", "--passes", "1")
    scalp("rest", "--date", "2026-11-21", "--reason", "travel")
    return scalp


def test_export_json_to_stdout_and_back_into_an_empty_log(scalp, tmp_path, clock):
    text = filled(scalp)("export").stdout
    data = json.loads(text)
    assert data["format"] == "scalp-export" and len(data["tables"]["sessions"]) == 2
    other = Scalp(tmp_path / "other.db", clock)
    result = other("import", "-", input=text)
    assert result.stdout == "Imported 2 sessions, 44 checks, 1 rest day.\n"
    assert rows_of(other("export").stdout) == rows_of(text)
    again = other("import", "-", input=text)
    assert again.stdout == "Imported nothing (47 rows already in the log were left as they are).\n"
    assert rows_of(other("export").stdout) == rows_of(text)


def test_export_to_a_file_and_a_csv_folder(scalp, tmp_path, clock):
    filled(scalp)
    result = scalp("export", "-o", str(tmp_path / "out.json"))
    assert result.stderr == f"Exported 2 sessions, 44 checks, 1 rest day to {tmp_path / 'out.json'}.\n"
    assert scalp("export", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "checks.csv", "pauses.csv", "ratings.csv", "rest_days.csv", "sessions.csv", "settings.csv",
        "settings_history.csv", "step_marks.csv",
    ]  # fmt: skip
    other = Scalp(tmp_path / "other.db", clock)
    assert other("import", str(tmp_path / "csv")).exit_code == 0
    assert rows_of(other("export").stdout) == rows_of((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_import_dry_run_into_a_missing_log_creates_nothing(scalp, tmp_path, clock):
    filled(scalp)("export", "-o", str(tmp_path / "out.json"))
    other = Scalp(tmp_path / "other.db", clock)
    result = other("import", str(tmp_path / "out.json"), "--dry-run")
    assert result.stdout == "Dry run: would import 2 sessions, 44 checks, 1 rest day. Nothing was changed.\n"
    assert not other.db.exists()


def test_import_loop_export(scalp):
    result = scalp("import", str(LOOP_FIXTURE), "--habit", "Scalp massage")
    assert result.stdout == (
        "Imported 4 practised days as sessions and 2 rest days from Loop habit 'Scalp massage'. "
        "3 days marked YES_AUTO, NO or UNKNOWN were ignored.\n"
    )
    again = scalp("import", str(LOOP_FIXTURE), "--habit", "scalp massage")
    assert "Imported 0 practised days" in again.stdout and "6 days were imported before" in again.stdout
    with scalp.open() as log:
        assert len(log.sessions_between(date(2026, 11, 1), TODAY)) == 4


def test_import_loop_needs_a_habit_when_there_are_several(scalp):
    line = one_line_error(scalp("import", str(LOOP_FIXTURE)))
    assert (
        line
        == "scalp: the export holds 3 habits ('Scalp massage', 'Read, 10 pages', 'Water'); pick one with --habit NAME"
    )
    assert not scalp.db.exists()


def test_status_after_import(scalp):
    scalp("import", str(LOOP_FIXTURE), "--habit", "Scalp massage")
    assert scalp("status").stdout == "scalp: not done yet today\n"
