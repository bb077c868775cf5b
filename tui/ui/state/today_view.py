"""What the Today screen shows: read from the log in one go, then changed by what each write returns."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta, tzinfo

from tui.core.guide import Guide, build_guide
from tui.core.models import Check, DaySummary, Session, Settings
from tui.core.routine import Routine
from tui.store.history import HistoryReader
from tui.store.log import Log

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
    checks: tuple[Check, ...] = ()
    """The session's checks, oldest first (the guide is built from them and the marks)."""
    marks: tuple[str, ...] = ()
    """The session's steps marked done, oldest first."""
    stamp: tuple[int, int] | None = None
    """The log's change stamp when this view was last in step with it (Log.change_stamp)."""

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
    stamp = (
        store.change_stamp()
    )  # before the reads: a write in between makes the view stale, never wrongly fresh
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
        checks=tuple(checks),
        marks=tuple(marks),
        stamp=stamp,
    )


def is_fresh(store: Log, view: TodayView | None) -> bool:
    """Nothing was written to the log since ``view`` was in step with it, and the practice day is the same."""
    return view is not None and view.stamp == store.change_stamp() and view.day == store.today()


def after_own_write(store: Log, before: TodayView, after: TodayView) -> TodayView | None:
    """``after`` (what one write of ours changed, applied to ``before``) in step with the log, or None.

    None when another connection wrote meanwhile: then only a fresh read shows the log as it is.
    The day's own line of the week is read again (an open session's minutes run with the clock).
    """
    stamp = store.change_stamp()
    if before.stamp is None or stamp[1] != before.stamp[1]:
        return None
    week = dict(after.week)
    week.pop(after.day, None)
    week.update(store.day_summaries(after.day, after.day))
    return replace(after, week=dict(sorted(week.items())), stamp=stamp)


def with_session(view: TodayView, session: Session) -> TodayView:
    """The view with the session as a write returned it (paused, resumed, oil or technique changed)."""
    return replace(view, session=session, technique=session.technique or view.technique)


def with_marks(view: TodayView, marks: tuple[str, ...]) -> TodayView:
    """The view with these steps marked done (a step marked, or the last one taken back)."""
    return replace(
        view, marks=marks, guide=build_guide(view.routine, view.settings.passes, view.checks, marks)
    )


def without_last(marks: tuple[str, ...], step: str | None) -> tuple[str, ...]:
    """``marks`` less the newest mark of ``step`` (the one undo took out of the log)."""
    if step is None or step not in marks:
        return marks
    position = len(marks) - 1 - marks[::-1].index(step)
    return marks[:position] + marks[position + 1 :]


def streak_now(store: Log) -> int:
    """The current streak, by the same rule (and target) as the History review and `scalp status`."""
    return HistoryReader(store).current_streak()
