"""Plain dataclasses for what the log holds; the store returns these, never raw rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from tui.core.routine import Routine


@dataclass(frozen=True)
class Pause:
    id: str
    session_id: str
    paused_at: datetime
    resumed_at: datetime | None


@dataclass(frozen=True)
class Session:
    """One sitting. ``day`` is the practice day it started on; times are UTC."""

    id: str
    day: date
    started_at: datetime
    ended_at: datetime | None = None
    last_seen_at: datetime | None = None
    technique: str | None = None
    oil: bool = False
    note: str = ""
    source: str = "app"  # "app", "log" (back-filled), "import"
    minutes: float | None = None  # given by hand for back-filled or imported sessions
    pauses: tuple[Pause, ...] = ()

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def paused(self) -> bool:
        return not self.finished and bool(self.pauses) and self.pauses[-1].resumed_at is None

    @property
    def running(self) -> bool:
        return not self.finished and not self.paused

    def elapsed(self, now: datetime) -> timedelta:
        """Active time: start to end (or now), minus the paused stretches."""
        if self.minutes is not None and self.source != "app":
            return timedelta(minutes=self.minutes)
        end = self.ended_at or now
        total = end - self.started_at
        for pause in self.pauses:
            resumed = pause.resumed_at or end
            total -= max(timedelta(0), min(resumed, end) - pause.paused_at)
        return max(total, timedelta(0))


@dataclass(frozen=True)
class Check:
    """One zone covered in one pass of a session."""

    id: str
    session_id: str
    day: date
    pass_no: int
    zone: str
    at: datetime
    technique: str | None = None


@dataclass(frozen=True)
class RestDay:
    id: str
    day: date
    reason: str


@dataclass(frozen=True)
class DaySummary:
    """What one practice day holds, aggregated by the store."""

    day: date
    passes: int = 0  # full passes (every zone checked once), summed over the day's sessions
    checks: int = 0
    minutes: float = 0.0
    sessions: int = 0
    rest_reason: str | None = None

    @property
    def rest(self) -> bool:
        return self.rest_reason is not None


@dataclass(frozen=True)
class Settings:
    """The user's choices; defaults come from the routine data."""

    passes: int
    dwell_seconds: float
    focus_multiplier: float
    target_min_minutes: float
    target_max_minutes: float
    day_start: time
    days_per_week: int
    technique: str
    focus_zones: frozenset[str] = field(default_factory=frozenset)
    pacer_sound: bool = True
    week_start: int = 0  # 0 Monday, 6 Sunday
    theme: str = "textual-dark"

    @classmethod
    def from_routine(cls, routine: Routine) -> Settings:
        d = routine.defaults
        return cls(
            passes=d.passes,
            dwell_seconds=d.dwell_seconds,
            focus_multiplier=d.focus_multiplier,
            target_min_minutes=d.target_min_minutes,
            target_max_minutes=d.target_max_minutes,
            day_start=d.day_start,
            days_per_week=d.days_per_week,
            technique=d.technique,
        )

    def with_values(self, **values: Any) -> Settings:
        # Any as in dataclasses.replace: the keys are only known at run time, each value checked by settings_rules.
        return replace(self, **values)
