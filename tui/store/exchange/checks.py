"""Checking imported rows: the column's type, then what the app relies on when it reads it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from tui.core.validation import FIELDS, day_problem, moment_problem
from tui.store.exchange.files import Row
from tui.store.exchange.tables import NULL, BadImport, Table

if TYPE_CHECKING:
    from tui.store.log import Log

RATING_PHASES = ("before", "after")
RATING_KINDS = ("stress", "headache", "scalp")
WANTED = {"TEXT": "text", "INTEGER": "a whole number", "REAL": "a number"}
Rule = Callable[[Any], "str | None"]  # a value -> what it should have been, or None when fine


def _is_json(value: str) -> str | None:
    try:
        json.loads(value)
    except ValueError:
        return "a JSON value"
    return None


def _one_of(choices: Iterable[str], label: str) -> Rule:
    allowed = frozenset(choices)
    listed = ", ".join(sorted(allowed))
    wanted = f"one of {label} ({listed})" if label else f"one of {listed}"
    return lambda value: None if value in allowed else wanted


def _rules(table: Table, log: Log) -> dict[str, Rule]:
    """What the app relies on when it reads each column back: the stored fields' own rules
    (tui.core.validation), then the routine's names and the settings' JSON."""
    rules: dict[str, Rule] = dict(FIELDS.get(table.name, {}))
    for column in table.columns:
        if column in rules:
            continue
        if column == "day" or column == "valid_from":  # a table a later schema adds
            rules[column] = day_problem
        elif column == "at" or column.endswith("_at"):
            rules[column] = moment_problem
        elif column == "zone":
            rules[column] = _one_of(log.routine.zone_ids, "the routine's zones")
        elif column == "technique":
            rules[column] = _one_of((t.id for t in log.routine.techniques), "the routine's techniques")
        elif table.name == "ratings" and column == "phase":
            rules[column] = _one_of(RATING_PHASES, "")
        elif table.name == "ratings" and column == "kind":
            rules[column] = _one_of(RATING_KINDS, "")
        elif table.name in ("settings", "settings_history") and column == "value":
            rules[column] = _is_json
    return rules


class Checker:
    """Converts one table's rows to typed values and checks them; BadImport names the row's line."""

    def __init__(self, table: Table, log: Log) -> None:
        self.table = table
        self.rules = _rules(table, log)
        self.needed = table.notnull - table.defaults  # a row must carry these

    def convert(self, row: Row) -> dict[str, Any]:
        table = self.table
        values = {}
        for column, raw in row.values.items():
            kind = table.types.get(column)
            if kind is None:
                raise BadImport(f"{row.where()}: no column {column!r} in {table.name}")
            value = _from_text(raw, kind) if row.from_text else _from_json(raw, kind)
            if value is _WRONG:
                shown = repr(raw) if row.from_text else json.dumps(raw)
                raise BadImport(f"{row.where()}: {table.name}.{column} must be {WANTED[kind]}, not {shown}")
            if value is not None and (rule := self.rules.get(column)) and (problem := rule(value)):
                raise BadImport(f"{row.where()}: {table.name}.{column} must be {problem}, not {value!r}")
            values[column] = value
        for column in self.needed:
            if column not in values:
                raise BadImport(f"{row.where()}: {table.name}.{column} is missing")
        for column in table.notnull:
            if column in values and values[column] is None:
                raise BadImport(f"{row.where()}: {table.name}.{column} cannot be null")
        return values


_WRONG = object()  # a value of the wrong type


def _from_text(raw: str, kind: str) -> Any:
    if raw == NULL:
        return None
    if kind == "TEXT":
        return raw[1:] if raw.startswith("\\") else raw
    try:
        value = int(raw) if kind == "INTEGER" else float(raw)
    except ValueError:
        return _WRONG
    return _sane_number(value)


def _from_json(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return _WRONG
    if kind == "TEXT":
        return value if isinstance(value, str) else _WRONG
    if kind == "INTEGER":
        return _sane_number(value) if isinstance(value, int) else _WRONG
    return _sane_number(float(value)) if isinstance(value, (int, float)) else _WRONG


def _sane_number(value: int | float) -> Any:
    """SQLite's 64-bit integers; no nan or infinity (Python's json reads them, but they mean nothing here)."""
    if isinstance(value, int):
        return value if -(2**63) <= value < 2**63 else _WRONG
    return value if value == value and abs(value) != float("inf") else _WRONG
