"""The Log on in-memory and file databases: sessions, checks, rest days, settings, aggregates."""

import sqlite3
from datetime import date, datetime, time, timedelta, timezone

import pytest

from tui.store import Log
from tui.store.errors import SessionError
from tui.store.schema import known_names
from tui.store.versions import SCHEMA_NAMES

TODAY = date(2026, 11, 22)


def test_schema_name_lists_agree():
    # versions.py lets the status path skip importing sqlite-utils; it must not drift.
    assert tuple(known_names()) == SCHEMA_NAMES


def test_start_pause_resume_finish_measures_active_time(log, clock):
    session = log.start_session()
    assert session.day == TODAY and session.running and session.technique == "circles"
    clock.advance(120)
    assert log.pause_session(session.id).paused
    clock.advance(300)  # paused time does not count
    assert log.resume_session(session.id).running
    clock.advance(60)
    done = log.finish_session(session.id)
    assert done.finished
    assert done.elapsed(clock()) == timedelta(minutes=3)
    assert log.day_summaries(TODAY, TODAY)[TODAY].minutes == pytest.approx(3.0)


def test_only_one_open_session(log):
    log.start_session()
    with pytest.raises(SessionError, match="already open"):
        log.start_session()


def test_wrong_state_transitions_are_refused(log):
    session = log.start_session()
    with pytest.raises(SessionError):
        log.resume_session(session.id)
    log.finish_session(session.id)
    with pytest.raises(SessionError):
        log.pause_session(session.id)
    with pytest.raises(SessionError):
        log.finish_session(session.id)


def test_finishing_a_paused_session_closes_the_pause(log, clock):
    session = log.start_session()
    clock.advance(60)
    log.pause_session(session.id)
    clock.advance(600)
    done = log.finish_session(session.id)
    assert done.pauses[-1].resumed_at == done.ended_at
    assert done.elapsed(clock()) == timedelta(minutes=1)


def test_a_session_after_midnight_counts_for_the_day_before(clock):
    clock.now = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
    store = Log.memory(clock=clock, zone=timezone.utc)
    assert store.start_session().day == TODAY


def test_checks_undo_and_full_passes(log, clock):
    session = log.start_session()
    zones = log.routine.zone_ids
    for zone in zones:
        clock.advance(15)
        log.add_check(session.id, 1, zone)
    log.add_check(session.id, 2, zones[0])
    summary = log.day_summaries(TODAY, TODAY)[TODAY]
    assert (summary.passes, summary.checks) == (1, len(zones) + 1)
    undone = log.undo_last_check(session.id)
    assert (undone.pass_no, undone.zone) == (2, zones[0])
    undone = log.undo_last_check(session.id)
    assert (undone.pass_no, undone.zone) == (1, zones[-1])
    assert log.day_summaries(TODAY, TODAY)[TODAY].passes == 0
    assert len(log.checks_for_session(session.id)) == len(zones) - 1


def test_a_zone_is_checked_once_per_pass(log):
    session = log.start_session()
    log.add_check(session.id, 1, "crown")
    with pytest.raises(SessionError, match="already checked"):
        log.add_check(session.id, 1, "crown")
    with pytest.raises(KeyError):
        log.add_check(session.id, 1, "forehead")


def test_undo_with_nothing_to_undo(log):
    session = log.start_session()
    assert log.undo_last_check(session.id) is None


def test_log_session_records_full_passes(log):
    day = date(2026, 11, 1)
    session = log.log_session(day, passes=3, minutes=8, note="back-filled")
    assert session.source == "log" and session.minutes == 8
    summary = log.day_summaries(day, day)[day]
    assert (summary.passes, summary.minutes, summary.sessions) == (3, 8, 1)
    assert len(log.checks_for_session(session.id)) == 33


def test_rest_days(log):
    log.set_rest(date(2026, 11, 20), "travel")
    log.set_rest(date(2026, 11, 20), "illness")  # changes the reason, keeps one row
    assert [(r.day, r.reason) for r in log.rest_days(date(2026, 11, 1), TODAY)] == [(date(2026, 11, 20), "illness")]
    assert log.day_summaries(date(2026, 11, 20), date(2026, 11, 20))[date(2026, 11, 20)].rest
    assert log.clear_rest(date(2026, 11, 20))
    assert not log.clear_rest(date(2026, 11, 20))


def test_settings_round_trip(log):
    assert log.settings().passes == 3
    log.save_settings(passes=4, day_start=time(5, 30), focus_zones={"crown", "top"})
    settings = log.settings()
    assert (settings.passes, settings.day_start, settings.focus_zones) == (4, time(5, 30), {"crown", "top"})
    with pytest.raises(ValueError, match="unknown setting"):
        log.save_settings(colour="red")


def test_ratings(log):
    session = log.start_session()
    log.set_rating(session.id, "before", "stress", 4)
    log.set_rating(session.id, "before", "stress", 2)
    assert log.ratings(session.id) == {("before", "stress"): 2}
    log.set_rating(session.id, "before", "stress", None)
    assert log.ratings(session.id) == {}
    with pytest.raises(ValueError):
        log.set_rating(session.id, "after", "stress", 6)


def test_every_row_has_a_unique_text_id(log):
    session = log.start_session()
    log.add_check(session.id, 1, "top")
    log.set_rest(date(2026, 11, 1), "travel")
    for table in ("sessions", "checks", "rest_days"):
        ids = [row[0] for row in log.conn.execute(f"SELECT id FROM {table}")]
        assert all(isinstance(i, str) and len(i) == 32 for i in ids)


def test_file_log_uses_wal_and_is_seen_by_a_second_connection(file_log):
    assert file_log.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    session = file_log.start_session()
    file_log.add_check(session.id, 1, "crown")
    other = sqlite3.connect(file_log.path)
    assert other.execute("SELECT zone FROM checks").fetchall() == [("crown",)]
    other.close()


def test_reopening_keeps_rows_and_applies_nothing_twice(tmp_path, clock):
    path = tmp_path / "scalp.db"
    first = Log.open(path, clock=clock, zone=timezone.utc)
    first.log_session(TODAY, passes=1, minutes=3)
    first.close()
    second = Log.open(path, clock=clock, zone=timezone.utc)
    assert second.day_summaries(TODAY, TODAY)[TODAY].passes == 1
    applied = second.conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied == len(SCHEMA_NAMES)
    second.close()


def test_first_run_creates_folders(tmp_path, clock):
    path = tmp_path / "deep" / "er" / "scalp.db"
    Log.open(path, clock=clock).close()
    assert path.is_file()


def test_a_second_process_waits_instead_of_failing(tmp_path, clock):
    path = tmp_path / "scalp.db"
    first = Log.open(path, clock=clock, zone=timezone.utc)
    second = Log.open(path, clock=clock, zone=timezone.utc)
    first.conn.execute("BEGIN IMMEDIATE")  # hold the write lock briefly
    first.conn.execute("COMMIT")
    second.set_rest(TODAY, "test")
    assert first.rest_days(TODAY, TODAY)[0].reason == "test"
    timeout = second.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    assert timeout >= 5000
