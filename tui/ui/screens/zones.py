"""Zones: the pass-by-pass checklist, the head diagram and the pacer, driven by single keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import Resize

from tui.core.checklist import Cell, CheckOutcome
from tui.core.pacer import dwell_for
from tui.store import StoreError
from tui.ui.screens.base import ModeScreen
from tui.ui.widgets.zones.checklist import ChecklistView
from tui.ui.widgets.zones.headmap import HeadMap
from tui.ui.widgets.zones.pacerbar import HANDOVER, PacerBar
from tui.ui.widgets.zones.zonestatus import ProgressLine, ZoneNote
from tui.ui.state.zone_session import ZoneSession

MIN_MAP_WIDTH = 28  # below this the checklist switches to short zone names
SHORT_HEIGHT = 19  # below this the checklist drops its box and the zone note to keep every zone in view
BOX_GUTTER = 4  # border and padding of a box, left and right


class ZonesScreen(ModeScreen):
    """Check zones off pass by pass; the head diagram, the progress line and the pacer follow every key."""

    MODE = "zones"

    # Issue 8: this screen's rules, parsed after Today's first frame (lazy_screens.preload_steps).
    CSS_PATH = "zones.tcss"

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

    work: ZoneSession
    """The open session and its checklist (made with the widgets)."""

    def compose_body(self) -> ComposeResult:
        self.work = work = ZoneSession(self.store)
        zones, focus = self.store.routine.zones, work.settings.focus_zones
        with Horizontal(id="zones-columns"):
            with Vertical(id="zones-list-box", classes="box"):
                yield ProgressLine(id="zones-progress")
                yield ChecklistView(zones, work.checklist, focus, id="zones-checklist")
                yield ZoneNote(id="zones-note")
                yield PacerBar(id="zones-pacer")
            with Vertical(id="zones-map-box", classes="box"):
                yield HeadMap(zones, work.checklist, focus, id="zones-map")

    def on_mount(self) -> None:
        try:
            list_box = self.query_one("#zones-list-box")
        except NoMatches:
            # The app closed while this screen was being built ahead (tui/ui/speedups.py): its
            # inner widgets were never mounted, and nothing will be shown.
            return
        list_box.border_title = "Checklist"
        self.query_one("#zones-map-box").border_title = "Head, seen from above"
        # Kept at hand: a check updates these without querying the DOM each time.
        self.checklist_view = self.query_one(ChecklistView)
        self.head_map = self.query_one(HeadMap)
        self.progress = self.query_one(ProgressLine)
        self.zone_note = self.query_one(ZoneNote)
        self.pacer_bar = self.query_one(PacerBar)
        self._redraw()

    def prepare_offscreen(self) -> None:
        """Get ready to be shown (the screen is built ahead, tui/ui/speedups.py): drawn on mount already.

        Resuming it later re-reads the session from the log, and its layout follows the terminal then.
        """
        self.remember_styling()

    def refresh_data(self) -> None:
        """Re-read the session from the log (the screen is shown again; Today may have changed it)."""
        self.work.load()
        if self.work.session is None:
            self.pacer_bar.stop()
        elif self.pacer_bar.pacer.on and self.pacer_bar.pacer.duration != self._dwell():
            # The dwell or focus settings changed meanwhile (the settings screen): count the new one.
            self.pacer_bar.restart(self._dwell())
        self._follow_pause()
        self._redraw()

    def on_screen_suspend(self) -> None:
        # Behind another mode or a dialog the pacer waits: nothing moves unseen.
        self.pacer_bar.hold("hidden")

    def on_screen_resume(self) -> None:
        # The base class then re-reads the log (refresh_data), which also follows a pause made meanwhile.
        self.pacer_bar.release("hidden")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Short zone names when full ones would squeeze the head diagram; the list box hugs the grid."""
        checklist = self.checklist_view
        checklist.compact = width - checklist.wanted_width(compact=False) - BOX_GUTTER < MIN_MAP_WIDTH
        self.query_one("#zones-list-box").styles.width = checklist.wanted_width() + BOX_GUTTER

    # --- drawing ---------------------------------------------------------------------------

    def _redraw(self) -> None:
        """Draw everything from the checklist (after a load: the session may be another one)."""
        work = self.work
        focus = work.settings.focus_zones
        self.checklist_view.show(work.checklist, focus)
        self.head_map.show(work.checklist, focus)
        self._fit(self.size.width)
        self.progress.show(work.checklist, work.status())
        self._show_note()
        dwell = work.settings.dwell_seconds
        self.pacer_bar.sound = work.settings.pacer_sound
        self.pacer_bar.texts(
            (f"Pacer off · p counts {dwell:g} s a zone and moves on", f"Pacer off · p counts {dwell:g} s a zone",
             "Pacer off (p)"),
            "Pacer waits: the session is paused",
        )

    def _changed(self, cells: Iterable[Cell], header: bool = False) -> None:
        """Repaint only what these cells touch: their rows, their zones' areas, the lines around."""
        rows = {index for _, index in cells}
        if self.checklist_view.refresh_rows(rows, header=header):
            self._fit(self.size.width)  # a bonus pass column came or went
        self.head_map.refresh_zones(rows)
        self.progress.show(self.work.checklist, self.work.status())
        self._show_note()

    def _show_note(self) -> None:
        work, routine = self.work, self.store.routine
        zone = routine.zones[work.checklist.cursor[1]]
        try:
            technique = routine.technique((work.session and work.session.technique) or work.settings.technique)
        except KeyError:
            technique = None  # an imported session with a technique this version does not know
        focus = zone.id in work.settings.focus_zones
        self.zone_note.show(zone, dwell_for(zone.id, work.settings), focus, technique)

    # --- checking --------------------------------------------------------------------------

    def action_check(self) -> None:
        self._pace_on(self._check(by_pacer=False))

    def _check(self, by_pacer: bool) -> CheckOutcome | None:
        """Check the cursor's cell, committed first; then repaint what it touched and mark the moment."""
        work = self.work
        checklist, before = work.checklist, work.checklist.cursor
        try:
            result = work.check()
        except StoreError as error:
            self.app.report_store_error(error)
            self.pacer_bar.stop()
            return None
        if result.started or result.resumed:
            self.notify("Session started." if result.started else "Session resumed.", timeout=2)
            self.pacer_bar.release("session")
        if work.checklist is not checklist:
            self._redraw()  # the log had changed under us: show it as it is
        outcome = result.outcome
        if outcome is None:
            if by_pacer:  # the pacer stood on a zone checked meanwhile: just move on
                self._move_to(work.checklist.next_cell(work.checklist.cursor))
            elif work.checklist is checklist:
                zone = self.store.routine.zones[before[1]]
                self.notify(f"{zone.name} is already checked in pass {before[0]}.", timeout=2)
            return None
        self._changed((before, work.checklist.cursor), header=True)
        if outcome.pass_completed:
            self._celebrate(outcome.cell[0], outcome.session_completed)
        return outcome

    def _celebrate(self, pass_no: int, session_completed: bool) -> None:
        """Mark a finished pass, and more so a finished session."""
        checklist = self.work.checklist
        progress = self.progress
        progress.add_class("-celebrate")
        self.set_timer(2.5, lambda: progress.remove_class("-celebrate"))
        # One notice at a time: at 80x24 stacked notices would cover the checklist.
        self.app.clear_notifications()
        if session_completed:
            self.notify(
                f"All {checklist.passes} passes done: every zone covered {checklist.passes} times. "
                "Finish the session on Today (t, then f), or go on with a bonus pass.",
                title="Session complete",
                timeout=8,
            )
        elif pass_no > checklist.passes:
            self.notify(f"Bonus pass {pass_no} done.", timeout=3)
        else:
            start = self.store.routine.zones[checklist.cursor[1]].name
            self.notify(f"Pass {pass_no} done · next: pass {checklist.current_pass} from {start}.", timeout=3)

    def action_undo(self) -> None:
        work = self.work
        checklist, before = work.checklist, work.checklist.cursor
        try:
            check = work.undo()
        except StoreError as error:
            self.app.report_store_error(error)
            return
        if check is None:
            self.notify("Nothing to undo in this session.", timeout=2)
            return
        if work.checklist is checklist:
            self._changed((before, work.checklist.cursor), header=True)
        else:
            self._redraw()
        self.notify(f"Took back {self.store.routine.zone(check.zone).name}, pass {check.pass_no}.", timeout=2)
        self._pace_on(None)

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
    def _cell_clicked(self, message: ChecklistView.CellClicked) -> None:
        self._move_to(message.cell)

    @on(HeadMap.ZoneClicked)
    def _zone_clicked(self, message: HeadMap.ZoneClicked) -> None:
        self._move_to((self.work.checklist.cursor[0], message.index))

    def _move_to(self, cell: Cell) -> None:
        before = self.work.checklist.cursor
        self._moved(before, self.work.checklist.place(cell))

    def _moved(self, before: Cell, after: Cell) -> None:
        if after != before:
            self._changed((before, after))
            self._pace_on(None)  # a new zone under the hands: its dwell starts again

    # --- the pacer -------------------------------------------------------------------------

    def action_pacer(self) -> None:
        bar, work = self.pacer_bar, self.work
        if bar.pacer.on:
            bar.stop()
            return
        if work.session is None or work.paused:
            # Pacing means working: open (or resume) the session now, so the first zone's time counts.
            try:
                started, _ = work.start_or_resume()
            except StoreError as error:
                self.app.report_store_error(error)
                return
            self.notify("Session started." if started else "Session resumed.", timeout=2)
            self.progress.show(work.checklist, work.status())
        self._follow_pause()
        bar.start(self._dwell())

    def _dwell(self) -> float:
        checklist = self.work.checklist
        return dwell_for(checklist.zone_at(checklist.cursor), self.work.settings)

    def _pace_on(self, outcome: CheckOutcome | None) -> None:
        """After a check, an undo or a move: the pacer counts the new zone's dwell, or stops at the end."""
        bar = self.pacer_bar
        if not bar.pacer.on:
            return
        if outcome is not None and outcome.session_completed:
            bar.stop()  # bonus passes are the user's choice, not the pacer's
        else:
            bar.restart(self._dwell())

    def _follow_pause(self) -> None:
        """Hold the pacer while the session is paused (by Today or another terminal)."""
        if self.work.paused:
            self.pacer_bar.hold("session")
        else:
            self.pacer_bar.release("session")

    @on(PacerBar.Beat)
    def _beat(self) -> None:
        """While pacing, re-read the session about once a second: paused, resumed or finished elsewhere."""
        if self.work.poll():  # finished or gone: show the log as it is now
            self.pacer_bar.stop()
            self._redraw()
            return
        was_paused = "session" in self.pacer_bar.pacer.holds
        self._follow_pause()
        if self.work.paused != was_paused:
            self.progress.show(self.work.checklist, self.work.status())

    @on(PacerBar.DwellEnded)
    def _dwell_ended(self) -> None:
        bar = self.pacer_bar
        if not bar.pacer.on:
            return  # switched off before this message arrived
        if self.work.paused or bar.pacer.holds - {HANDOVER}:
            # Paused or hidden just now: nothing is checked unseen; the zone's dwell starts again later.
            self._follow_pause()
            bar.restart(self._dwell())
            return
        self._pace_on(self._check(by_pacer=True))

    # --- the command palette -----------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Check zone", "Check the zone under the cursor and move on", self.action_check)
        yield SystemCommand("Undo check", "Take back the last check of this session", self.action_undo)
        yield SystemCommand("Pacer on/off", "Count down each zone's dwell and move on by itself", self.action_pacer)
        yield SystemCommand("Next zone to do", "Put the cursor back on the next zone to do", self.action_next)
