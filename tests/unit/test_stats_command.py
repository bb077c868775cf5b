"""`scalp stats`: the month's review as text and JSON, the same figures as the History screen, clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.calendar import add_months, days, month_end, month_start
from tui.store import Log
from tui.store.history import load_month_review


@pytest.fixture
def db(tmp_path):
    """A file log on the real clock: two months ago fully practised but for three rest days."""
    path = tmp_path / "scalp.db"
    store = Log.open(path)
    today = store.today()
    month = add_months(month_start(today), -2)
    rests = {month + timedelta(days=n) for n in (3, 4, 10)}
    for day in days(month, month_end(month)):
        if day in rests:
            store.set_rest(day, "travel")
        else:
            store.log_session(day, passes=3, minutes=8)
    for back in range(1, 12):
        store.log_session(today - timedelta(days=back), passes=2, minutes=6)
    store.close()
    return path, month, len(list(days(month, month_end(month)))) - 3


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), obj={}, env=env)


def test_json_holds_every_figure_of_the_screens_review(db):
    path, month, practised = db
    result = run("--db", str(path), "stats", "--month", f"{month:%Y-%m}", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    figures = data["month"]
    assert figures["practised"] == practised and figures["due"] == practised and figures["rest"] == 3
    assert figures["consistency"] == 1.0
    assert figures["depth"] == {"partial": 0, "full": practised, "bonus": 0}
    assert figures["longest_streak"] == figures["days"]  # rest days keep the streak
    store = Log.open(path)
    try:
        review = load_month_review(store, month)
    finally:
        store.close()
    fields = set(review.current.__dataclass_fields__) - {"month", "partial_days", "full_days", "bonus_days"}
    assert fields <= set(figures), fields - set(figures)
    assert {"average_minutes", "depth"} <= set(figures)
    assert figures["strength"] == round(review.current.strength, 6)
    assert [z["coverage"] for z in figures["zones"]] == [1.0] * 11
    assert data["previous"]["month"] == f"{add_months(month, -1):%Y-%m}"
    assert data["change"]["practised"] == practised  # the month before is empty
    assert set(data["change"]) >= {"consistency", "strength", "zone_coverage", "current_streak"}


def test_text_shows_the_review_rows(db):
    path, month, practised = db
    result = run("stats", "--db", str(path), "--month", f"{month:%Y-%m}")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(month.strftime("%B %Y"))
    row = next(line for line in lines if line.startswith("Practised"))
    assert f"{practised} of {practised} due" in row
    assert any(line.startswith("Consistency") and "100%" in line for line in lines)
    assert "Most neglected zones: none" in result.stdout


def test_default_month_is_the_current_one_and_db_comes_from_the_environment(db):
    path, _, _ = db
    result = run("stats", "--json", env={"SCALP_DB": str(path)})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["month"]["month"] == data["today"][:7]
    assert data["month"]["current_streak"] == 11  # today not done yet: the streak stands as of yesterday


@pytest.mark.parametrize("month", ["2026-13", "26-01", "November", "", "2026-1-1"])
def test_a_bad_month_gets_one_line_and_no_traceback(db, month):
    path, _, _ = db
    result = run("--db", str(path), "stats", "--month", month)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("scalp: ")
    assert "Traceback" not in result.stderr


def test_a_month_to_come_is_refused(db):
    path, _, _ = db
    result = run("--db", str(path), "stats", "--month", "2099-01")
    assert result.exit_code == 2
    assert "has not begun yet" in result.stderr


def test_a_missing_database_is_not_created(tmp_path):
    path = tmp_path / "none.db"
    result = run("stats", "--db", str(path))
    assert result.exit_code == 2 and "no log at" in result.stderr
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    result = run("stats", "--db", str(path))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert path.read_text() == "hello"


def test_stats_does_not_load_textual(db):
    path, _, _ = db
    code = (
        "import sys; from tui.cli import main; sys.argv = ['scalp', '--db', sys.argv[1], 'stats'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Consistency" in done.stdout


def test_year_json_carries_every_series_of_the_trends(db):
    from tui.store.trends import load_trends

    path, month, practised = db
    result = run("--db", str(path), "stats", "--year", str(month.year), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["month"] for m in data["months"]] == [f"{month.year}-{n:02d}" for n in range(1, 13)]
    by_month = {m["month"]: m for m in data["months"]}
    assert by_month[f"{month:%Y-%m}"]["practised"] == practised
    assert set(data["periods"]) == {"day", "week", "month", "quarter", "year"}
    assert data["best_streaks"][0]["length"] == data["longest_streak"] >= practised + 3
    assert len(data["weekdays"]["months"]) == 12 and len(data["weekdays"]["missed"]) == 7
    assert len(data["ratings"]) == 12 and len(data["zones"]) == 12
    store = Log.open(path)
    try:
        report = load_trends(store, month.year)
    finally:
        store.close()
    assert data["overview"]["days"] == report.overview.days
    assert [s["first"] for s in data["best_streaks"]] == [s.first.isoformat() for s in report.best_streaks]
    text = run("--db", str(path), "stats", "--year", str(month.year))
    assert text.exit_code == 0 and f"Trends of {month.year}" in text.stdout and "Best streaks" in text.stdout


@pytest.mark.parametrize("args", [("--year", "3000"), ("--year", "2026", "--month", "2026-01")])
def test_a_bad_year_is_one_line_and_exit_2(db, args):
    path, _, _ = db
    result = run("--db", str(path), "stats", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("scalp: ") and result.stderr.count("\n") == 1
