"""What to do with an open session the app finds unattended: pause it where it stopped, or close it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui.core.models import Session

#: A running app writes a session's heartbeat (last_seen_at) this often.
HEARTBEAT = timedelta(seconds=5)
#: A running session whose heartbeat is older than this has lost its app (killed, crashed, suspended).
STALE_AFTER = timedelta(seconds=12)

PAUSE, CLOSE = "pause", "close"


@dataclass(frozen=True)
class Recovery:
    """A repair to apply: PAUSE the session at ``at``, or CLOSE (finish) it at ``at``."""

    action: str
    at: datetime


def last_active(session: Session) -> datetime:
    """The last moment the session is known to have been practised.

    Paused: the moment of the pause. Running: its last heartbeat. Never before
    the start or the latest resume, so a repair cannot make time run backwards.
    """
    if session.paused:
        return session.pauses[-1].paused_at
    floor = max([session.started_at, *(p.resumed_at for p in session.pauses if p.resumed_at)])
    return max(session.last_seen_at or session.started_at, floor)


def plan_recovery(
    session: Session,
    now: datetime,
    today: date,
    day_end: datetime,
    stale_after: timedelta = STALE_AFTER,
) -> Recovery | None:
    """The repair an open session needs, if any.

    ``today`` is the current practice day and ``day_end`` the moment the session's
    own practice day ended. A session never runs on into another practice day:
    one left open from an earlier day is closed at its last activity, or at the
    end of its day if it was still running then, so its time counts once, on the
    day it started. A running session of today whose heartbeat went stale (the
    app was killed or the machine slept) is paused where the heartbeat stopped,
    so the gap is not counted and the user can resume it.
    """
    if session.finished:
        return None
    if session.day < today:
        return Recovery(CLOSE, max(session.started_at, min(last_active(session), day_end)))
    if session.running:
        seen = last_active(session)
        if now - seen > stale_after:
            return Recovery(PAUSE, seen)
    return None
