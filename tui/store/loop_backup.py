"""Reading Loop Habit Tracker's full backup (its "Export full backup" SQLite file), never writing to it.

A backup is recognised by its content: the SQLite header and Loop's ``Habits`` and
``Repetitions`` tables. The file is opened read-only and as immutable (no lock, no journal,
no -wal or -shm file made beside it), so importing cannot change a byte of it. What it
holds, by schema version (``PRAGMA user_version``; Loop reads versions 8 to 25):

- ``Habits``: ``id``, ``name``, ``archived``, ``freq_num``/``freq_den``; ``type`` from 16
  (0 yes/no, 1 numeric); ``question`` from 23 and ``uuid`` from 24 (not needed here).
- ``Repetitions``: ``habit``, ``timestamp`` (ms since the epoch of the local day at 00:00
  UTC); ``value`` from 16 (before it, every row is a done day); ``notes`` from 25.

The habits and marks come out as the CSV reader's, so one mapping imports both.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from tui.core.loop_csv import NO, SKIP, UNKNOWN, YES_AUTO, YES_MANUAL, LoopError, LoopHabit, LoopMark

SQLITE_HEADER = b"SQLite format 3\x00"
OLDEST, NEWEST = 8, 25
VALUE_FROM = 16  # Repetitions.value and Habits.type
DAY_MS = 86_400_000
EPOCH = date(1970, 1, 1)
VALUES = {2: YES_MANUAL, 1: YES_AUTO, 0: NO, 3: SKIP, -1: UNKNOWN}

# A Repetitions row as read, before any check: rowid, timestamp, value and notes.
Repetition = tuple[int, object, object, object]
KINDS = {0: "YES_NO", 1: "NUMERICAL"}


def is_sqlite_file(path: Path) -> bool:
    """True for a regular file that starts with SQLite's header (whatever program wrote it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _read_only(path: Path) -> sqlite3.Connection:
    # immutable=1: SQLite neither locks nor looks for a journal, so nothing is created or written.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


class LoopBackup:
    """The habits and marks of one Loop backup; LoopError (one line) if it is not one, too new or damaged."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not is_sqlite_file(path):
            raise LoopError(f"{path}: not a Loop Habit Tracker backup (not a SQLite file)")
        try:
            conn = _read_only(path)
            try:
                self.version = conn.execute("PRAGMA user_version").fetchone()[0]
                names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not {"Habits", "Repetitions"} <= names:
                    raise LoopError(
                        f"{path}: a SQLite file, but not a Loop Habit Tracker backup (no Habits and Repetitions "
                        "tables); to add another scalp log, `scalp export` it and import the export"
                    )
                self._check_version()
                self._habits = self._read_habits(conn)
                self._rows = self._read_repetitions(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise LoopError(f"{path}: the Loop backup is damaged and cannot be read ({exc})") from None

    def _check_version(self) -> None:
        if self.version > NEWEST:
            raise LoopError(
                f"{self.path}: Loop backup version {self.version} is newer than scalp reads "
                f"({OLDEST} to {NEWEST}); export it as CSV from Loop instead"
            )
        if self.version < OLDEST:
            raise LoopError(
                f"{self.path}: Loop backup version {self.version} is older than Loop itself reads"
                f" ({OLDEST} to {NEWEST})"
            )

    @staticmethod
    def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}

    def _need(self, conn: sqlite3.Connection, table: str, wanted: set[str]) -> set[str]:
        have = self._columns(conn, table)
        missing = sorted(wanted - have)
        if missing:
            raise LoopError(
                f"{self.path}: the Loop backup is damaged (version {self.version}, but {table} has no "
                f"{', '.join(missing)} column)"
            )
        return have

    def _read_habits(self, conn: sqlite3.Connection) -> list[LoopHabit]:
        typed = self.version >= VALUE_FROM
        self._need(conn, "Habits", {"id", "name", "archived"} | ({"type"} if typed else set()))
        kind = "type" if typed else "0"
        habits = []
        for hid, name, archived, kind_code in conn.execute(
            f"SELECT id, name, archived, {kind} FROM Habits ORDER BY position, id"
        ):
            if not isinstance(hid, int) or not isinstance(name, str) or not name.strip():
                raise LoopError(f"{self.path}: the Loop backup is damaged (Habits row {hid!r} has no name)")
            habits.append(LoopHabit(str(hid), name.strip(), KINDS.get(kind_code, f"type {kind_code}"), bool(archived)))
        if not habits:
            raise LoopError(f"{self.path}: no habits in the Loop backup")
        return habits

    def _read_repetitions(self, conn: sqlite3.Connection) -> dict[str, list[Repetition]]:
        valued = self.version >= VALUE_FROM
        have = self._need(conn, "Repetitions", {"habit", "timestamp"} | ({"value"} if valued else set()))
        value = "value" if valued else "2"  # before version 16 a row is a done day
        notes = "notes" if "notes" in have else "NULL"
        rows: dict[str, list[Repetition]] = {}
        for rowid, habit, stamp, val, note in conn.execute(
            f"SELECT rowid, habit, timestamp, {value}, {notes} FROM Repetitions ORDER BY habit, timestamp"
        ):
            rows.setdefault(str(habit), []).append((rowid, stamp, val, note))
        return rows

    def habits(self) -> list[LoopHabit]:
        """The habits, archived ones included, in Loop's order."""
        return list(self._habits)

    def marks(self, habit: LoopHabit) -> list[LoopMark]:
        """The habit's marks, one per day, oldest first; LoopError names the row of a damaged one."""
        marks: list[LoopMark] = []
        seen: dict[date, int] = {}
        numeric = habit.kind != "YES_NO"
        for rowid, stamp, val, note in self._rows.get(habit.position, []):
            where = f"{self.path}: Repetitions row {rowid}"
            if not isinstance(stamp, int) or stamp % DAY_MS:
                raise LoopError(f"{where}: timestamp {stamp!r} is not the start of a day in milliseconds")
            day = EPOCH + timedelta(days=stamp // DAY_MS)
            if day in seen:
                raise LoopError(f"{where}: {day} is listed twice (first in row {seen[day]})")
            seen[day] = rowid
            if numeric:  # refused by the importer; its values (thousandths) are not marks
                continue
            if val not in VALUES or isinstance(val, bool):
                raise LoopError(f"{where}: unknown value {val!r} (expected one of 2, 1, 0, 3, -1)")
            marks.append(LoopMark(day, VALUES[val], note if isinstance(note, str) else "", where))
        return marks
