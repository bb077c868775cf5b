"""A changed setting never rewrites the past, and the first days of a month compare like with like."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tui.core import stats
from tui.core.calendar import add_months, month_end, month_start
from tui.core.models import DaySummary
from tui.core.review_text import review_rows
from tui.store import Log
from tui.store.history import HistoryReader

ZONES = ("a", "b", "c")
ONE = timedelta(days=1)


def random_history(seed: int, start: date, end: date):
    rng = random.Random(seed)
    summaries: dict[date, DaySummary] = {}
    zone_passes: dict[date, dict[str, int]] = {}
    day = start
    while day <= end:
        roll = rng.random()
        if roll < 0.6:
            passes = rng.randint(1, 5)
            summaries[day] = DaySummary(day=day, passes=passes, checks=passes * 3, minutes=rng.uniform(1, 20), sessions=1)
            zone_passes[day] = {z: rng.randint(0, 4) for z in ZONES}
        elif roll < 0.7:
            summaries[day] = DaySummary(day=day, rest_reason="ill")
        day += ONE
    return summaries, zone_passes


def figures(history, month, today, targets, zone_passes):
    return stats.month_figures(
        history, month, today, targets, zone_passes=zone_passes, zone_ids=ZONES, focus_zones=targets.focus_on
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32),
    base=st.tuples(st.integers(1, 7), st.integers(1, 4)),
    changes=st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 7), st.integers(1, 4), st.frozensets(st.sampled_from(ZONES))),
        min_size=1,
        max_size=4,
    ),
)
def test_settings_changed_later_never_change_a_month_that_ended_before(seed, base, changes):
    first, today = date(2024, 1, 10), date(2024, 9, 15)
    summaries, zone_passes = random_history(seed, first, today)
    history = stats.History.complete(summaries, today)
    plain = stats.TargetTimeline(stats.Target(*base), (), frozenset({"a"}))
    changed = stats.TargetTimeline(
        stats.Target(*base),
        tuple((date(2024, 2, 1) + timedelta(days=d), stats.Target(n, p), f) for d, n, p, f in changes),
        frozenset({"a"}),
    )
    earliest = date(2024, 2, 1) + timedelta(days=min(d for d, *_ in changes))
    month = month_start(first)
    while month_end(month) < earliest:
        # The month's figures (and the review comparing it with the month before) stand as they were.
        assert figures(history, month, today, changed, zone_passes) == figures(history, month, today, plain, zone_passes)
        assert stats.month_review(
            history, month, today, changed, zone_passes=zone_passes, zone_ids=ZONES, focus_zones=changed.focus_on
        ) == stats.month_review(
            history, month, today, plain, zone_passes=zone_passes, zone_ids=ZONES, focus_zones=plain.focus_on
        )
        month = add_months(month, 1)
    # And a day before the change keeps its streak and strength.
    day = earliest - ONE
    if day >= first:
        assert stats.streak_on(history, day, changed) == stats.streak_on(history, day, plain)
        assert stats.strength_on(history, day, changed) == stats.strength_on(history, day, plain)


def _log_on(day: date) -> tuple[Log, FakeClock]:
    clock = FakeClock(datetime.combine(day, time(12), tzinfo=timezone.utc))
    return Log.memory(clock=clock, zone=timezone.utc), clock


def test_a_target_lowered_in_december_leaves_january_at_its_own_target():
    store, clock = _log_on(date(2026, 2, 2))
    january = date(2026, 1, 1)
    for n in range(22):
        store.log_session(january + timedelta(days=n), passes=3, minutes=8)
    before = HistoryReader(store).month_review(january).current
    assert (before.practised, before.due, round(before.consistency * 100)) == (22, 31, 71)
    clock.now = datetime(2026, 12, 3, 12, tzinfo=timezone.utc)
    store.save_settings(days_per_week=5, passes=1)
    reader = HistoryReader(store)
    after = reader.month_review(january).current
    assert (after.practised, after.due, round(after.consistency * 100)) == (22, 31, 71)
    assert after.full_days == 22 and after.bonus_days == 0  # 3 passes were the target then, not bonus
    assert after.strength == before.strength and after.longest_streak == before.longest_streak
    assert reader.targets.on(date(2026, 12, 3)) == stats.Target(5, 1)
    store.close()


def _streak_log(today: date, back: int) -> Log:
    store, _ = _log_on(today)
    for n in range(1, back + 1):
        store.log_session(today - timedelta(days=n), passes=3, minutes=8)
    return store


def test_on_the_first_nothing_compares_and_the_longest_streak_is_the_standing_one():
    store = _streak_log(date(2026, 12, 1), 40)
    review = HistoryReader(store).month_review(date(2026, 12, 1))
    assert review.current.start is None and not review.comparable
    assert review.current.current_streak == 40 and review.current.longest_streak == 40
    assert review.previous.end == date(2026, 11, 30)  # the whole month before, for reference
    assert all(value is None for value in review.changes().values())
    assert {row.change for row in review_rows(review)} == {"–"}
    assert all(row.trend == 0 for row in review_rows(review))
    store.close()


def test_on_the_second_the_day_so_far_is_compared_with_the_first_of_the_month_before():
    store, _ = _log_on(date(2026, 12, 2))
    store.log_session(date(2026, 12, 1), passes=3, minutes=10)
    store.log_session(date(2026, 11, 1), passes=3, minutes=12)
    store.log_session(date(2026, 11, 2), passes=3, minutes=12)
    review = HistoryReader(store).month_review(date(2026, 12, 1))
    assert review.like_for_like and review.comparable
    assert (review.current.start, review.current.end) == (date(2026, 12, 1), date(2026, 12, 1))
    assert (review.previous.start, review.previous.end) == (date(2026, 11, 1), date(2026, 11, 1))
    assert review.change("minutes") == -2 and review.change("practised") == 0
    rows = {row.key: row for row in review_rows(review)}
    assert rows["practised"].change == "0" and rows["practised"].trend == 0  # no sign on a non-change
    assert rows["minutes"].change == "-2" and rows["minutes"].trend == -1
    store.close()


def test_on_the_last_day_the_whole_month_is_compared_with_the_whole_month_before():
    store = _streak_log(date(2026, 11, 30), 45)
    store.log_session(date(2026, 11, 30), passes=3, minutes=8)
    review = HistoryReader(store).month_review(date(2026, 11, 1))
    assert not review.like_for_like and review.current.complete
    assert (review.previous.start, review.previous.end) == (date(2026, 10, 16), date(2026, 10, 31))
    assert review.current.practised == 30
    store.close()


def test_in_a_short_month_the_days_compared_stop_at_its_end():
    # 30 March compared with February: every day of February, not days past its end.
    store = _streak_log(date(2026, 3, 30), 70)
    review = HistoryReader(store).month_review(date(2026, 3, 1))
    assert review.previous.end == date(2026, 2, 28) and review.like_for_like
    store.close()


def test_ratings_changes_say_better_or_worse_by_their_own_direction():
    from tui.core.review_text import verdict

    assert verdict("stress", -0.8) == "-0.8 better"
    assert verdict("headache", 0.5) == "+0.5 worse"
    assert verdict("scalp", 0.5) == "+0.5 better"
    assert verdict("scalp", 0.01) == "0"


def test_the_demo_ratings_improve_the_way_each_kind_improves():
    from tui.core.demo import generate
    from tui.core.routine import default_routine

    history = generate(default_routine(), end=date(2026, 12, 1), years=1, seed=3, zone=timezone.utc)
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for rating in history.ratings:
        pairs.setdefault((rating.session_id, rating.kind), {})[rating.phase] = rating.value
    for kind, direction in stats.RATING_DIRECTION.items():
        changes = [p["after"] - p["before"] for (_, k), p in pairs.items() if k == kind]
        assert changes and sum(changes) * direction > 0, kind
        assert all(change * direction >= 0 for change in changes), kind


def test_status_counts_past_days_by_the_target_they_had(tmp_path):
    from tui.store.glance import glance

    path = tmp_path / "scalp.db"
    clock = FakeClock(datetime(2026, 11, 1, 12, tzinfo=timezone.utc))
    store = Log.open(path, clock=clock, zone=timezone.utc)
    store.save_settings(days_per_week=3)
    # Three days a week through November: every other day or so.
    for n in range(0, 29, 2):
        store.log_session(date(2026, 11, 1) + timedelta(days=n), passes=3, minutes=8)
    clock.now = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    store.save_settings(days_per_week=7)  # daily from today on: November keeps its 3 of 7
    store.log_session(date(2026, 11, 30), passes=3, minutes=8)
    history_streak = HistoryReader(store).current_streak()
    store.close()
    seen = glance(path, now=clock.now, zone=timezone.utc)
    assert history_streak == 30 and seen.streak == history_streak
