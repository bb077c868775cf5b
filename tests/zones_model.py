"""A brute-force model of the Zones checklist rules, for property tests of the screen and its state."""

from __future__ import annotations


class Model:
    """The checklist rules written the slow, obvious way: a list of checks and a cursor."""

    def __init__(self, zones: int, passes: int) -> None:
        self.zones = zones
        self.passes = passes
        self.checks: list[tuple[int, int]] = []
        self.cursor = (1, 0)

    def done(self, cell) -> bool:
        return cell in self.checks

    def current_pass(self) -> int:
        pass_no = 1
        while all(self.done((pass_no, i)) for i in range(self.zones)):
            pass_no += 1
        return pass_no

    def columns(self) -> int:
        return max([self.passes, self.current_pass()] + [p for p, _ in self.checks])

    def clamp(self, pass_no, index):
        return (min(max(pass_no, 1), self.columns()), min(max(index, 0), self.zones - 1))

    def after(self, cell):
        """Where the cursor goes once ``cell`` is checked: down its pass, else the current pass's first gap."""
        pass_no, index = cell
        later = [i for i in range(index + 1, self.zones) if not self.done((pass_no, i))]
        if later:
            return (pass_no, later[0])
        current = self.current_pass()
        return (current, min(i for i in range(self.zones) if not self.done((current, i))))

    def next_to_do(self):
        return self.after(self.checks[-1]) if self.checks else self.after((self.current_pass(), -1))

    def check(self) -> None:
        if not self.done(self.cursor):
            self.checks.append(self.cursor)
            self.cursor = self.after(self.cursor)

    def undo(self) -> None:
        if self.checks:
            self.cursor = self.clamp(*self.checks.pop())

    def move(self, zones: int = 0, passes: int = 0) -> None:
        pass_no, index = self.cursor
        self.cursor = self.clamp(pass_no + passes, index + zones)
