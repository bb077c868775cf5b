"""Statistics of the practice log as pure functions: depth, days due, consistency, streaks, strength, zones."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tui.core.calendar import add_months, days, month_end, month_start
from tui.core.models import DaySummary
from tui.core.streak import run_ending

WEEK = 7
#: Habit strength is computed from far enough back that what is left out weighs less than this.
STRENGTH_EPSILON = 1e-9

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
    def from_settings(cls, settings) -> Target:
        return cls(settings.days_per_week, settings.passes)

    @property
    def daily(self) -> bool:
        return self.days_per_week == WEEK

    @property
    def fraction(self) -> float:
        """Loop's frequency: 1 for a daily target, N/7 otherwise."""
        return self.days_per_week / WEEK

    @property
    def multiplier(self) -> float:
        """Loop's daily decay: m = 0.5 ** (sqrt(f) / 13)."""
        return 0.5 ** (math.sqrt(self.fraction) / 13.0)


@dataclass(frozen=True)
class History:
    """Per-day summaries known over the date ranges ``known``; a day absent inside them holds nothing.

    ``first_day`` is the first logged day of the whole log (None for an empty log): every
    day before it is known to be empty, even outside the known ranges.
    """

    days: Mapping[date, DaySummary]
    first_day: date | None
    known: tuple[tuple[date, date], ...]

    @classmethod
    def complete(cls, days: Mapping[date, DaySummary], until: date) -> History:
        """A history holding every logged day up to ``until`` (the first of ``days`` is the first logged day)."""
        first = min(days) if days else None
        return cls(days, first, ((first or until, until),))

    def get(self, day: date) -> DaySummary | None:
        """The day's summary; NeedHistory when the day may hold data that was not loaded."""
        if self.first_day is None or day < self.first_day:
            return None
        for start, end in self.known:
            if start <= day <= end:
                return self.days.get(day)
        raise NeedHistory(day)


# --- one day -----------------------------------------------------------------------------


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


# --- consistency ---------------------------------------------------------------------------


def days_due(open_days: int, days_per_week: int) -> int:
    """Days not marked rest, scaled by the target and rounded to the nearest whole day."""
    # floor(open * N / 7 + 1/2) in integers (a multiple of 1/7 never lands on a half anyway).
    return (2 * open_days * days_per_week + WEEK) // (2 * WEEK)


def consistency(practised: int, due: int) -> float | None:
    """Practised days over days due, capped at 1; None when nothing was due or done."""
    if due <= 0:
        return 1.0 if practised > 0 else None
    return min(1.0, practised / due)


# --- streaks -------------------------------------------------------------------------------


def _held(history: History, day: date) -> bool:
    """Practised or rest; days before the first logged day count too (see ``is_met``)."""
    if history.first_day is None or day < history.first_day:
        return True
    summary = history.get(day)
    return is_practised(summary) or is_rest(summary)


def is_met(history: History, day: date, target: Target) -> bool:
    """Whether the rolling target is met on ``day``.

    Daily: the day is practised or rest. N of 7: the 7 days ending on ``day`` hold at least N
    practised or rest days. Days before the first logged day fill such a window as if held, so
    a new user's streak starts on their first day, as it does with a daily target.
    """
    if history.first_day is None or day < history.first_day:
        return False
    if target.daily:
        return _held(history, day)
    held = sum(_held(history, day - timedelta(days=back)) for back in range(WEEK))
    return held >= target.days_per_week


def streak_on(history: History, day: date, target: Target) -> int:
    """The streak as it stands on ``day``: consecutive met days ending with it (0 if it is not met)."""
    return run_ending(day, lambda current: is_met(history, current, target))


def streaks_in(history: History, start: date, end: date, target: Target) -> tuple[int, int]:
    """(streak on ``end``, longest streak reached on a day from start to end).

    A streak is counted in full, with its days before ``start``.
    """
    if start > end:
        return 0, 0
    running = streak_on(history, start, target)
    longest = running
    current = start + ONE_DAY
    while current <= end:
        running = running + 1 if is_met(history, current, target) else 0
        longest = max(longest, running)
        current += ONE_DAY
    return running, longest


# --- habit strength ------------------------------------------------------------------------


def strength_steps_needed(target: Target, epsilon: float = STRENGTH_EPSILON) -> int:
    """Updates after which a day's weight in the strength drops below ``epsilon`` (m ** k <= epsilon)."""
    return math.ceil(math.log(epsilon) / math.log(target.multiplier))


def _strength_start(history: History, day: date, target: Target) -> date:
    """Where to start the recurrence: the first logged day, or late enough that older days weigh < epsilon.

    Chosen from the data alone (never from what happens to be loaded), so every caller agrees.
    """
    assert history.first_day is not None
    needed = strength_steps_needed(target)
    counted = 0
    current = day
    while current > history.first_day:
        if not is_rest(history.get(current)):
            counted += 1
            if counted >= needed:
                return current
        current -= ONE_DAY
    return history.first_day


def strength_on(history: History, day: date, target: Target) -> float | None:
    """Loop Habit Tracker's habit strength (0..1) at the end of ``day``; None before the first logged day.

    S_t = m * S_(t-1) + (1 - m) * c_t from 0 on the first logged day, with m = 0.5 ** (sqrt(f) / 13).
    Daily target: c_t = min(1, passes / target passes). N of 7: c_t = min(1, practised days among
    the last 14 / 2N) (Loop doubles both to smooth weekly rhythms). A rest day leaves S as it is.
    """
    if history.first_day is None or day < history.first_day:
        return None
    m = target.multiplier
    score = 0.0
    start = _strength_start(history, day, target)
    window = 2 * WEEK
    rolling = 0
    if not target.daily:
        rolling = sum(is_practised(history.get(start - timedelta(days=back))) for back in range(1, window))
    current = start
    while current <= day:
        summary = history.get(current)
        if target.daily:
            value = min(1.0, (summary.passes if summary else 0) / target.passes)
        else:
            rolling += is_practised(summary)
            value = min(1.0, rolling / (2 * target.days_per_week))
        if not is_rest(summary):
            score = score * m + value * (1 - m)
        if not target.daily:
            rolling -= is_practised(history.get(current - timedelta(days=window - 1)))
        current += ONE_DAY
    return score


# --- zones and ratings ---------------------------------------------------------------------


@dataclass(frozen=True)
class ZoneCoverage:
    """How well one zone was served over the days with a session."""

    zone: str
    passes: int  # passes the zone got, each day counted up to the target
    passes_due: int  # days with a session x target passes
    missed_days: int  # days with a session on which the zone got no pass at all
    days: int  # days with a session
    focus: bool = False

    @property
    def coverage(self) -> float | None:
        return self.passes / self.passes_due if self.passes_due else None


def zone_coverage(
    session_days: Iterable[date],
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    target: Target,
    focus_zones: Iterable[str] = (),
) -> tuple[ZoneCoverage, ...]:
    """Each zone's share of the passes it should have had on the days with a session, in routine order."""
    session_days = list(session_days)
    focus = set(focus_zones)
    result = []
    for zone in zone_ids:
        done = missed = 0
        for day in session_days:
            got = zone_passes.get(day, {}).get(zone, 0)
            done += min(got, target.passes)
            missed += got == 0
        result.append(
            ZoneCoverage(zone, done, len(session_days) * target.passes, missed, len(session_days), zone in focus)
        )
    return tuple(result)


def overall_coverage(zones: Iterable[ZoneCoverage]) -> float | None:
    """The share of all due zone passes that were done (over the zones given)."""
    zones = list(zones)
    due = sum(z.passes_due for z in zones)
    return sum(z.passes for z in zones) / due if due else None


#: A zone this far behind the best-served one counts as neglected even if it was never skipped outright.
NEGLECT_GAP = 0.05


def neglected_zones(zones: Iterable[ZoneCoverage], limit: int = 3) -> tuple[ZoneCoverage, ...]:
    """The zones served worst, worst first.

    Neglected: left out entirely on some day with a session, or at least NEGLECT_GAP behind the
    best-served zone. When every zone got about the same share, the shortfall lies in the number
    of passes, not in one zone, and none is named.
    """
    zones = [z for z in zones if z.coverage is not None]
    if not zones:
        return ()
    best = max(z.coverage for z in zones)
    behind = [z for z in zones if z.missed_days > 0 or z.coverage <= best - NEGLECT_GAP]
    behind.sort(key=lambda z: (-z.missed_days, z.coverage))
    return tuple(behind[:limit])


@dataclass(frozen=True)
class Rating:
    """One self-rating (1-5) of one session, before or after it."""

    day: date
    session_id: str
    phase: str  # "before" or "after"
    kind: str
    value: int


@dataclass(frozen=True)
class RatingTrend:
    """Averages of one kind of rating over a period; ``change`` is after minus before in the same sessions."""

    kind: str
    before: float | None
    after: float | None
    change: float | None
    before_count: int
    after_count: int
    paired: int


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def rating_trends(ratings: Iterable[Rating], kinds: Sequence[str]) -> tuple[RatingTrend, ...]:
    """Per kind: mean before, mean after, and the mean change within sessions rated both ways."""
    by_session: dict[tuple[str, str], dict[str, int]] = {}
    for rating in ratings:
        by_session.setdefault((rating.kind, rating.session_id), {})[rating.phase] = rating.value
    trends = []
    for kind in kinds:
        pairs = [v for (k, _), v in by_session.items() if k == kind]
        before = [v["before"] for v in pairs if "before" in v]
        after = [v["after"] for v in pairs if "after" in v]
        changes = [v["after"] - v["before"] for v in pairs if "before" in v and "after" in v]
        trends.append(
            RatingTrend(kind, _mean(before), _mean(after), _mean(changes), len(before), len(after), len(changes))
        )
    return tuple(trends)


# --- the monthly review --------------------------------------------------------------------


def last_closed_day(history: History, today: date) -> date:
    """The last day the figures count: today once practised or marked rest, else yesterday.

    So an unfinished day never lowers consistency, breaks a streak or weakens the habit.
    """
    summary = history.get(today)
    return today if is_practised(summary) or is_rest(summary) else today - ONE_DAY


def review_days(month: date, today: date, history: History) -> tuple[date, date] | None:
    """The days of ``month`` that count: from the first logged day up to the last closed day."""
    if history.first_day is None:
        return None
    start = max(month_start(month), history.first_day)
    end = min(month_end(month), last_closed_day(history, today))
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

    @property
    def average_minutes(self) -> float | None:
        """Minutes per day with a session."""
        return self.minutes / self.session_days if self.session_days else None

    @property
    def focus_zones(self) -> tuple[ZoneCoverage, ...]:
        return tuple(z for z in self.zones if z.focus)


#: Figures compared month over month: name -> how the change is expressed.
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
    """A month's figures with the previous month's, for the change between them."""

    current: MonthFigures
    previous: MonthFigures
    first_day: date | None = None  # the first logged day of the whole log

    def change(self, name: str) -> float | None:
        """This month's figure minus last month's (None when either is unknown)."""
        now, before = getattr(self.current, name), getattr(self.previous, name)
        if now is None or before is None:
            return None
        return now - before

    def changes(self) -> dict[str, float | None]:
        return {name: self.change(name) for name in CHANGE_FIELDS}


def month_figures(
    history: History,
    month: date,
    today: date,
    target: Target,
    *,
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    focus_zones: Iterable[str] = (),
    ratings: Iterable[Rating] = (),
    rating_kinds: Sequence[str] = (),
) -> MonthFigures:
    """The review of ``month`` as it stands on ``today``; NeedHistory when older days are needed."""
    month = month_start(month)
    span = review_days(month, today, history)
    as_of = min(month_end(month), last_closed_day(history, today))
    practised = rest = passes = partial = full = bonus = 0
    minutes = 0.0
    session_days: list[date] = []
    counted: list[date] = list(days(*span)) if span else []
    for day in counted:
        summary = history.get(day)
        if summary is None:
            continue
        if is_practised(summary):
            practised += 1
            passes += summary.passes
            level = depth_level(summary.passes, target.passes)
            full += level == FULL
            bonus += level == BONUS
            partial += level in (LOW, HIGH)
        elif is_rest(summary):
            rest += 1
        minutes += summary.minutes
        if summary.sessions:
            session_days.append(day)
    due = days_due(len(counted) - rest, target.days_per_week)
    if span:
        current, longest = streaks_in(history, span[0], span[1], target)
    else:
        # No day of the month has closed yet (or it is before the log): the streak stands as of ``as_of``.
        current, longest = streak_on(history, as_of, target), 0
    zones = zone_coverage(session_days, zone_passes, zone_ids, target, focus_zones)
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
        longest_streak=longest,
        minutes=minutes,
        session_days=len(session_days),
        strength=strength_on(history, as_of, target),
        zones=zones,
        zone_coverage=overall_coverage(zones),
        focus_coverage=overall_coverage(z for z in zones if z.focus),
        neglected=neglected_zones(zones),
        ratings=rating_trends(span_ratings, rating_kinds),
    )


def month_review(history: History, month: date, today: date, target: Target, **inputs) -> MonthReview:
    """``month_figures`` for the month and the one before it (same inputs; see there)."""
    current = month_figures(history, month, today, target, **inputs)
    previous = month_figures(history, add_months(month_start(month), -1), today, target, **inputs)
    return MonthReview(current, previous, history.first_day)


def current_streak(history: History, today: date, target: Target) -> int:
    """The streak standing now: through today once it is practised or rest, else through yesterday."""
    if history.first_day is None:
        return 0
    return streak_on(history, last_closed_day(history, today), target)


def review_window(month: date, target: Target) -> tuple[date, date]:
    """A first guess of the days a month's review (with the month before) reads: enough for strength."""
    start = add_months(month_start(month), -1)
    # Strength needs ~k non-rest days before the day it is read on; N of 7 also a 14-day window.
    lookback = strength_steps_needed(target) + 2 * WEEK
    return start - timedelta(days=lookback), month_end(month)
