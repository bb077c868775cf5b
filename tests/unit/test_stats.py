"""Unit tests of tui.core.stats: habit strength (against Loop Habit Tracker's own figures), days due, streaks, zones."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from tui.core import stats
from tui.core.models import DaySummary
from tui.core.stats import History, Target

TODAY = date(2015, 1, 25)
DAILY = Target(7, 3)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def practised(days_ago: list[int], passes: int = 3) -> dict[date, DaySummary]:
    return {ago(n): DaySummary(ago(n), passes=passes, sessions=1) for n in days_ago}


def rest(summaries: dict[date, DaySummary], days_ago: list[int]) -> dict[date, DaySummary]:
    for n in days_ago:
        summaries[ago(n)] = DaySummary(ago(n), rest_reason="travel")
    return summaries


def strength_series(summaries, target: Target, count: int) -> list[float]:
    history = History.complete(summaries, TODAY)
    return [stats.strength_on(history, ago(n), target) or 0.0 for n in range(count)]


# --- habit strength ------------------------------------------------------------------------

# Loop Habit Tracker's ScoreListTest: 20 checked days ending today, read today, yesterday, ...
LOOP_TWENTY_DAYS = [
    0.655747,
    0.636894,
    0.617008,
    0.596033,
    0.573910,
    0.550574,
    0.525961,
    0.500000,
    0.472617,
    0.443734,
    0.413270,
    0.381137,
    0.347244,
    0.311495,
    0.273788,
    0.234017,
    0.192067,
    0.147820,
    0.101149,
    0.051922,
]


def test_twenty_straight_full_days_give_loops_value():
    history = History.complete(practised(list(range(20))), TODAY)
    value = stats.strength_on(history, TODAY, DAILY)
    # The closed form: 1 - m**20 with m = 0.5 ** (1/13).
    assert value == pytest.approx(1 - 0.5 ** (20 / 13), abs=1e-15)
    # Loop's own test quotes 0.655747 and checks it within 1e-6; the exact value is 0.6557476...
    assert abs(value - 0.655747) < 1e-6
    assert f"{value:.7f}" == "0.6557476"


def test_strength_matches_loops_table_day_by_day():
    assert strength_series(practised(list(range(20))), DAILY, 20) == pytest.approx(LOOP_TWENTY_DAYS, abs=1e-6)


def test_rest_days_freeze_the_strength_like_loops_skips():
    summaries = rest(practised(list(range(20))), [5, 10, 11])
    expected = [
        0.596033,
        0.573910,
        0.550574,
        0.525961,
        0.500000,
        0.472617,
        0.472617,
        0.443734,
        0.413270,
        0.381137,
        0.347244,
        0.347244,
        0.347244,
        0.311495,
        0.273788,
        0.234017,
        0.192067,
        0.147820,
        0.101149,
        0.051922,
    ]
    assert strength_series(summaries, DAILY, 20) == pytest.approx(expected, abs=1e-6)


def test_a_rest_day_after_one_practice_keeps_the_score_while_misses_decay_it():
    summaries = rest(practised([5]), [4])
    expected = [0.041949, 0.044247, 0.046670, 0.049226, 0.051922, 0.051922]
    assert strength_series(summaries, DAILY, 6) == pytest.approx(expected, abs=1e-6)


def test_partial_days_count_by_share_of_target_passes():
    one_pass = stats.strength_on(History.complete(practised([0], passes=1), TODAY), TODAY, DAILY)
    bonus = stats.strength_on(History.complete(practised([0], passes=5), TODAY), TODAY, DAILY)
    m = 0.5 ** (1 / 13)
    assert one_pass == pytest.approx((1 - m) / 3)
    assert bonus == pytest.approx(1 - m)  # bonus passes are welcome but capped at 1


@pytest.mark.parametrize(("days_per_week", "expected"), [(3, 2 / 3), (4, 0.5)])
def test_n_of_7_converges_like_loop(days_per_week, expected):
    # Loop: a 3-of-7 habit done twice a week converges to 2/3, a 4-of-7 one to 1/2.
    days_ago = [n for n in range(700) if n % 7 in (0, 1)]
    history = History.complete(practised(days_ago), TODAY)
    assert stats.strength_on(history, TODAY, Target(days_per_week, 3)) == pytest.approx(expected, abs=1e-6)


def test_n_of_7_multiplier_uses_the_target_fraction():
    assert Target(7).multiplier == pytest.approx(0.5 ** (1 / 13))
    assert Target(3).multiplier == pytest.approx(0.5 ** (math.sqrt(3 / 7) / 13))


def test_strength_before_the_first_day_is_unknown():
    history = History.complete(practised([3]), TODAY)
    assert stats.strength_on(history, ago(4), DAILY) is None
    assert stats.strength_on(History.complete({}, TODAY), TODAY, DAILY) is None


def test_strength_of_a_long_history_ignores_only_what_weighs_under_epsilon():
    # 3 years of daily practice: the recurrence starts ~389 days back, the rest weighs < 1e-9.
    history = History.complete(practised(list(range(3 * 365))), TODAY)
    exact = 1 - (0.5 ** (1 / 13)) ** (3 * 365)
    assert stats.strength_on(history, TODAY, DAILY) == pytest.approx(exact, abs=1e-9)


def test_strength_asks_for_older_days_when_it_needs_them():
    summaries = practised(list(range(800)))
    partial = History(summaries, ago(799), known=((ago(100), TODAY),))
    with pytest.raises(stats.NeedHistory) as need:
        stats.strength_on(partial, TODAY, DAILY)
    assert need.value.since < ago(100)


# --- days due, consistency, depth ----------------------------------------------------------


@pytest.mark.parametrize(
    ("open_days", "per_week", "due"),
    [(30, 7, 30), (30, 5, 21), (31, 5, 22), (7, 5, 5), (5, 5, 4), (1, 1, 0), (4, 1, 1), (7, 1, 1), (0, 7, 0)],
)
def test_days_due_scale_by_the_target_and_round_halves_up(open_days, per_week, due):
    assert stats.days_due(open_days, per_week) == due


def test_consistency_is_capped_and_unknown_when_nothing_was_due():
    assert stats.consistency(5, 4) == 1.0
    assert stats.consistency(3, 4) == 0.75
    assert stats.consistency(0, 0) is None
    assert stats.consistency(1, 0) == 1.0


def test_depth_levels():
    assert [stats.depth_level(p, 3) for p in range(6)] == [0, 1, 2, 3, 4, 4]
    assert [stats.minutes_level(m, 5, 10) for m in (0, 2, 4, 5, 10, 11)] == [0, 1, 2, 3, 3, 4]


def test_practice_wins_over_a_rest_mark():
    both = DaySummary(TODAY, passes=1, rest_reason="ill")
    assert stats.is_practised(both) and not stats.is_rest(both)
    assert stats.is_rest(DaySummary(TODAY, passes=0, checks=5, rest_reason=""))


def test_target_is_clamped_to_sane_values():
    assert Target(0, 0) == Target(1, 1)
    assert Target(9, 3).days_per_week == 7


# --- streaks -------------------------------------------------------------------------------


def test_daily_streak_counts_rest_days_and_breaks_on_a_miss():
    summaries = rest(practised([0, 1, 3, 4, 6]), [2])
    history = History.complete(summaries, TODAY)
    assert stats.streak_on(history, TODAY, DAILY) == 5
    assert stats.streaks_in(history, ago(6), TODAY, DAILY) == (5, 5)
    assert stats.streak_on(history, ago(5), DAILY) == 0


def test_rolling_streak_allows_the_targets_slack_from_the_first_day():
    # 5 of 7: practised on the first day, then two misses: still met, thanks to the slack.
    history = History.complete(practised([9, 6, 5, 4, 3, 2, 1, 0]), TODAY)
    five = Target(5, 3)
    assert stats.is_met(history, ago(8), five) and stats.is_met(history, ago(7), five)
    assert stats.streak_on(history, TODAY, five) == 10
    # A second run of misses breaks it: the window then holds too few held days.
    broken = History.complete(practised([20, 10, 0]), TODAY)
    assert stats.streak_on(broken, TODAY, five) == 0


def test_current_streak_waits_for_today():
    history = History.complete(practised([1, 2, 3]), TODAY)
    assert stats.last_closed_day(history, TODAY) == ago(1)
    assert stats.current_streak(history, TODAY, DAILY) == 3
    done = History.complete(practised([0, 1, 2, 3]), TODAY)
    assert stats.current_streak(done, TODAY, DAILY) == 4


# --- zones, ratings, the review ------------------------------------------------------------


def test_zone_coverage_caps_each_day_at_the_target_and_counts_missed_days():
    days = [ago(1), ago(0)]
    passes = {ago(1): {"a": 4, "b": 1}, ago(0): {"a": 3}}
    a, b = stats.zone_coverage(days, passes, ["a", "b"], DAILY, focus_zones={"b"})
    assert (a.passes, a.passes_due, a.missed_days, a.coverage) == (6, 6, 0, 1.0)
    assert (b.passes, b.missed_days, b.focus, b.coverage) == (1, 1, True, pytest.approx(1 / 6))
    assert stats.neglected_zones([a, b]) == (b,)


def test_no_zone_is_neglected_when_all_share_the_same_shortfall():
    zones = stats.zone_coverage([ago(0)], {ago(0): {"a": 2, "b": 2}}, ["a", "b"], DAILY)
    assert stats.neglected_zones(zones) == ()


def test_rating_trends_pair_before_and_after_of_the_same_session():
    ratings = [
        stats.Rating(ago(1), "s1", "before", "stress", 4),
        stats.Rating(ago(1), "s1", "after", "stress", 2),
        stats.Rating(ago(0), "s2", "before", "stress", 5),
    ]
    (trend,) = stats.rating_trends(ratings, ["stress"])
    assert (trend.before, trend.after, trend.change, trend.paired) == (4.5, 2.0, -2.0, 1)


def test_month_review_of_an_empty_log():
    review = stats.month_review(History.complete({}, TODAY), TODAY, TODAY, DAILY, zone_passes={}, zone_ids=["a"])
    assert review.current.start is None and review.current.due == 0
    assert review.current.consistency is None and review.current.strength is None
    assert review.change("consistency") is None
