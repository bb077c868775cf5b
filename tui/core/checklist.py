"""The pass-by-zone checklist of one session as plain data: what is done, the current pass, where the cursor goes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A cell of the checklist: (pass number from 1, zone index in routine order).
Cell = tuple[int, int]


@dataclass(frozen=True)
class CheckOutcome:
    """What one check changed, for the screen's "moment" (a pass or the session completed)."""

    cell: Cell
    pass_completed: bool
    """The check filled the last gap of its pass."""
    session_completed: bool
    """The check completed the configured passes (the first time they are all full)."""


class Checklist:
    """Which zone is checked in which pass, in commit order, plus a cursor.

    The *current pass* is the lowest pass that still has an unchecked zone; once the
    configured passes are full it is the next (bonus) pass. After a check the cursor
    continues down the same pass to its next gap; at the end of that pass it goes to the
    first gap of the current pass, so a skipped zone is offered again before a new pass opens.
    """

    def __init__(self, zone_ids: Sequence[str], passes: int, checks: Iterable[tuple[int, str]] = ()) -> None:
        if not zone_ids:
            raise ValueError("a checklist needs at least one zone")
        if passes < 1:
            raise ValueError("a session has at least one pass")
        self.zone_ids = tuple(zone_ids)
        self.passes = passes
        self._index = {zone: i for i, zone in enumerate(self.zone_ids)}
        self._done: set[Cell] = set()
        self._order: list[Cell] = []
        self._per_pass: dict[int, int] = {}
        self._per_zone = [0] * len(self.zone_ids)
        for pass_no, zone in checks:
            self._add((pass_no, self.index(zone)))
        self.cursor: Cell = self.next_cell(self.last)
        """Where a check lands: (pass number, zone index)."""

    # --- reading -----------------------------------------------------------------------

    @property
    def size(self) -> int:
        """How many zones a pass has."""
        return len(self.zone_ids)

    def index(self, zone: str) -> int:
        """The routine position of a zone id; KeyError for an unknown zone."""
        return self._index[zone]

    def zone_at(self, cell: Cell) -> str:
        return self.zone_ids[cell[1]]

    def is_done(self, cell: Cell) -> bool:
        return cell in self._done

    def done_in_pass(self, pass_no: int) -> int:
        """How many zones pass ``pass_no`` has covered."""
        return self._per_pass.get(pass_no, 0)

    def zone_passes(self, index: int) -> int:
        """In how many passes the zone at ``index`` has been checked."""
        return self._per_zone[index]

    def is_full(self, pass_no: int) -> bool:
        return self.done_in_pass(pass_no) == self.size

    @property
    def current_pass(self) -> int:
        """The lowest pass with an unchecked zone (a bonus pass once the configured ones are full)."""
        pass_no = 1
        while self.is_full(pass_no):
            pass_no += 1
        return pass_no

    @property
    def full_passes(self) -> int:
        """How many passes cover every zone."""
        return sum(1 for count in self._per_pass.values() if count == self.size)

    @property
    def complete(self) -> bool:
        """Every configured pass covers every zone."""
        return self.current_pass > self.passes

    @property
    def columns(self) -> int:
        """How many pass columns to show: the configured ones, plus any bonus pass begun or open."""
        highest = max(self._per_pass, default=0)
        return max(self.passes, highest, self.current_pass)

    @property
    def checks(self) -> tuple[Cell, ...]:
        """Every check, oldest first."""
        return tuple(self._order)

    @property
    def last(self) -> Cell | None:
        """The newest check, which undo removes."""
        return self._order[-1] if self._order else None

    def first_gap(self, pass_no: int) -> int | None:
        """The first unchecked zone of a pass, or None when it is full."""
        for index in range(self.size):
            if (pass_no, index) not in self._done:
                return index
        return None

    def next_cell(self, after: Cell | None = None) -> Cell:
        """The next zone to do after ``after``: on down the same pass, else the current pass's first gap."""
        if after is not None:
            pass_no, index = after
            for later in range(index + 1, self.size):
                if (pass_no, later) not in self._done:
                    return (pass_no, later)
        current = self.current_pass
        gap = self.first_gap(current)
        return (current, 0 if gap is None else gap)  # the current pass always has a gap

    # --- changing ----------------------------------------------------------------------

    def check(self, cell: Cell) -> CheckOutcome:
        """Record a check of ``cell`` and move the cursor to the next zone to do."""
        if cell in self._done:
            raise ValueError(f"pass {cell[0]} already covers {self.zone_at(cell)}")
        was_complete = self.complete
        self._add(cell)
        self.cursor = self.next_cell(cell)
        return CheckOutcome(
            cell=cell,
            pass_completed=self.is_full(cell[0]),
            session_completed=self.complete and not was_complete,
        )

    def forget(self, cell: Cell) -> None:
        """Remove a check (the one undo took out of the log) and put the cursor back on it."""
        if cell not in self._done:
            raise ValueError(f"pass {cell[0]} does not cover {self.zone_at(cell)}")
        self._done.discard(cell)
        # Remove the newest occurrence: undo takes checks back from the end.
        position = len(self._order) - 1 - self._order[::-1].index(cell)
        del self._order[position]
        pass_no, index = cell
        self._per_pass[pass_no] -= 1
        if not self._per_pass[pass_no]:
            del self._per_pass[pass_no]
        self._per_zone[index] -= 1
        self.place(cell)

    def move(self, zones: int = 0, passes: int = 0) -> Cell:
        """Move the cursor by whole zones and passes, stopping at the edges of the shown grid."""
        pass_no, index = self.cursor
        pass_no = min(max(pass_no + passes, 1), self.columns)
        index = min(max(index + zones, 0), self.size - 1)
        self.cursor = (pass_no, index)
        return self.cursor

    def place(self, cell: Cell) -> Cell:
        """Put the cursor on a cell (clamped into the shown grid)."""
        self.cursor = cell
        return self.move()

    def _add(self, cell: Cell) -> None:
        pass_no, index = cell
        if pass_no < 1:
            raise ValueError("pass numbers start at 1")
        if cell in self._done:
            return  # the log forbids double checks; a repeated row in the input is ignored
        self._done.add(cell)
        self._order.append(cell)
        self._per_pass[pass_no] = self._per_pass.get(pass_no, 0) + 1
        self._per_zone[index] += 1
