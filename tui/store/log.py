"""The Log: the one class that owns every SQL statement of scalp.

Opening a file checks it before anything is written (so a refused file keeps its
bytes), then applies pending migrations. Each write runs in its own
``BEGIN IMMEDIATE`` transaction and is committed before the method returns, so a
caller may report it as saved. Reads use plain sqlite3; sqlite-utils (which costs
an import of click) is loaded only when the log is written or migrated.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.calendar import Clock, practice_day, system_clock
from tui.core.models import Check, DaySummary, Pause, RestDay, Session, Settings
from tui.core.routine import Routine, default_routine
from tui.core.settings_history import SettingChange, SettingsTimeline
from tui.core.settings_rules import Choices, check_settings, coerce_setting, overlay_stored
from tui.core.stats import Rating
from tui.store.errors import (
    CorruptDatabase,
    ForeignDatabase,
    NewerSchema,
    NotADatabase,
    SessionError,
    StoreError,
    Unwritable,
)
from tui.store.precheck import CHECK_CACHE_KIB, QuickCheck
from tui.store.versions import SCHEMA_NAMES

# Today (issue 3): guided steps and the repair of unattended sessions.
from datetime import timedelta
from tui.core.calendar import day_start_moment
from tui.core.guide import PASSES_STEP
from tui.core.recovery import CLOSE, PAUSE, STALE_AFTER, Recovery, plan_recovery

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"
MIGRATION_SET = "scalp"
BUSY_TIMEOUT_S = 10.0
RATING_KINDS = ("stress", "headache", "scalp")
RATING_PHASES = ("before", "after")


def new_id() -> str:
    """A random, globally unique row id."""
    return uuid.uuid4().hex


def _ts(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def describe_os_error(exc: BaseException) -> str:
    """A short reason for an OS or SQLite failure, for one-line messages."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        if "disk is full" in text or "database or disk is full" in text:
            return "the disk is full"
        if "disk I/O error" in text:
            return "the disk refused the write (full, or failing)"
        if "readonly" in text or "read-only" in text:
            return "the file is read-only"
        if "locked" in text:
            return "another scalp is busy with the file; try again"
        if "unable to open" in text:
            return "the file cannot be opened"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return text


# --- checking a file before it is opened -------------------------------------------------


def _check_header(path: Path) -> None:
    """Refuse files that are not SQLite or are visibly truncated, reading bytes only."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise Unwritable(f"cannot read {path}: {describe_os_error(exc)}") from None
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
    # The in-header page count is only trusted when it was written by a recent SQLite.
    if page_count and valid_for == change_counter and size < page_count * page_size:
        raise CorruptDatabase(f"{path} is a truncated SQLite file ({size} of {page_count * page_size} bytes)")


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise Unwritable(f"cannot write to {path}: the file is read-only")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Unwritable(f"cannot write to {folder}: the folder is read-only")


def _inspect(conn: sqlite3.Connection, path: str, checked: QuickCheck | None = None) -> list[str]:
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
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if MIGRATIONS_TABLE not in tables:
            user_tables = {t for t in tables if not t.startswith("sqlite_")}
            if user_tables:
                raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
            return []
        applied = [
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, StoreError):
            raise
        if "locked" in str(exc):
            raise Unwritable(f"{path} is locked by another program; try again") from None
        raise CorruptDatabase(f"{path} is a damaged SQLite file ({exc})") from None
    if not applied:
        raise ForeignDatabase(f"{path} holds another program's tables, not a scalp log")
    return applied


# --- reliability (issue 7): a new log appears whole or not at all ---------------------------


def _create_aside(path: Path, routine: Routine | None) -> None:
    """Build a new, migrated log beside ``path`` and link it into place in one step.

    SQLite creates a file empty and writes its header later, so a second scalp opening
    the same new path at that moment (two windows started together, a command run
    while the app starts) would find an empty file and refuse it. Linked whole, the
    file is either absent or a complete log; when another process won the race, its
    file is used and ours dropped.
    """
    aside = path.with_name(f".{path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        conn = _connect(str(aside))
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            Log(conn, path=aside, routine=routine)._migrate([])
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
        for leftover in (aside, aside.with_name(aside.name + "-wal"), aside.with_name(aside.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


class Log:
    """The scalp log on one SQLite file (or in memory for tests)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None = None,
        routine: Routine | None = None,
        clock: Clock = system_clock,
        zone: tzinfo | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.routine = routine or default_routine()
        self.clock = clock
        self.zone = zone
        self._db: Database | None = None
        self._settings: Settings | None = None

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        *,
        routine: Routine | None = None,
        clock: Clock = system_clock,
        zone: tzinfo | None = None,
        checked: QuickCheck | None = None,
    ) -> Log:
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
                raise Unwritable(f"cannot create the folder {path.parent}: {describe_os_error(exc)}") from None
            _check_writable(path)
            _create_aside(path, routine)
            exists = True
            checked = None  # made just now; a check begun before it existed found nothing
        _check_header(path)
        _check_writable(path)
        applied: list[str] = []
        if exists:
            # Inspect through a read-only connection so a refused file is never touched.
            try:
                # With no WAL file beside it, "immutable" reads without creating -wal/-shm files.
                wal = path.with_name(path.name + "-wal")
                flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
                ro = _connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
            except sqlite3.Error as exc:
                raise CorruptDatabase(f"{path} cannot be read as SQLite ({exc})") from None
            try:
                # The early check counts only for this very file, unchanged since it began.
                applied = _inspect(ro, str(path), checked if checked is not None and checked.about(path) else None)
            finally:
                ro.close()
        _refuse_newer(applied, path)
        try:
            conn = _connect(str(path))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot open {path}: {describe_os_error(exc)}") from None
        log = cls(conn, path=path, routine=routine, clock=clock, zone=zone)
        log._migrate(applied)
        return log

    @classmethod
    def memory(cls, *, routine: Routine | None = None, clock: Clock = system_clock, zone: tzinfo | None = None) -> Log:
        """A fresh log in memory, for tests."""
        conn = _connect(":memory:")
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
        """The sqlite-utils view of the same connection (imported on first write)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One write transaction, taken with BEGIN IMMEDIATE so a second process waits its turn."""
        db = self.db
        with self._transaction():
            yield db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """As ``_write``, for plain statements on the connection (no sqlite-utils import)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise Unwritable(f"cannot write to {self.path or 'the log'}: {describe_os_error(exc)}") from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise Unwritable(f"cannot write to {self.path or 'the log'}: {describe_os_error(exc)}") from None
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The current practice day, by the user's day start."""
        return self.day_of(self.now())

    def day_of(self, moment: datetime) -> date:
        return practice_day(moment, self.settings().day_start, self.zone)

    # --- settings ----------------------------------------------------------------------

    def settings(self) -> Settings:
        """The user's settings: the routine's defaults overlaid with what is stored.

        A stored value that no longer passes the rules (hand-edited, imported, or a zone
        the routine dropped) is ignored in favour of the default rather than crashing a screen.
        """
        if self._settings is None:
            stored: dict[str, Any] = {}
            for key, raw in self.conn.execute("SELECT key, value FROM settings"):
                try:
                    stored[key] = json.loads(raw)
                except ValueError:
                    continue  # an unreadable value falls back to the default
            self._settings = overlay_stored(Settings.from_routine(self.routine), stored, self._choices())
        return self._settings

    def save_settings(self, **values: Any) -> Settings:
        """Check and store some settings at once, committed on return; returns the new settings.

        Each change is also logged in settings_history from today's practice day on, so the
        statistics of earlier days keep the settings that were in force then. Raises
        SettingsError (a ValueError) naming every refused value; nothing is written then.
        """
        current = self.settings()
        clean = check_settings(values, current, self._choices())
        changed = {key: value for key, value in clean.items() if getattr(current, key) != value}
        if not changed:
            return current
        now = _ts(self.now())
        # The day the change takes effect is counted with the day start in force before it.
        valid_from = self.today().isoformat()
        with self._write() as db:
            for key, value in changed.items():
                encoded = json.dumps(_encode_setting(value))
                db["settings"].upsert({"key": key, "value": encoded, "updated_at": now}, pk="key")
                row = self.conn.execute(
                    "SELECT id FROM settings_history WHERE key = ? AND valid_from = ?", [key, valid_from]
                ).fetchone()
                entry = {"key": key, "value": encoded, "valid_from": valid_from, "changed_at": now}
                if row:
                    db["settings_history"].update(row[0], entry)
                else:
                    db["settings_history"].insert({"id": new_id(), **entry})
        self._settings = None
        return self.settings()

    def _choices(self) -> Choices:
        """The valid zones and techniques, for checking settings (themes are the UI's business)."""
        return Choices(zone_ids=self.routine.zone_ids, techniques=tuple(t.id for t in self.routine.techniques))

    # --- settings history (issue 9) ----------------------------------------------------

    def settings_changes(self) -> list[SettingChange]:
        """Every logged change of a setting, oldest first (unreadable rows are skipped)."""
        changes = []
        for key, raw, valid_from, changed_at in self.conn.execute(
            "SELECT key, value, valid_from, changed_at FROM settings_history ORDER BY valid_from, changed_at"
        ):
            try:
                value = coerce_setting(key, json.loads(raw))
                changes.append(SettingChange(key, value, date.fromisoformat(valid_from), _dt(changed_at)))
            except (ValueError, TypeError):
                continue
        return changes

    def settings_timeline(self) -> SettingsTimeline:
        """The settings in force on every practice day, for statistics over past months.

        Before its first logged change a setting had its default; a stored setting with
        no logged change at all (written by an older tool) counts as always in force.
        """
        changes = self.settings_changes()
        logged = {change.key for change in changes}
        current = self.settings()
        base = Settings.from_routine(self.routine)
        unlogged = {key: getattr(current, key) for key in base.__dataclass_fields__ if key not in logged}
        return SettingsTimeline(base.with_values(**unlogged), changes)

    def settings_on(self, day: date) -> Settings:
        """The settings that were in force on one practice day."""
        return self.settings_timeline().on(day)

    # --- sessions ----------------------------------------------------------------------

    def _session_from_row(self, row: sqlite3.Row | tuple, pauses: tuple[Pause, ...]) -> Session:
        (sid, day, started, ended, seen, technique, oil, note, source, minutes) = row
        return Session(
            id=sid,
            day=date.fromisoformat(day),
            started_at=_dt(started),
            ended_at=_dt(ended),
            last_seen_at=_dt(seen),
            technique=technique,
            oil=bool(oil),
            note=note or "",
            source=source,
            minutes=minutes,
            pauses=pauses,
        )

    _SESSION_COLUMNS = "id, day, started_at, ended_at, last_seen_at, technique, oil, note, source, minutes"

    def _pauses(self, session_ids: list[str]) -> dict[str, list[Pause]]:
        found: dict[str, list[Pause]] = {sid: [] for sid in session_ids}
        if not session_ids:
            return found
        marks = ",".join("?" * len(session_ids))
        for pid, sid, paused, resumed in self.conn.execute(
            f"SELECT id, session_id, paused_at, resumed_at FROM pauses WHERE session_id IN ({marks}) "
            "ORDER BY paused_at",
            session_ids,
        ):
            found[sid].append(Pause(pid, sid, _dt(paused), _dt(resumed)))
        return found

    def _sessions(self, where: str, params: list) -> list[Session]:
        rows = self.conn.execute(
            f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY started_at", params
        ).fetchall()
        pauses = self._pauses([r[0] for r in rows])
        return [self._session_from_row(r, tuple(pauses[r[0]])) for r in rows]

    def session(self, session_id: str) -> Session:
        found = self._sessions("id = ?", [session_id])
        if not found:
            raise SessionError(f"no session {session_id!r}")
        return found[0]

    def active_session(self) -> Session | None:
        """The open (unfinished) session, if any; the newest when several were left open."""
        found = self._sessions("ended_at IS NULL", [])
        return found[-1] if found else None

    def sessions_between(self, start: date, end: date) -> list[Session]:
        return self._sessions("day BETWEEN ? AND ?", [start.isoformat(), end.isoformat()])

    def start_session(self, technique: str | None = None) -> Session:
        """Start a session now, on today's practice day. Refused while another is open."""
        technique = technique or self.settings().technique
        self.routine.technique(technique)
        now = self.now()
        with self._write() as db:
            if self.conn.execute("SELECT 1 FROM sessions WHERE ended_at IS NULL").fetchone():
                raise SessionError("a session is already open; finish it before starting another")
            sid = new_id()
            db["sessions"].insert(
                {
                    "id": sid,
                    "day": self.day_of(now).isoformat(),
                    "started_at": _ts(now),
                    "last_seen_at": _ts(now),
                    "technique": technique,
                    "oil": 0,
                    "note": "",
                    "source": "app",
                }
            )
        return self.session(sid)

    def pause_session(self, session_id: str) -> Session:
        session = self.session(session_id)
        if not session.running:
            raise SessionError("only a running session can be paused")
        now = self.now()
        with self._write() as db:
            db["pauses"].insert({"id": new_id(), "session_id": session_id, "paused_at": _ts(now)})
            db["sessions"].update(session_id, {"last_seen_at": _ts(now)})
        return self.session(session_id)

    def resume_session(self, session_id: str) -> Session:
        session = self.session(session_id)
        if not session.paused:
            raise SessionError("only a paused session can be resumed")
        now = self.now()
        with self._write() as db:
            db["pauses"].update(session.pauses[-1].id, {"resumed_at": _ts(now)})
            db["sessions"].update(session_id, {"last_seen_at": _ts(now)})
        return self.session(session_id)

    def touch_session(self, session_id: str) -> None:
        """Record that a running session is still alive (a crash then costs at most one beat)."""
        with self._write() as db:
            db["sessions"].update(session_id, {"last_seen_at": _ts(self.now())})

    def finish_session(self, session_id: str, at: datetime | None = None) -> Session:
        """Close a session now (or at ``at``); a pause still open ends with it."""
        session = self.session(session_id)
        if session.finished:
            raise SessionError("the session is already finished")
        end = at or self.now()
        with self._write() as db:
            if session.paused:
                db["pauses"].update(session.pauses[-1].id, {"resumed_at": _ts(end)})
            db["sessions"].update(session_id, {"ended_at": _ts(end), "last_seen_at": _ts(end)})
        return self.session(session_id)

    def update_session(self, session_id: str, **values: Any) -> Session:
        """Change a session's technique, oil flag or note."""
        allowed = {"technique", "oil", "note"}
        if set(values) - allowed:
            raise ValueError(f"cannot change {', '.join(sorted(set(values) - allowed))} on a session")
        if values.get("technique") is not None:
            self.routine.technique(values["technique"])
        if "oil" in values:
            values["oil"] = int(bool(values["oil"]))
        self.session(session_id)
        with self._write() as db:
            db["sessions"].update(session_id, values)
        return self.session(session_id)

    def log_session(
        self,
        day: date,
        *,
        passes: int,
        minutes: float,
        technique: str | None = None,
        note: str = "",
        source: str = "log",
        session_id: str | None = None,
    ) -> Session:
        """Record a whole session after the fact: ``passes`` full passes over every zone."""
        technique = technique or self.settings().technique
        self.routine.technique(technique)
        if passes < 0 or minutes < 0:
            raise ValueError("passes and minutes cannot be negative")
        now = self.now()
        sid = session_id or new_id()
        with self._write() as db:
            self._insert_logged(db, sid, day, passes, minutes, technique, note, source, now)
        return self.session(sid)

    def _insert_logged(self, db, sid, day, passes, minutes, technique, note, source, now) -> None:
        db["sessions"].insert(
            {
                "id": sid,
                "day": day.isoformat(),
                "started_at": _ts(now),
                "ended_at": _ts(now),
                "last_seen_at": _ts(now),
                "technique": technique,
                "oil": 0,
                "note": note,
                "source": source,
                "minutes": float(minutes),
            }
        )
        db["checks"].insert_all(
            {
                "id": new_id(),
                "session_id": sid,
                "day": day.isoformat(),
                "pass_no": pass_no,
                "zone": zone,
                "technique": technique,
                "at": _ts(now),
            }
            for pass_no in range(1, passes + 1)
            for zone in self.routine.zone_ids
        )

    # --- checks ------------------------------------------------------------------------

    def add_check(self, session_id: str, pass_no: int, zone: str, technique: str | None = None) -> Check:
        """Record that ``zone`` was covered in pass ``pass_no``; committed on return."""
        self.routine.zone(zone)
        if pass_no < 1:
            raise ValueError("pass numbers start at 1")
        now = self.now()
        check_id, at = new_id(), _ts(now)
        try:
            # Plain statements, not sqlite-utils' insert (which reads the table's schema on
            # each call): a check-off is the app's most frequent write (issue 8). The row takes
            # the session's day and technique in the same statement, inside the transaction,
            # instead of reading the session and its pauses first (~0.15 ms a check).
            with self._transaction():
                row = self.conn.execute(
                    "INSERT INTO checks (id, session_id, day, pass_no, zone, technique, at) "
                    "SELECT ?, id, day, ?, ?, COALESCE(NULLIF(?, ''), technique), ? FROM sessions WHERE id = ? "
                    "RETURNING day, technique",
                    [check_id, pass_no, zone, technique or "", at, session_id],
                ).fetchall()
                if not row:
                    raise SessionError(f"no session {session_id!r}")
                self.conn.execute(
                    "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL", [at, session_id]
                )
        except sqlite3.IntegrityError:
            raise SessionError(f"{zone} is already checked in pass {pass_no}") from None
        day, technique = row[0]
        return Check(check_id, session_id, date.fromisoformat(day), pass_no, zone, now, technique)

    def undo_last_check(self, session_id: str) -> Check | None:
        """Remove the newest check of the session; returns it, or None when there is none."""
        with self._transaction():
            row = self.conn.execute(
                "SELECT id, session_id, day, pass_no, zone, at, technique FROM checks "
                "WHERE session_id = ? ORDER BY at DESC, rowid DESC LIMIT 1",
                [session_id],
            ).fetchone()
            if row is None:
                return None
            self.conn.execute("DELETE FROM checks WHERE id = ?", [row[0]])
        return _check_from_row(row)

    def checks_for_session(self, session_id: str) -> list[Check]:
        rows = self.conn.execute(
            "SELECT id, session_id, day, pass_no, zone, at, technique FROM checks "
            "WHERE session_id = ? ORDER BY at, rowid",
            [session_id],
        )
        return [_check_from_row(r) for r in rows]

    def checks_between(self, start: date, end: date) -> list[Check]:
        rows = self.conn.execute(
            "SELECT id, session_id, day, pass_no, zone, at, technique FROM checks "
            "WHERE day BETWEEN ? AND ? ORDER BY at, rowid",
            [start.isoformat(), end.isoformat()],
        )
        return [_check_from_row(r) for r in rows]

    # --- ratings -----------------------------------------------------------------------

    def set_rating(self, session_id: str, phase: str, kind: str, value: int | None) -> None:
        """Set (or with None, clear) one 1-5 self-rating of a session."""
        if phase not in RATING_PHASES or kind not in RATING_KINDS:
            raise ValueError(f"unknown rating {phase}/{kind}")
        if value is not None and not 1 <= value <= 5:
            raise ValueError("ratings go from 1 to 5")
        with self._write() as db:
            self.conn.execute(
                "DELETE FROM ratings WHERE session_id = ? AND phase = ? AND kind = ?", [session_id, phase, kind]
            )
            if value is not None:
                db["ratings"].insert(
                    {
                        "id": new_id(),
                        "session_id": session_id,
                        "phase": phase,
                        "kind": kind,
                        "value": value,
                        "at": _ts(self.now()),
                    }
                )

    def ratings(self, session_id: str) -> dict[tuple[str, str], int]:
        rows = self.conn.execute("SELECT phase, kind, value FROM ratings WHERE session_id = ?", [session_id])
        return {(phase, kind): value for phase, kind, value in rows}

    # --- rest days ---------------------------------------------------------------------

    def set_rest(self, day: date, reason: str = "") -> RestDay:
        """Mark a planned skip (or change its reason); one rest mark per day."""
        with self._write() as db:
            row = self.conn.execute("SELECT id FROM rest_days WHERE day = ?", [day.isoformat()]).fetchone()
            if row:
                db["rest_days"].update(row[0], {"reason": reason})
                rid = row[0]
            else:
                rid = new_id()
                db["rest_days"].insert(
                    {"id": rid, "day": day.isoformat(), "reason": reason, "created_at": _ts(self.now())}
                )
        return RestDay(rid, day, reason)

    def clear_rest(self, day: date) -> bool:
        """Remove a rest mark; True when there was one."""
        with self._write():
            cursor = self.conn.execute("DELETE FROM rest_days WHERE day = ?", [day.isoformat()])
        return cursor.rowcount > 0

    def rest_days(self, start: date, end: date) -> list[RestDay]:
        rows = self.conn.execute(
            "SELECT id, day, reason FROM rest_days WHERE day BETWEEN ? AND ? ORDER BY day",
            [start.isoformat(), end.isoformat()],
        )
        return [RestDay(rid, date.fromisoformat(day), reason or "") for rid, day, reason in rows]

    # --- per-day aggregates ------------------------------------------------------------

    def day_summaries(self, start: date, end: date) -> dict[date, DaySummary]:
        """Passes, checks, minutes, sessions and rest per practice day, only for days with any.

        Aggregated in SQL over the day indexes, so the cost follows the range, not the history.
        """
        lo, hi = start.isoformat(), end.isoformat()
        zone_count = len(self.routine.zones)
        found: dict[str, dict[str, Any]] = {}
        for day, passes, checks in self.conn.execute(
            """
            SELECT day, SUM(zones >= ?), SUM(zones) FROM (
                SELECT day, session_id, pass_no, COUNT(DISTINCT zone) AS zones
                FROM checks WHERE day BETWEEN ? AND ? GROUP BY day, session_id, pass_no
            ) GROUP BY day
            """,
            [zone_count, lo, hi],
        ):
            found.setdefault(day, {})
            found[day].update(passes=passes, checks=checks)
        now = _ts(self.now())
        for day, minutes, sessions in self.conn.execute(
            """
            SELECT s.day,
                   SUM(CASE WHEN s.minutes IS NOT NULL THEN s.minutes ELSE
                       MAX(0, (julianday(COALESCE(s.ended_at, ?)) - julianday(s.started_at)) * 1440
                       - COALESCE((SELECT SUM(julianday(COALESCE(p.resumed_at, s.ended_at, ?))
                                              - julianday(p.paused_at))
                                   FROM pauses p WHERE p.session_id = s.id), 0) * 1440)
                   END),
                   COUNT(*)
            FROM sessions s WHERE s.day BETWEEN ? AND ? GROUP BY s.day
            """,
            [now, now, lo, hi],
        ):
            found.setdefault(day, {})
            found[day].update(minutes=minutes or 0.0, sessions=sessions)
        for day, reason in self.conn.execute(
            "SELECT day, reason FROM rest_days WHERE day BETWEEN ? AND ?", [lo, hi]
        ):
            found.setdefault(day, {})
            found[day]["rest_reason"] = reason or ""
        return {
            date.fromisoformat(day): DaySummary(day=date.fromisoformat(day), **values)
            for day, values in sorted(found.items())
        }

    def first_day(self) -> date | None:
        """The earliest practice day with a session or a rest mark."""
        row = self.conn.execute(
            "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM sessions UNION ALL SELECT MIN(day) FROM rest_days)"
        ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    # --- Today (issue 3): guided steps and unattended sessions ---------------------------

    def mark_step(self, session_id: str, step: str) -> None:
        """Record that a guided step of an open session is done; marking it twice changes nothing."""
        known = {s.id for s in self.routine.steps} | {PASSES_STEP}
        if step not in known:
            raise ValueError(f"unknown step {step!r}")
        session = self.session(session_id)
        if session.finished:
            raise SessionError("the session is finished; its steps can no longer change")
        now = _ts(self.now())
        with self._write() as db:
            if self.conn.execute(
                "SELECT 1 FROM step_marks WHERE session_id = ? AND step = ?", [session_id, step]
            ).fetchone():
                return
            db["step_marks"].insert({"id": new_id(), "session_id": session_id, "step": step, "at": now})
            if session.running:
                db["sessions"].update(session_id, {"last_seen_at": now})

    def unmark_last_step(self, session_id: str) -> str | None:
        """Remove the newest step mark of an open session; returns its step, or None when there is none."""
        if self.session(session_id).finished:
            raise SessionError("the session is finished; its steps can no longer change")
        with self._write() as db:
            row = self.conn.execute(
                "SELECT id, step FROM step_marks WHERE session_id = ? ORDER BY at DESC, rowid DESC LIMIT 1",
                [session_id],
            ).fetchone()
            if row is None:
                return None
            db["step_marks"].delete(row[0])
        return row[1]

    def step_marks(self, session_id: str) -> list[str]:
        """The steps of a session marked done, oldest first."""
        rows = self.conn.execute(
            "SELECT step FROM step_marks WHERE session_id = ? ORDER BY at, rowid", [session_id]
        )
        return [step for (step,) in rows]

    def recover_session(self, stale_after: timedelta = STALE_AFTER) -> tuple[Recovery, Session] | None:
        """Repair the open session if nobody is attending it; returns what was done and the result.

        A running session whose heartbeat is older than ``stale_after`` is paused at
        its last heartbeat (the app was killed or the machine slept); a session left
        open from an earlier practice day is closed at its last activity, at the
        latest when its day ended (see tui.core.recovery). Decided and written in one
        transaction, so two apps opening the same file cannot both repair it.
        """
        settings = self.settings()
        # Most starts find no open session: answered by a read, without a write transaction
        # (and without importing sqlite-utils before the first frame).
        if self.conn.execute("SELECT 1 FROM sessions WHERE ended_at IS NULL LIMIT 1").fetchone() is None:
            return None
        with self._write() as db:
            found = self._sessions("ended_at IS NULL", [])
            if not found:
                return None
            session = found[-1]
            now = self.now()
            day_end = day_start_moment(session.day + timedelta(days=1), settings.day_start, self.zone)
            plan = plan_recovery(session, now, self.day_of(now), day_end, stale_after)
            if plan is None:
                return None
            at = _ts(plan.at)
            if plan.action == PAUSE:
                db["pauses"].insert({"id": new_id(), "session_id": session.id, "paused_at": at})
                db["sessions"].update(session.id, {"last_seen_at": at})
            elif plan.action == CLOSE:
                if session.paused:
                    # An open pause ends with the session (never before it began).
                    resumed = max(plan.at, session.pauses[-1].paused_at)
                    db["pauses"].update(session.pauses[-1].id, {"resumed_at": _ts(resumed)})
                db["sessions"].update(session.id, {"ended_at": at, "last_seen_at": at})
        return plan, self.session(session.id)
    # --- history (issue 5: the History screen and `scalp stats`) --------------------------
    # Aggregates over a range of practice days, read through the `day` indexes so that what
    # they cost follows the range asked for, never the length of the history.

    def zone_passes(self, start: date, end: date) -> dict[date, dict[str, int]]:
        """Per practice day, in how many passes each zone was checked (days without checks are absent)."""
        found: dict[date, dict[str, int]] = {}
        # (session_id, pass_no, zone) is unique, so COUNT(*) counts distinct passes per zone.
        for day, zone, passes in self.conn.execute(
            "SELECT day, zone, COUNT(*) FROM checks WHERE day BETWEEN ? AND ? GROUP BY day, zone",
            [start.isoformat(), end.isoformat()],
        ):
            found.setdefault(date.fromisoformat(day), {})[zone] = passes
        return found

    def change_stamp(self) -> tuple[int, int]:
        """A stamp that differs once the log was written, by this process or another one.

        Cheap (no table is read), so a screen can skip re-reading what has not changed.
        """
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return self.conn.total_changes, version

    def ratings_between(self, start: date, end: date) -> list[Rating]:
        """Every self-rating of the sessions held on practice days from start to end, oldest first."""
        rows = self.conn.execute(
            "SELECT s.day, r.session_id, r.phase, r.kind, r.value FROM sessions s "
            "JOIN ratings r ON r.session_id = s.id WHERE s.day BETWEEN ? AND ? "
            "ORDER BY s.day, s.started_at, r.phase, r.kind",
            [start.isoformat(), end.isoformat()],
        )
        return [Rating(date.fromisoformat(day), sid, phase, kind, value) for day, sid, phase, kind, value in rows]
    # --- command line (issue 6): transactions, rest ranges, bulk history -------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One write transaction for several steps (export/import); rolled back on any error."""
        with self._write() as db:
            yield db

    def forget_cached_settings(self) -> None:
        """Read the settings again on next use (after an import wrote to the table directly)."""
        self._settings = None

    def set_rest_days(self, days: list[date], reason: str = "") -> tuple[int, int]:
        """Mark several rest days in one transaction; returns (newly marked, reason changed)."""
        added = changed = 0
        now = _ts(self.now())
        with self._write():
            for day in days:
                row = self.conn.execute("SELECT id, reason FROM rest_days WHERE day = ?", [day.isoformat()]).fetchone()
                if row is None:
                    self.conn.execute(
                        "INSERT INTO rest_days (id, day, reason, created_at) VALUES (?, ?, ?, ?)",
                        [new_id(), day.isoformat(), reason, now],
                    )
                    added += 1
                elif (row[1] or "") != reason:
                    self.conn.execute("UPDATE rest_days SET reason = ? WHERE id = ?", [reason, row[0]])
                    changed += 1
        return added, changed

    def clear_rest_days(self, days: list[date]) -> int:
        """Remove the rest marks of several days in one transaction; returns how many there were."""
        with self._write():
            removed = sum(
                self.conn.execute("DELETE FROM rest_days WHERE day = ?", [day.isoformat()]).rowcount for day in days
            )
        return removed

    def days_with_sessions(self, start: date, end: date) -> set[date]:
        """The practice days in the range that hold at least one session."""
        rows = self.conn.execute(
            "SELECT DISTINCT day FROM sessions WHERE day BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
        )
        return {date.fromisoformat(day) for (day,) in rows}

    def is_empty(self) -> bool:
        """True when the log holds no session, rest day or setting."""
        return not self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM sessions) OR EXISTS (SELECT 1 FROM rest_days) "
            "OR EXISTS (SELECT 1 FROM settings)"
        ).fetchone()[0]

    def add_history(self, history, *, replace: bool = False) -> None:
        """Write a whole generated history (tui.core.demo.History) in one transaction.

        With ``replace``, everything already in the log goes first. Rows go in with
        executemany, so twenty years take seconds, not minutes.
        """
        conn = self.conn
        with self._write():
            if replace:
                for table in ("ratings", "checks", "pauses", "sessions", "rest_days", "settings"):
                    conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                "INSERT INTO sessions (id, day, started_at, ended_at, last_seen_at, technique, oil, note, source, "
                "minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                map(_session_row, history.sessions),
            )
            conn.executemany(
                "INSERT INTO pauses (id, session_id, paused_at, resumed_at) VALUES (?, ?, ?, ?)",
                ((p.id, p.session_id, _ts(p.paused_at), _ts_or_none(p.resumed_at)) for p in history.pauses),
            )
            conn.executemany(
                "INSERT INTO checks (id, session_id, day, pass_no, zone, technique, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (c.id, c.session_id, c.day.isoformat(), c.pass_no, c.zone, c.technique, _ts(c.at))
                    for c in history.checks
                ),
            )
            conn.executemany(
                "INSERT INTO ratings (id, session_id, phase, kind, value, at) VALUES (?, ?, ?, ?, ?, ?)",
                ((r.id, r.session_id, r.phase, r.kind, r.value, _ts(r.at)) for r in history.ratings),
            )
            # A planned rest day is noted at the start of that day (UTC), so a history stays reproducible.
            conn.executemany(
                "INSERT INTO rest_days (id, day, reason, created_at) VALUES (?, ?, ?, ?)",
                (
                    (r.id, r.day.isoformat(), r.reason, f"{r.day.isoformat()}T00:00:00.000000+00:00")
                    for r in history.rest_days
                ),
            )
            now = _ts(self.now())
            conn.executemany(
                "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
                ((key, json.dumps(_encode_setting(value)), now) for key, value in history.settings.items()),
            )
        self._settings = None


def _ts_or_none(moment: datetime | None) -> str | None:
    return _ts(moment) if moment else None


def _session_row(s: Session) -> tuple:
    return (
        s.id,
        s.day.isoformat(),
        _ts(s.started_at),
        _ts_or_none(s.ended_at),
        _ts_or_none(s.last_seen_at),
        s.technique,
        int(s.oil),
        s.note,
        s.source,
        s.minutes,
    )


def _check_from_row(row) -> Check:
    cid, sid, day, pass_no, zone, at, technique = row
    return Check(cid, sid, date.fromisoformat(day), pass_no, zone, _dt(at), technique)


def _refuse_newer(applied: list[str], path: Path) -> None:
    unknown = [name for name in applied if name not in SCHEMA_NAMES]
    if unknown:
        raise NewerSchema(
            f"{path} was written by a newer version of scalp (schema {unknown[-1]}); upgrade scalp to open it"
        )


def _encode_setting(value: Any) -> Any:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value

