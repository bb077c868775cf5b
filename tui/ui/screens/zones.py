"""Zones: the pass-by-pass checklist, the head diagram and the pacer, driven by single keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import Resize, ScreenResume
from textual.reactive import reactive

from tui.core.checklist import Cell, CheckOutcome
from tui.core.pacer import dwell_for
from tui.store import StoreError
from tui.ui.screens.base import ModeScreen
from tui.ui.state.zone_session import ZoneSession, ZonesView
from tui.ui.widgets.zones.checklist import ChecklistView
from tui.ui.widgets.zones.headmap import HeadMap
from tui.ui.widgets.zones.pacerbar import HANDOVER, PacerBar
from tui.ui.widgets.zones.zonestatus import ProgressLine, ZoneNote

MIN_MAP_WIDTH = 28  # below this the checklist switches to short zone names
SHORT_HEIGHT = 19  # below this the checklist drops its box and the zone note to keep every zone in view
BOX_GUTTER = 4  # border and padding of a box, left and right


class ZonesScreen(ModeScreen):
    """Check zones off pass by pass; the head diagram, the progress line and the pacer follow every key."""

    MODE = "zones"

    # This screen's rules, parsed after Today's first frame (lazy_screens.preload_steps).
    CSS_PATH = "zones.tcss"

    BINDINGS = [
        Binding(
            "space,enter",
            "check",
            "Check",
            id="zones.check",
            tooltip="Check the zone under the cursor and move to the next one to do",
        ),
        Binding("u", "undo", "Undo", id="zones.undo", tooltip="Take back the last check of this session"),
        Binding(
            "p",
            "pacer",
            "Pacer",
            id="zones.pacer",
            tooltip="Pacer on/off: count down each zone's dwell, ring, check it and move on",
        ),
        Binding("j,down", "move(1)", "Down", show=False, id="zones.down", tooltip="Cursor to the next zone"),
        Binding("k,up", "move(-1)", "Up", show=False, id="zones.up", tooltip="Cursor to the previous zone"),
        Binding(
            "left",
            "move_pass(-1)",
            "Pass left",
            show=False,
            id="zones.pass_left",
            tooltip="Cursor to the previous pass",
        ),
        Binding(
            "right",
            "move_pass(1)",
            "Pass right",
            show=False,
            id="zones.pass_right",
            tooltip="Cursor to the next pass",
        ),
        Binding(
            "g",
            "next",
            "Next to do",
            show=False,
            id="zones.next",
            tooltip="Cursor back to the next zone to do",
        ),
    ]

    work: ZoneSession
    """The open session and its checklist (made with the widgets); every write goes through it."""

    view: reactive[ZonesView | None] = reactive(None, repaint=False)
    """What the screen shows, made anew from ``work`` after each change; the widgets are bound to it."""

    def compose_body(self) -> ComposeResult:
        self.work = work = ZoneSession(self.store)
        view = work.view()
        self.set_reactive(ZonesScreen.view, view)
        zones = self.store.routine.zones
        with Horizontal(id="zones-columns"):
            with Vertical(id="zones-list-box", classes="box"):
                yield ProgressLine(id="zones-progress").data_bind(ZonesScreen.view)
                yield ChecklistView(zones, view, id="zones-checklist").data_bind(ZonesScreen.view)
                yield ZoneNote(id="zones-note").data_bind(ZonesScreen.view)
                yield PacerBar(id="zones-pacer")
            with Vertical(id="zones-map-box", classes="box"):
                yield HeadMap(zones, view, id="zones-map").data_bind(ZonesScreen.view)

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
        self.progress = self.query_one(ProgressLine)
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

    def on_screen_resume(self, event: ScreenResume) -> None:
        # The base class then re-reads the log (refresh_data), which also follows a pause made meanwhile.
        self.pacer_bar.release("hidden")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        if self.view is not None:  # set in compose_body, before any Resize
            self._fit(event.size.width, self.view)

    def _fit(self, width: int, view: ZonesView) -> None:
        """Short zone names when full ones would squeeze the head diagram; the list box hugs the grid."""
        checklist, columns = self.checklist_view, view.checklist.columns
        checklist.compact = (
            width - checklist.wanted_width(compact=False, columns=columns) - BOX_GUTTER < MIN_MAP_WIDTH
        )
        self.query_one("#zones-list-box").styles.width = checklist.wanted_width(columns=columns) + BOX_GUTTER

    # --- drawing ---------------------------------------------------------------------------

    def _redraw(self) -> None:
        """Show the session as ``work`` has it now, and the pacer's texts for the settings."""
        self._show()
        dwell = self.work.settings.dwell_seconds
        self.pacer_bar.sound = self.work.settings.pacer_sound
        self.pacer_bar.texts(
            (
                f"Pacer off · p counts {dwell:g} s a zone and moves on",
                f"Pacer off · p counts {dwell:g} s a zone",
                "Pacer off (p)",
            ),
            "Pacer waits: the session is paused",
        )

    def _show(self) -> None:
        """A new view from ``work``: the bound widgets repaint what differs from the last one."""
        self.view = self.work.view()

    def watch_view(self, view: ZonesView | None) -> None:
        if view is not None and self.is_mounted:
            self._fit(self.size.width, view)

    # --- checking --------------------------------------------------------------------------

    def action_check(self) -> None:
        self._pace_on(self._check(by_pacer=False))

    def _check(self, by_pacer: bool) -> CheckOutcome | None:
        """Check the cursor's cell, committed first; then repaint what it touched and mark the moment."""
        work = self.work
        before = work.checklist.cursor
        try:
            result = work.check()
        except StoreError as error:
            self.app.report_store_error(error)
            self.pacer_bar.stop()
            return None
        if result.started or result.resumed:
            self.notify("Session started." if result.started else "Session resumed.", timeout=2)
            self.pacer_bar.release("session")
        self._show()  # committed: now shown (a reload, when the log had changed under us, shows it as it is)
        outcome = result.outcome
        if outcome is None:
            if by_pacer:  # the pacer stood on a zone checked meanwhile: just move on
                self._move_to(work.checklist.next_cell(work.checklist.cursor))
            elif not result.reloaded:
                zone = self.store.routine.zones[before[1]]
                self.notify(f"{zone.name} is already checked in pass {before[0]}.", timeout=2)
            return None
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
        try:
            check = work.undo()
        except StoreError as error:
            self.app.report_store_error(error)
            return
        if check is None:
            self.notify("Nothing to undo in this session.", timeout=2)
            return
        self._show()
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
            self._show()
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
            self._show()
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
            self._show()

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
        yield SystemCommand(
            "Pacer on/off", "Count down each zone's dwell and move on by itself", self.action_pacer
        )
        yield SystemCommand("Next zone to do", "Put the cursor back on the next zone to do", self.action_next)
