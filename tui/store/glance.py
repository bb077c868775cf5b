"""A quick read-only look at the log for `scalp status`: sqlite3 and json only.

`scalp status` runs on every shell prompt, so this module does not go through the
Log (whose imports cost several times Python's own start-up). It never creates the
file, never migrates it and never writes to it; a refused file gets the same one-line
errors as the Log.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tui.core.quick_routine import status_facts
from tui.core.streak import current_streak, streak_anchor
from tui.store.errors import CorruptDatabase, StoreError, Unwritable
from tui.store.sqlbase import (
    FULL_PASSES_SQL,
    MINUTES_SQL,
    applied_migrations,
    check_header,
    parse_hhmm,
    practice_day,
    read_only_uri,
    status_settings,
)
from tui.store.versions import SCHEMA_NAMES

__all__ = ["Glance", "glance", "practice_day"]

FIRST_WINDOW_DAYS = 32


class Glance:
    """Today at a glance: what the status line shows."""

    __slots__ = ("day", "passes", "target", "minutes", "rest_reason", "in_progress", "streak")

    def __init__(
        self,
        day: date,
        target: int,
        passes: int = 0,
        minutes: float = 0.0,
        rest_reason: str | None = None,
        in_progress: bool = False,
        streak: int = 0,
    ) -> None:
        self.day = day  #: today's practice day
        self.target = target  #: passes in a full session (the user's setting)
        self.passes = passes  #: full passes today, over all of today's sessions
        self.minutes = minutes  #: minutes practised today, an open session counted up to now
        self.rest_reason = rest_reason  #: None unless today is a rest day
        self.in_progress = in_progress  #: a session of today is still open
        self.streak = streak  #: kept days in a row, ending today (or yesterday if today is not kept yet)

    @property
    def rest(self) -> bool:
        return self.rest_reason is not None

    @property
    def done(self) -> bool:
        """Today's goal is met: a full session's passes."""
        return self.passes >= self.target

    @property
    def kept(self) -> bool:
        """Today already counts for the streak (at least one full pass, or a rest day)."""
        return self.passes > 0 or self.rest


def glance(
    path: str | os.PathLike[str], *, now: datetime | None = None, zone: tzinfo | None = None
) -> Glance:
    """Today's state and the current streak in the log at ``path``; StoreError if refused.

    A file that does not exist yet reads as an empty log (and is not created). The file
    is read through a read-only connection: its bytes, its WAL and its mtime stay as
    they were (a read-write connection would checkpoint the WAL when it closes).
    """
    now = now or datetime.now(UTC)
    zones, target, day_start_text = status_facts()
    day_start = parse_hhmm(day_start_text) or time(4, 0)
    path = os.fspath(path)
    if not os.path.exists(path):
        return Glance(practice_day(now, day_start, zone), target)
    conn = _open(path)
    up_to_date = False
    try:
        try:
            applied = applied_migrations(conn, path)
            if applied is None:
                return Glance(practice_day(now, day_start, zone), target)
            up_to_date = tuple(applied) == SCHEMA_NAMES
            settings = status_settings(conn)
            passes = settings.get("passes", target)
            target = passes if isinstance(passes, int) else target
            start = settings.get("day_start", day_start)
            day_start = start if isinstance(start, time) else day_start
            today = practice_day(now, day_start, zone)
            seen = _read(conn, today, target, zones, now)
            if up_to_date and settings.get("days_per_week", 7) != 7:
                # An N-of-7 streak needs the rolling-window rule of the History statistics; fewer
                # users pay for the heavier imports than the every-day rule above saves for the rest.
                seen.streak = _rolling_streak(conn, path, now, zone)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, StoreError):
                raise
            if "locked" in str(exc):
                raise Unwritable(f"{path} is locked by another program; try again") from None
            raise CorruptDatabase(f"{path} is a damaged SQLite file ({exc})") from None
    finally:
        conn.close()
    return seen


def _rolling_streak(conn: sqlite3.Connection, path: str, now: datetime, zone: tzinfo | None) -> int:
    """The History's streak, read through the same read-only connection (never Log.open, which writes)."""
    from pathlib import Path

    from tui.store.history import HistoryReader
    from tui.store.log import Log

    return HistoryReader(Log(conn, path=Path(path), clock=lambda: now, zone=zone)).current_streak()


def _open(path: str) -> sqlite3.Connection:
    if os.path.isdir(path):
        raise Unwritable(f"{path} is a directory, not a scalp database")
    check_header(path)
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=2.0, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        return conn
    except sqlite3.Error as exc:
        raise CorruptDatabase(f"{path} cannot be read as SQLite ({exc})") from None


def _read(conn: sqlite3.Connection, today: date, target: int, zones: int, now: datetime) -> Glance:
    day = today.isoformat()
    stamp = now.astimezone(UTC).isoformat(timespec="microseconds")
    row = conn.execute(FULL_PASSES_SQL, [zones, day, day]).fetchone()
    passes = row[1] if row else 0
    # The same sums as Log.day_summaries.
    row = conn.execute(MINUTES_SQL, {"now": stamp, "lo": day, "hi": day}).fetchone()
    minutes, open_sessions = (row[1] or 0.0, row[3] or 0) if row else (0.0, 0)
    rest = conn.execute("SELECT reason FROM rest_days WHERE day = ?", [day]).fetchone()
    return Glance(
        today,
        target,
        passes=passes,
        minutes=float(minutes),
        rest_reason=(rest[0] or "") if rest else None,
        in_progress=open_sessions > 0,
        streak=_streak(conn, today, zones),
    )


def _streak(conn: sqlite3.Connection, today: date, zones: int) -> int:
    """The current streak (tui.core.streak's rule), read in ever larger windows back in time.

    The rule is core's; this only decides how much of the log to read: when the day
    before the run lies inside what was read, the run is whole.
    """
    practised: set[date] = set()
    rest: set[date] = set()
    hi, size, first = today, FIRST_WINDOW_DAYS, None
    while True:
        lo = hi - timedelta(days=size - 1)
        span = [lo.isoformat(), hi.isoformat()]
        passes = conn.execute(FULL_PASSES_SQL, [zones, *span])
        practised.update(date.fromisoformat(day) for day, full, _checks in passes if full)
        rest.update(
            date.fromisoformat(row[0])
            for row in conn.execute("SELECT day FROM rest_days WHERE day BETWEEN ? AND ?", span)
        )
        streak = current_streak(practised, rest, today)
        anchor = streak_anchor(today, lambda day: day in practised or day in rest)
        if anchor - timedelta(days=streak) >= lo:
            return streak
        if first is None:
            row = conn.execute(
                "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM checks "
                "UNION ALL SELECT MIN(day) FROM rest_days)"
            ).fetchone()
            first = date.fromisoformat(row[0]) if row and row[0] else today
        if lo <= first:
            return streak
        hi, size = lo - timedelta(days=1), size * 2
