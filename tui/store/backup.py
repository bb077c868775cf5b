"""Consistent copies of the log through SQLite's online backup, on demand and automatic.

A copy is written to a hidden temporary file in the destination folder, checked, made
durable and only then renamed to its name, so a backup that exists is always whole.
Automatic backups (``scalp-auto-<UTC time>.db``) are made at most once a day and only
the newest few are kept; backups made on demand (``scalp-<UTC time>.db``) are never
removed by scalp.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.store.errors import StoreError, Unwritable
from tui.store.private import private_dir, temp_beside

BACKUP_FOLDER = "backups"
MANUAL_PREFIX = "scalp-"
AUTO_PREFIX = "scalp-auto-"
SUFFIX = ".db"
STAMP = "%Y%m%dT%H%M%SZ"
TEMP_PREFIX = ".scalp-backup-"
AUTO_EVERY = timedelta(hours=24)
AUTO_KEEP = 5
STALE_TEMP = timedelta(hours=1)


class BackupError(StoreError):
    """A backup could not be made; the message is one line."""


def backup_folder(db_path: Path) -> Path:
    """The `backups` folder beside the database."""
    return db_path.parent / BACKUP_FOLDER


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(STAMP)


def copy_database(source: sqlite3.Connection, dest: Path) -> int:
    """Copy an open database to ``dest`` with SQLite's online backup; returns the copy's size.

    Safe while another connection writes: the backup API copies a consistent snapshot.
    ``dest`` is replaced atomically; its folder must exist. The copy is private (0600) and
    its temporary file is made exclusively, so nothing planted in the folder is written through.
    """
    temp: Path | None = None
    try:
        fd, temp = temp_beside(dest, prefix=f"{TEMP_PREFIX}{os.getpid()}-")
        os.close(fd)
        target = sqlite3.connect(str(temp), isolation_level=None)
        try:
            source.backup(target)
            # A backup is a single self-contained file, whatever the live log's journal mode.
            target.execute("PRAGMA journal_mode = DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise BackupError(f"the copy at {temp} failed its check ({result[0] if result else 'no answer'})")
        finally:
            target.close()
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, dest)
        _fsync_folder(dest.parent)
        return dest.stat().st_size
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"cannot write the backup {dest}: {_reason(exc)}") from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
            Path(f"{temp}-journal").unlink(missing_ok=True)


def _reason(exc: BaseException) -> str:
    from tui.store.log import describe_os_error

    return describe_os_error(exc)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stamp_of(path: Path, prefix: str) -> datetime | None:
    name = path.name
    if not (name.startswith(prefix) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(prefix) : -len(SUFFIX)], STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def auto_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The automatic backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [(when, path) for path in folder.iterdir() if (when := _stamp_of(path, AUTO_PREFIX))]
    return sorted(found)


def auto_backup_due(folder: Path, now: datetime) -> bool:
    """True unless an automatic backup was made less than 24 hours before ``now``."""
    existing = auto_backups(folder)
    if not existing:
        return True
    newest = existing[-1][0]
    # A backup stamped in the future (the clock was wrong) does not hold the next one back.
    return not (timedelta(0) <= now - newest < AUTO_EVERY)


def auto_backup(db_path: Path, now: datetime | None = None, keep: int = AUTO_KEEP) -> Path | None:
    """Back the log up into its `backups` folder unless it was done in the last 24 hours.

    Keeps the newest ``keep`` automatic backups. Returns the new file, or None when no
    backup was due (or the log holds nothing yet). Opens its own connection, so it may
    run in a thread while the app writes; BackupError when the copy fails.
    """
    now = now or datetime.now(UTC)
    folder = backup_folder(db_path)
    if not db_path.is_file() or not auto_backup_due(folder, now):
        return None
    try:
        # Read-write but never created: a read-only connection would leave -wal/-shm files behind.
        source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot read {db_path} for a backup: {_reason(exc)}") from None
    try:
        if not _holds_history(source):
            return None
        try:
            private_dir(folder)
        except OSError as exc:
            raise BackupError(f"cannot create {folder}: {_reason(exc)}") from None
        _remove_stale_temps(folder, now)
        dest = folder / f"{AUTO_PREFIX}{stamp(now)}{SUFFIX}"
        copy_database(source, dest)
    finally:
        source.close()
    for _, old in auto_backups(folder)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return dest


def _holds_history(conn: sqlite3.Connection) -> bool:
    try:
        return bool(
            conn.execute("SELECT EXISTS (SELECT 1 FROM sessions) OR EXISTS (SELECT 1 FROM rest_days)").fetchone()[0]
        )
    except sqlite3.Error:
        return False  # not a scalp log (yet): nothing worth keeping


def _remove_stale_temps(folder: Path, now: datetime) -> None:
    """Remove the temporary copies left by a backup that was killed (they hold notes and ratings).

    A copy is stale when the process named in it (``.scalp-backup-<pid>-...``) is gone, or
    when it is over an hour old (a copy made on another computer sharing the folder, or a
    process id used again since).
    """
    try:
        leftovers = list(folder.glob(f"{TEMP_PREFIX}*.tmp*"))
    except OSError:
        return
    for path in leftovers:
        with suppress(OSError):
            if path.is_symlink() or not path.is_file():
                continue  # not one of ours
            old = now.timestamp() - path.stat().st_mtime > STALE_TEMP.total_seconds()
            if old or not _alive(_pid_of(path.name)):
                path.unlink()


def _pid_of(name: str) -> int | None:
    head = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _alive(pid: int | None) -> bool:
    """True when ``pid`` names a running process (or cannot be told: then the hour rule decides)."""
    if pid is None or pid <= 0 or os.name == "nt":  # Windows' os.kill would end the process
        return True
    if pid == os.getpid():
        return True  # a copy of this process: another thread's backup in progress
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, AttributeError):
        return True
    return True


class AutoBackup:
    """The automatic backup, run in a thread beside the app so the first frame does not wait."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.made: Path | None = None
        self.error: str | None = None
        # Not a daemon: quitting the app waits for a copy in progress rather than cutting it.
        self._thread = threading.Thread(target=self._run, name="scalp-auto-backup")

    def _run(self) -> None:
        try:
            self.made = auto_backup(self.db_path)
        except StoreError as exc:
            self.error = str(exc)
        except Exception as exc:  # a failed backup must never take the app down
            self.error = f"automatic backup failed: {exc}"

    def start(self) -> AutoBackup:
        self._thread.start()
        return self

    def wait(self) -> str | None:
        """Wait for the copy to end; returns the one-line error, if any (None if it never started)."""
        if self._thread.ident is not None:  # an app that ends before its first frame never starts it
            self._thread.join()
        return self.error


def manual_backup_path(db_path: Path, dest: Path | None, now: datetime) -> Path:
    """Where `scalp backup [DEST]` writes: DEST, a timestamped file in DEST if it is a folder,
    else a timestamped file in the `backups` folder beside the database."""
    if dest is not None and not dest.is_dir():
        return dest
    folder = backup_folder(db_path) if dest is None else dest
    path = folder / f"{MANUAL_PREFIX}{stamp(now)}{SUFFIX}"
    count = 1
    while path.exists():  # two backups within the same second
        count += 1
        path = folder / f"{MANUAL_PREFIX}{stamp(now)}-{count}{SUFFIX}"
    return path


def backup_log(db_path: Path, conn: sqlite3.Connection, dest: Path, *, overwrite: bool = False) -> int:
    """Copy the open log to ``dest`` (a file path); refuses to overwrite unless asked. Returns the size."""
    if dest.exists() and dest.resolve() == db_path.resolve():
        raise BackupError(f"{dest} is the database itself; choose another destination")
    if dest.exists() and not overwrite:
        raise BackupError(f"{dest} already exists; pass --force to replace it")
    if dest.is_dir():
        raise BackupError(f"{dest} is a folder")
    if not dest.parent.is_dir():
        try:
            private_dir(dest.parent)
        except OSError as exc:
            raise Unwritable(f"cannot create the folder {dest.parent}: {_reason(exc)}") from None
    _remove_stale_temps(dest.parent, datetime.now(UTC))
    return copy_database(conn, dest)
