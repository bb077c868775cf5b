"""The change journal: every row change of the log, also written as an operation, in the same transaction.

The Log's write seam (tui.store.writes) is hooked here: each insert, update and delete
of a synced table appends one operation per row to ``_sync_journal`` before the
transaction commits, so a change and its journal entry are saved together or not at
all. Deletes become tombstones (``del`` operations), so a row undone here cannot come
back from another computer that still has it. Other devices' operations are stored in
the same table when they are applied (tui.store.sync_apply), which is what lets a row
be merged again whenever one more operation on it arrives.

Tables (names start with ``_``, so exports and imports leave them out as tables):

_sync_journal  device, seq (1, 2, 3... per device), op (random id), clock (hybrid logical
               clock, tui.core.sync.clock), tbl, key (JSON list naming the row), kind
               ("put", "patch", "del"), fields (JSON object)
_sync_meta     key, value: this log's device id, the folder, the latest clock seen...
_sync_files    what was read of each file in the folder: name, device, offset, tail, size
_sync_pending  rows that arrived before their session did: tbl, key
_sync_devices  per other device, up to which sequence number every operation is here
"""

from __future__ import annotations

import json
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

from tui.core.sync import clock
from tui.core.sync.ops import DEL, PATCH, PUT, TABLES, Operation
from tui.store.writes import Writes

DDL = (
    "CREATE TABLE IF NOT EXISTS _sync_journal (device TEXT NOT NULL, seq INTEGER NOT NULL, op TEXT NOT NULL, "
    "clock TEXT NOT NULL, tbl TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, fields TEXT NOT NULL, "
    "PRIMARY KEY (device, seq)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS _sync_journal_row ON _sync_journal (tbl, key)",
    "CREATE TABLE IF NOT EXISTS _sync_meta (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS _sync_files (name TEXT PRIMARY KEY, device TEXT, offset INTEGER NOT NULL, "
    "tail TEXT NOT NULL, size INTEGER NOT NULL, seen_at TEXT)",
    "CREATE TABLE IF NOT EXISTS _sync_pending (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key))",
    "CREATE TABLE IF NOT EXISTS _sync_devices (device TEXT PRIMARY KEY, upto INTEGER NOT NULL)",
)
INSERT_OP = (
    "INSERT OR IGNORE INTO _sync_journal (device, seq, op, clock, tbl, key, kind, fields)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
OP_COLUMNS = "device, seq, op, clock, tbl, key, kind, fields"


def _compact_encoder() -> Callable[[Any], str]:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":")), without making an encoder per call.

    JSONEncoder.encode still makes json's C encoder on every call; that one, made once here
    as encode makes it (without the check for a value that contains itself: a row's values
    never do), takes half the time. Where Python has no C encoder, or it does not give
    json.dumps's text, JSONEncoder.encode.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    try:
        from json.encoder import c_make_encoder  # type: ignore[attr-defined]

        made = c_make_encoder(None, encoder.default, encode_basestring, None, ":", ",", False, False, True)

        def encode(value: Any) -> str:
            return "".join(made(value, 0))

        probe = {"a": [1, 2.5, None, True, "é\u2028\x1b\"\\"], "b": {"c": -0.0, "d": 10**20, "e": 1e300}}
        if encode(probe) == encoder.encode(probe):
            return encode
    except Exception:  # noqa: BLE001 - any other Python: the plain way
        pass
    return encoder.encode


_ENCODE = _compact_encoder()


def encode_key(key: Sequence[Any]) -> str:
    """The one text form of a row's key, equal on every computer for the same row.

    The compact JSON of the key as a list; text and whole numbers, what keys are made of,
    are put together directly (a first sync encodes 165,000 keys), anything else by json.
    """
    parts = []
    for part in key:
        kind = type(part)
        if kind is str:
            parts.append(encode_basestring(part))
        elif kind is int:
            parts.append(int.__repr__(part))
        else:
            return _ENCODE(list(key))
    return "[" + ",".join(parts) + "]"


def encode_fields(fields: Mapping[str, Any]) -> str:
    return _ENCODE(fields if type(fields) is dict else dict(fields))


def op_row(op: Operation) -> tuple[Any, ...]:
    return (
        op.device,
        op.seq,
        op.op_id,
        op.clock,
        op.table,
        encode_key(op.key),
        op.kind,
        encode_fields(op.fields),
    )


def op_from_row(row: Sequence[Any]) -> Operation:
    device, seq, op_id, reading, table, key, kind, fields = row
    return Operation(op_id, device, seq, reading, table, tuple(json.loads(key)), kind, json.loads(fields))


def origin() -> str:
    """Where this log lives (computer and process-independent path), to notice a copied log."""
    return socket.gethostname()


def meta_get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM _sync_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def meta_set(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    conn.execute("INSERT OR REPLACE INTO _sync_meta (key, value) VALUES (?, ?)", [key, value])


def new_device_id() -> str:
    return uuid.uuid4().hex[:16]


def create_tables(conn: sqlite3.Connection, now: datetime | None = None) -> None:
    """The journal's tables, and every row already in the log as this device's first operations.

    Run by the schema migration: a log from before sync keeps every figure (nothing in
    its tables changes) and publishes its whole history on its first sync.
    """
    for statement in DDL:
        conn.execute(statement)
    if meta_get(conn, "device") is None:
        meta_set(conn, "device", new_device_id())
        meta_set(conn, "origin", origin())
    device = meta_get(conn, "device")
    moment = now or datetime.now(UTC)
    head = conn.execute(
        "SELECT MAX(seq), MAX(clock) FROM _sync_journal WHERE device = ?", [device]
    ).fetchone()
    seq, last = head[0] or 0, head[1]
    rows = []
    for table in TABLES:
        cursor = conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        names = [d[0] for d in cursor.description]
        rule = TABLES[table]
        for values in cursor:
            full = dict(zip(names, values, strict=True))
            last = clock.tick(last, moment)
            seq += 1
            key = tuple(full[c] for c in rule.key)
            rows.append(
                (device, seq, uuid.uuid4().hex, last, table, encode_key(key), PUT, encode_fields(full))
            )
    conn.executemany(INSERT_OP, rows)


class Journaled(Writes):
    """The write seam, each row change also appended to the journal (a mixin under LogBase)."""

    _device: str | None = None

    def device_id(self) -> str:
        """This log's device id: the name of its file in the sync folder."""
        if self._device is None:
            self._device = meta_get(self.conn, "device") or ""
        return self._device

    def forget_device(self) -> None:
        self._device = None

    def _journal(self, entries: Iterable[tuple[str, tuple[Any, ...], str, dict[str, Any]]]) -> None:
        """Append this device's operations: (table, key, kind, fields) each, with the next seq and clock."""
        entries = list(entries)
        if not entries:
            return
        device = self.device_id()
        head = self.conn.execute(
            "SELECT seq, clock FROM _sync_journal WHERE device = ? ORDER BY seq DESC LIMIT 1", [device]
        ).fetchone()
        seq, last = (head[0], head[1]) if head else (0, None)
        last = clock.later(last, meta_get(self.conn, "clock_seen"))
        now = self.clock()  # type: ignore[attr-defined]  # the Log's injected clock
        rows = []
        for table, key, kind, fields in entries:
            last = clock.tick(last, now)
            seq += 1
            rows.append(
                (device, seq, uuid.uuid4().hex, last, table, encode_key(key), kind, encode_fields(fields))
            )
        self.conn.executemany(INSERT_OP, rows)

    def _rows_where(self, table: str, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(f'SELECT rowid AS "__rowid", * FROM "{table}" WHERE {where}', list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor]

    @staticmethod
    def _key(table: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(row[c] for c in TABLES[table].key)

    @staticmethod
    def _full(row: dict[str, Any]) -> dict[str, Any]:
        row.pop("__rowid", None)
        return row

    # --- the seam, journaled -----------------------------------------------------------------

    def _insert(self, table: str, row: Mapping[str, Any]) -> None:
        super()._insert(table, row)
        if table in TABLES:
            (full,) = self._rows_where(table, "rowid = last_insert_rowid()", [])
            self._journal([(table, self._key(table, full), PUT, self._full(full))])

    def _insert_many(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> int:
        if table not in TABLES:
            return super()._insert_many(table, columns, rows, skip_existing=skip_existing)
        (before,) = self.conn.execute(f'SELECT COALESCE(MAX(rowid), 0) FROM "{table}"').fetchone()
        super()._insert_many(
            table, columns, rows, skip_existing=skip_existing
        )  # rows it skipped get no rowid
        added = self._rows_where(table, "rowid > ? ORDER BY rowid", [before])
        self._journal((table, self._key(table, r), PUT, self._full(r)) for r in added)
        return len(added)

    def _upsert(self, table: str, row: Mapping[str, Any], *, key: str) -> None:
        super()._upsert(table, row, key=key)
        if table in TABLES:
            (full,) = self._rows_where(table, f'"{key}" = ?', [row[key]])
            self._journal([(table, self._key(table, full), PUT, self._full(full))])

    def _update(
        self, table: str, key: Any, values: Mapping[str, Any], *, where: str = "", key_column: str = "id"
    ) -> int:
        if table not in TABLES or not values:
            return super()._update(table, key, values, where=where, key_column=key_column)
        extra = f" AND {where}" if where else ""
        before = self._rows_where(table, f'"{key_column}" = ?{extra}', [key])
        changed = super()._update(table, key, values, where=where, key_column=key_column)
        if not before:
            return changed
        marks = ",".join("?" * len(before))
        after = {
            r["__rowid"]: r
            for r in self._rows_where(table, f"rowid IN ({marks})", [r["__rowid"] for r in before])
        }
        entries: list[tuple[str, tuple[Any, ...], str, dict[str, Any]]] = []
        for old in before:
            new = after.get(old["__rowid"])
            if new is None:
                continue
            old_key, new_key = self._key(table, old), self._key(table, new)
            if old_key != new_key:  # the row is now named otherwise: the old name is gone
                entries.append((table, old_key, DEL, {}))
                entries.append((table, new_key, PUT, self._full(new)))
            else:
                entries.append((table, new_key, PATCH, {c: new[c] for c in values}))
        self._journal(entries)
        return changed

    def _delete(self, table: str, key: Any, *, key_column: str = "id") -> int:
        if table not in TABLES:
            return super()._delete(table, key, key_column=key_column)
        gone = self._rows_where(table, f'"{key_column}" = ?', [key])
        removed = super()._delete(table, key, key_column=key_column)
        self._journal((table, self._key(table, r), DEL, {}) for r in gone)
        return removed

    def _delete_all(self, table: str) -> None:
        if table not in TABLES:
            super()._delete_all(table)
            return
        gone = self._rows_where(table, "1", [])
        super()._delete_all(table)
        self._journal((table, self._key(table, r), DEL, {}) for r in gone)
