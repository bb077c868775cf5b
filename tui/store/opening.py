"""Opening a log, and refusing files that are not one (a mixin of the Log).

A file is checked before anything is written (so a refused file keeps its bytes):
the header, read as bytes (tui.store.sqlbase), then integrity and ownership through
a read-only connection; then pending migrations are applied. A new log is built
beside its path and linked into place whole.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.calendar import Clock, system_clock
from tui.core.routine import Routine
from tui.store.base import LogBase
from tui.store.errors import CorruptDatabase, ForeignDatabase, StoreError, Unwritable
from tui.store.precheck import CHECK_CACHE_KIB, QuickCheck
from tui.store.sqlbase import applied_migrations, check_header, read_only_uri, refuse_newer
from tui.store.versions import SCHEMA_NAMES
from tui.store.writes import describe_os_error

if TYPE_CHECKING:
    from typing import Self

    from sqlite_utils import Database

BUSY_TIMEOUT_S = 10.0


def connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise Unwritable(f"cannot write to {path}: the file is read-only")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Unwritable(f"cannot write to {folder}: the folder is read-only")


def inspect(conn: sqlite3.Connection, path: str, checked: QuickCheck | None = None) -> list[str]:
    """Check integrity and ownership read-only; return the scalp migrations already applied.

    ``checked``: the same file's quick_check already under way in a thread (tui.launch).
    """
    try:
        result = None
        if checked is not None:
            try:
                result = checked.outcome()
            except sqlite3.OperationalError:  # could not open or was locked then: check here, now
                checked = None
        if checked is None:
            conn.execute(f"PRAGMA cache_size = {CHECK_CACHE_KIB}")
            result = conn.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise CorruptDatabase(f"{path} is a damaged SQLite file ({result[0] if result else 'no answer'})")
        found = applied_migrations(conn, path)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, StoreError):
            raise
        if "locked" in str(exc):
            raise Unwritable(f"{path} is locked by another program; try again") from None
        raise CorruptDatabase(f"{path} is a damaged SQLite file ({exc})") from None
    if found is None:
        return []
    if not found:
        raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
    return found


class Opening(LogBase):
    """Opening, migrating and closing."""

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        routine: Routine | None = None,
        clock: Clock = system_clock,
        zone: tzinfo | None = None,
        checked: QuickCheck | None = None,
    ) -> Self:
        """Open (creating it if needed) the log at ``path``; StoreError with one line if refused.

        ``checked``: the integrity check of this same file, started earlier in a thread
        (tui.launch starts it before importing Textual); its answer replaces the check here.
        """
        if str(path).endswith(("/", os.sep)):
            raise Unwritable(f"{path} names a folder; give the database file's name")
        path = Path(path).expanduser()
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a folder on the way that this user may not enter
            raise Unwritable(f"cannot reach {path}: {describe_os_error(exc)}") from None
        if is_dir:
            raise Unwritable(f"{path} is a directory, not a scalp database")
        if not exists:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = describe_os_error(exc)
                raise Unwritable(f"cannot create the folder {path.parent}: {reason}") from None
            check_writable(path)
            cls._create_aside(path, routine)
            checked = None  # made just now; a check begun before it existed found nothing
        check_header(path)
        check_writable(path)
        # Inspect through a read-only connection so a refused file is never touched.
        try:
            ro = connect(read_only_uri(path), uri=True)
        except sqlite3.Error as exc:
            raise CorruptDatabase(f"{path} cannot be read as SQLite ({exc})") from None
        try:
            # The early check counts only for this very file, unchanged since it began.
            applied = inspect(ro, str(path), checked if checked is not None and checked.about(path) else None)
        finally:
            ro.close()
        refuse_newer(applied, path)
        try:
            conn = connect(str(path))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot open {path}: {describe_os_error(exc)}") from None
        log = cls(conn, path=path, routine=routine, clock=clock, zone=zone)
        log._migrate(applied)
        return log

    @classmethod
    def _create_aside(cls, path: Path, routine: Routine | None) -> None:
        """Build a new, migrated log beside ``path`` and link it into place in one step.

        SQLite creates a file empty and writes its header later, so a second scalp opening
        the same new path at that moment (two windows started together, a command run
        while the app starts) would find an empty file and refuse it. Linked whole, the
        file is either absent or a complete log; when another process won the race, its
        file is used and ours dropped.
        """
        aside = path.with_name(f".{path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            conn = connect(str(aside))
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                cls(conn, path=aside, routine=routine)._migrate([])
            finally:
                conn.close()  # the last connection checkpoints and removes the -wal and -shm files
            try:
                os.link(aside, path)
            except FileExistsError:
                pass  # another scalp created the log first: open that one
            except OSError:
                # A file system without hard links: a rename, which a racing creator may replace.
                if not path.exists():
                    os.replace(aside, path)
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot create {path}: {describe_os_error(exc)}") from None
        except OSError as exc:
            raise Unwritable(f"cannot create {path}: {describe_os_error(exc)}") from None
        finally:
            for suffix in ("", "-wal", "-shm"):
                aside.with_name(aside.name + suffix).unlink(missing_ok=True)

    @classmethod
    def memory(
        cls, *, routine: Routine | None = None, clock: Clock = system_clock, zone: tzinfo | None = None
    ) -> Self:
        """A fresh log in memory, for tests."""
        conn = connect(":memory:")
        conn.execute("PRAGMA foreign_keys = ON")
        log = cls(conn, routine=routine, clock=clock, zone=zone)
        log._migrate([])
        return log

    def _migrate(self, applied: list[str]) -> None:
        if tuple(applied) == SCHEMA_NAMES:
            return
        from tui.store.schema import migrations

        try:
            migrations.apply(self.db)
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot update {self.path or 'the log'}: {describe_os_error(exc)}") from None

    def close(self) -> None:
        self.conn.close()

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection, for the migrations (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db
