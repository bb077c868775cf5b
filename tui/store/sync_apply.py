"""Applying other devices' operations: store the new ones, merge every row they touch, write the result.

Runs inside the caller's ``log.transaction()``, on plain statements that bypass the
journaled write seam (an applied operation is another device's, not a change of ours).
Applying is idempotent: an operation already stored is recognised by its device and
sequence number and changes nothing, so a file read twice, or a duplicate copy of it,
is harmless. A row whose session has not arrived yet (its device's file came first)
waits in ``_sync_pending`` and is written as soon as the session is there.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from tui.core.sync import clock
from tui.core.sync.merge import RowState, fold
from tui.core.sync.ops import PUT, TABLES, Operation
from tui.store.journal import INSERT_OP, OP_COLUMNS, encode_fields, encode_key, meta_get, meta_set

if TYPE_CHECKING:
    from tui.store.log import Log

CHUNK = 500


@dataclass
class Applied:
    """What applying a batch of operations did."""

    added: int = 0  # operations new to this log
    duplicates: int = 0  # operations it already had
    reused: dict[str, int] = field(default_factory=dict)  # device -> numbers it used twice for different ops
    rows: int = 0  # rows of the log written or removed
    waiting: int = 0  # rows whose session has not arrived

    def add(self, other: Applied) -> None:
        """Count a later slice of the same sync in."""
        self.added += other.added
        self.duplicates += other.duplicates
        self.rows += other.rows
        self.waiting = other.waiting  # what still waits after the last slice
        for device, count in other.reused.items():
            self.reused[device] = self.reused.get(device, 0) + count


def holds_no_row(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` is empty: what lets a first sync skip the work of merging into rows already there."""
    return not conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def store_new(conn: sqlite3.Connection, ops: Iterable[Operation], applied: Applied) -> list[Operation]:
    """The operations this log does not have yet (not stored yet); counts duplicates and reused numbers."""
    by_device: dict[str, list[Operation]] = defaultdict(list)
    for op in ops:
        by_device[op.device].append(op)
    new: list[Operation] = []
    for device, group in by_device.items():
        lo, hi = min(op.seq for op in group), max(op.seq for op in group)
        known = dict(
            conn.execute(
                "SELECT seq, op FROM _sync_journal WHERE device = ? AND seq BETWEEN ? AND ?", [device, lo, hi]
            )
        )
        for op in group:
            have = known.get(op.seq)
            if have is None:
                known[op.seq] = op.op_id
                new.append(op)
            elif have == op.op_id:
                applied.duplicates += 1
            else:  # the same number for another operation: a copy of a log publishing as the same device
                applied.reused[device] = applied.reused.get(device, 0) + 1
    return new


def _stored_ops(
    conn: sqlite3.Connection, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[Operation]]:
    """The operations already stored on these rows, from every device, by row."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _sync_touched (tbl TEXT, key TEXT, PRIMARY KEY (tbl, key))")
    conn.execute("DELETE FROM temp._sync_touched")
    conn.executemany("INSERT OR IGNORE INTO temp._sync_touched (tbl, key) VALUES (?, ?)", keys)
    grouped: dict[tuple[str, str], list[Operation]] = defaultdict(list)
    # CROSS JOIN keeps the few touched rows as the outer loop, probing the journal's row index
    # for each: the planner knows nothing of the temporary table and would scan the journal.
    cursor = conn.execute(
        f"SELECT {', '.join('j.' + c.strip() for c in OP_COLUMNS.split(','))} FROM temp._sync_touched t CROSS "
        "JOIN _sync_journal j ON j.tbl = t.tbl AND j.key = t.key"
    )
    loads = json.loads
    for device, seq, op_id, reading, table, key, kind, fields in cursor:
        grouped[(table, key)].append(Operation(op_id, device, seq, reading, table, (), kind, loads(fields)))
    conn.execute("DELETE FROM temp._sync_touched")
    return grouped


def merge_rows(conn: sqlite3.Connection, new: list[Operation], applied: Applied) -> None:
    """Store the new operations, and write the merged state of every row they touch (parents first)."""
    keys = [encode_key(op.key) for op in new]
    pending = set(conn.execute("SELECT tbl, key FROM _sync_pending"))
    grouped: dict[tuple[str, str], list[Operation]]
    if pending or not holds_no_row(conn, "_sync_journal"):
        touched = {(op.table, key) for op, key in zip(new, keys, strict=True)} | pending
        grouped = _stored_ops(conn, touched)  # read before the new ones go in: those are decoded already
    else:  # nothing stored yet (a first sync): no operation but these touches a row
        grouped = defaultdict(list)
    for op, key in zip(new, keys, strict=True):
        grouped[(op.table, key)].append(op)
    conn.executemany(
        INSERT_OP,
        (
            (op.device, op.seq, op.op_id, op.clock, op.table, key, op.kind, encode_fields(op.fields))
            for op, key in zip(new, keys, strict=True)
        ),
    )
    applied.added += len(new)
    if new:
        latest = max(op.clock for op in new)
        meta_set(conn, "clock_seen", clock.later(meta_get(conn, "clock_seen"), latest))
    conn.executemany("DELETE FROM _sync_pending WHERE tbl = ? AND key = ?", list(pending))
    by_table: dict[str, list[tuple[tuple[Any, ...], RowState]]] = defaultdict(list)
    for (table, key), ops in grouped.items():
        last = ops[-1]  # a new operation when there is one: its key is decoded already (stored ones have none)
        if len(ops) == 1 and last.kind == PUT:
            state = RowState(True, last.fields)  # what fold gives for a lone put, without its bookkeeping
        else:
            state = fold(ops)
        by_table[table].append((last.key or tuple(json.loads(key)), state))
    for table in TABLES:
        if by_table.get(table):
            _write_table(conn, table, by_table[table], applied)


def _existing_sessions(conn: sqlite3.Connection, ids: set[str]) -> set[str]:
    found: set[str] = set()
    ids_list = list(ids)
    for start in range(0, len(ids_list), CHUNK):
        part = ids_list[start : start + CHUNK]
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in conn.execute(f"SELECT id FROM sessions WHERE id IN ({marks})", part))
    return found


def _write_table(
    conn: sqlite3.Connection, table: str, rows: list[tuple[tuple[Any, ...], RowState]], applied: Applied
) -> None:
    rule = TABLES[table]
    columns = _columns(conn, table)
    where = " AND ".join(f'"{c}" = ?' for c in rule.key)
    alive = [(key, state) for key, state in rows if state.alive]
    dead = [key for key, state in rows if not state.alive]
    if table == "sessions" and dead:
        _hide_children(conn, dead, applied)
    conn.executemany(f'DELETE FROM "{table}" WHERE {where}', dead)
    applied.rows += len(dead)
    if rule.parent is not None:
        parents = {state.fields.get(rule.parent) for _, state in alive}
        present = _existing_sessions(conn, {p for p in parents if isinstance(p, str)})
        waiting = [(key, state) for key, state in alive if state.fields.get(rule.parent) not in present]
        if waiting:
            conn.executemany(
                "INSERT OR IGNORE INTO _sync_pending (tbl, key) VALUES (?, ?)",
                [(table, encode_key(key)) for key, _ in waiting],
            )
            applied.waiting += len(waiting)
            alive = [(key, state) for key, state in alive if state.fields.get(rule.parent) in present]
    groups: dict[tuple[str, ...], Group] = defaultdict(list)
    known: dict[tuple[str, ...], tuple[tuple[str, ...], Callable[[dict[str, Any]], Sequence[Any]]]] = {}
    for key, state in alive:
        fields = state.fields
        names = tuple(fields)
        if names not in known:  # the table's columns among these fields, and how to take their values
            cols = tuple(c for c in columns if c in fields)
            known[names] = (cols, _getter(cols))
        cols, values = known[names]
        groups[cols].append((key, values(fields)))
    for cols, group in groups.items():
        names_sql = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" * len(cols))
        if rule.key == ("id",):
            changes = (
                ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id") or '"id" = excluded."id"'
            )
            statements: list[Statement] = [
                (
                    f'INSERT INTO "{table}" ({names_sql}) VALUES ({marks}) ON CONFLICT ("id") DO UPDATE SET {changes}',
                    None,
                )
            ]
        else:
            # One row per natural key: the merged row replaces whatever row had that key (or that id).
            statements = [
                (f'DELETE FROM "{table}" WHERE {where}', "key"),
                (f'INSERT OR REPLACE INTO "{table}" ({names_sql}) VALUES ({marks})', None),
            ]
        # Into a table that holds no row (a first sync), a plain INSERT first: the statements above
        # would delete nothing, and when it takes every row no row conflicted, so they would have
        # replaced or updated none either. With foreign keys on it is twice as fast as OR REPLACE.
        # When it does not take them all, they run as ever.
        plain = f'INSERT INTO "{table}" ({names_sql}) VALUES ({marks})' if holds_no_row(conn, table) else None
        _run(conn, table, statements, group, applied, plain)


def _getter(columns: tuple[str, ...]) -> Callable[[dict[str, Any]], Sequence[Any]]:
    """The values of these columns of a row's fields, in this order, as one sequence."""
    if len(columns) > 1:
        return itemgetter(*columns)
    return lambda fields: [fields[c] for c in columns]


Statement = tuple[str, str | None]  # SQL, and "key" when it takes the row's key, not its values
Group = list[tuple[tuple[Any, ...], Sequence[Any]]]


def _run(
    conn: sqlite3.Connection,
    table: str,
    statements: list[Statement],
    group: Group,
    applied: Applied,
    plain: str | None = None,
) -> None:
    """Write a group of rows in bulk; when one does not fit, the others still go in and it waits.

    ``plain``: an INSERT of the values that, when no row conflicts, does what ``statements`` do.
    """
    keys = [key for key, _ in group]
    rows = [values for _, values in group]

    def plainly() -> None:
        assert plain is not None
        conn.executemany(plain, rows)

    def by_statements() -> None:
        for sql, kind in statements:
            conn.executemany(sql, keys if kind == "key" else rows)

    for attempt in ([plainly] if plain is not None else []) + [by_statements]:
        if _fits(conn, "scalp_sync_rows", attempt):
            applied.rows += len(group)
            return
    for key, values in group:

        def one_row(key: Sequence[Any] = key, values: Sequence[Any] = values) -> None:
            for sql, kind in statements:
                conn.execute(sql, key if kind == "key" else values)

        if _fits(conn, "scalp_sync_row", one_row):
            applied.rows += 1
        else:
            conn.execute(
                "INSERT OR IGNORE INTO _sync_pending (tbl, key) VALUES (?, ?)", [table, encode_key(key)]
            )
            applied.waiting += 1


def _fits(conn: sqlite3.Connection, savepoint: str, write: Callable[[], None]) -> bool:
    """Run ``write`` inside ``savepoint``: True when it went in, False (and nothing written) on a conflict."""
    conn.execute(f"SAVEPOINT {savepoint}")
    try:
        write()
    except sqlite3.IntegrityError:
        conn.execute(f"ROLLBACK TO {savepoint}")
        conn.execute(f"RELEASE {savepoint}")
        return False
    conn.execute(f"RELEASE {savepoint}")
    return True


def _hide_children(conn: sqlite3.Connection, sessions: list[tuple[Any, ...]], applied: Applied) -> None:
    """A removed session takes its rows with it; they wait, should the session come back."""
    ids = [key[0] for key in sessions]
    for table, rule in TABLES.items():
        if rule.parent is None:
            continue
        for start in range(0, len(ids), CHUNK):
            part = ids[start : start + CHUNK]
            marks = ",".join("?" * len(part))
            cursor = conn.execute(f'SELECT * FROM "{table}" WHERE "{rule.parent}" IN ({marks})', part)
            names = [d[0] for d in cursor.description]
            keys = [
                encode_key([dict(zip(names, r, strict=True))[c] for c in rule.key]) for r in cursor.fetchall()
            ]
            conn.executemany(
                "INSERT OR IGNORE INTO _sync_pending (tbl, key) VALUES (?, ?)", [(table, k) for k in keys]
            )
            conn.execute(f'DELETE FROM "{table}" WHERE "{rule.parent}" IN ({marks})', part)


def apply_ops(log: Log, ops: Iterable[Operation]) -> Applied:
    """Store and merge other devices' operations; the caller holds ``log.transaction()``."""
    applied = Applied()
    new = store_new(log.conn, ops, applied)
    pending = log.conn.execute("SELECT EXISTS (SELECT 1 FROM _sync_pending)").fetchone()[0]
    if new or pending:
        merge_rows(log.conn, new, applied)
        log.forget_cached_settings()
    return applied


def missing(
    conn: sqlite3.Connection, devices: Iterable[str], skipped: Collection[tuple[str | None, int]] = ()
) -> dict[str, list[tuple[int, int]]]:
    """Per device, the runs of sequence numbers below its highest one that are not here (a file lost its middle).

    Each device's "everything up to here is present" mark moves forward over what arrived,
    so this costs what arrived, not the length of the history. ``skipped``: (device, seq) of
    operations that were read but could not be stored, counted as here (nothing waits for them).
    """
    gaps: dict[str, list[tuple[int, int]]] = {}
    for device in devices:
        row = conn.execute("SELECT upto FROM _sync_devices WHERE device = ?", [device]).fetchone()
        upto = row[0] if row else 0
        expected, runs = upto + 1, []
        seqs: Iterable[tuple[int]] = conn.execute(
            "SELECT seq FROM _sync_journal WHERE device = ? AND seq > ? ORDER BY seq", [device, upto]
        )
        extra = {(seq,) for dev, seq in skipped if dev == device and seq > upto}
        if extra:
            seqs = sorted(extra.union(seqs))
        for (seq,) in seqs:
            if seq > expected:
                runs.append((expected, seq - 1))
            if not runs:
                upto = seq
            expected = seq + 1
        conn.execute("INSERT OR REPLACE INTO _sync_devices (device, upto) VALUES (?, ?)", [device, upto])
        if runs:
            gaps[device] = runs
    return gaps
