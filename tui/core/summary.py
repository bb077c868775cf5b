"""A session measured against the daily target: elapsed time bands and the end-of-session summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tui.core.guide import PassProgress
from tui.core.models import Session, Settings

UNDER, IN_TARGET, OVER = "under", "in", "over"

# A session short of its target, said the same way in the finish question, the summary and
# `scalp status` (the README's Definitions: a practised day needs one full pass).
PARTIAL_SESSION = "a partial session: the day still counts as practised"
NO_FULL_PASS = "no full pass: the day does not count as practised"


def short_of_target(full_passes: int) -> str:
    """What a session with fewer full passes than its target means for the day."""
    return PARTIAL_SESSION if full_passes else NO_FULL_PASS


def format_duration(span: timedelta) -> str:
    """M:SS below an hour, H:MM:SS above; whole seconds, rounded down, never negative."""
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def target_band(elapsed: timedelta, settings: Settings) -> str:
    """UNDER before the minimum target, IN_TARGET up to the maximum (inclusive), OVER beyond it."""
    minutes = elapsed.total_seconds() / 60
    if minutes < settings.target_min_minutes:
        return UNDER
    if minutes <= settings.target_max_minutes:
        return IN_TARGET
    return OVER


@dataclass(frozen=True)
class ZoneCount:
    """A zone and in how many passes of the session it was checked."""

    zone: str
    passes: int


@dataclass(frozen=True)
class SessionSummary:
    """What a finished (or open) session amounts to."""

    duration: timedelta
    band: str
    full_passes: int
    target_passes: int
    bonus_passes: int
    missed: tuple[ZoneCount, ...]  # zones checked in fewer passes than the target, routine order
    focus: tuple[ZoneCount, ...]  # the user's focus zones, routine order
    streak: int

    @property
    def complete(self) -> bool:
        return self.full_passes >= self.target_passes


def summarize(
    session: Session,
    progress: PassProgress,
    settings: Settings,
    now: datetime,
    streak: int,
) -> SessionSummary:
    """The summary shown when a session ends; ``streak`` comes from the caller's history."""
    duration = session.elapsed(now)
    target = settings.passes
    counts = [ZoneCount(zone, progress.passes_of(zone)) for zone in progress.zone_ids]
    return SessionSummary(
        duration=duration,
        band=target_band(duration, settings),
        full_passes=progress.full_passes,
        target_passes=target,
        bonus_passes=progress.bonus_passes,
        missed=tuple(c for c in counts if c.passes < target),
        focus=tuple(c for c in counts if c.zone in settings.focus_zones),
        streak=streak,
    )


def zone_names(counts: Iterable[ZoneCount], names: dict[str, str], target: int) -> str:
    """"Crown 2/3, Nape 0/3" for a list of zone counts, using the given short names."""
    return ", ".join(f"{names.get(c.zone, c.zone)} {c.passes}/{target}" for c in counts)
