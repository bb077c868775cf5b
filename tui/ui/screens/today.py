"""Today: the guided session, from the first step to the summary, every change saved at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, TypeVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.reactive import reactive

from tui.core.guide import PASSES_STEP
from tui.core.routine import default_routine
from tui.core.safe_text import safe_text
from tui.core.summary import format_duration, short_of_target
from tui.store import StoreError
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.ratings import RatingsDialog
from tui.ui.screens.base import ModeScreen
from tui.ui.state.today_view import (
    TALL_SCREEN,
    TodayView,
    after_own_write,
    is_fresh,
    load_today,
    with_marks,
    with_session,
    without_last,
)
from tui.ui.widgets.today.progress_strip import ProgressStrip
from tui.ui.widgets.today.session_details import SessionDetails
from tui.ui.widgets.today.session_timer import SessionTimer, TimerState
from tui.ui.widgets.today.step_guide import NowCard, StepList
from tui.ui.widgets.today.week_strip import WeekStrip

#: Seconds between checks that the practice day has not turned while the screen sits open.
DAY_CHECK_SECONDS = 30

#: What one write to the log returns (a session, a step taken back, nothing).
Written = TypeVar("Written")


class TodayScreen(ModeScreen):
    """The session of the practice day: clock, current step, the routine and what is recorded."""

    MODE = "today"

    BINDINGS = [
        Binding("s", "start", "Start", id="today.start", tooltip="Start today's session"),
        Binding(
            "s",
            "start_another",
            "New session",
            id="today.another",
            tooltip="Start another session today (asks first)",
        ),
        Binding("s", "pause", "Pause", id="today.pause", tooltip="Pause the session (the clock stops)"),
        Binding("s", "resume", "Resume", id="today.resume", tooltip="Resume the paused session"),
        Binding("f", "finish", "Finish", id="today.finish", tooltip="Finish the session and see its summary"),
        Binding(
            "space",
            "next_step",
            "Next step",
            id="today.next",
            tooltip="Mark the current step done and go to the next",
        ),
        Binding("b", "back_step", "Back", id="today.back", tooltip="Undo the last step marked done"),
        Binding("o", "oil", "Oil", id="today.oil", tooltip="Record whether you used oil or serum"),
        Binding("r", "rate", "Rate", id="today.rate", tooltip="Rate stress, headache and scalp feel, 1 to 5"),
        Binding("n", "note", "Note", id="today.note", tooltip="Write a note on the session"),
        *(
            Binding(
                technique.key,
                f"technique('{technique.key}')",
                technique.name,
                show=False,
                id=f"today.technique.{technique.id}",
                tooltip=f"Use {technique.name.lower()} (recorded on the session)",
            )
            for technique in default_routine().techniques
        ),
    ]

    view: reactive[TodayView | None] = reactive(None, repaint=False, bindings=True)
    """What the screen shows (never changed in place: a change is a new view). The widgets are bound
    to it; the footer's keys follow it (check_action)."""

    timer: reactive[TimerState | None] = reactive(None, repaint=False)
    """The clock's part of the view, bound to the SessionTimer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen_technique: str | None = None
        """The technique picked before a session exists; it is given to the next start."""

    # --- layout ------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Vertical(id="today-session-box", classes="box"):
            yield SessionTimer(now=self.store.now).data_bind(state=TodayScreen.timer)
        with Horizontal(id="today-columns"):
            with Vertical(id="today-left"):
                with Vertical(id="today-now-box", classes="box"):
                    yield NowCard().data_bind(TodayScreen.view)
                with Vertical(id="today-week-box", classes="box"):
                    yield WeekStrip().data_bind(TodayScreen.view)
                yield ProgressStrip(id="today-progress")
            with Vertical(id="today-side"):
                with Vertical(id="today-steps-box", classes="box"):
                    yield StepList().data_bind(TodayScreen.view)
                with Vertical(id="today-record-box", classes="box"):
                    yield SessionDetails().data_bind(TodayScreen.view)

    def on_mount(self) -> None:
        self.query_one("#today-steps-box").border_title = "Routine"
        self.query_one("#today-record-box").border_title = "Record"
        self.query_one("#today-week-box").border_title = "The last seven days"
        self.set_interval(DAY_CHECK_SECONDS, self._check_day, name="today-day-check")
        self.refresh_data()

    def refresh_data(self) -> None:
        """Read the day's session from the log; the widgets bound to the view follow."""
        self.view = load_today(self.store, self.chosen_technique)

    def watch_view(self, view: TodayView | None) -> None:
        if view is None:
            return
        self.timer = TimerState(view.session, view.settings, view.zone)
        self._titles(view)
        self._show_progress()

    def _titles(self, view: TodayView) -> None:
        session_box = self.query_one("#today-session-box")
        session_box.border_title = "Session"
        if view.sessions_today > 1:
            session_box.border_subtitle = f"session {view.sessions_today} today"
        elif view.session is None and view.rest_reason is not None:
            # The reason is the user's text: shown plain (a border title is markup otherwise) and inert.
            reason = f": {safe_text(view.rest_reason)}" if view.rest_reason else ""
            session_box.border_subtitle = Content(f"planned rest day{reason}")
        else:
            session_box.border_subtitle = ""
        now_box = self.query_one("#today-now-box")
        guide = view.guide
        if view.open and guide.step is not None:
            now_box.border_title = f"Step {guide.current + 1} of {len(guide.steps)}"
        else:
            now_box.border_title = "Now"

    def on_resize(self, event: Resize) -> None:
        super().on_resize(event)
        # A tall screen has room for the week and the whole technique list.
        self.set_class(event.size.height >= TALL_SCREEN, "-tall")
        self._show_progress()

    def _show_progress(self) -> None:
        # Where the week's box has no room (below TALL_SCREEN rows), one line keeps progress in
        # sight. The month is read only then: most key presses refresh the view.
        view = self.view
        if view is not None and not self.has_class("-tall"):
            month = view.day.replace(day=1)
            self.query_one(ProgressStrip).show(
                view.day, view.streak, self.store.day_summaries(month, view.day)
            )

    def _check_day(self) -> None:
        # The practice day can turn while the screen sits open (an idle app overnight).
        if self.view is not None and self.store.today() != self.view.day:
            self.refresh_data()

    # --- which keys apply --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None:
            return True
        session = view.session
        rules: dict[str, bool] = {
            "start": view.session is None,
            "start_another": view.done,
            "pause": session is not None and view.open and session.running,
            "resume": session is not None and view.open and session.paused,
            "finish": view.open,
            "next_step": view.open and view.guide.step is not None,
            "back_step": view.open and bool(view.guide.marked),
            "oil": session is not None,
            "rate": session is not None,
            "note": session is not None,
        }
        if action == "technique":
            return self._technique_for(str(parameters[0])) is not None
        return rules.get(action, True)

    def _technique_for(self, key: str) -> str | None:
        for technique in self.store.routine.techniques:
            if technique.key == key:
                return technique.id
        return None

    # --- writing -----------------------------------------------------------------------

    def _write(
        self, write: Callable[[], Written], changed: Callable[[TodayView, Written], TodayView] | None = None
    ) -> bool:
        """One write to the log (committed when it returns), then shown; False (one line said) if refused.

        ``changed`` turns the view before and what the write returned into the new view, so the
        log is not read again; without it (or when another process wrote meanwhile) it is read afresh.
        """
        before = self._fresh()
        try:
            result = write()
        except StoreError as err:
            self.app.report_store_error(err)
            self.refresh_data()
            return False
        view = after_own_write(self.store, before, changed(before, result)) if changed is not None else None
        if view is None:
            self.refresh_data()
        else:
            self.view = view
        return True

    # --- actions -----------------------------------------------------------------------

    def action_start(self) -> None:
        self._start()

    def action_start_another(self) -> None:
        # A second session on the same day is allowed, never by accident: it asks first.
        view = self._fresh()
        session = view.session
        if session is None or session.ended_at is None:
            return  # the log changed since the key was offered (a new day, a session opened elsewhere): shown now
        progress = view.guide.progress
        time = format_duration(session.elapsed(session.ended_at))
        self.app.push_screen(
            ConfirmDialog(
                "Another session?",
                f"Today's session is already logged "
                f"({progress.full_passes} of {progress.target} passes, {time}).\n"
                "Start a second session for today?",
            ),
            self._start_confirmed,
        )

    def _start_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._start()

    def _start(self) -> None:
        self._write(lambda: self.store.start_session(technique=self.chosen_technique))

    def action_pause(self) -> None:
        session = self._fresh().session
        if session is None:
            return  # the day turned since the key was offered: the new day is shown now
        self._write(lambda: self.store.pause_session(session.id), with_session)

    def action_resume(self) -> None:
        session = self._fresh().session
        if session is None:
            return  # the day turned since the key was offered: the new day is shown now
        self._write(lambda: self.store.resume_session(session.id), with_session)

    def action_finish(self) -> None:
        view = self._fresh()  # the passes may have been ticked on the Zones screen meanwhile
        if view.session is None:
            return  # the day turned since the key was offered: the new day is shown now
        progress = view.guide.progress
        if progress.full_passes < progress.target:
            done = (
                f"Only {progress.full_passes} of {progress.target} full passes"
                if progress.full_passes
                else "No full pass"
            )
            self.app.push_screen(
                ConfirmDialog(
                    "Finish now?",
                    f"{done} so far: {short_of_target(progress.full_passes)}. Finish anyway?",
                    yes="y  finish",
                    no="n  keep going",
                ),
                self._finish_confirmed,
            )
            return
        self._finish()

    def _finish_confirmed(self, yes: bool | None) -> None:
        if yes:
            self._finish()

    def _finish(self) -> None:
        session = self.view.session if self.view is not None else None
        if session is None:
            return  # the day turned meanwhile (the session was closed at its end): the new day is shown
        session_id = session.id
        if self._write(lambda: self.store.finish_session(session_id)):
            self.app.clear_notifications()  # the summary says it all; old notices would cover it
            from tui.ui.dialogs.summary import SummaryScreen  # imported ahead when the app sits idle

            self.app.push_screen(SummaryScreen(session_id))

    def action_next_step(self) -> None:
        view = self._fresh()
        step = view.guide.step
        session = view.session
        if step is None or session is None:
            return  # no session: the day turned since the key was offered, and the new day is shown
        marks = view.marks if step.id in view.marks else (*view.marks, step.id)
        marked = self._write(
            lambda: self.store.mark_step(session.id, step.id), lambda now, _: with_marks(now, marks)
        )
        if marked and step.id == PASSES_STEP:
            progress = view.guide.progress
            if not progress.complete:
                self.notify(
                    f"On to the finish with {progress.full_passes} of {progress.target} passes; "
                    "ticks on the Zones screen still count. b goes back.",
                    timeout=6,
                )

    def _fresh(self) -> TodayView:
        """The log's state now: a decision is never taken on what the screen showed a while ago.

        Read again only when the log changed since (the Zones screen, another process) or the day turned.
        """
        if not is_fresh(self.store, self.view):
            self.refresh_data()
        view = self.view
        assert view is not None, "refresh_data always sets a view"
        return view

    def action_back_step(self) -> None:
        session = self._fresh().session
        if session is None:
            return  # the day turned since the key was offered: the new day is shown now
        self._write(
            lambda: self.store.unmark_last_step(session.id),
            lambda now, step: with_marks(now, without_last(now.marks, step)),
        )

    def action_oil(self) -> None:
        session = self._fresh().session
        if session is None:
            return  # the day turned since the key was offered: the new day is shown now
        self._write(
            lambda: self.store.update_session(session.id, oil=not session.oil),
            with_session,
        )

    def action_technique(self, key: str) -> None:
        technique = self._technique_for(key)
        if technique is None:
            return
        view = self._fresh()
        session = view.session
        if session is None:
            self.chosen_technique = technique
            self.view = replace(view, technique=technique)
            return
        self._write(
            lambda: self.store.update_session(session.id, technique=technique),
            with_session,
        )

    def action_rate(self) -> None:
        view = self.view
        if view is None or view.session is None:
            return  # offered only with a session (check_action)
        # Until the passes are done the ratings asked first are "before"; from the finish steps on, "after".
        step = view.guide.step
        later = not view.open or step is None or step.phase == "finish" or view.guide.progress.complete
        phase = "after" if later else "before"
        self.app.push_screen(RatingsDialog(view.session.id, phase=phase), lambda _: self.refresh_data())

    def action_note(self) -> None:
        if self.view is None or self.view.session is None:
            return  # offered only with a session (check_action)
        from tui.ui.dialogs.note import NoteDialog  # imported ahead when the app sits idle

        self.app.push_screen(NoteDialog(self.view.session.id), lambda _: self.refresh_data())

    # --- command palette ---------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        actions = (
            ("start", "Start session", "Start today's session"),
            ("start_another", "Start another session", "Start a second session today"),
            ("pause", "Pause session", "Pause the running session"),
            ("resume", "Resume session", "Resume the paused session"),
            ("finish", "Finish session", "Finish the session and see its summary"),
            ("next_step", "Next step", "Mark the current step done"),
            ("back_step", "Previous step", "Undo the last step marked done"),
            ("oil", "Toggle oil", "Record whether you used oil or serum"),
            ("rate", "Rate how you feel", "Stress, headache and scalp feel, 1 to 5"),
            ("note", "Session note", "Write a note on the session"),
        )
        for action, title, help_text in actions:
            if self.check_action(action, ()):
                yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        for technique in self.store.routine.techniques:
            yield SystemCommand(
                f"Technique: {technique.name}",
                f"Use {technique.name.lower()} (key {technique.key})",
                lambda key=technique.key: self.action_technique(key),
            )
