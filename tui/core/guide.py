"""The guided routine of one session: prep steps, the passes, finish steps, and where the user is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.models import Check
from tui.core.routine import Routine

#: The id of the one guide step that stands for all the full-head passes.
PASSES_STEP = "passes"

#: How a step of the guide stands: marked done, passed over, the current one, or still to come.
DONE, SKIPPED, CURRENT, TODO = "done", "skipped", "current", "todo"


@dataclass(frozen=True)
class GuideStep:
    """One step of the guided sequence (a prep or finish step, or the passes)."""

    id: str
    phase: str  # "prep", "passes" or "finish"
    name: str
    how: str
    optional: bool = False


@dataclass(frozen=True)
class PassProgress:
    """How far the checks of a session have come, pass by pass."""

    target: int  # the passes a full session asks for
    zone_ids: tuple[str, ...]  # in routine order
    done: frozenset[tuple[int, str]]  # (pass_no, zone) checked

    @property
    def zone_count(self) -> int:
        return len(self.zone_ids)

    @property
    def full_passes(self) -> int:
        """Passes in which every zone was checked."""
        return sum(1 for p in self._pass_numbers() if self.zones_in(p) == self.zone_count)

    @property
    def bonus_passes(self) -> int:
        return max(0, self.full_passes - self.target)

    @property
    def current_pass(self) -> int:
        """The first pass that still misses a zone (1 when nothing is checked)."""
        pass_no = 1
        while self.zones_in(pass_no) == self.zone_count:
            pass_no += 1
        return pass_no

    @property
    def zones_in_current(self) -> int:
        return self.zones_in(self.current_pass)

    @property
    def next_zone(self) -> str | None:
        """The first zone, in routine order, not yet checked in the current pass."""
        pass_no = self.current_pass
        for zone in self.zone_ids:
            if (pass_no, zone) not in self.done:
                return zone
        return None

    @property
    def complete(self) -> bool:
        """True once the target number of full passes is reached."""
        return self.full_passes >= self.target

    @property
    def started(self) -> bool:
        return bool(self.done)

    def zones_in(self, pass_no: int) -> int:
        return sum(1 for p, _ in self.done if p == pass_no)

    def passes_of(self, zone: str) -> int:
        """In how many passes this zone was checked."""
        return sum(1 for _, z in self.done if z == zone)

    def _pass_numbers(self) -> set[int]:
        return {p for p, _ in self.done}


@dataclass(frozen=True)
class Guide:
    """The session's steps and which one is current; ``current == len(steps)`` once all are behind."""

    steps: tuple[GuideStep, ...]
    current: int
    marked: frozenset[str]
    progress: PassProgress

    @property
    def step(self) -> GuideStep | None:
        """The current step, or None once every step is behind."""
        return self.steps[self.current] if self.current < len(self.steps) else None

    @property
    def finished_all(self) -> bool:
        return self.current >= len(self.steps)

    def state(self, index: int) -> str:
        """DONE, SKIPPED, CURRENT or TODO for the step at ``index``."""
        step = self.steps[index]
        if index == self.current:
            return CURRENT
        if index > self.current:
            return TODO
        if step.id == PASSES_STEP:
            # The passes are done when the checks say so; moving on early leaves them partial.
            return DONE if self.progress.complete else SKIPPED
        return DONE if step.id in self.marked else SKIPPED


def guide_steps(routine: Routine, passes: int) -> tuple[GuideStep, ...]:
    """The whole sequence: the routine's prep steps, the passes as one step, its finish steps."""
    prep = [GuideStep(s.id, "prep", s.name, s.how, s.optional) for s in routine.steps_in("prep")]
    finish = [GuideStep(s.id, "finish", s.name, s.how, s.optional) for s in routine.steps_in("finish")]
    plural = "es" if passes != 1 else ""
    middle = GuideStep(
        PASSES_STEP,
        "passes",
        f"{passes} full-head pass{plural}",
        "Every zone in order, a few firm spots each, then round again from the hairline.",
    )
    return (*prep, middle, *finish)


def pass_progress(routine: Routine, passes: int, checks: Iterable[Check]) -> PassProgress:
    """Pass and zone progress of a session from its checks (unknown zones are ignored)."""
    known = set(routine.zone_ids)
    done = frozenset((c.pass_no, c.zone) for c in checks if c.zone in known)
    return PassProgress(target=passes, zone_ids=routine.zone_ids, done=done)


def build_guide(routine: Routine, passes: int, checks: Iterable[Check], marked: Iterable[str]) -> Guide:
    """Where a session stands in the guided routine.

    The current step is the one after the furthest step that is behind the user:
    a step they marked done, the passes once any zone is checked (they are at
    least there) or once the target is reached (they are past them). Steps left
    behind without a mark count as skipped; nothing ever moves the user backwards
    except removing a mark.
    """
    steps = guide_steps(routine, passes)
    marked = frozenset(marked)
    progress = pass_progress(routine, passes, checks)
    ids = [s.id for s in steps]
    current = 0
    for index, step_id in enumerate(ids):
        if step_id in marked:
            current = max(current, index + 1)
    middle = ids.index(PASSES_STEP)
    if progress.complete:
        current = max(current, middle + 1)
    elif progress.started:
        current = max(current, middle)
    return Guide(steps=steps, current=current, marked=marked, progress=progress)
