"""Time: the day-start hour, DST nights and a changed time zone never split, duplicate or lose a practice day.

In process, the Log runs on a fake clock in a named zone (dateutil's Europe/Berlin and
America/New_York); across processes, real `scalp` commands run with different TZ values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest
from dateutil import tz

from tests.conftest import FakeClock
from tests.reliability.helpers import private_env, query
from tui.core.calendar import practice_day
from tui.core.recovery import CLOSE
from tui.store import Log

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")


def at(zone, *fields) -> datetime:
    """A local wall-clock moment in ``zone``, as UTC (so the fake clock moves in real time)."""
    return datetime(*fields, tzinfo=zone).astimezone(timezone.utc)


def run_session(store: Log, clock: FakeClock, steps: list[datetime]) -> str:
    """Start at the clock's moment, check a zone at each step, finish at the last; returns the session id."""
    session = store.start_session()
    zones = store.routine.zone_ids
    for n, moment in enumerate(steps[:-1]):
        clock.now = moment
        store.add_check(session.id, n // len(zones) + 1, zones[n % len(zones)])
    clock.now = steps[-1]
    store.finish_session(session.id)
    return session.id


def days_logged(store: Log, start: date, end: date) -> dict[date, tuple[int, int]]:
    """Per day: (sessions, checks)."""
    summaries = store.day_summaries(start, end)
    checks = {}
    for check in store.checks_between(start, end):
        checks[check.day] = checks.get(check.day, 0) + 1
    return {day: (s.sessions, checks.get(day, 0)) for day, s in summaries.items() if s.sessions}


def test_a_session_across_the_day_start_hour_stays_on_the_day_it_started():
    first = at(BERLIN, 2026, 6, 10, 3, 50)
    clock = FakeClock(first)
    store = Log.memory(clock=clock, zone=BERLIN)
    steps = [first + timedelta(minutes=m) for m in range(0, 25, 2)]  # 03:50 to 04:14
    sid = run_session(store, clock, steps)
    assert store.today() == date(2026, 6, 10)  # the day turned during the session
    assert {c.day for c in store.checks_for_session(sid)} == {date(2026, 6, 9)}
    assert days_logged(store, date(2026, 6, 8), date(2026, 6, 11)) == {date(2026, 6, 9): (1, len(steps) - 1)}
    # The next session, after the day start, is the new day's, and the first stays whole.
    clock.now = at(BERLIN, 2026, 6, 10, 4, 30)
    run_session(store, clock, [clock.now, at(BERLIN, 2026, 6, 10, 4, 31)])
    assert days_logged(store, date(2026, 6, 8), date(2026, 6, 11)) == {
        date(2026, 6, 9): (1, len(steps) - 1),
        date(2026, 6, 10): (1, 1),
    }


@pytest.mark.parametrize(
    ("start", "end", "day"),
    [
        # Spring forward: 02:00 does not exist on 29 March; 03:59 is still the 28th's practice day.
        ((2026, 3, 29, 1, 10), (2026, 3, 29, 3, 59), date(2026, 3, 28)),
        # Fall back: 02:00-03:00 happens twice on 25 October.
        ((2026, 10, 25, 1, 30), (2026, 10, 25, 3, 55), date(2026, 10, 24)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_a_session_over_the_dst_night_is_one_session_on_one_day(start, end, day):
    first, last = at(BERLIN, *start), at(BERLIN, *end)
    clock = FakeClock(first)
    store = Log.memory(clock=clock, zone=BERLIN)
    steps = [first + (last - first) * n / 20 for n in range(21)]  # evenly over real (UTC) time
    sid = run_session(store, clock, steps)
    checks = store.checks_for_session(sid)
    assert len(checks) == 20 and {c.day for c in checks} == {day}
    assert days_logged(store, day - timedelta(days=1), day + timedelta(days=2)) == {day: (1, 20)}
    # Its length is real time, not wall-clock time (the hour skipped or repeated is not lost or doubled).
    session = store.session(sid)
    assert session.ended_at - session.started_at == last - first
    # A moment right at the day start after the change belongs to the new day.
    assert practice_day(at(BERLIN, *end[:3], 4, 0), zone=BERLIN) == day + timedelta(days=1)


def test_a_session_left_open_into_the_next_day_is_closed_once_on_its_own_day():
    clock = FakeClock(at(NEW_YORK, 2026, 11, 1, 0, 30))  # the night US clocks fall back
    store = Log.memory(clock=clock, zone=NEW_YORK)
    session = store.start_session()
    clock.now = at(NEW_YORK, 2026, 11, 1, 0, 40)
    store.add_check(session.id, 1, "hairline")
    store.touch_session(session.id)  # the last heartbeat before the app was killed
    last_seen = clock.now
    clock.now = at(NEW_YORK, 2026, 11, 1, 9, 0)  # reopened the next morning, the next practice day
    plan, closed = store.recover_session()
    assert plan.action == CLOSE and closed.ended_at == last_seen
    assert store.recover_session() is None  # a second start (or a second app) repairs nothing more
    clock.now += timedelta(minutes=5)
    store.start_session()
    days = days_logged(store, date(2026, 10, 30), date(2026, 11, 2))
    assert days == {date(2026, 10, 31): (1, 1), date(2026, 11, 1): (1, 0)}


def scalp(db, zone: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **private_env(db.parent / "home"), "TZ": zone}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0 and result.stderr == "", (args, result.stderr)
    return result


def test_commands_in_different_time_zones_neither_duplicate_nor_lose_a_day(tmp_path):
    db = tmp_path / "scalp.db"
    now = datetime.now(timezone.utc)
    ny_day = practice_day(now, zone=NEW_YORK)
    tokyo_day = practice_day(now, zone=tz.gettz("Asia/Tokyo"))

    said = scalp(db, "America/New_York", "log").stdout
    assert ny_day.strftime("%a %d %b %Y") in said
    status = json.loads(scalp(db, "Asia/Tokyo", "status", "--json").stdout)
    scalp(db, "Asia/Tokyo", "log")
    after = json.loads(scalp(db, "Asia/Tokyo", "status", "--json").stdout)
    ny_again = json.loads(scalp(db, "America/New_York", "status", "--json").stdout)
    stats = json.loads(scalp(db, "Europe/Berlin", "stats", "--json", "--month", tokyo_day.strftime("%Y-%m")).stdout)
    later = datetime.now(timezone.utc)
    if practice_day(later, zone=NEW_YORK) != ny_day or practice_day(later, zone=tz.gettz("Asia/Tokyo")) != tokyo_day:
        pytest.skip("a practice day turned while the commands ran; the expected days moved")

    # Each command stored the day of its own zone, once; no day appears twice or goes missing.
    sessions = query(db, "SELECT day, COUNT(*) FROM sessions GROUP BY day ORDER BY day")
    expected = {ny_day.isoformat(): 1}
    expected[tokyo_day.isoformat()] = expected.get(tokyo_day.isoformat(), 0) + 1
    assert dict(sessions) == expected
    assert query(db, "SELECT COUNT(DISTINCT day) FROM checks")[0][0] == len(expected)
    assert status["day"] == tokyo_day.isoformat() and after["day"] == tokyo_day.isoformat()
    if tokyo_day == ny_day:
        assert (status["passes"], after["passes"], after["streak"]) == (3, 6, 1)
    else:  # Tokyo is a practice day ahead: New York's session is its yesterday, which keeps the streak
        assert tokyo_day == ny_day + timedelta(days=1)
        assert (status["passes"], status["streak"], after["passes"], after["streak"]) == (0, 1, 3, 2)
    assert ny_again["day"] == ny_day.isoformat() and ny_again["passes"] == 3 * expected[ny_day.isoformat()]
    in_month = {d for d in (ny_day, tokyo_day) if d.strftime("%Y-%m") == tokyo_day.strftime("%Y-%m")}
    assert stats["month"]["session_days"] == len(in_month)
