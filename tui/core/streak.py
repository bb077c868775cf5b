"""The current streak: consecutive kept days (practised or rest) up to today."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def current_streak(today: date, practised: Container[date], rest: Container[date]) -> int:
    """Consecutive days that were practised (at least one full pass) or rest days.

    The run ends today, or yesterday while today is not kept yet: an unfinished
    today does not break the streak before the day is over.
    """
    day = today if (today in practised or today in rest) else today - ONE_DAY
    count = 0
    while day in practised or day in rest:
        count += 1
        day -= ONE_DAY
    return count
