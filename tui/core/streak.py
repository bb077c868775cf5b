"""The streak rule: a run of kept days, standing through today once today is kept, else through yesterday.

Every streak scalp shows is counted here: the every-day rule below (``current_streak``,
used by `scalp status`) and the rolling N-of-7 rule of the History statistics
(tui.core.stats, which passes its own idea of a kept day to ``run_ending``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def run_ending(day: date, kept: Callable[[date], bool]) -> int:
    """How many consecutive kept days end with ``day`` (0 when ``day`` itself is not kept)."""
    length = 0
    while kept(day):
        length += 1
        day -= ONE_DAY
    return length


def streak_anchor(today: date, kept: Callable[[date], bool]) -> date:
    """The day the current streak is read on: today once it is kept; a day in progress does not break it."""
    return today if kept(today) else today - ONE_DAY


def current_streak(practised: Iterable[date], rest: Iterable[date], today: date) -> int:
    """The length of the run of practised or rest days that ends today, or yesterday.

    A day still in progress does not break the streak: when today has neither
    practice nor a rest mark yet, the run may end yesterday. Rest days keep the
    run going and count in its length (as a skipped day does in Loop Habit Tracker).
    """
    kept = (set(practised) | set(rest)).__contains__
    return run_ending(streak_anchor(today, kept), kept)
