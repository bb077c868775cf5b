"""Adding an export's rows to the log: checked first, then written in one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tui.store.exchange.checks import Checker
from tui.store.exchange.files import Bundle, Row
from tui.store.exchange.tables import BadImport, Table, tables

if TYPE_CHECKING:
    from tui.core.sync.ops import Operation
    from tui.store.log import Log


@dataclass
class ImportReport:
    """Rows per table: added, already in the log (left as they were), and of those, the ones
    whose content differs from the log's row with the same id or unique key (kept as the log has it)."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    differing: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def total_differing(self) -> int:
        return sum(self.differing.values())

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_present(self) -> int:
        return sum(self.present.values())


@dataclass
class PreparedImport:
    """Rows checked and converted, per table in insertion order: nothing can fail but the disk."""

    source: str
    rows: list[tuple[Table, list[dict[str, Any]]]]
    journal: list[Operation] | None = None  # the export's change journal: merged as a sync merges


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, so everything it did is rolled back."""


def prepare_import(log: Log, bundle: Bundle) -> PreparedImport:
    """Check every row of the bundle against the log's tables, routine and rows; writes nothing."""
    table_list = tables(log.conn)
    by_name = {t.name: t for t in table_list}
    unknown = [name for name in bundle.rows if name not in by_name]
    if unknown:
        raise BadImport(f"{bundle.source}: no table {unknown[0]!r} in this version of scalp")
    prepared = PreparedImport(bundle.source, [], bundle.journal)
    file_keys: dict[str, set[object]] = {}  # each table's keys in the file
    for table in table_list:
        checker = Checker(table, log)
        seen: dict[tuple[object, ...], Row] = {}
        converted = []
        for row in bundle.rows.get(table.name, []):
            values = checker.convert(row)
            for columns in [(table.key,), *table.unique]:
                marker = (columns, *(values.get(c) for c in columns))
                if None in marker:
                    continue
                if marker in seen:
                    what = ", ".join(f"{c} {values[c]!r}" for c in columns)
                    raise BadImport(f"{row.where()}: {table.name} has {what} twice (first at {seen[marker].where()})")
                seen[marker] = row
            for column, parent in table.foreign.items():
                ref = values.get(column)
                if ref is not None and ref not in file_keys[parent] and not _exists(log, by_name[parent], ref):
                    raise BadImport(f"{row.where()}: {table.name}.{column} {ref!r} is in neither the file nor the log")
            converted.append(values)
        file_keys[table.name] = {v.get(table.key) for v in converted}
        prepared.rows.append((table, converted))
    return prepared


def apply_import(log: Log, prepared: PreparedImport, *, dry_run: bool = False) -> ImportReport:
    """Write prepared rows in one transaction (rolled back for a dry run); ids already there are kept."""
    report = ImportReport(dry_run=dry_run)
    try:
        with log.transaction():
            if prepared.journal is not None:
                _merge_journal(log, prepared, report)
            else:  # an export without a journal: its rows go in through the journaled write seam
                for table, rows in prepared.rows:
                    added = _insert(log, table, rows)
                    report.added[table.name] = added
                    report.present[table.name] = len(rows) - added
                    if added < len(rows):
                        report.differing[table.name] = _differing(log.conn, table, rows)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except sqlite3.IntegrityError as exc:
        raise BadImport(f"{prepared.source}: the rows do not fit the log ({exc}); nothing was imported") from None
    log.forget_cached_settings()
    return report


def _merge_journal(log: Log, prepared: PreparedImport, report: ImportReport) -> None:
    """An export with its journal: every operation merged as a sync merges (tombstones win, clocks decide).

    The counts say, per table, how many of the export's rows were new to this log (by the
    key that names a row across computers), how many it had already, and how many of the
    file's rows differ from what the log holds after the merge.
    """
    from tui.core.sync.ops import TABLES
    from tui.store.sync_apply import apply_ops

    for table, rows in prepared.rows:
        columns = TABLES[table.name].key if table.name in TABLES else (table.key,)
        where = " AND ".join(f'"{c}" = ?' for c in columns)
        present = sum(
            log.conn.execute(f'SELECT 1 FROM "{table.name}" WHERE {where}', [row.get(c) for c in columns]).fetchone()
            is not None
            for row in rows
        )
        report.added[table.name] = len(rows) - present
        report.present[table.name] = present
    apply_ops(log, prepared.journal or [])
    # A row of the file that the merge did not make the log's (edited by hand, or older than
    # the log's own edits) is reported, never silently passed over.
    for table, rows in prepared.rows:
        if report.present[table.name] or report.added[table.name]:
            differing = _differing(log.conn, table, rows)
            if differing:
                report.differing[table.name] = differing


def import_bundle(log: Log, bundle: Bundle, *, dry_run: bool = False) -> ImportReport:
    """Add the bundle's rows to the log in one transaction; nothing at all if any row is wrong."""
    return apply_import(log, prepare_import(log, bundle), dry_run=dry_run)


def _exists(log: Log, table: Table, key: Any) -> bool:
    return log.conn.execute(f'SELECT 1 FROM "{table.name}" WHERE "{table.key}" = ?', [key]).fetchone() is not None


def _differing(conn: sqlite3.Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    """How many rows of the file differ from the row the log holds under the same id (or unique key).

    Run after the insert, so a row just added is compared with itself and counts for nothing.
    """
    count = 0
    for values in rows:
        for columns in [(table.key,), *table.unique]:
            if any(values.get(c) is None for c in columns):
                continue
            names = ", ".join(f'"{c}"' for c in values)
            where = " AND ".join(f'"{c}" = ?' for c in columns)
            found = conn.execute(f'SELECT {names} FROM "{table.name}" WHERE {where}', [values[c] for c in columns])
            stored = found.fetchone()
            if stored is not None:
                if tuple(stored) != tuple(values.values()):
                    count += 1
                break
    return count


def _insert(log: Log, table: Table, rows: list[dict[str, Any]]) -> int:
    """INSERT OR IGNORE through the Log's write seam, grouped by the columns the rows carry.

    Returns how many were added.
    """
    added = 0
    groups: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    for values in rows:
        # A column the row leaves out gets its default.
        columns = tuple(c for c in table.columns if c in values)
        groups.setdefault(columns, []).append(tuple(values[c] for c in columns))
    for columns, group in groups.items():
        added += log._insert_many(table.name, columns, group, skip_existing=True)
    return added
