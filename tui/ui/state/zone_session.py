"""What the Zones screen works on: the open session, its checklist, the writes that change both."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.checklist import Cell, Checklist, CheckOutcome
from tui.core.models import Check, DaySummary, Session, Settings
from tui.core.pacer import dwell_for
from tui.core.routine import Technique, Zone
from tui.store.errors import SessionError
from tui.store.log import Log


@dataclass(frozen=True)
class CheckResult:
    """The answer to one check-off: what was written and what happened around it."""

    outcome: CheckOutcome | None
    """None when nothing was written (the zone was already checked in that pass)."""
    started: bool = False
    """A session was started for this check (none was open)."""
    resumed: bool = False
    """The paused session was resumed by this check."""
    reloaded: bool = False
    """The log had changed under us (another scalp wrote): the checklist was read again."""


@dataclass(frozen=True)
class NoteView:
    """The note under the checklist: the zone under the cursor, its dwell, and the session's technique."""

    zone: Zone
    dwell: float
    focus: bool
    technique: Technique | None


@dataclass(frozen=True)
class ZonesView:
    """What the Zones screen shows at one moment. Never changed once made: a change makes a new one."""

    checklist: Checklist
    """A copy made for this view alone (``snapshot``): nothing changes it."""
    focus: frozenset[str]
    """The focus zones' ids."""
    status: str
    """The line on the session under the progress line."""
    note: NoteView


def snapshot(checklist: Checklist) -> Checklist:
    """A copy of ``checklist`` (its checks in order, its cursor) that the original's changes do not reach."""
    ids = checklist.zone_ids
    copy = Checklist(ids, checklist.passes, [(pass_no, ids[index]) for pass_no, index in checklist.checks])
    copy.cursor = checklist.cursor
    return copy


class ZoneSession:
    """The open session and its checklist, kept in step with the log.

    Every change goes to the log first (its methods commit before returning) and only
    then into the in-memory checklist, so the screen never shows a check that is not saved.
    The checklist is read from the log once per ``load``; a check or an undo then costs
    one write, not a re-read of the session's checks.
    """

    def __init__(self, store: Log) -> None:
        self.store = store
        self.session: Session | None = None
        self.settings: Settings = store.settings()
        self.earlier: DaySummary | None = None
        """Today's finished sessions, summed, shown while no session is open."""
        self.checklist = Checklist(store.routine.zone_ids, self.settings.passes)
        """The working checklist: only this object changes it (the screen shows copies, ``view``)."""
        self.loads = 0
        """How many times the session was read from the log (a check that had to re-read says so)."""
        self.load()

    def view(self) -> ZonesView:
        """What the screen shows now, as an immutable view (its checklist is a copy)."""
        routine, settings = self.store.routine, self.settings
        checklist = self.checklist
        zone = routine.zones[checklist.cursor[1]]
        try:
            technique = routine.technique((self.session and self.session.technique) or settings.technique)
        except KeyError:
            technique = None  # an imported session with a technique this version does not know
        note = NoteView(zone, dwell_for(zone.id, settings), zone.id in settings.focus_zones, technique)
        return ZonesView(snapshot(checklist), frozenset(settings.focus_zones), self.status(), note)

    def load(self) -> None:
        """Re-read settings, the open session and its checks (the screen is shown, or the log changed)."""
        self.loads += 1
        store = self.store
        self.settings = store.settings()
        self.session = store.active_session()
        checks = store.checks_for_session(self.session.id) if self.session else []
        known = set(store.routine.zone_ids)
        self.checklist = Checklist(
            store.routine.zone_ids,
            self.settings.passes,
            # A row this routine cannot place (imported from elsewhere) stays in the log, off the grid.
            [(check.pass_no, check.zone) for check in checks if check.zone in known and check.pass_no >= 1],
        )
        self.earlier = None
        if self.session is None:
            today = store.today()
            self.earlier = store.day_summaries(today, today).get(today)

    def status(self) -> str:
        """One line on the session for under the progress line: none yet, paused, or since when."""
        session = self.session
        if session is None:
            earlier = self.earlier
            if earlier is not None and earlier.sessions:
                passes = f"{earlier.passes} full pass{'' if earlier.passes == 1 else 'es'}"
                return f"Done earlier today: {passes}. A check starts a new session."
            return "No session yet: the first check starts it."
        if session.paused:
            return "Session paused: a check resumes it."
        return f"Session started at {session.started_at.astimezone(self.store.zone).strftime('%H:%M')}."

    @property
    def paused(self) -> bool:
        return self.session is not None and self.session.paused

    def start_or_resume(self) -> tuple[bool, bool]:
        """Make sure a session is open and running: (started one, resumed one). StoreError propagates."""
        started = resumed = False
        if self.session is None or self.session.finished:
            try:
                self.session = self.store.start_session()
                started = True
            except SessionError:
                # Opened meanwhile elsewhere (the Today screen, another terminal): join it.
                self.load()
                if self.session is None:
                    raise
        if self.session.paused:
            self.session = self.store.resume_session(self.session.id)
            resumed = True
        return started, resumed

    def check(self, cell: Cell | None = None) -> CheckResult:
        """Check ``cell`` (default: the cursor's), starting or resuming the session first.

        The row is committed before this returns; a StoreError from the log propagates.
        """
        cell = cell or self.checklist.cursor
        if self.checklist.is_done(cell):
            return CheckResult(None)
        loads = self.loads
        started, resumed = self.start_or_resume()
        session = self.session
        assert session is not None, "start_or_resume leaves a session open, or raises"
        if self.checklist.is_done(cell):  # the session we joined has it already
            return CheckResult(None, started, resumed, reloaded=self.loads != loads)
        try:
            self.store.add_check(session.id, cell[0], self.checklist.zone_at(cell))
        except SessionError:
            # Checked meanwhile by another scalp, or the session vanished: show the log as it is.
            self.load()
            return CheckResult(None, started, resumed, reloaded=True)
        return CheckResult(self.checklist.check(cell), started, resumed, reloaded=self.loads != loads)

    def undo(self) -> Check | None:
        """Remove the session's newest check from the log, then from the checklist; None if there is none."""
        if self.session is None:
            return None
        check = self.store.undo_last_check(self.session.id)
        if check is not None:
            checklist = self.checklist
            cell = (check.pass_no, checklist.index(check.zone)) if check.zone in checklist.zone_ids else None
            if cell is not None and cell == checklist.last:
                checklist.forget(cell)
            else:  # the checklist and the log disagree (another scalp wrote): trust the log
                self.load()
        return check

    def poll(self) -> bool:
        """Re-read the open session (paused, finished elsewhere); True when the checklist was read again."""
        if self.session is None:
            return False
        try:
            session = self.store.session(self.session.id)
        except SessionError:
            session = None
        if session is None or session.finished:
            self.load()
            return True
        self.session = session
        return False
