"""A quick read-only look at the log for `scalp status`: sqlite3 and json only.

`scalp status` runs on every shell prompt, so this module does not go through the
Log (whose imports cost several times Python's own start-up). It never creates the
file, never migrates it and never writes to it; a refused file gets the same one-line
errors as the Log.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from tui.core.quick_routine import status_facts
from tui.core.streak import current_streak
from tui.store.errors import CorruptDatabase, ForeignDatabase, NewerSchema, NotADatabase, Unwritable
from tui.store.versions import SCHEMA_NAMES

SQLITE_MAGIC = b"SQLite format 3\x00"
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


def practice_day(now: datetime, day_start: time, zone: tzinfo | None = None) -> date:
    """The practice day of ``now`` on the local wall clock (as tui.core.calendar.practice_day)."""
    local = now.astimezone(zone) if zone else now.astimezone()
    if local.time().replace(tzinfo=None) < day_start:
        return local.date() - timedelta(days=1)
    return local.date()


def _parse_hhmm(text: str) -> time | None:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return None


def glance(path: str | os.PathLike, *, now: datetime | None = None, zone: tzinfo | None = None) -> Glance:
    """Today's state and the current streak in the log at ``path``; StoreError if refused.

    A file that does not exist yet reads as an empty log (and is not created).
    """
    now = now or datetime.now(timezone.utc)
    zones, target, day_start_text = status_facts()
    day_start = _parse_hhmm(day_start_text) or time(4, 0)
    path = os.fspath(path)
    if not os.path.exists(path):
        return Glance(practice_day(now, day_start, zone), target)
    conn = _open(path)
    try:
        try:
            if not _is_scalp_log(conn, path):
                return Glance(practice_day(now, day_start, zone), target)
            settings = _settings(conn)
            target = settings.get("passes", target)
            day_start = settings.get("day_start", day_start)
            today = practice_day(now, day_start, zone)
            seen = _read(conn, today, target, zones, now)
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc):
                raise Unwritable(f"{path} is locked by another program; try again") from None
            raise CorruptDatabase(f"{path} is a damaged SQLite file ({exc})") from None
    finally:
        conn.close()
    if settings.get("days_per_week", 7) < 7:
        # An N-of-7 streak needs the rolling-window rule of the History statistics; fewer
        # users pay for the heavier imports than the every-day rule above saves for the rest.
        seen.streak = _rolling_streak(path, now, zone)
    return seen


def _rolling_streak(path: str, now: datetime, zone: tzinfo | None) -> int:
    from tui.store.history import HistoryReader
    from tui.store.log import Log

    log = Log.open(path, clock=lambda: now, zone=zone)
    try:
        return HistoryReader(log).current_streak()
    finally:
        log.close()


def _open(path: str) -> sqlite3.Connection:
    if os.path.isdir(path):
        raise Unwritable(f"{path} is a directory, not a scalp database")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise Unwritable(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    if not header:
        raise NotADatabase(f"{path} is an empty file, not a scalp database")
    if header != SQLITE_MAGIC:
        raise NotADatabase(f"{path} is not a scalp database (not an SQLite file)")
    uri = "file://" + _uri_path(path)
    # Read-write (never create): a read-only connection to a WAL file leaves its -wal and
    # -shm files behind, while the last read-write connection to close removes them.
    for mode in ("rw", "ro"):
        try:
            conn = sqlite3.connect(f"{uri}?mode={mode}", uri=True, timeout=2.0, isolation_level=None)
            conn.execute("PRAGMA query_only = ON")
            return conn
        except sqlite3.Error as exc:
            error = exc
    raise CorruptDatabase(f"{path} cannot be read as SQLite ({error})")


def _uri_path(path: str) -> str:
    """The absolute path with the characters an SQLite URI reserves escaped (urllib costs an import)."""
    return os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def _is_scalp_log(conn: sqlite3.Connection, path: str) -> bool:
    """False for an SQLite file with no tables at all; raises for another program's or a newer file."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" not in tables:
        if any(not t.startswith("sqlite_") for t in tables):
            raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
        return False
    applied = [
        row[0]
        for row in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'scalp' ORDER BY rowid")
    ]
    if not applied:
        raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
    unknown = [name for name in applied if name not in SCHEMA_NAMES]
    if unknown:
        raise NewerSchema(
            f"{path} was written by a newer version of scalp (schema {unknown[-1]}); upgrade scalp to open it"
        )
    return True


def _settings(conn: sqlite3.Connection) -> dict:
    rows = conn.execute("SELECT key, value FROM settings WHERE key IN ('passes', 'day_start', 'days_per_week')").fetchall()
    if not rows:
        return {}
    import json  # only when those settings are stored: its import is a noticeable share of a prompt's time

    found: dict = {}
    for key, raw in rows:
        try:
            value = json.loads(raw)
        except ValueError:
            continue  # an unreadable value falls back to the default, as in the Log
        if key == "passes" and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            found[key] = value
        elif key == "day_start" and isinstance(value, str) and (parsed := _parse_hhmm(value)):
            found[key] = parsed
        elif key == "days_per_week" and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
            found[key] = value
    return found


def _read(conn: sqlite3.Connection, today: date, target: int, zones: int, now: datetime) -> Glance:
    day = today.isoformat()
    stamp = now.astimezone(timezone.utc).isoformat(timespec="microseconds")
    (passes,) = conn.execute(
        "SELECT COALESCE(SUM(zones >= ?), 0) FROM (SELECT COUNT(DISTINCT zone) AS zones FROM checks "
        "WHERE day = ? GROUP BY session_id, pass_no)",
        [zones, day],
    ).fetchone()
    # The same sum as Log.day_summaries: minutes given by hand, else start to end (or now)
    # minus the pauses.
    minutes, open_sessions = conn.execute(
        """
        SELECT COALESCE(SUM(CASE WHEN s.minutes IS NOT NULL THEN s.minutes ELSE
                   MAX(0, (julianday(COALESCE(s.ended_at, :now)) - julianday(s.started_at)) * 1440
                   - COALESCE((SELECT SUM(julianday(COALESCE(p.resumed_at, s.ended_at, :now))
                                          - julianday(p.paused_at))
                               FROM pauses p WHERE p.session_id = s.id), 0) * 1440)
               END), 0),
               COALESCE(SUM(s.ended_at IS NULL), 0)
        FROM sessions s WHERE s.day = :day
        """,
        {"now": stamp, "day": day},
    ).fetchone()
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
    """The current streak, reading ever larger windows back in time until the run ends inside one."""
    practised: set[date] = set()
    rest: set[date] = set()
    hi, size, first = today, FIRST_WINDOW_DAYS, None
    while True:
        lo = hi - timedelta(days=size - 1)
        span = [lo.isoformat(), hi.isoformat()]
        practised.update(
            date.fromisoformat(row[0])
            for row in conn.execute(
                "SELECT DISTINCT day FROM (SELECT day, COUNT(DISTINCT zone) AS zones FROM checks "
                "WHERE day BETWEEN ? AND ? GROUP BY day, session_id, pass_no) WHERE zones >= ?",
                [*span, zones],
            )
        )
        rest.update(
            date.fromisoformat(row[0])
            for row in conn.execute("SELECT day FROM rest_days WHERE day BETWEEN ? AND ?", span)
        )
        streak = current_streak(practised, rest, today)
        anchor = today if (today in practised or today in rest) else today - timedelta(days=1)
        # The day before the run is not kept; when it lies inside what was read, the run is whole.
        if anchor - timedelta(days=streak) >= lo:
            return streak
        if first is None:
            row = conn.execute(
                "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM checks UNION ALL SELECT MIN(day) FROM rest_days)"
            ).fetchone()
            first = date.fromisoformat(row[0]) if row and row[0] else today
        if lo <= first:
            return streak
        hi, size = lo - timedelta(days=1), size * 2
