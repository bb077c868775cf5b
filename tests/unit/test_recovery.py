"""Repairing unattended sessions (killed app, slept machine, a new practice day) and step marks."""

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import FIXED_NOW
from tui.core.models import Pause, Session
from tui.core.recovery import CLOSE, PAUSE, STALE_AFTER, plan_recovery
from tui.store import Log
from tui.store.errors import SessionError

DAY = date(2026, 11, 22)
DAY_END = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


def running(seen_after: float, **kwargs) -> Session:
    return Session("s", DAY, FIXED_NOW, last_seen_at=FIXED_NOW + timedelta(seconds=seen_after), **kwargs)


# --- the pure rule ----------------------------------------------------------------------


def test_fresh_running_session_is_left_alone():
    session = running(60)
    now = FIXED_NOW + timedelta(seconds=60) + STALE_AFTER
    assert plan_recovery(session, now, DAY, DAY_END) is None


def test_stale_running_session_is_paused_at_its_last_heartbeat():
    session = running(60)
    now = FIXED_NOW + timedelta(seconds=61) + STALE_AFTER
    plan = plan_recovery(session, now, DAY, DAY_END)
    assert plan.action == PAUSE and plan.at == FIXED_NOW + timedelta(seconds=60)


def test_paused_session_of_today_is_left_alone():
    pause = Pause("p", "s", FIXED_NOW + timedelta(minutes=2), None)
    session = running(120, pauses=(pause,))
    assert plan_recovery(session, FIXED_NOW + timedelta(hours=5), DAY, DAY_END) is None


def test_yesterdays_paused_session_closes_at_its_pause():
    pause = Pause("p", "s", FIXED_NOW + timedelta(minutes=2), None)
    session = running(120, pauses=(pause,))
    plan = plan_recovery(session, FIXED_NOW + timedelta(days=1), DAY + timedelta(days=1), DAY_END)
    assert plan.action == CLOSE and plan.at == pause.paused_at


def test_yesterdays_running_session_closes_at_its_heartbeat_or_the_day_end():
    stale = running(300)
    plan = plan_recovery(stale, FIXED_NOW + timedelta(days=1), DAY + timedelta(days=1), DAY_END)
    assert plan.action == CLOSE and plan.at == FIXED_NOW + timedelta(seconds=300)
    # Kept alive past the boundary by a running app: it ends where its day ended.
    alive = Session("s", DAY, FIXED_NOW, last_seen_at=DAY_END + timedelta(minutes=7))
    plan = plan_recovery(alive, DAY_END + timedelta(minutes=7), DAY + timedelta(days=1), DAY_END)
    assert plan.action == CLOSE and plan.at == DAY_END


def test_a_heartbeat_older_than_the_last_resume_never_moves_time_back():
    pause = Pause("p", "s", FIXED_NOW + timedelta(minutes=1), FIXED_NOW + timedelta(minutes=3))
    session = Session("s", DAY, FIXED_NOW, last_seen_at=FIXED_NOW, pauses=(pause,))
    plan = plan_recovery(session, FIXED_NOW + timedelta(hours=1), DAY, DAY_END)
    assert plan.action == PAUSE and plan.at == pause.resumed_at


def test_finished_sessions_need_nothing():
    session = Session("s", DAY, FIXED_NOW, ended_at=FIXED_NOW + timedelta(minutes=5))
    assert plan_recovery(session, FIXED_NOW + timedelta(days=3), DAY + timedelta(days=3), DAY_END) is None


# --- through the log --------------------------------------------------------------------


def test_log_pauses_a_killed_session_at_its_heartbeat(file_log: Log, clock):
    session = file_log.start_session()
    clock.advance(65)
    file_log.touch_session(session.id)
    clock.advance(3600)  # the app was killed; an hour later it opens again
    plan, repaired = file_log.recover_session()
    assert plan.action == PAUSE
    assert repaired.paused and repaired.pauses[-1].paused_at == FIXED_NOW + timedelta(seconds=65)
    assert repaired.elapsed(clock.now) == timedelta(seconds=65)
    assert file_log.recover_session() is None  # repaired once; nothing more to do
    clock.advance(10)
    resumed = file_log.resume_session(session.id)
    clock.advance(20)
    assert resumed.elapsed(clock.now) == timedelta(seconds=85)


def test_log_leaves_a_session_another_app_is_running(file_log: Log, clock):
    session = file_log.start_session()
    clock.advance(5)
    file_log.touch_session(session.id)
    clock.advance(4)
    assert file_log.recover_session() is None
    assert file_log.session(session.id).running


def test_log_closes_a_session_left_open_overnight_and_counts_it_once(file_log: Log, clock):
    session = file_log.start_session()
    clock.advance(minutes=4)
    file_log.pause_session(session.id)
    clock.advance(hours=20)  # next practice day (day start 04:00 UTC)
    plan, closed = file_log.recover_session()
    assert plan.action == CLOSE and closed.finished
    assert closed.ended_at == FIXED_NOW + timedelta(minutes=4)
    assert closed.elapsed(clock.now) == timedelta(minutes=4)
    summaries = file_log.day_summaries(DAY, DAY + timedelta(days=1))
    assert list(summaries) == [DAY]
    assert summaries[DAY].sessions == 1 and summaries[DAY].minutes == pytest.approx(4)
    assert file_log.active_session() is None


def test_step_marks_round_trip(log: Log, clock):
    session = log.start_session()
    log.mark_step(session.id, "warm_hands")
    clock.advance(1)
    log.mark_step(session.id, "oil")
    log.mark_step(session.id, "oil")  # twice is once
    assert log.step_marks(session.id) == ["warm_hands", "oil"]
    assert log.unmark_last_step(session.id) == "oil"
    assert log.step_marks(session.id) == ["warm_hands"]
    assert log.unmark_last_step(session.id) == "warm_hands"
    assert log.unmark_last_step(session.id) is None


def test_step_marks_refuse_unknown_steps_and_finished_sessions(log: Log):
    session = log.start_session()
    with pytest.raises(ValueError):
        log.mark_step(session.id, "dance")
    log.finish_session(session.id)
    with pytest.raises(SessionError):
        log.mark_step(session.id, "oil")

