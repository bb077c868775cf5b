"""The shape of an export: its format marks, and the log's tables as SQLite describes them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from tui.store.errors import StoreError

FORMAT = "scalp-export"
VERSION = 1
NULL = "\\N"
CSV_SUFFIX = ".csv"
#: Rows are exported in this order: readable in a spreadsheet and the same on every export.
ORDER = {
    "sessions": "day, started_at, id",
    "pauses": "paused_at, id",
    "checks": "day, at, pass_no, zone, id",
    "ratings": "at, phase, kind, id",
    "rest_days": "day, id",
    "settings": "key",
    "settings_history": "key, valid_from, id",
    "step_marks": "at, step, id",
}


class BadImport(StoreError):
    """The file to import is malformed; the message names the file and line."""


# --- the tables, as the database describes them -------------------------------------------


@dataclass
class Table:
    name: str
    columns: list[str]
    types: dict[str, str]  # "TEXT", "INTEGER" or "REAL"
    notnull: set[str]
    defaults: set[str]  # columns with a default, which a row may leave out
    key: str
    foreign: dict[str, str] = field(default_factory=dict)  # column -> referenced table
    unique: list[tuple[str, ...]] = field(default_factory=list)  # unique indexes besides the key


def _affinity(declared: str) -> str:
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "TEXT"


def tables(conn: sqlite3.Connection) -> list[Table]:
    """The log's tables, parents before the tables that refer to them."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    found: dict[str, Table] = {}
    for name in names:
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        columns = [row[1] for row in info]
        key = next((row[1] for row in info if row[5] == 1), columns[0])
        table = Table(
            name=name,
            columns=columns,
            types={row[1]: _affinity(row[2] or "") for row in info},
            notnull={row[1] for row in info if row[3]},
            defaults={row[1] for row in info if row[4] is not None},
            key=key,
            foreign={row[3]: row[2] for row in conn.execute(f'PRAGMA foreign_key_list("{name}")')},
        )
        for index in conn.execute(f'PRAGMA index_list("{name}")').fetchall():
            if index[2] and index[3] == "c":  # unique, made by CREATE INDEX
                cols = tuple(row[2] for row in conn.execute(f'PRAGMA index_info("{index[1]}")'))
                table.unique.append(cols)
        found[name] = table
    # Parents first (an import inserts in this order); among the tables that are ready,
    # the readable order of ORDER, then any table a later schema adds.
    rank = {name: i for i, name in enumerate(ORDER)}
    ordered: list[Table] = []
    placed: set[str] = set()
    while len(ordered) < len(found):
        waiting = [t for t in found.values() if t.name not in placed]
        ready = [t for t in waiting if set(t.foreign.values()) - {t.name} <= placed] or waiting
        table = min(ready, key=lambda t: (rank.get(t.name, len(rank)), t.name))
        ordered.append(table)
        placed.add(table.name)
    return ordered


def select(conn: sqlite3.Connection, table: Table) -> Iterator[tuple[object, ...]]:
    order = ORDER.get(table.name, table.key)
    cols = ", ".join(f'"{c}"' for c in table.columns)
    return conn.execute(f'SELECT {cols} FROM "{table.name}" ORDER BY {order}')
