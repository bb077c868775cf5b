"""The one way the log is written: a nestable transaction and one function per kind of row change.

Style: plain SQL on the sqlite3 connection, never sqlite-utils. The check-off (the
app's most frequent write) must not pay for sqlite-utils reading the table's schema on
each call, plain statements keep the write path free of its import (and of click's),
and a statement written out is what a change journal needs to mirror. sqlite-utils
stays for the migrations only (tui.store.schema).

``with log.transaction():`` takes ``BEGIN IMMEDIATE`` at the outermost level (so a
second process waits its turn instead of failing half-way) and a SAVEPOINT when
nested, so a bulk write may call the single-row writes inside its own transaction.
The outermost level commits before it returns: a caller may then report the change as
saved. An error rolls back its own level and propagates.

THE WRITE SEAM: every row the log inserts, updates or deletes goes through one of
``_insert``, ``_insert_many``, ``_upsert``, ``_update`` and ``_delete`` below, called inside
``transaction()``. A change journal (sync) hooks these few methods and appends its own
rows in the same transaction, so a change and its journal entry commit together or
not at all. (The importer, tui.store.exchange.load, writes through ``_insert_many`` too;
the one exception is the migrations, which change the schema, not rows.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.store.errors import Busy, Unwritable


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


def _names(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


class Writes:
    """The transaction helper and the row writes of the Log (a mixin; the Log owns ``conn``)."""

    conn: sqlite3.Connection
    path: Path | None
    _depth: int = 0

    def wait_for_lock(self, seconds: float) -> None:
        """How long a write waits for another process's write lock before it is refused as Busy.

        Commands wait long (they have nothing else to do); the app waits briefly, so that a
        key press never freezes the screen behind a long import, and says the log is busy.
        """
        self.conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, nestable; rolled back on any error, committed on leaving the outermost."""
        if self._depth:
            yield from self._savepoint()
            return
        where = self.path or "the log"
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise Busy(f"the log is busy: another scalp is writing to {where}; nothing was saved") from None
            raise Unwritable(f"cannot write to {where}: {describe_os_error(exc)}") from None
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise Unwritable(f"cannot write to {where}: {describe_os_error(exc)}") from None
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        name = f"scalp_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    # --- the write seam: every row change of the log ---------------------------------------

    def _require_transaction(self) -> None:
        if not self._depth:
            raise RuntimeError("a write outside log.transaction()")

    def _insert(self, table: str, row: Mapping[str, Any]) -> None:
        self._require_transaction()
        marks = ", ".join("?" * len(row))
        self.conn.execute(f'INSERT INTO "{table}" ({_names(row)}) VALUES ({marks})', list(row.values()))

    def _insert_many(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, skip_existing: bool = False
    ) -> int:
        """Many rows at once (executemany), for bulk writes; ``skip_existing`` keeps rows already there.

        Returns how many rows went in.
        """
        self._require_transaction()
        marks = ", ".join("?" * len(columns))
        verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
        cursor = self.conn.executemany(f'{verb} INTO "{table}" ({_names(columns)}) VALUES ({marks})', rows)
        return max(cursor.rowcount, 0)

    def _upsert(self, table: str, row: Mapping[str, Any], *, key: str) -> None:
        """Insert the row, or replace the values of the row with the same ``key``."""
        self._require_transaction()
        marks = ", ".join("?" * len(row))
        changes = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c != key)
        self.conn.execute(
            f'INSERT INTO "{table}" ({_names(row)}) VALUES ({marks}) '
            f'ON CONFLICT ("{key}") DO UPDATE SET {changes}',
            list(row.values()),
        )

    def _update(
        self, table: str, key: Any, values: Mapping[str, Any], *, where: str = "", key_column: str = "id"
    ) -> int:
        """Change some columns of the row whose ``key_column`` is ``key``; returns the rows changed."""
        self._require_transaction()
        if not values:
            return 0
        changes = ", ".join(f'"{c}" = ?' for c in values)
        extra = f" AND {where}" if where else ""
        cursor = self.conn.execute(
            f'UPDATE "{table}" SET {changes} WHERE "{key_column}" = ?{extra}', [*values.values(), key]
        )
        return cursor.rowcount

    def _delete(self, table: str, key: Any, *, key_column: str = "id") -> int:
        """Delete the rows whose ``key_column`` is ``key``; returns how many there were."""
        self._require_transaction()
        return self.conn.execute(f'DELETE FROM "{table}" WHERE "{key_column}" = ?', [key]).rowcount

    def _delete_all(self, table: str) -> None:
        """Empty a table (a replacing bulk write)."""
        self._require_transaction()
        self.conn.execute(f'DELETE FROM "{table}"')
