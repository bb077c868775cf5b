"""The current streak, against an oracle that lists every run of kept days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.streak import current_streak

TODAY = date(2026, 11, 22)


def runs(kept: set[date]) -> list[tuple[date, date]]:
    """Every maximal run of consecutive kept days, as (first, last)."""
    found = []
    for day in sorted(kept):
        if found and found[-1][1] == day - timedelta(days=1):
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return found


def oracle(today: date, practised: set[date], rest: set[date]) -> int:
    kept = {day for day in practised | rest if day <= today}  # days to come never count yet
    for first, last in runs(kept):
        if last == today or (last == today - timedelta(days=1) and today not in kept):
            return (last - first).days + 1
    return 0


days_back = st.sets(st.integers(min_value=-3, max_value=60), max_size=60)


@settings(max_examples=200)
@given(practised=days_back, rest=days_back)
def test_matches_the_runs_oracle(practised, rest):
    p = {TODAY - timedelta(days=n) for n in practised}
    r = {TODAY - timedelta(days=n) for n in rest}
    assert current_streak(TODAY, p, r) == oracle(TODAY, p, r)


def test_today_not_done_yet_does_not_break_it():
    practised = {TODAY - timedelta(days=n) for n in (1, 2, 3)}
    assert current_streak(TODAY, practised, set()) == 3
    assert current_streak(TODAY, practised | {TODAY}, set()) == 4


def test_a_missed_yesterday_ends_it():
    assert current_streak(TODAY, {TODAY - timedelta(days=2)}, set()) == 0


def test_rest_days_count_and_days_after_today_do_not():
    practised = {TODAY - timedelta(days=2), TODAY + timedelta(days=1)}
    rest = {TODAY - timedelta(days=1)}
    assert current_streak(TODAY, practised, rest) == 2
