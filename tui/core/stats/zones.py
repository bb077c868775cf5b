"""Zone coverage and self-ratings over a period."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tui.core.stats.days import Target, TargetTimeline

#: How each rating kind improves: +1 when a higher value is better, -1 when a lower one is.
RATING_DIRECTION = {"stress": -1, "headache": -1, "scalp": 1}


@dataclass(frozen=True)
class ZoneCoverage:
    """How well one zone was served over the days with a session."""

    zone: str
    passes: int  # passes the zone got, each day counted up to that day's target
    passes_due: int  # the sum over days with a session of that day's target passes
    missed_days: int  # days with a session on which the zone got no pass at all
    days: int  # days with a session
    focus: bool = False  # a focus zone on the last day counted
    focus_passes: int = 0  # the part of ``passes`` on days the zone was a focus zone
    focus_due: int = 0

    @property
    def coverage(self) -> float | None:
        return self.passes / self.passes_due if self.passes_due else None


FocusZones = Iterable[str] | Callable[[date], Iterable[str]]


def focus_reader(focus_zones: FocusZones) -> Callable[[date], frozenset[str]]:
    """The focus zones of a day, whether given once for every day or per day."""
    if callable(focus_zones):
        return lambda day: frozenset(focus_zones(day))
    fixed = frozenset(focus_zones)
    return lambda day: fixed


def zone_coverage(
    session_days: Iterable[date],
    zone_passes: Mapping[date, Mapping[str, int]],
    zone_ids: Sequence[str],
    target: Target | TargetTimeline,
    focus_zones: FocusZones = (),
    as_of: date | None = None,
) -> tuple[ZoneCoverage, ...]:
    """Each zone's share of the passes it should have had on the days with a session, in routine order.

    Each day counts against the target passes and the focus zones in force on it; a zone is
    marked ``focus`` when it is one on ``as_of`` (default: the last day with a session).
    """
    session_days = list(session_days)
    focus_on = focus_reader(focus_zones)
    marked_on = as_of or (session_days[-1] if session_days else date.max)
    last_focus = focus_on(marked_on)
    result = []
    for zone in zone_ids:
        done = due = missed = focus_done = focus_due = 0
        for day in session_days:
            want = target.on(day).passes
            got = min(zone_passes.get(day, {}).get(zone, 0), want)
            done += got
            due += want
            missed += got == 0
            if zone in focus_on(day):
                focus_done += got
                focus_due += want
        result.append(
            ZoneCoverage(zone, done, due, missed, len(session_days), zone in last_focus, focus_done, focus_due)
        )
    return tuple(result)


def overall_coverage(zones: Iterable[ZoneCoverage]) -> float | None:
    """The share of all due zone passes that were done (over the zones given)."""
    zones = list(zones)
    due = sum(z.passes_due for z in zones)
    return sum(z.passes for z in zones) / due if due else None


def focus_coverage(zones: Iterable[ZoneCoverage]) -> float | None:
    """The share of due passes done on focus zones, each day with the focus zones of that day."""
    zones = list(zones)
    due = sum(z.focus_due for z in zones)
    return sum(z.focus_passes for z in zones) / due if due else None


def rest_coverage(zones: Iterable[ZoneCoverage]) -> float | None:
    """The same share over the zones that were not focus zones on the day."""
    zones = list(zones)
    due = sum(z.passes_due - z.focus_due for z in zones)
    return sum(z.passes - z.focus_passes for z in zones) / due if due else None


#: A zone this far behind the best-served one counts as neglected even if it was never skipped outright.
NEGLECT_GAP = 0.05


def neglected_zones(zones: Iterable[ZoneCoverage], limit: int = 3) -> tuple[ZoneCoverage, ...]:
    """The zones served worst, worst first.

    Neglected: left out entirely on some day with a session, or at least NEGLECT_GAP behind the
    best-served zone. When every zone got about the same share, the shortfall lies in the number
    of passes, not in one zone, and none is named.
    """
    served = [(z, z.coverage) for z in zones if z.coverage is not None]
    if not served:
        return ()
    best = max(coverage for _, coverage in served)
    behind = [(z, c) for z, c in served if z.missed_days > 0 or c <= best - NEGLECT_GAP]
    behind.sort(key=lambda pair: (-pair[0].missed_days, pair[1]))
    return tuple(z for z, _ in behind[:limit])


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

    @property
    def improvement(self) -> float | None:
        """The change signed so that positive is better (stress and headache improve downward)."""
        if self.change is None:
            return None
        return self.change * RATING_DIRECTION.get(self.kind, 1)


def mean(values: Sequence[float]) -> float | None:
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
            RatingTrend(kind, mean(before), mean(after), mean(changes), len(before), len(after), len(changes))
        )
    return tuple(trends)
