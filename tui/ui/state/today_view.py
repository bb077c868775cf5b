"""What the Today screen shows, read from the log in one go and handed down to its widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from tui.core.guide import Guide, build_guide
from tui.core.models import DaySummary, Session, Settings
from tui.core.routine import Routine
from tui.store import Log
from tui.store.history import HistoryReader

#: From this many rows the Today screen shows the week and the whole technique list.
TALL_SCREEN = 34


@dataclass(frozen=True)
class TodayView:
    """The practice day's session (the open one, else the day's latest) and everything around it."""

    day: date
    session: Session | None
    sessions_today: int
    guide: Guide
    settings: Settings
    routine: Routine
    technique: str  # the session's, or the one chosen for the next session
    ratings: dict[tuple[str, str], int] = field(default_factory=dict)
    zone: tzinfo | None = None
    rest_reason: str | None = None  # set when the day is marked as a planned rest day
    week: dict[date, DaySummary] = field(default_factory=dict)  # the last seven practice days
    streak: int = 0

    @property
    def open(self) -> bool:
        """A session is running or paused."""
        return self.session is not None and not self.session.finished

    @property
    def done(self) -> bool:
        """Today's latest session is finished and none is open."""
        return self.session is not None and self.session.finished


def load_today(store: Log, chosen_technique: str | None = None) -> TodayView:
    """Read the Today screen's state; ``chosen_technique`` is the pick for a session not started yet."""
    day = store.today()
    settings = store.settings()
    today_sessions = store.sessions_between(day, day)
    session = store.active_session() or (today_sessions[-1] if today_sessions else None)
    if session is not None:
        checks = store.checks_for_session(session.id)
        marks = store.step_marks(session.id)
        ratings = store.ratings(session.id)
    else:
        checks, marks, ratings = [], [], {}
    technique = (session.technique if session else None) or chosen_technique
    return TodayView(
        day=day,
        session=session,
        sessions_today=len(today_sessions),
        guide=build_guide(store.routine, settings.passes, checks, marks),
        settings=settings,
        routine=store.routine,
        technique=technique or settings.technique,
        ratings=ratings,
        zone=store.zone,
        rest_reason=next((r.reason for r in store.rest_days(day, day)), None),
        week=store.day_summaries(day - timedelta(days=6), day),
        streak=streak_now(store),
    )


def streak_now(store: Log) -> int:
    """The current streak, by the same rule (and target) as the History review and `scalp status`."""
    return HistoryReader(store).current_streak()
