"""The monthly review: a month's figures, and the same days of the month before to compare with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Required, TypedDict, Unpack

from tui.core.calendar import add_months, days, month_end, month_start
from tui.core.stats.days import (
    BONUS,
    FULL,
    HIGH,
    LOW,
    WEEK,
    History,
    consistency,
    depth_level,
    due_from_weights,
    is_practised,
    is_rest,
    last_closed_day,
)
from tui.core.stats.streaks import Targets, streak_on, streaks_in, strength_on, strength_steps_needed
from tui.core.stats.zones import (
    FocusZones,
    Rating,
    RatingTrend,
    ZoneCoverage,
    focus_coverage,
    neglected_zones,
    overall_coverage,
    rating_trends,
    zone_coverage,
)


def review_days(month: date, today: date, history: History, until: date | None = None) -> tuple[date, date] | None:
    """The days of ``month`` that count: from the first logged day up to the last closed day (and ``until``)."""
    if history.first_day is None:
        return None
    start = max(month_start(month), history.first_day)
    end = min(month_end(month), last_closed_day(history, today))
    if until is not None:
        end = min(end, until)
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class MonthFigures:
    """Every figure of one month's review. ``start``/``end`` bound the days counted (None: none yet)."""

    month: date
    start: date | None
    end: date | None
    as_of: date  # the day streak and strength are read on
    days: int
    practised: int
    rest: int
    due: int
    consistency: float | None
    partial_days: int
    full_days: int
    bonus_days: int
    passes: int
    current_streak: int
    longest_streak: int
    minutes: float
    session_days: int
    strength: float | None
    zones: tuple[ZoneCoverage, ...]
    zone_coverage: float | None
    focus_coverage: float | None
    neglected: tuple[ZoneCoverage, ...]
    ratings: tuple[RatingTrend, ...]
    complete: bool = True  # every day of the month was counted (False: month to date)

    @property
    def average_minutes(self) -> float | None:
        """Minutes per day with a session."""
        return self.minutes / self.session_days if self.session_days else None

    @property
    def focus_zones(self) -> tuple[ZoneCoverage, ...]:
        return tuple(z for z in self.zones if z.focus)


#: Figures compared month over month.
CHANGE_FIELDS = (
    "practised",
    "due",
    "consistency",
    "current_streak",
    "longest_streak",
    "minutes",
    "average_minutes",
    "strength",
    "zone_coverage",
    "focus_coverage",
)


@dataclass(frozen=True)
class MonthReview:
    """A month's figures with the month before's, over the same days of it while the month runs.

    ``like_for_like``: the month is not over, so ``previous`` counts only its first days (as
    many as this month has had). ``comparable`` is False when no day of this month counts yet:
    then ``previous`` is the whole month before, shown for reference, and there is no change.
    """

    current: MonthFigures
    previous: MonthFigures
    first_day: date | None = None  # the first logged day of the whole log
    like_for_like: bool = False
    comparable: bool = True

    def change(self, name: str) -> float | None:
        """This month's figure minus the month before's (None when either is unknown or nothing compares)."""
        if not self.comparable:
            return None
        now: float | None = getattr(self.current, name)
        before: float | None = getattr(self.previous, name)
        if now is None or before is None:
            return None
        return now - before

    def changes(self) -> dict[str, float | None]:
        return {name: self.change(name) for name in CHANGE_FIELDS}


class ReviewInputs(TypedDict, total=False):
    """What ``month_review`` hands on to ``month_figures`` for both months (``until`` is its own)."""

    zone_passes: Required[Mapping[date, Mapping[str, int]]]
    zone_ids: Required[Sequence[str]]
    focus_zones: FocusZones
    ratings: Iterable[Rating]
    rating_kinds: Sequence[str]


def month_figures(
    history: History,
    month: date,
    today: date,
    target: Targets,
    *,
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    focus_zones: FocusZones = (),
    ratings: Iterable[Rating] = (),
    rating_kinds: Sequence[str] = (),
    until: date | None = None,
) -> MonthFigures:
    """The review of ``month`` as it stands on ``today`` (counting no day after ``until``).

    Every day is judged by the target in force on it (``target`` may be a TargetTimeline).
    NeedHistory when older days are needed.
    """
    month = month_start(month)
    span = review_days(month, today, history, until)
    as_of = min(month_end(month), last_closed_day(history, today))
    if until is not None:
        as_of = min(as_of, until)
    practised = rest = passes = partial = full = bonus = weight = 0
    minutes = 0.0
    session_days: list[date] = []
    counted: list[date] = list(days(*span)) if span else []
    for day in counted:
        summary = history.get(day)
        day_target = target.on(day)
        if summary is not None and is_rest(summary):
            rest += 1
        else:
            weight += day_target.days_per_week
        if summary is None:
            continue
        if is_practised(summary):
            practised += 1
            passes += summary.passes
            level = depth_level(summary.passes, day_target.passes)
            full += level == FULL
            bonus += level == BONUS
            partial += level in (LOW, HIGH)
        minutes += summary.minutes
        if summary.sessions:
            session_days.append(day)
    due = due_from_weights(weight)
    if span:
        current, longest = streaks_in(history, span[0], span[1], target)
    else:
        # No day of the month has closed yet (or it is before the log): the streak stands as of ``as_of``.
        current = streak_on(history, as_of, target)
        longest = current
    zones = zone_coverage(session_days, zone_passes, zone_ids, target, focus_zones, as_of)
    span_ratings = [r for r in ratings if span and span[0] <= r.day <= span[1]]
    return MonthFigures(
        month=month,
        start=span[0] if span else None,
        end=span[1] if span else None,
        as_of=as_of,
        days=len(counted),
        practised=practised,
        rest=rest,
        due=due,
        consistency=consistency(practised, due),
        partial_days=partial,
        full_days=full,
        bonus_days=bonus,
        passes=passes,
        current_streak=current,
        longest_streak=max(longest, current),
        minutes=minutes,
        session_days=len(session_days),
        strength=strength_on(history, as_of, target),
        zones=zones,
        zone_coverage=overall_coverage(zones),
        focus_coverage=focus_coverage(zones),
        neglected=neglected_zones(zones),
        ratings=rating_trends(span_ratings, rating_kinds),
        complete=span is not None and span[1] == month_end(month),
    )


def compared_until(current: MonthFigures) -> date | None:
    """The last day of the month before to compare with: as many days into it as this month has had.

    None: the whole month before (this month is over, or none of its days counts yet).
    """
    if current.end is None or current.end == month_end(current.month):
        return None
    previous = add_months(current.month, -1)
    return min(month_end(previous), previous + timedelta(days=current.end.day - 1))


def month_review(
    history: History, month: date, today: date, target: Targets, **inputs: Unpack[ReviewInputs]
) -> MonthReview:
    """``month_figures`` for the month and the month before, compared like with like (see MonthReview)."""
    current = month_figures(history, month, today, target, **inputs)
    until = compared_until(current)
    previous = month_figures(history, add_months(month_start(month), -1), today, target, until=until, **inputs)
    return MonthReview(
        current,
        previous,
        history.first_day,
        like_for_like=until is not None,
        comparable=current.end is not None,
    )


def review_window(month: date, target: Targets) -> tuple[date, date]:
    """A first guess of the days a month's review (with the month before) reads: enough for strength."""
    start = add_months(month_start(month), -1)
    # Strength needs ~k non-rest days before the day it is read on; N of 7 also a 14-day window.
    lookback = strength_steps_needed(target.slowest) + 2 * WEEK
    return start - timedelta(days=lookback), month_end(month)
