"""The current streak: practised-or-rest days in a row, ending today or yesterday."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.streak import current_streak

TODAY = date(2026, 11, 22)


def back(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_nothing_logged():
    assert current_streak([], [], TODAY) == 0


def test_run_ending_today():
    assert current_streak([back(0), back(1), back(2)], [], TODAY) == 3


def test_today_not_yet_done_keeps_yesterdays_run():
    assert current_streak([back(1), back(2)], [], TODAY) == 2


def test_a_gap_before_yesterday_ends_it():
    assert current_streak([back(2), back(3)], [], TODAY) == 0


def test_rest_days_keep_the_run_and_count():
    assert current_streak([back(0), back(2)], [back(1)], TODAY) == 3
    assert current_streak([back(1)], [back(0)], TODAY) == 2


def oracle(kept: set[date], today: date) -> int:
    """Brute force: the longest run of kept days whose last day is today or yesterday."""
    best = 0
    for end in (today, today - timedelta(days=1)):
        for length in range(1, 400):
            if all(end - timedelta(days=i) in kept for i in range(length)):
                best = max(best, length)
            else:
                break
    return best


@settings(max_examples=150, deadline=None)
@given(st.sets(st.integers(0, 30)), st.sets(st.integers(0, 30)))
def test_matches_brute_force(practised, rest):
    practised_days = {back(n) for n in practised}
    rest_days = {back(n) for n in rest}
    assert current_streak(practised_days, rest_days, TODAY) == oracle(practised_days | rest_days, TODAY)
