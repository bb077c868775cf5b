"""Zones: the pass-by-pass checklist, the head diagram and the pacer, driven by single keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize

from tui.core.checklist import Cell
from tui.core.pacer import Pacer, dwell_for
from tui.store import StoreError
from tui.ui.screens.base import ModeScreen
from tui.ui.widgets.checklist import ChecklistView
from tui.ui.widgets.headmap import HeadMap
from tui.ui.widgets.zonestatus import PacerLine, ProgressLine, ZoneNote
from tui.ui.zone_session import ZoneSession

PACER_TICK = 0.2  # seconds between pacer updates: fine enough for a smooth bar
POLL_SECONDS = 1.0  # how often a running pacer re-reads the session (paused or finished elsewhere)
MIN_MAP_WIDTH = 28  # below this the checklist switches to short zone names
BOX_GUTTER = 4  # border and padding of a box, left and right


class ZonesScreen(ModeScreen):
    """Check zones off pass by pass; the head diagram and the progress line follow every key."""

    MODE = "zones"

    BINDINGS = [
        Binding("space,enter", "check", "Check", id="zones.check",
                tooltip="Check the zone under the cursor and move to the next one to do"),
        Binding("u", "undo", "Undo", id="zones.undo", tooltip="Take back the last check of this session"),
        Binding("p", "pacer", "Pacer", id="zones.pacer",
                tooltip="Pacer on/off: count down each zone's dwell, ring, check it and move on"),
        Binding("j,down", "move(1)", "Down", show=False, id="zones.down", tooltip="Cursor to the next zone"),
        Binding("k,up", "move(-1)", "Up", show=False, id="zones.up", tooltip="Cursor to the previous zone"),
        Binding("left", "move_pass(-1)", "Pass left", show=False, id="zones.pass_left",
                tooltip="Cursor to the previous pass"),
        Binding("right", "move_pass(1)", "Pass right", show=False, id="zones.pass_right",
                tooltip="Cursor to the next pass"),
        Binding("g", "next", "Next to do", show=False, id="zones.next",
                tooltip="Cursor back to the next zone to do"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.work: ZoneSession | None = None
        """The open session and its checklist (created with the widgets)."""
        self.pacer: Pacer | None = None
        self._last_poll = 0.0

    # --- building --------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        self.work = work = ZoneSession(self.store)
        zones, focus = self.store.routine.zones, work.settings.focus_zones
        with Horizontal(id="zones-columns"):
            with Vertical(id="zones-list-box", classes="box"):
                yield ProgressLine(id="zones-progress")
                yield ChecklistView(zones, work.checklist, focus, id="zones-checklist")
                yield ZoneNote(id="zones-note")
                yield PacerLine(id="zones-pacer")
            with Vertical(id="zones-map-box", classes="box"):
                yield HeadMap(zones, work.checklist, focus, id="zones-map")

    def on_mount(self) -> None:
        self.query_one("#zones-list-box").border_title = "Checklist"
        self.query_one("#zones-map-box").border_title = "Head, seen from above"
        self.pacer = Pacer(self.app.monotonic)
        self._pacer_timer = self.set_interval(PACER_TICK, self.pacer_tick, pause=True)
        self._redraw()

    def refresh_data(self) -> None:
        """Re-read the session from the log (the screen is shown again)."""
        self.work.load()
        if self.work.session is None and self.pacer.on:
            self._pacer_off()
        self._sync_session_hold()
        self._redraw()

    def on_screen_suspend(self) -> None:
        # Hidden behind another mode or a dialog, the pacer waits: nothing moves unseen.
        if self.pacer is not None:
            self.pacer.hold("hidden")

    def on_screen_resume(self) -> None:
        # The base class then re-reads the log (refresh_data), which also follows a pause made meanwhile.
        if self.pacer is not None:
            self.pacer.release("hidden")

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Short zone names when full ones would squeeze the head diagram; the list box hugs the grid."""
        checklist = self.query_one(ChecklistView)
        checklist.compact = width - checklist.wanted_width(compact=False) - BOX_GUTTER < MIN_MAP_WIDTH
        self.query_one("#zones-list-box").styles.width = checklist.wanted_width() + BOX_GUTTER

    # --- drawing ---------------------------------------------------------------------------

    def _redraw(self) -> None:
        """Draw everything from the checklist (after a load: the session may be another one)."""
        work = self.work
        focus = work.settings.focus_zones
        self.query_one(ChecklistView).show(work.checklist, focus)
        self.query_one(HeadMap).show(work.checklist, focus)
        self._fit(self.size.width)
        self._show_progress()
        self._show_note()
        self._show_pacer()

    def _changed(self, cells: Iterable[Cell], header: bool = False) -> None:
        """Repaint only what these cells touch: their rows, their zones' areas, the lines below."""
        rows = {index for _, index in cells}
        if self.query_one(ChecklistView).refresh_rows(rows, header=header):
            self._fit(self.size.width)  # a bonus pass column appeared or went
        self.query_one(HeadMap).refresh_zones(rows)
        self._show_progress()
        self._show_note()

    def _show_progress(self) -> None:
        work = self.work
        session = work.session
        if session is None:
            earlier = work.earlier
            if earlier is not None and earlier.sessions:
                passes = f"{earlier.passes} full pass{'' if earlier.passes == 1 else 'es'}"
                note = f"Done earlier today: {passes}. A check starts a new session."
            else:
                note = "No session yet: the first check starts it."
        elif work.paused:
            note = "Session paused: a check resumes it."
        else:
            started = session.started_at.astimezone(self.store.zone).strftime("%H:%M")
            note = f"Session started at {started}."
        self.query_one(ProgressLine).show(work.checklist, note)

    def _show_note(self) -> None:
        work = self.work
        routine = self.store.routine
        zone = routine.zones[work.checklist.cursor[1]]
        technique_id = work.session.technique if work.session else None
        technique = routine.technique(technique_id or work.settings.technique)
        self.query_one(ZoneNote).show(
            zone, dwell_for(zone.id, work.settings), zone.id in work.settings.focus_zones, technique
        )

    def _show_pacer(self) -> None:
        if self.pacer is None:
            return
        dwell = self.work.settings.dwell_seconds
        idle = (f"Pacer off · p counts {dwell:g} s a zone and moves on", f"Pacer off · p counts {dwell:g} s a zone",
                "Pacer off (p)")
        held = "Pacer waits: the session is paused" if "session" in self.pacer.holds else "Pacer waits"
        self.query_one(PacerLine).show(self.pacer, idle, held)

    # --- checking --------------------------------------------------------------------------

    def action_check(self) -> None:
        self._check(by_pacer=False)

    def _check(self, by_pacer: bool) -> None:
        work = self.work
        checklist, before = work.checklist, work.checklist.cursor
        try:
            result = work.check()
        except StoreError as error:
            self.app.report_store_error(error)
            self._pacer_off()
            return
        if result.started:
            self.notify("Session started: its time counts from now.", title="Session", timeout=3)
        elif result.resumed:
            self.notify("The paused session is running again.", title="Session resumed", timeout=3)
        if result.resumed:
            self.pacer.release("session")
        if work.checklist is not checklist:
            self._redraw()  # the log had changed under us: show it as it is
        outcome = result.outcome
        if outcome is None:
            if by_pacer:  # the pacer stood on a zone already checked: just move on
                self._move_to(work.checklist.next_cell(work.checklist.cursor))
            elif work.checklist is checklist:
                zone = self.store.routine.zones[before[1]]
                self.notify(f"{zone.name} is already checked in pass {before[0]}.", timeout=2)
            return
        self._changed((before, work.checklist.cursor), header=True)
        if result.started or result.resumed:
            self._show_progress()
        self._moment(outcome.pass_completed, outcome.session_completed, outcome.cell[0])
        if self.pacer.on:
            if outcome.session_completed:
                self._pacer_off()
            else:
                self._restart_pacer()

    def _moment(self, pass_completed: bool, session_completed: bool, pass_no: int) -> None:
        """Mark a finished pass, and more so a finished session."""
        checklist = self.work.checklist
        if not pass_completed:
            return
        progress = self.query_one(ProgressLine)
        progress.add_class("-celebrate")
        self.set_timer(2.5, lambda: progress.remove_class("-celebrate"))
        if session_completed:
            self.notify(
                f"All {checklist.passes} passes done: every zone covered {checklist.passes} times. "
                "Finish the session on Today (t, then f), or go on with a bonus pass.",
                title="Session complete",
                timeout=8,
            )
        elif pass_no > checklist.passes:
            self.notify(f"Bonus pass {pass_no} done.", title="Bonus pass", timeout=4)
        else:
            nxt = self.store.routine.zones[checklist.cursor[1]].name
            self.notify(f"Pass {pass_no} done. Next: pass {checklist.current_pass} from {nxt}.",
                        title="Pass complete", timeout=4)

    def action_undo(self) -> None:
        work = self.work
        before = work.checklist.cursor
        checklist = work.checklist
        try:
            check = work.undo()
        except StoreError as error:
            self.app.report_store_error(error)
            return
        if check is None:
            self.notify("Nothing to undo in this session.", timeout=2)
            return
        if work.checklist is not checklist:
            self._redraw()
        else:
            self._changed((before, work.checklist.cursor), header=True)
        zone = self.store.routine.zone(check.zone)
        self.notify(f"Took back {zone.name}, pass {check.pass_no}.", title="Undone", timeout=2)
        if self.pacer.on:
            self._restart_pacer()

    # --- moving ----------------------------------------------------------------------------

    def action_move(self, zones: int) -> None:
        before = self.work.checklist.cursor
        self._moved(before, self.work.checklist.move(zones=zones))

    def action_move_pass(self, passes: int) -> None:
        before = self.work.checklist.cursor
        self._moved(before, self.work.checklist.move(passes=passes))

    def action_next(self) -> None:
        checklist = self.work.checklist
        self._move_to(checklist.next_cell(checklist.last))

    @on(ChecklistView.CellClicked)
    def _clicked(self, message: ChecklistView.CellClicked) -> None:
        self._move_to(message.cell)

    def _move_to(self, cell: Cell) -> None:
        before = self.work.checklist.cursor
        self._moved(before, self.work.checklist.place(cell))

    def _moved(self, before: Cell, after: Cell) -> None:
        if after == before:
            return
        self._changed((before, after))
        if self.pacer.on:
            self._restart_pacer()  # a new zone under the hands: its dwell starts again

    # --- the pacer -------------------------------------------------------------------------

    def action_pacer(self) -> None:
        if self.pacer.on:
            self._pacer_off()
            return
        work = self.work
        if work.session is None or work.paused:
            # Pacing means working: open (or resume) the session now, so the first zone's time counts.
            try:
                started, _ = work.start_or_resume()
            except StoreError as error:
                self.app.report_store_error(error)
                return
            self.notify("Session started: its time counts from now." if started else "The session is running again.",
                        title="Session", timeout=3)
            self._show_progress()
        self.pacer.start(self._dwell())
        self._sync_session_hold()
        self._last_poll = self.app.monotonic()
        self._pacer_timer.resume()
        self._show_pacer()

    def _pacer_off(self) -> None:
        if self.pacer is None:
            return
        self.pacer.stop()
        self._pacer_timer.pause()
        self._show_pacer()

    def _dwell(self) -> float:
        work = self.work
        return dwell_for(work.checklist.zone_at(work.checklist.cursor), work.settings)

    def _restart_pacer(self) -> None:
        self.pacer.restart(self._dwell())
        self._show_pacer()

    def _sync_session_hold(self) -> None:
        """Hold the pacer while the session is paused (by Today or another terminal), release it after."""
        if self.pacer is None:
            return
        if self.work.paused:
            self.pacer.hold("session")
        else:
            self.pacer.release("session")

    def pacer_tick(self) -> None:
        """Advance the pacer to now: follow the session's state, and check and move on when a dwell ends."""
        pacer = self.pacer
        if not pacer.on:
            return
        now = self.app.monotonic()
        if now - self._last_poll >= POLL_SECONDS:
            self._last_poll = now
            if self.work.poll():  # finished or gone elsewhere
                self._pacer_off()
                self._redraw()
                return
            was = pacer.holds
            self._sync_session_hold()
            if pacer.holds != was:
                self._show_pacer()
                self._show_progress()
        if pacer.due:
            self._cue()
            self._check(by_pacer=True)
        self.query_one(PacerLine).tick()

    def _cue(self) -> None:
        """The dwell is over: a flash always, a bell unless the user turned the sound off."""
        if self.work.settings.pacer_sound:
            self.app.bell()
        line = self.query_one(PacerLine)
        line.add_class("-cue")
        self.set_timer(0.8, lambda: line.remove_class("-cue"))

    # --- the command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Check zone", "Check the zone under the cursor and move on", self.action_check)
        yield SystemCommand("Undo check", "Take back the last check of this session", self.action_undo)
        yield SystemCommand("Pacer on/off", "Count down each zone's dwell and move on by itself", self.action_pacer)
        yield SystemCommand("Next zone to do", "Put the cursor back on the next zone to do", self.action_next)
