"""The merge rules: what a row is once every operation on it, from every device, is known.

The state of a row is a join of its operations, so the result does not depend on the
order in which they arrive, nor on an operation arriving twice:

- each field takes the value of the latest operation that wrote it (by clock, then
  device id: last writer wins);
- a row lives while its latest ``put`` is later than its latest tombstone; a tombstone
  therefore wins over every edit it has seen (those are earlier on the clock), and a
  ``patch`` never brings a deleted row back - only putting the row again does
  (marking a cleared rest day anew, checking an undone zone again);
- a put writes every column, so a living row's fields all come from after its last
  tombstone.

This equals applying every operation one after the other in clock order, with a patch
of a row that is not there ignored; the tests check the two against each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from tui.core.sync.ops import DEL, PUT, Operation


class RowState(NamedTuple):
    """A row after merging: alive with these fields, or gone."""

    alive: bool
    fields: dict[str, Any]


def fold(ops: Iterable[Operation]) -> RowState:
    """Merge every known operation on one row (any order, duplicates allowed)."""
    born: tuple[str, str] | None = None
    dead: tuple[str, str] | None = None
    fields: dict[str, Any] = {}
    written: dict[str, tuple[str, str]] = {}
    for op in ops:
        order = op.order
        if op.kind == DEL:
            if dead is None or order > dead:
                dead = order
            continue
        if op.kind == PUT and (born is None or order > born):
            born = order
        for column, value in op.fields.items():
            if column not in written or order > written[column]:
                written[column] = order
                fields[column] = value
    alive = born is not None and (dead is None or born > dead)
    return RowState(alive, fields if alive else {})
