"""Streaks and habit strength, each day judged by the target in force on it."""

from __future__ import annotations

import math
from datetime import date, timedelta

from tui.core.stats.days import (
    ONE_DAY,
    WEEK,
    History,
    Target,
    TargetTimeline,
    is_practised,
    is_rest,
    last_closed_day,
)
from tui.core.streak import run_ending

#: Habit strength is computed from far enough back that what is left out weighs less than this.
STRENGTH_EPSILON = 1e-9

Targets = Target | TargetTimeline


def _held(history: History, day: date) -> bool:
    """Practised or rest; days before the first logged day count too (see ``is_met``)."""
    if history.first_day is None or day < history.first_day:
        return True
    summary = history.get(day)
    return is_practised(summary) or is_rest(summary)


def is_met(history: History, day: date, targets: Targets) -> bool:
    """Whether the rolling target in force on ``day`` is met on it.

    Daily: the day is practised or rest. N of 7: the 7 days ending on ``day`` hold at least N
    practised or rest days. Days before the first logged day fill such a window as if held, so
    a new user's streak starts on their first day, as it does with a daily target.
    """
    if history.first_day is None or day < history.first_day:
        return False
    target = targets.on(day)
    if target.daily:
        return _held(history, day)
    held = sum(_held(history, day - timedelta(days=back)) for back in range(WEEK))
    return held >= target.days_per_week


def streak_on(history: History, day: date, targets: Targets) -> int:
    """The streak as it stands on ``day``: consecutive met days ending with it (0 if it is not met)."""
    return run_ending(day, lambda current: is_met(history, current, targets))


def streaks_in(history: History, start: date, end: date, targets: Targets) -> tuple[int, int]:
    """(streak on ``end``, longest streak reached on a day from start to end).

    A streak is counted in full, with its days before ``start``.
    """
    if start > end:
        return 0, 0
    running = streak_on(history, start, targets)
    longest = running
    current = start + ONE_DAY
    while current <= end:
        running = running + 1 if is_met(history, current, targets) else 0
        longest = max(longest, running)
        current += ONE_DAY
    return running, longest


def current_streak(history: History, today: date, targets: Targets) -> int:
    """The streak standing now: through today once it is practised or rest, else through yesterday."""
    if history.first_day is None:
        return 0
    return streak_on(history, last_closed_day(history, today), targets)


def strength_steps_needed(target: Target, epsilon: float = STRENGTH_EPSILON) -> int:
    """Updates after which a day's weight in the strength drops below ``epsilon`` (m ** k <= epsilon)."""
    return math.ceil(math.log(epsilon) / math.log(target.multiplier))


def strength_start(history: History, day: date, targets: Targets) -> date:
    """Where to start the recurrence: the first logged day, or late enough that older days weigh < epsilon.

    Chosen from the data alone (never from what happens to be loaded), so every caller agrees.
    """
    assert history.first_day is not None
    needed = strength_steps_needed(targets.slowest)
    counted = 0
    current = day
    while current > history.first_day:
        if not is_rest(history.get(current)):
            counted += 1
            if counted >= needed:
                return current
        current -= ONE_DAY
    return history.first_day


def strength_on(history: History, day: date, targets: Targets) -> float | None:
    """Loop Habit Tracker's habit strength (0..1) at the end of ``day``; None before the first logged day.

    S_t = m * S_(t-1) + (1 - m) * c_t from 0 on the first logged day, with m = 0.5 ** (sqrt(f) / 13)
    and c_t both from the target in force on day t. Daily target: c_t = min(1, passes / target
    passes). N of 7: c_t = min(1, practised days among the last 14 / 2N) (Loop doubles both to
    smooth weekly rhythms). A rest day leaves S as it is.
    """
    series = strength_series(history, day, day, targets)
    return series[0] if series else None


def strength_series(history: History, start: date, end: date, targets: Targets) -> list[float | None]:
    """Strength at the end of every day from start to end, in one pass (None before the first logged day)."""
    if history.first_day is None or start > end:
        return [None] * ((end - start).days + 1) if start <= end else []
    out: list[float | None] = []
    current = start
    while current <= end and current < history.first_day:
        out.append(None)
        current += ONE_DAY
    if current > end:
        return out
    score = 0.0
    day = strength_start(history, current, targets)
    window = 2 * WEEK
    # Practised days among the 14 ending on ``day`` (Loop's N-of-7 value), kept rolling.
    rolling = sum(is_practised(history.get(day - timedelta(days=back))) for back in range(1, window))
    while day <= end:
        summary = history.get(day)
        rolling += is_practised(summary)
        if not is_rest(summary):
            target = targets.on(day)
            m = target.multiplier
            if target.daily:
                value = min(1.0, (summary.passes if summary else 0) / target.passes)
            else:
                value = min(1.0, rolling / (2 * target.days_per_week))
            score = score * m + value * (1 - m)
        if day >= current:
            out.append(score)
        rolling -= is_practised(history.get(day - timedelta(days=window - 1)))
        day += ONE_DAY
    return out
