"""Writing the whole log out: one JSON document, or one CSV file per table."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui.core.safe_text import inert_json
from tui.store.errors import StoreError
from tui.store.exchange.tables import CSV_SUFFIX, FORMAT, NULL, VERSION, select, tables
from tui.store.private import private_dir, temp_beside
from tui.store.versions import SCHEMA_NAMES

if TYPE_CHECKING:
    from tui.store.log import Log


def _row_json(row: dict[str, Any]) -> str:
    return inert_json(json.dumps(row, ensure_ascii=False))


def export_json(log: Log, out: IO[str]) -> dict[str, int]:
    """Write the whole log as one JSON document, one row per line; returns rows per table."""
    counts: dict[str, int] = {}
    out.write("{\n")
    out.write(f'  "format": "{FORMAT}",\n  "version": {VERSION},\n')
    out.write(f'  "schema": {json.dumps(list(SCHEMA_NAMES))},\n  "tables": {{')
    all_tables = tables(log.conn)
    for t_index, table in enumerate(all_tables):
        out.write("," if t_index else "")
        out.write(f"\n    {json.dumps(table.name)}: [")
        count = 0
        for row in select(log.conn, table):
            out.write(",\n      " if count else "\n      ")
            out.write(_row_json(dict(zip(table.columns, row, strict=True))))
            count += 1
        out.write("\n    ]" if count else "]")
        counts[table.name] = count
    out.write("\n  },\n")
    _write_journal(log, out)
    out.write("}\n")
    return counts


def _write_journal(log: Log, out: IO[str]) -> None:
    """The change journal, tombstones and clocks included, so an import merges as a sync does."""
    from tui.core.sync.journal_file import stored_op_line
    from tui.store.journal import OP_COLUMNS

    out.write('  "journal": [')
    rows = log.conn.execute(f"SELECT {OP_COLUMNS} FROM _sync_journal ORDER BY device, seq")
    for index, row in enumerate(rows):
        out.write(",\n    " if index else "\n    ")
        out.write(stored_op_line(*row).rstrip("\n"))
    out.write("\n  ]\n")


def _csv_cell(value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "\\" + value if value.startswith("\\") else value
    return str(value)


def export_csv(log: Log, folder: Path) -> dict[str, int]:
    """Write one CSV per table into ``folder`` (created if needed); returns rows per table.

    Refuses a folder that holds other files, so an export never mixes with unrelated data.
    """
    all_tables = tables(log.conn)
    expected = {t.name + CSV_SUFFIX for t in all_tables}
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file; a CSV export needs a folder")
    if folder.is_dir():
        strangers = sorted(p.name for p in folder.iterdir() if p.name not in expected)
        if strangers:
            raise StoreError(f"{folder} already holds other files ({', '.join(strangers[:3])}); choose an empty folder")
    temp: Path | None = None
    try:
        private_dir(folder)
        counts = {}
        for table in all_tables:
            # Made exclusively (never through a link planted in the folder) and private.
            fd, temp = temp_beside(folder / f"{table.name}{CSV_SUFFIX}")
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
                # RFC 4180 line ends: the csv module then quotes any cell holding \r or \n.
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(table.columns)
                count = 0
                for row in select(log.conn, table):
                    writer.writerow([_csv_cell(v) for v in row])
                    count += 1
            os.replace(temp, folder / f"{table.name}{CSV_SUFFIX}")
            temp = None
            counts[table.name] = count
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise StoreError(f"cannot write the export to {folder}: {(exc.strerror or str(exc)).lower()}") from None
    return counts
