"""Every Trends figure in one immutable report, built from the log's days.

The History screen's Trends view and `scalp stats --year` show it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tui.core import stats, trends
from tui.core.calendar import add_months, month_start

#: How many periods each unit of the strength and bar cards shows (Loop shows about as many).
PERIODS_SHOWN = {"day": 90, "week": 26, "month": 12, "quarter": 8, "year": 10}


@dataclass(frozen=True)
class TrendReport:
    """The Trends of the 12 months ending ``end`` (this month to date, or a whole past year)."""

    today: date
    end: date  # the last day counted
    year: int | None  # a calendar year asked for (None: the last 12 months)
    target: stats.Target  # in force on ``end``
    months: tuple[date, ...]
    consistency: tuple[trends.MonthBar, ...]
    periods: Mapping[str, tuple[trends.PeriodFigures, ...]]  # by unit, oldest first
    best_streaks: tuple[trends.Streak, ...]
    longest: trends.Streak | None
    weekdays: trends.WeekdayPattern
    ratings: tuple[tuple[date, tuple[stats.RatingTrend, ...]], ...]
    zones: tuple[trends.ZoneMonth, ...]
    neglected_runs: Mapping[str, int]
    overview: trends.Overview

    @property
    def empty(self) -> bool:
        return self.overview.first_day is None


def months_of(today: date, year: int | None) -> tuple[date, ...]:
    """The 12 months shown: those of ``year``, or the 12 ending with today's."""
    if year is not None:
        return tuple(date(year, month, 1) for month in range(1, 13))
    first = add_months(month_start(today), -11)
    return tuple(add_months(first, n) for n in range(12))


def build_report(
    history: stats.History,
    today: date,
    targets: stats.Targets,
    *,
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    ratings: Iterable[stats.Rating],
    rating_kinds: Sequence[str],
    year: int | None = None,
    week_start: int = 0,
) -> TrendReport:
    """Every Trends figure. ``history`` must hold every day from the first logged one to ``today``."""
    last_of_year = date(year, 12, 31) if year is not None else None
    end = trends.counted_until(history, today, last_of_year)
    # The 12 months end with the last day counted: on the 1st, before practice, the month just ended.
    months = months_of(end, year)
    shown_today = min(today, last_of_year) if last_of_year else today
    consistency = trends.consistency_by_month(history, shown_today, targets, until=end, month_list=months)
    first = history.first_day
    # One strength series over the whole log serves every unit and the overview.
    series = stats.strength_series(history, first, end, targets) if first is not None and end >= first else []

    def strength(day: date) -> float | None:
        offset = (day - first).days if first is not None else -1
        return series[offset] if 0 <= offset < len(series) else None

    periods = {}
    for unit, count in PERIODS_SHOWN.items():
        spans = trends.last_periods(end, unit, count, week_start) if first is not None and end >= first else []
        spans = [(a, b) for a, b in spans if b >= first] if first is not None else []
        if spans and first is not None:  # spans is empty without a first day; this says so to mypy
            start = max(spans[0][0], first)
            periods[unit] = tuple(trends.by_period(history, start, end, targets, unit, week_start, strength))
        else:
            periods[unit] = ()
    best = trends.best_streaks(history, end, targets) if first is not None and end >= first else []
    in_year = [r for r in ratings if months[0] <= r.day <= end]
    zone_months = trends.zones_by_month(history, zone_passes, zone_ids, targets, months, end)
    return TrendReport(
        today=today,
        end=end,
        year=year,
        target=targets.on(end),
        months=months,
        consistency=tuple(consistency),
        periods=periods,
        best_streaks=tuple(best),
        longest=best[0] if best else None,
        weekdays=trends.weekday_pattern(history, shown_today, until=end, month_list=months),
        ratings=tuple(trends.ratings_by_month(in_year, rating_kinds, months)),
        zones=tuple(zone_months),
        neglected_runs=trends.neglected_streaks(zone_months),
        overview=trends.overview(history, today if year is None else end, targets, strength),
    )
