"""`scalp log` and `scalp rest` through click's runner, checked in the database."""

from __future__ import annotations

from datetime import date, time, timedelta

from tests.cli.conftest import one_line_error

TODAY = date(2026, 11, 22)


def test_log_a_full_session_today_by_default(scalp):
    result = scalp("log")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Logged 3 passes (8.2 min, mini-circles) on Sun 22 Nov 2026.\n"
    with scalp.open() as log:
        (session,) = log.sessions_between(TODAY, TODAY)
        assert session.source == "log" and session.minutes == 8.2 and session.technique == "circles"
        assert log.day_summaries(TODAY, TODAY)[TODAY].passes == 3


def test_log_everything_given(scalp):
    result = scalp(
        "log",
        "--date",
        "2026-11-20",
        "--passes",
        "2",
        "--minutes",
        "6",
        "--technique",
        "kneading",
        "--note",
        "  before bed  ",
    )
    assert result.stdout == "Logged 2 passes (6 min, kneading) on Fri 20 Nov 2026.\n"
    with scalp.open() as log:
        (session,) = log.sessions_between(date(2026, 11, 20), date(2026, 11, 20))
        assert (session.minutes, session.technique, session.note) == (6.0, "kneading", "before bed")


def test_db_before_the_command(scalp):
    assert scalp("--db", str(scalp.db), "log", db=False).exit_code == 0
    assert scalp("--db", str(scalp.db), "rest", "--date", "tomorrow", db=False).exit_code == 0
    with scalp.open() as log:
        assert log.sessions_between(TODAY, TODAY) and log.rest_days(TODAY, TODAY + timedelta(days=1))


def test_log_yesterday_and_a_second_session(scalp):
    scalp("log", "--date", "yesterday", "--passes", "1")
    result = scalp("log", "--date", "yesterday", "--passes", "1", "--minutes", "2.5")
    assert result.stdout == "Logged 1 pass (2.5 min, mini-circles) on Sat 21 Nov 2026. That day now has 2 sessions.\n"


def test_log_default_minutes_follow_the_settings(scalp):
    with scalp.open() as log:
        log.save_settings(passes=4, dwell_seconds=20.0, focus_zones=frozenset({"crown"}), technique="press_lift")
    result = scalp("log")
    # 4 passes x (10 zones x 20 s + the crown at 1.5 x 20 s) = 920 s
    assert result.stdout == "Logged 4 passes (15.3 min, press and lift) on Sun 22 Nov 2026.\n"


def test_log_counts_days_by_the_day_start(scalp, clock):
    clock.now = clock.now.replace(hour=2)  # 02:00, before the 04:00 day start
    scalp("log")
    with scalp.open() as log:
        assert log.sessions_between(TODAY - timedelta(days=1), TODAY - timedelta(days=1))


def test_log_refuses_the_future(scalp):
    line = one_line_error(scalp("log", "--date", "tomorrow"))
    assert line == "scalp: --date 2026-11-23 is in the future (today is 2026-11-22); log it once it is done"
    assert not scalp.db.exists()


def test_log_offers_only_the_days_its_help_offers(scalp):
    line = one_line_error(scalp("log", "--date", "someday"))
    assert line == "scalp: --date: 'someday' is not a day (use YYYY-MM-DD, today or yesterday)"
    assert "today or yesterday" in scalp("log", "--help").stdout


def test_log_refuses_an_overlong_note_and_logs_nothing(scalp):
    line = one_line_error(scalp("log", "--note", "x" * 10_001))
    assert line == "scalp: --note: the note has 10,001 characters; a note is at most 10,000; nothing was logged"
    assert not scalp.db.exists()


def test_log_keeps_a_long_note_whole(scalp):
    note = "a long note. " * 384 + "end"  # 4,995 characters
    assert scalp("log", "--note", note).exit_code == 0
    with scalp.open() as log:
        (session,) = log.sessions_between(TODAY, TODAY)
        assert session.note == note


def test_log_refuses_the_future_by_the_stored_day_start(scalp):
    with scalp.open() as log:
        log.save_settings(day_start=time(10, 0))  # at 09:30 it is still the 21st
    line = one_line_error(scalp("log", "--date", "2026-11-22"))
    assert "is in the future (today is 2026-11-21)" in line


def test_rest_today_and_change_its_reason(scalp):
    assert scalp("rest").stdout == "Marked 1 day of rest on Sun 22 Nov 2026.\n"
    assert scalp("rest", "--reason", "ill").stdout == "Set the reason of 1 rest day to 'ill'.\n"
    assert scalp("rest", "--reason", "ill").stdout == "Nothing to change: Sun 22 Nov 2026 is already marked as rest.\n"
    with scalp.open() as log:
        assert [(r.day, r.reason) for r in log.rest_days(TODAY, TODAY)] == [(TODAY, "ill")]


def test_rest_a_range_in_the_future(scalp):
    result = scalp("rest", "--from", "2026-12-20", "--to", "2026-12-27", "--reason", "travel")
    assert result.stdout == "Marked 8 days of rest (travel) on Sun 20 Dec 2026 to Sun 27 Dec 2026.\n"
    with scalp.open() as log:
        assert len(log.rest_days(date(2026, 12, 1), date(2026, 12, 31))) == 8


def test_rest_notes_days_that_have_a_session(scalp):
    scalp("log", "--date", "2026-11-21")
    result = scalp("rest", "--from", "2026-11-20", "--to", "2026-11-22")
    assert (
        result.stdout
        == "Marked 3 days of rest on Fri 20 Nov 2026 to Sun 22 Nov 2026. Note: Sat 21 Nov 2026 also has a session.\n"
    )


def test_rest_clear(scalp):
    scalp("rest", "--from", "2026-11-20", "--to", "2026-11-22")
    assert scalp("rest", "--clear", "--date", "2026-11-21").stdout == "Cleared 1 day of rest on Sat 21 Nov 2026.\n"
    assert scalp("rest", "--clear", "--date", "2026-11-21").stdout == "No rest day to clear on Sat 21 Nov 2026.\n"
    with scalp.open() as log:
        assert [r.day.day for r in log.rest_days(TODAY - timedelta(days=5), TODAY)] == [20, 22]


def test_rest_clear_on_a_missing_log_creates_nothing(scalp):
    assert scalp("rest", "--clear").exit_code == 0
    assert not scalp.db.exists()
