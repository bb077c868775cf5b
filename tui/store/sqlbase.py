"""What both the Log and `scalp status` need to know about the file: standard library only.

`scalp status` runs on every shell prompt, so this module imports nothing but sqlite3,
os and datetime (json only when a setting is stored): the header check, the ownership
check, the practice day, the SQL of full passes and minutes, and the coercion of the
few settings the status line reads. The Log builds on the same functions, so the two
paths cannot drift apart.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, time, timedelta, tzinfo

from tui.store.errors import CorruptDatabase, ForeignDatabase, NewerSchema, NotADatabase, Unwritable
from tui.store.versions import SCHEMA_NAMES

# typing costs `scalp status` (run at every prompt) a few ms; mypy reads this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from os import PathLike

    StrPath = str | PathLike[str]

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "scalp"
#: Bytes of a WAL file's own header; a WAL longer than this holds frames SQLite will read.
WAL_HEADER_BYTES = 32

#: Full passes per practice day: passes of one session in which every zone was checked.
#: Parameters: the routine's zone count, then the range of days.
FULL_PASSES_SQL = """
    SELECT day, SUM(zones >= ?), SUM(zones) FROM (
        SELECT day, session_id, pass_no, COUNT(DISTINCT zone) AS zones
        FROM checks WHERE day BETWEEN ? AND ? AND typeof(pass_no) = 'integer' AND pass_no BETWEEN 1 AND 100
        GROUP BY day, session_id, pass_no
    ) GROUP BY day
"""

#: Minutes and sessions per practice day: minutes given by hand, else start to end (or
#: now) minus the pauses. Named parameters: now (UTC timestamp), lo and hi (days).
MINUTES_SQL = """
    SELECT s.day,
           SUM(CASE WHEN s.minutes IS NOT NULL THEN s.minutes ELSE
               MAX(0, (julianday(COALESCE(s.ended_at, :now)) - julianday(s.started_at)) * 1440
               - COALESCE((SELECT SUM(julianday(COALESCE(p.resumed_at, s.ended_at, :now))
                                      - julianday(p.paused_at))
                           FROM pauses p WHERE p.session_id = s.id), 0) * 1440)
           END),
           COUNT(*),
           SUM(s.ended_at IS NULL)
    FROM sessions s WHERE s.day BETWEEN :lo AND :hi
      -- a session that breaks the stored fields' rules (tui.core.validation) counts for nothing
      AND (s.minutes IS NULL OR (typeof(s.minutes) IN ('integer', 'real') AND s.minutes BETWEEN 0 AND 240))
      AND s.started_at BETWEEN '2000' AND '2100' AND (s.ended_at IS NULL OR s.ended_at BETWEEN '2000' AND '2100')
    GROUP BY s.day
"""


def wal_in_use(path: StrPath) -> bool:
    """True when a WAL file beside ``path`` holds frames (pages not yet copied into the file)."""
    try:
        return os.stat(os.fspath(path) + "-wal").st_size > WAL_HEADER_BYTES
    except OSError:
        return False


def check_header(path: StrPath) -> None:
    """Refuse files that are not SQLite or are visibly truncated, reading bytes only.

    The page count in the header is the size once the WAL is checkpointed: SQLite
    writes page 1 first while it copies the WAL into the file, so a file killed (or
    read) in the middle of that copy is shorter than its header says and yet whole,
    since the WAL still holds every page. Such a file is left to SQLite's own check.
    """
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise Unwritable(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None
    if size == 0:
        raise NotADatabase(f"{path} is an empty file, not a scalp database")
    if not header.startswith(SQLITE_MAGIC):
        raise NotADatabase(f"{path} is not a scalp database (not an SQLite file)")
    if len(header) < 100:
        raise CorruptDatabase(f"{path} is a truncated SQLite file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptDatabase(f"{path} is a damaged SQLite file (bad page size)")
    # The in-header page count is only trusted when it was written by a recent SQLite,
    # and only when no WAL holds pages that belong past the file's end.
    if page_count and valid_for == change_counter and size < page_count * page_size and not wal_in_use(path):
        raise CorruptDatabase(f"{path} is a truncated SQLite file ({size} of {page_count * page_size} bytes)")


def read_only_uri(path: StrPath) -> str:
    """An SQLite URI that reads ``path`` without ever writing it or its WAL.

    With no WAL beside the file, "immutable" reads without creating -wal/-shm files;
    with one, "mode=ro" reads the WAL's pages too but never checkpoints or deletes it.
    """
    flags = "mode=ro" if os.path.exists(os.fspath(path) + "-wal") else "mode=ro&immutable=1"
    return f"file:{uri_path(os.fspath(path))}?{flags}"


def uri_path(path: str) -> str:
    """The absolute path with the characters an SQLite URI reserves escaped (urllib costs an import)."""
    return os.path.abspath(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def applied_migrations(conn: sqlite3.Connection, path: object) -> list[str] | None:
    """The scalp migrations applied to the file; None for an SQLite file with no tables at all.

    Raises ForeignDatabase for another program's file, NewerSchema for a newer scalp's.
    """
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if MIGRATIONS_TABLE not in tables:
        if any(not t.startswith("sqlite_") for t in tables):
            raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
        return None
    applied = [
        row[0]
        for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]
    if not applied:
        raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
    refuse_newer(applied, path)
    return applied


def refuse_newer(applied: list[str], path: object) -> None:
    unknown = [name for name in applied if name not in SCHEMA_NAMES]
    if unknown:
        raise NewerSchema(
            f"{path} was written by a newer version of scalp (schema {unknown[-1]}); upgrade scalp to open it"
        )


def practice_day(now: datetime, day_start: time, zone: tzinfo | None = None) -> date:
    """The practice day of ``now`` on the local wall clock (as tui.core.calendar.practice_day)."""
    local = now.astimezone(zone) if zone else now.astimezone()
    if local.time().replace(tzinfo=None) < day_start:
        return local.date() - timedelta(days=1)
    return local.date()


def parse_hhmm(text: object) -> time | None:
    try:
        hours, minutes = str(text).strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return None


def status_settings(conn: sqlite3.Connection) -> dict[str, object]:
    """The stored settings the status line needs (passes, day_start, days_per_week), coerced.

    A value that does not pass is left out, so its default applies, as in the Log.
    """
    rows = conn.execute(
        "SELECT key, value FROM settings WHERE key IN ('passes', 'day_start', 'days_per_week')"
    ).fetchall()
    if not rows:
        return {}
    import json  # only when those settings are stored: its import is a noticeable share of a prompt's time

    found: dict[str, object] = {}
    for key, raw in rows:
        try:
            value = json.loads(raw)
        except (ValueError, TypeError):
            continue
        number = isinstance(value, int) and not isinstance(value, bool)
        if key == "passes" and number and value > 0:
            found[key] = value
        elif key == "day_start" and isinstance(value, str) and (parsed := parse_hhmm(value)):
            found[key] = parsed
        elif key == "days_per_week" and number and 1 <= value <= 7:
            found[key] = value
    return found
