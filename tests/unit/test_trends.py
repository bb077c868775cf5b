"""The Trends figures against brute-force oracles written plainly here (tests/unit/test_stats_properties.Oracle).

Each oracle walks the calendar day by day with nothing but the definitions; the functions under
test group, roll and cut corners.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from tests.unit.test_stats_properties import KINDS, PROPERTY, ZONES, Oracle, histories
from tui.core import stats, trends
from tui.core.models import DaySummary
from tui.core.stats import History, Target

ONE = timedelta(days=1)


def every_day(start: date, end: date):
    while start <= end:
        yield start
        start += ONE


def oracle_period_key(day: date, unit: str, week_start: int):
    # Independent of trends.period_start: an ISO-like key per unit.
    if unit == "day":
        return day
    if unit == "week":
        return (day - timedelta(days=(day.weekday() - week_start + 7) % 7)).toordinal()
    if unit == "month":
        return (day.year, day.month)
    if unit == "quarter":
        return (day.year, (day.month + 2) // 3)
    return day.year


@PROPERTY
@given(
    st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(0, 800),
    st.sampled_from(trends.UNITS),
    st.integers(0, 6),
)
def test_periods_cover_every_day_once_and_split_where_the_unit_turns(start, length, unit, week_start):
    end = start + timedelta(days=length)
    got = trends.periods(start, end, unit, week_start)
    covered = [day for first, last in got for day in every_day(first, last)]
    assert covered == list(every_day(start, end))
    for first, last in got:
        assert {oracle_period_key(d, unit, week_start) for d in every_day(first, last)} == {
            oracle_period_key(first, unit, week_start)
        }
    for (_, last), (first, _) in pairwise(got):
        assert oracle_period_key(last, unit, week_start) != oracle_period_key(first, unit, week_start)


@PROPERTY
@given(histories(max_days=400))
def test_twelve_months_of_consistency_match_the_oracle(case):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    bars = trends.consistency_by_month(History.complete(summaries, today), today, target)
    # The 12 months end with the last counted day's: on the 1st before practice, the month just ended.
    assert len(bars) == 12 and bars[-1].month == oracle.closed(today).replace(day=1)
    for bar in bars:
        expected = oracle.month(bar.month, today)
        assert (bar.practised, bar.due, bar.consistency) == (
            expected["practised"],
            expected["due"],
            expected["consistency"],
        )


@PROPERTY
@given(histories(max_days=300), st.sampled_from(trends.UNITS))
def test_strength_and_bars_per_period_match_the_oracle(case, unit):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    start = today - timedelta(days=200)
    got = trends.by_period(History.complete(summaries, today), start, today, target, unit)
    for figures in got:
        inside = [d for d in every_day(figures.start, figures.end)]
        assert figures.practised == sum(oracle.practised(d) for d in inside)
        assert figures.full == sum(oracle.practised(d) and summaries[d].passes >= target.passes for d in inside)
        assert figures.sessions == sum(summaries[d].sessions for d in inside if d in summaries)
        assert math.isclose(figures.minutes, sum(summaries[d].minutes for d in inside if d in summaries))
        expected = oracle.strength(figures.end)
        assert (figures.strength is None) == (expected is None)
        if expected is not None:
            assert abs(figures.strength - expected) < 1e-9


def oracle_runs(oracle: Oracle, end: date) -> list[tuple[date, date]]:
    if oracle.first is None:
        return []
    runs = []
    for day in every_day(oracle.first, end):
        # A run ends on a met day whose next day is unmet (or the end); its length is the oracle's streak.
        if oracle.met(day) and (day == end or not oracle.met(day + ONE)):
            runs.append((day - timedelta(days=oracle.streak(day) - 1), day))
    return runs


@PROPERTY
@given(histories(max_days=300))
def test_the_best_streaks_match_the_oracle(case):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    end = oracle.closed(today)
    got = trends.best_streaks(History.complete(summaries, today), end, target)
    runs = oracle_runs(oracle, end)
    expected = sorted(runs, key=lambda r: ((r[1] - r[0]).days, r[1]), reverse=True)[:10]
    assert [(s.first, s.last) for s in got] == expected
    if runs:
        assert got[0].length == max(oracle.streak(d) for d in every_day(oracle.first, end))


@PROPERTY
@given(histories(max_days=400))
def test_the_weekday_pattern_matches_the_oracle(case):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    got = trends.weekday_pattern(History.complete(summaries, today), today)
    end = oracle.closed(today)
    missed = [0] * 7
    shares = {}
    for month, counts in got.months:
        days = [d for d in every_day(month, end) if d.month == month.month and oracle.first and d >= oracle.first]
        assert list(counts) == [sum(oracle.practised(d) for d in days if d.weekday() == w) for w in range(7)]
        for d in days:
            if not oracle.practised(d) and not oracle.rest(d):
                missed[d.weekday()] += 1
    assert list(got.missed) == missed
    for w in range(7):
        open_days = got.open_days[w]
        shares[w] = missed[w] / open_days if open_days else 0.0
    if any(missed):
        best = max(shares.values())
        assert shares[got.most_missed] == best
    else:
        assert got.most_missed is None


@PROPERTY
@given(histories(max_days=200))
def test_ratings_per_month_match_plain_means(case):
    summaries, _, target, today, ratings = case
    months = sorted({r.day.replace(day=1) for r in ratings})
    got = dict(trends.ratings_by_month(ratings, KINDS, months))
    for month in months:
        for trend in got[month]:
            mine = [r for r in ratings if r.day.replace(day=1) == month and r.kind == trend.kind]
            before = [r.value for r in mine if r.phase == "before"]
            assert trend.before_count == len(before)
            if before:
                assert math.isclose(trend.before, sum(before) / len(before))


@PROPERTY
@given(histories(max_days=300), st.frozensets(st.sampled_from(ZONES)))
def test_zones_per_month_match_the_oracle(case, focus):
    summaries, zone_passes, target, today, _ = case
    targets = stats.TargetTimeline(target, (), focus)
    end = Oracle(summaries, target).closed(today)
    months = [today.replace(day=1) - timedelta(days=31 * k) for k in range(4)]
    months = sorted({m.replace(day=1) for m in months})
    got = trends.zones_by_month(History.complete(summaries, today), zone_passes, ZONES, targets, months, end)
    for zone_month in got:
        days = [
            d
            for d, s in summaries.items()
            if s.sessions and d.replace(day=1) == zone_month.month and d <= end
        ]
        for z in zone_month.zones:
            assert z.passes == sum(min(zone_passes.get(d, {}).get(z.zone, 0), target.passes) for d in days)
        focus_due = len(days) * target.passes * len(focus)
        focus_done = sum(min(zone_passes.get(d, {}).get(z, 0), target.passes) for d in days for z in focus)
        assert zone_month.focus == (focus_done / focus_due if focus_due else None)
        rest = [z for z in ZONES if z not in focus]
        rest_due = len(days) * target.passes * len(rest)
        rest_done = sum(min(zone_passes.get(d, {}).get(z, 0), target.passes) for d in days for z in rest)
        assert zone_month.others == (rest_done / rest_due if rest_due else None)


def test_neglected_month_after_month_counts_the_run_ending_with_the_latest_month():
    def month(n, neglected, served=True):
        zone = stats.ZoneCoverage("a", 1, 3, 0, 1 if served else 0)
        return trends.ZoneMonth(date(2026, n, 1), (zone,), None, None, tuple(neglected))

    months = [month(1, "ab"), month(2, "b"), month(3, "ab"), month(4, "", served=False), month(5, "ab")]
    # "a" was neglected in March and May (April had no session); February breaks its run.
    assert trends.neglected_streaks(months) == {"a": 2, "b": 4}


@PROPERTY
@given(histories(max_days=300))
def test_the_overview_matches_the_oracle(case):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    got = trends.overview(History.complete(summaries, today), today, target)
    if oracle.first is None:
        assert got.days == got.sessions == 0 and got.strength is None
        return
    end = oracle.closed(today)
    # Totals run through today (an unfinished today only adds); strength stands on the closed day.
    through = max(end, today)
    assert got.days == sum(oracle.practised(d) for d in every_day(oracle.first, through))
    assert got.sessions == sum(s.sessions for d, s in summaries.items() if d <= through)
    assert got.passes == sum(s.passes for d, s in summaries.items() if d <= through)
    for value, day in ((got.strength, end), (got.strength_30, end - timedelta(days=30)), (got.strength_365, end - timedelta(days=365))):
        expected = oracle.strength(day)
        assert (value is None) == (expected is None)
        if expected is not None:
            assert abs(value - expected) < 1e-9


def test_the_overview_counts_a_first_session_under_way_today():
    # The first day of the log, one session open with a few checks (no full pass yet): the totals
    # say so, while the strength waits for a closed day.
    today = date(2026, 12, 8)
    summaries = {today: DaySummary(day=today, passes=0, checks=4, minutes=2.5, sessions=1)}
    got = trends.overview(History.complete(summaries, today), today, Target(7, 3))
    assert (got.days, got.sessions, got.passes, round(got.minutes, 1)) == (0, 1, 0, 2.5)
    assert got.as_of == today - timedelta(days=1) and got.first_day == today
