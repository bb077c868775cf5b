"""One day of the log: its depth, whether it counts, and the target in force on it."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from tui.core.models import DaySummary

WEEK = 7
ONE_DAY = timedelta(days=1)

# Depth levels of a day, for the heatmap (by passes) and by minutes.
MISSED, LOW, HIGH, FULL, BONUS = range(5)


class NeedHistory(Exception):
    """A statistic needs days older than the data it was given; ``since`` is the oldest it wants."""

    def __init__(self, since: date) -> None:
        super().__init__(f"history needed from {since.isoformat()}")
        self.since = since


@dataclass(frozen=True)
class Target:
    """What the user aims for: ``days_per_week`` practised days of 7, ``passes`` full passes a day."""

    days_per_week: int = WEEK
    passes: int = 3

    def __post_init__(self) -> None:
        # A hand-edited setting out of range is clamped rather than crashing every statistic.
        object.__setattr__(self, "days_per_week", min(WEEK, max(1, int(self.days_per_week))))
        object.__setattr__(self, "passes", max(1, int(self.passes)))

    @classmethod
    def from_settings(cls, settings: Any) -> Target:
        return cls(settings.days_per_week, settings.passes)

    @property
    def daily(self) -> bool:
        return self.days_per_week == WEEK

    @property
    def fraction(self) -> float:
        """Loop's frequency: 1 for a daily target, N/7 otherwise."""
        return self.days_per_week / WEEK

    @cached_property
    def multiplier(self) -> float:
        """Loop's daily decay: m = 0.5 ** (sqrt(f) / 13)."""
        multiplier: float = 0.5 ** (math.sqrt(self.fraction) / 13.0)  # typeshed: a float power may be complex
        return multiplier

    # A Target is also a timeline that never changes: every statistic asks ``on(day)``.

    def on(self, day: date) -> Target:
        return self

    def focus_on(self, day: date) -> frozenset[str]:
        return frozenset()

    @property
    def slowest(self) -> Target:
        """The target whose strength forgets slowest (how far back strength must look)."""
        return self


class TargetTimeline:
    """The target and focus zones in force on each day, so a changed setting never rewrites the past.

    ``changes`` are (first day, target, focus zones), any order; before the first one ``base`` holds.
    """

    def __init__(
        self,
        base: Target,
        changes: tuple[tuple[date, Target, frozenset[str]], ...] = (),
        base_focus: frozenset[str] = frozenset(),
    ) -> None:
        ordered = sorted(changes, key=lambda change: change[0])
        self.base = base
        self.base_focus = frozenset(base_focus)
        self._days = [day for day, _, _ in ordered]
        self._targets = [target for _, target, _ in ordered]
        self._focus = [frozenset(focus) for _, _, focus in ordered]
        every = [base, *self._targets]
        self.slowest = max(every, key=lambda target: target.multiplier)

    @classmethod
    def from_settings(cls, timeline: Any) -> TargetTimeline:
        """From a SettingsTimeline (tui.core.settings_history): one entry per day any of the three changed."""
        keys = ("days_per_week", "passes", "focus_zones")
        change_days = sorted({day for key in keys for day in timeline.change_days(key)})

        def at(day: date | None) -> tuple[Target, frozenset[str]]:
            def value(key: str) -> Any:
                return getattr(timeline.base, key) if day is None else timeline.value_on(key, day)

            return Target(value("days_per_week"), value("passes")), frozenset(value("focus_zones") or ())

        base, base_focus = at(None)
        return cls(base, tuple((day, *at(day)) for day in change_days), base_focus)

    def _index(self, day: date) -> int:
        return bisect_right(self._days, day) - 1

    def on(self, day: date) -> Target:
        if not self._days:
            return self.base
        index = self._index(day)
        return self._targets[index] if index >= 0 else self.base

    def passes_on(self, day: date) -> int:
        return self.on(day).passes

    def focus_on(self, day: date) -> frozenset[str]:
        index = self._index(day)
        return self._focus[index] if index >= 0 else self.base_focus


@dataclass(frozen=True)
class History:
    """Per-day summaries known over the date ranges ``known``; a day absent inside them holds nothing.

    ``first_day`` is the first logged day of the whole log (None for an empty log): every
    day before it is known to be empty, even outside the known ranges. ``last_day`` is the
    last day with a session, which may lie after the reader's today when a time zone ahead
    logged it (None: not known, or none after today).
    """

    days: Mapping[date, DaySummary]
    first_day: date | None
    known: tuple[tuple[date, date], ...]
    last_day: date | None = None

    @classmethod
    def complete(cls, days: Mapping[date, DaySummary], until: date) -> History:
        """A history holding every logged day up to ``until`` (the first of ``days`` is the first logged day)."""
        first = min(days) if days else None
        last = max((day for day, summary in days.items() if summary.sessions), default=None)
        return cls(days, first, ((first or until, max(until, last or until)),), last)

    def get(self, day: date) -> DaySummary | None:
        """The day's summary; NeedHistory when the day may hold data that was not loaded."""
        if self.first_day is None or day < self.first_day:
            return None
        for start, end in self.known:
            if start <= day <= end:
                return self.days.get(day)
        raise NeedHistory(day)


def is_practised(summary: DaySummary | None) -> bool:
    """A practised day holds at least one logged full pass."""
    return summary is not None and summary.passes >= 1


def is_rest(summary: DaySummary | None) -> bool:
    """A rest day is a planned skip; practice on the day wins over its rest mark."""
    return summary is not None and summary.rest and summary.passes < 1


def depth_level(passes: int, target_passes: int) -> int:
    """MISSED, LOW or HIGH (partial), FULL (the target) or BONUS (more) for a day's full passes."""
    if passes <= 0:
        return MISSED
    if passes > target_passes:
        return BONUS
    if passes == target_passes:
        return FULL
    return LOW if passes * 2 <= target_passes else HIGH


def minutes_level(minutes: float, target_min: float, target_max: float) -> int:
    """The same five levels by minutes: none, under half the minimum, under it, in the target, over it."""
    if minutes <= 0:
        return MISSED
    if minutes > target_max:
        return BONUS
    if minutes >= target_min:
        return FULL
    return LOW if minutes < target_min / 2 else HIGH


def days_due(open_days: int, days_per_week: int) -> int:
    """Days not marked rest, scaled by the target and rounded to the nearest whole day."""
    return due_from_weights(open_days * days_per_week)


def due_from_weights(weight: int) -> int:
    """Days due from the sum of each open day's days-per-week target: round(weight / 7), in integers."""
    # floor(w / 7 + 1/2) (a multiple of 1/7 never lands on a half anyway).
    return (2 * weight + WEEK) // (2 * WEEK)


def consistency(practised: int, due: int) -> float | None:
    """Practised days over days due, capped at 1; None when nothing was due or done."""
    if due <= 0:
        return 1.0 if practised > 0 else None
    return min(1.0, practised / due)


def last_closed_day(history: History, today: date) -> date:
    """The last day the figures count: today once practised or marked rest, else yesterday.

    So an unfinished day never lowers consistency, breaks a streak or weakens the habit. A day
    logged after today (from a time zone ahead) has happened: the figures count up to it.
    """
    if history.last_day is not None and history.last_day > today:
        return history.last_day
    summary = history.get(today)
    return today if is_practised(summary) or is_rest(summary) else today - ONE_DAY
