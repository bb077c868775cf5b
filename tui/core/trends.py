"""The trends a monthly reviewer looks for, as pure functions over the log's days.

History's Trends view and `scalp stats --year` show them.

Each function reads a ``stats.History`` and a target timeline (every day judged by the target
in force on it), so the screen and the command print the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tui.core import stats
from tui.core.calendar import add_months, add_years, days, month_end, month_start
from tui.core.stats import History, Targets

ONE_DAY = timedelta(days=1)
UNITS = ("day", "week", "month", "quarter", "year")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# --- periods --------------------------------------------------------------------------------


def period_start(day: date, unit: str, week_start: int = 0) -> date:
    """The first day of the day/week/month/quarter/year holding ``day``."""
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=(day.weekday() - week_start) % 7)
    if unit == "month":
        return month_start(day)
    if unit == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "year":
        return date(day.year, 1, 1)
    raise ValueError(f"unknown period {unit!r}; one of {', '.join(UNITS)}")


def next_period(start: date, unit: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if unit == "day":
        return start + ONE_DAY
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return add_months(start, 1)
    if unit == "quarter":
        return add_months(start, 3)
    return add_years(start, 1)


def periods(start: date, end: date, unit: str, week_start: int = 0) -> list[tuple[date, date]]:
    """The periods overlapping start..end as (first, last) days, each clipped to start..end."""
    out = []
    current = period_start(start, unit, week_start)
    while current <= end:
        following = next_period(current, unit)
        out.append((max(current, start), min(following - ONE_DAY, end)))
        current = following
    return out


def last_periods(end: date, unit: str, count: int, week_start: int = 0) -> list[tuple[date, date]]:
    """The ``count`` periods ending with the one holding ``end`` (the last one up to ``end``)."""
    first = period_start(end, unit, week_start)
    for _ in range(count - 1):
        first = period_start(first - ONE_DAY, unit, week_start)
    return periods(first, end, unit, week_start)


# --- consistency per month ------------------------------------------------------------------


@dataclass(frozen=True)
class MonthBar:
    """One month's practised days against the days due (the target), for the 12-month bars."""

    month: date
    days: int  # days counted (from the first logged day to the last closed day)
    practised: int
    due: int
    consistency: float | None


def counted_until(history: History, today: date, until: date | None = None) -> date:
    """The last day the trends count: the last closed day, or ``until`` when that is earlier (a past year)."""
    end = stats.last_closed_day(history, today)
    return min(end, until) if until is not None else end


def month_spans(end: date, months: int, month_list: Sequence[date] | None) -> list[tuple[date, date]]:
    """The months asked for (``month_list``), else the ``months`` ending with ``end``'s, cut at ``end``."""
    if month_list is None:
        return last_periods(end, "month", months)
    return [(month, min(month_end(month), end)) for month in month_list]


def consistency_by_month(
    history: History,
    today: date,
    targets: Targets,
    months: int = 12,
    until: date | None = None,
    month_list: Sequence[date] | None = None,
) -> list[MonthBar]:
    """The ``months`` months ending with the last counted day's (or those of ``month_list``), oldest first."""
    end = counted_until(history, today, until)
    bars = []
    for first, last in month_spans(end, months, month_list):
        month = month_start(first)
        practised = rest = weight = counted = 0
        if history.first_day is not None:
            for day in days(max(first, history.first_day), min(last, end)):
                counted += 1
                summary = history.get(day)
                if stats.is_practised(summary):
                    practised += 1
                if stats.is_rest(summary):
                    rest += 1
                else:
                    weight += targets.on(day).days_per_week
        due = stats.due_from_weights(weight)
        bars.append(MonthBar(month, counted, practised, due, stats.consistency(practised, due)))
    return bars


# --- strength and totals per period -------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    """One period's bars: practised days, full days (the target's passes reached), minutes, strength at its end."""

    start: date
    end: date
    practised: int
    full: int
    sessions: int
    minutes: float
    strength: float | None


def by_period(
    history: History,
    start: date,
    end: date,
    targets: Targets,
    unit: str,
    week_start: int = 0,
    strength: Callable[[date], float | None] | None = None,
) -> list[PeriodFigures]:
    """Loop's score and bar cards: per period, the strength at its end and what was done in it.

    ``strength``: the strength of a day, when the caller has the series already (one pass for every unit).
    """
    if strength is None:
        series = stats.strength_series(history, start, end, targets)

        def strength(day: date) -> float | None:
            return series[(day - start).days]

    out = []
    for first, last in periods(start, end, unit, week_start):
        practised = full = sessions = 0
        minutes = 0.0
        for day in days(first, last):
            summary = history.get(day) if history.first_day and day >= history.first_day else None
            if summary is None:
                continue
            if stats.is_practised(summary):
                practised += 1
                full += summary.passes >= targets.on(day).passes
            sessions += summary.sessions
            minutes += summary.minutes
        out.append(PeriodFigures(first, last, practised, full, sessions, minutes, strength(last)))
    return out


# --- streaks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    """A run of met days, ``first`` to ``last``."""

    first: date
    last: date

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1


def all_streaks(history: History, end: date, targets: Targets) -> list[Streak]:
    """Every streak from the first logged day to ``end``, oldest first."""
    if history.first_day is None:
        return []
    runs = []
    run_start = None
    for day in days(history.first_day, end):
        if stats.is_met(history, day, targets):
            run_start = run_start or day
        elif run_start is not None:
            runs.append(Streak(run_start, day - ONE_DAY))
            run_start = None
    if run_start is not None:
        runs.append(Streak(run_start, end))
    return runs


def best_streaks(history: History, end: date, targets: Targets, limit: int = 10) -> list[Streak]:
    """The ``limit`` longest streaks, longest first (the more recent first among equals)."""
    runs = all_streaks(history, end, targets)
    return sorted(runs, key=lambda run: (-run.length, -run.last.toordinal()))[:limit]


# --- weekday pattern ------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekdayPattern:
    """Practised days per month and weekday (Monday first), and the days missed per weekday."""

    months: tuple[tuple[date, tuple[int, ...]], ...]
    missed: tuple[int, ...]
    open_days: tuple[int, ...]  # days counted per weekday (neither before the log nor rest)

    @property
    def most_missed(self) -> int | None:
        """The weekday (0 Monday) missed most often, as a share of its open days; None when none was missed."""
        per_day = zip(self.missed, self.open_days, strict=True)
        shares = [(m / n if n else 0.0, m, -d) for d, (m, n) in enumerate(per_day)]
        best = max(shares)
        return -best[2] if best[1] else None


def weekday_pattern(
    history: History,
    today: date,
    months: int = 12,
    until: date | None = None,
    month_list: Sequence[date] | None = None,
) -> WeekdayPattern:
    """The months' grid of practised days by weekday (as consistency_by_month), and the weekday missed most."""
    end = counted_until(history, today, until)
    grid = []
    missed = [0] * 7
    open_days = [0] * 7
    for first, last in month_spans(end, months, month_list):
        counts = [0] * 7
        if history.first_day is not None:
            for day in days(max(first, history.first_day), min(last, end)):
                summary = history.get(day)
                weekday = day.weekday()
                if stats.is_practised(summary):
                    counts[weekday] += 1
                    open_days[weekday] += 1
                elif not stats.is_rest(summary):
                    missed[weekday] += 1
                    open_days[weekday] += 1
        grid.append((month_start(first), tuple(counts)))
    return WeekdayPattern(tuple(grid), tuple(missed), tuple(open_days))


# --- ratings and zones per month ------------------------------------------------------------


def ratings_by_month(
    ratings: Iterable[stats.Rating], kinds: Sequence[str], month_list: Sequence[date]
) -> list[tuple[date, tuple[stats.RatingTrend, ...]]]:
    """Per month: each kind's mean before, mean after and mean change (stats.rating_trends)."""
    by_month: dict[date, list[stats.Rating]] = {month: [] for month in month_list}
    for rating in ratings:
        key = month_start(rating.day)
        if key in by_month:
            by_month[key].append(rating)
    return [(month, stats.rating_trends(by_month[month], kinds)) for month in month_list]


@dataclass(frozen=True)
class ZoneMonth:
    """One month of zone coverage: per zone, focus zones together and the other zones together."""

    month: date
    zones: tuple[stats.ZoneCoverage, ...]
    focus: float | None
    others: float | None
    neglected: tuple[str, ...]


def zones_by_month(
    history: History,
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    targets: Targets,
    month_list: Sequence[date],
    end: date,
) -> list[ZoneMonth]:
    """Each month's coverage per zone (days with a session up to ``end``), in the months given."""
    out = []
    for month in month_list:
        session_days = []
        if history.first_day is not None:
            for day in days(max(month, history.first_day), min(month_end(month), end)):
                summary = history.get(day)
                if summary is not None and summary.sessions:
                    session_days.append(day)
        as_of = min(month_end(month), end)
        zones = stats.zone_coverage(session_days, zone_passes, zone_ids, targets, targets.focus_on, as_of)
        neglected = tuple(z.zone for z in stats.neglected_zones(zones, limit=len(zone_ids)))
        out.append(ZoneMonth(month, zones, stats.focus_coverage(zones), stats.rest_coverage(zones), neglected))
    return out


def neglected_streaks(months: Sequence[ZoneMonth]) -> dict[str, int]:
    """Zones neglected month after month: each zone's run of neglected months ending with the latest (2 or more).

    A month without a session neither breaks nor extends a run.
    """
    served = [month for month in months if any(z.days for z in month.zones)]
    runs = {}
    for zone in {zone for month in served for zone in month.neglected}:
        length = 0
        for month in reversed(served):
            if zone not in month.neglected:
                break
            length += 1
        if length >= 2:
            runs[zone] = length
    return runs


# --- overview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """Strength now and 30 and 365 days ago; totals since the first logged day."""

    as_of: date
    strength: float | None
    strength_30: float | None
    strength_365: float | None
    days: int
    sessions: int
    passes: int
    minutes: float
    first_day: date | None


def overview(
    history: History, today: date, targets: Targets, strength: Callable[[date], float | None] | None = None
) -> Overview:
    """The overview line: strength on the last closed day, totals through today.

    ``strength``: the strength series, when the caller has it already.
    """
    if strength is None:

        def strength(day: date) -> float | None:
            return stats.strength_on(history, day, targets)

    if history.first_day is None:
        return Overview(today, None, None, None, 0, 0, 0, 0.0, None)
    end = stats.last_closed_day(history, today)
    practised = sessions = passes = 0
    minutes = 0.0
    # Strength stands as of the last closed day; the totals are counts, which an unfinished
    # today can only raise, so they take in today's sessions too (a first session under way
    # is not "0 sessions").
    for day in days(history.first_day, max(end, today)):
        summary = history.get(day)
        if summary is None:
            continue
        practised += stats.is_practised(summary)
        sessions += summary.sessions
        passes += summary.passes
        minutes += summary.minutes
    return Overview(
        end,
        strength(end),
        strength(end - timedelta(days=30)),
        strength(end - timedelta(days=365)),
        practised,
        sessions,
        passes,
        minutes,
        history.first_day,
    )
