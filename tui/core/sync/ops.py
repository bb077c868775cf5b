"""Operations: every change to the log as one record that any computer can apply.

An operation names a row by its table and its key, and either puts the whole row
(``put``), changes some fields (``patch``), or deletes it (``del``, a tombstone).
Rows are named by their UUID; rows whose table also holds a natural unique key (one
rest mark per day, one rating per session, phase and kind, one check per zone and
pass of a session...) are named by that key instead, so two computers marking the
same day as rest, or rating the same session, merge into one row rather than two
that the database would refuse side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

PUT, PATCH, DEL = "put", "patch", "del"
KINDS = (PUT, PATCH, DEL)


@dataclass(frozen=True)
class TableRule:
    """How a table's rows are named in operations."""

    name: str
    key: tuple[str, ...]  # the columns that name a row across computers
    columns: tuple[str, ...]  # every column of the table (the schema's; a test holds the two equal)
    parent: str | None = None  # the column naming the session a row belongs to


#: Every table that sync carries, parents first (a session before its checks).
TABLES: dict[str, TableRule] = {
    rule.name: rule
    for rule in (
        TableRule("settings", ("key",), ("key", "value", "updated_at")),
        TableRule("settings_history", ("key", "valid_from"), ("id", "key", "value", "valid_from", "changed_at")),
        TableRule("rest_days", ("day",), ("id", "day", "reason", "created_at")),
        TableRule(
            "sessions",
            ("id",),
            ("id", "day", "started_at", "ended_at", "last_seen_at", "technique", "oil", "note", "source", "minutes"),
        ),
        TableRule("pauses", ("id",), ("id", "session_id", "paused_at", "resumed_at"), parent="session_id"),
        TableRule(
            "checks",
            ("session_id", "pass_no", "zone"),
            ("id", "session_id", "day", "pass_no", "zone", "technique", "at"),
            parent="session_id",
        ),
        TableRule(
            "ratings",
            ("session_id", "phase", "kind"),
            ("id", "session_id", "phase", "kind", "value", "at"),
            parent="session_id",
        ),
        TableRule("step_marks", ("session_id", "step"), ("id", "session_id", "step", "at"), parent="session_id"),
    )
}
TABLE_ORDER = {name: index for index, name in enumerate(TABLES)}


class Operation(NamedTuple):
    """One change, as this device made it or another device published it.

    A named tuple, not a dataclass: a first sync makes 165,000 of them, and a tuple is
    made in a tenth of the time (immutable all the same; ``fields`` is never changed).
    """

    op_id: str  # random and unique: tells a duplicate from a different op with the same number
    device: str
    seq: int  # 1, 2, 3... per device: a gap shows that some of a device's operations are missing
    clock: str  # hybrid logical clock reading (tui.core.sync.clock)
    table: str
    key: tuple[Any, ...]
    kind: str  # PUT, PATCH or DEL
    fields: dict[str, Any]  # the columns a put or patch writes; empty for a tombstone

    @property
    def order(self) -> tuple[str, str]:
        """Total order of operations: the clock, then the device id to break a tie."""
        return (self.clock, self.device)

    @property
    def parent(self) -> str | None:
        """The session this row belongs to, when its table hangs off sessions."""
        rule = TABLES[self.table]
        if rule.parent is None:
            return None
        if rule.parent in rule.key:
            value = self.key[rule.key.index(rule.parent)]
        else:
            value = self.fields.get(rule.parent)
        return value if isinstance(value, str) else None


def key_of(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """The key naming ``row`` of ``table`` in operations."""
    return tuple(row[column] for column in TABLES[table].key)
