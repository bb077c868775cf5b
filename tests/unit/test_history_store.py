"""The Log's history aggregates and the reader, against raw events, across DST changes and the day start."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tui.core import stats
from tui.core.calendar import month_start
from tui.store import Log
from tui.store.history import HistoryReader, load_month_review

DAY = date(2026, 11, 20)

# DST changes in both hemispheres (spring forward, fall back), each with its zone.
TRANSITIONS = [
    ("Europe/Berlin", datetime(2024, 3, 31, 1, 0, tzinfo=UTC)),
    ("Europe/Berlin", datetime(2024, 10, 27, 1, 0, tzinfo=UTC)),
    ("America/New_York", datetime(2024, 3, 10, 7, 0, tzinfo=UTC)),
    ("America/New_York", datetime(2024, 11, 3, 6, 0, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2024, 4, 6, 16, 0, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2024, 2, 29, 12, 0, tzinfo=UTC)),  # a leap day, too
]


def test_zone_passes_count_the_passes_each_zone_got_per_day(log, clock):
    session = log.start_session()
    for pass_no in (1, 2):
        log.add_check(session.id, pass_no, "crown")
    log.add_check(session.id, 1, "nape")
    log.finish_session(session.id)
    log.log_session(DAY, passes=2, minutes=8)
    today = log.today()
    passes = log.zone_passes(DAY, today)
    assert passes[today] == {"crown": 2, "nape": 1}
    assert passes[DAY] == {zone: 2 for zone in log.routine.zone_ids}
    assert log.zone_passes(DAY + timedelta(days=1), today - timedelta(days=1)) == {}


def test_ratings_between_come_with_their_practice_day(log):
    session = log.start_session()
    log.set_rating(session.id, "before", "stress", 4)
    log.set_rating(session.id, "after", "stress", 2)
    log.finish_session(session.id)
    ratings = log.ratings_between(DAY, log.today())
    assert [(r.day, r.phase, r.kind, r.value) for r in ratings] == [
        (log.today(), "after", "stress", 2),
        (log.today(), "before", "stress", 4),
    ]
    assert log.ratings_between(DAY, DAY) == []


def _local_day(moment: datetime, zone, day_start: time) -> date:
    """The practice day, written plainly: the local date, or the day before when earlier than the day start."""
    local = moment.astimezone(zone)
    if (local.hour, local.minute, local.second, local.microsecond) < (day_start.hour, day_start.minute, 0, 0):
        return local.date() - timedelta(days=1)
    return local.date()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(TRANSITIONS),
    st.integers(min_value=0, max_value=2**32),
    st.integers(min_value=0, max_value=6 * 60),
    st.integers(min_value=1, max_value=14),
)
def test_days_zones_and_the_review_match_raw_events(transition, seed, day_start_minutes, count):
    zone_name, change = transition
    zone = tz.gettz(zone_name)
    day_start = time(day_start_minutes // 60, day_start_minutes % 60)
    rng = random.Random(seed)
    clock = FakeClock(change - timedelta(days=8))
    log = Log.memory(clock=clock, zone=zone)
    log.save_settings(day_start=day_start)
    zones = log.routine.zone_ids
    # Session starts near the change, many of them close to the day start on either side.
    starts = []
    for _ in range(count):
        if rng.random() < 0.5:
            local_day = (change + timedelta(days=rng.randint(-6, 6))).astimezone(zone).date()
            near = datetime.combine(local_day, day_start, tzinfo=zone) + timedelta(minutes=rng.randint(-90, 90))
            starts.append(near.astimezone(UTC))
        else:
            starts.append(change + timedelta(minutes=rng.randint(-6 * 1440, 6 * 1440)))
    starts = sorted(set(starts))
    events = []  # (practice day, minutes, {(pass, zone)})
    previous_end = None
    for start in starts:
        if previous_end is not None and start <= previous_end:
            continue
        clock.now = start
        session = log.start_session()
        done = set()
        for pass_no in range(1, rng.randint(0, 4) + 1):
            for zone_id in zones:
                if rng.random() < 0.93:
                    log.add_check(session.id, pass_no, zone_id)
                    done.add((pass_no, zone_id))
        minutes = rng.randint(2, 40)
        end = start + timedelta(minutes=minutes)
        if rng.random() < 0.4:
            # A pause inside the session: its minutes do not count.
            paused_at = rng.randint(0, minutes - 1)
            resumed_at = rng.randint(paused_at + 1, minutes)
            clock.now = start + timedelta(minutes=paused_at)
            log.pause_session(session.id)
            clock.now = start + timedelta(minutes=resumed_at)
            log.resume_session(session.id)
            minutes -= resumed_at - paused_at
        log.finish_session(session.id, at=end)
        previous_end = end
        events.append((_local_day(start, zone, day_start), minutes, done))
    rest_day = _local_day(change, zone, day_start) + timedelta(days=rng.randint(-3, 3))
    log.set_rest(rest_day, "travel")
    clock.now = change + timedelta(days=7)

    # The oracle: per practice day, full passes, checks, minutes, sessions and zone passes.
    expected: dict[date, dict] = {}
    for day, minutes, done in events:
        entry = expected.setdefault(day, {"passes": 0, "checks": 0, "minutes": 0.0, "sessions": 0, "zones": {}})
        full = sum(1 for p in {p for p, _ in done} if all((p, z) in done for z in zones))
        entry["passes"] += full
        entry["checks"] += len(done)
        entry["minutes"] += minutes
        entry["sessions"] += 1
        for _, zone_id in done:
            entry["zones"][zone_id] = entry["zones"].get(zone_id, 0) + 1
    lo, hi = min(expected) if expected else rest_day, log.today()
    lo = min(lo, rest_day)
    summaries = log.day_summaries(lo, hi)
    for day, entry in expected.items():
        got = summaries[day]
        assert (got.passes, got.checks, got.sessions) == (entry["passes"], entry["checks"], entry["sessions"]), day
        assert abs(got.minutes - entry["minutes"]) < 1e-3
    assert {d for d, s in summaries.items() if s.sessions} == set(expected)
    assert summaries[rest_day].rest_reason == "travel"
    zone_passes = log.zone_passes(lo, hi)
    assert zone_passes == {d: e["zones"] for d, e in expected.items() if e["zones"]}

    # The review read through the Log agrees with the same figures from the oracle's days.
    oracle_days = {
        d: stats.DaySummary(
            d, e["passes"], e["checks"], e["minutes"], e["sessions"], "travel" if d == rest_day else None
        )
        for d, e in expected.items()
    }
    oracle_days.setdefault(rest_day, stats.DaySummary(rest_day, rest_reason="travel"))
    today = log.today()
    target = stats.Target.from_settings(log.settings())
    for month in {month_start(d) for d in oracle_days} | {month_start(today)}:
        review = load_month_review(log, month)
        plain = stats.month_review(
            stats.History.complete(oracle_days, today),
            month,
            today,
            target,
            zone_passes={d: e["zones"] for d, e in expected.items()},
            zone_ids=zones,
        )
        for figures, oracle in ((review.current, plain.current), (review.previous, plain.previous)):
            assert (figures.start, figures.end, figures.practised, figures.rest, figures.due) == (
                oracle.start,
                oracle.end,
                oracle.practised,
                oracle.rest,
                oracle.due,
            )
            assert (figures.current_streak, figures.longest_streak) == (oracle.current_streak, oracle.longest_streak)
            assert figures.zones == oracle.zones
            assert abs(figures.minutes - oracle.minutes) < 1e-2
    log.close()


def test_reader_counts_reads_and_reuses_what_it_read(log, clock):
    for back in range(1, 40):
        log.log_session(log.today() - timedelta(days=back), passes=3, minutes=9)
    reader = HistoryReader(log)
    reader.month_review(log.today())
    reads = reader.queries
    reader.summaries(log.today() - timedelta(days=30), log.today())
    assert reader.queries == reads  # already read: no new query
    assert reader.current_streak() == 39
