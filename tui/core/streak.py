"""The current streak: consecutive practised-or-rest days ending today or yesterday."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta


def current_streak(practised: Iterable[date], rest: Iterable[date], today: date) -> int:
    """The length of the run of practised or rest days that ends today, or yesterday.

    A day still in progress does not break the streak: when today has neither
    practice nor a rest mark yet, the run may end yesterday. Rest days keep the
    run going and count in its length (as a skipped day does in Loop Habit Tracker).
    """
    kept = set(practised) | set(rest)
    day = today if today in kept else today - timedelta(days=1)
    length = 0
    while day in kept:
        length += 1
        day -= timedelta(days=1)
    return length

