"""The end-of-session summary: time, passes, missed and focus zones, streak; rate or note from here."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core import stats
from tui.core.guide import pass_progress
from tui.core.notes import note_lines
from tui.core.summary import IN_TARGET, OVER, format_duration, short_of_target, summarize, zone_names
from tui.store.history import HistoryReader
from tui.ui.dialogs.ratings import RatingsDialog
from tui.ui.state.today_view import streak_now
from tui.ui.widgets.today.session_details import ratings_line
from tui.ui.widgets.today.step_guide import pass_meter

if TYPE_CHECKING:
    from textual import getters

    from tui.store.log import Log
    from tui.ui.app import ScalpApp

BAND_WORDS = {IN_TARGET: "in target", OVER: "over target"}

# The summary fits 80x24 with a long note: it shows the note's start; n opens the whole of it.
NOTE_LINES = 3
NOTE_LINE_CHARS = 200


def best_streak_before_today(store: Log) -> int:
    """The longest streak reached on any day before today (0 for a log that starts today)."""
    reader = HistoryReader(store)
    first, yesterday = reader.first_day, reader.today - timedelta(days=1)
    if first is None or first > yesterday:
        return 0
    reader.summaries(first, reader.today)  # the whole log: a best streak can lie years back
    return stats.streaks_in(reader.history(), first, yesterday, reader.target)[1]


class SummaryScreen(ModalScreen[None]):
    """How the session went, read back from the log (so a rating or note added here shows at once)."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    COMPONENT_CLASSES = {"summary--good", "summary--short", "summary--muted"}

    DEFAULT_CSS = """
    SummaryScreen > .summary--good { color: $success; }
    SummaryScreen > .summary--short { color: $warning; }
    SummaryScreen > .summary--muted { color: $text-muted; }
    """

    BINDINGS = [
        Binding("r", "rate", "Rate", id="summary.rate", tooltip="Rate how you feel after the session"),
        Binding("n", "note", "Note", id="summary.note", tooltip="Add or change the session's note"),
        Binding("escape,enter,space", "close", "Close", id="summary.close", tooltip="Close the summary"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box", classes="dialog"):
            yield Static(id="summary-table")
            yield Static("[b]r[/b] rate how you feel   [b]n[/b] note   [b]enter[/b] close", id="summary-keys")

    def on_mount(self) -> None:
        box = self.query_one("#summary-box")
        box.border_title = "Session finished"
        self.refresh_summary()

    def refresh_summary(self) -> None:
        self.query_one("#summary-table", Static).update(self.summary_table())

    def summary_table(self) -> Table:
        store = self.app.store
        settings = store.settings()
        session = store.session(self.session_id)
        progress = pass_progress(store.routine, settings.passes, store.checks_for_session(session.id))
        summary = summarize(session, progress, settings, store.now(), streak_now(store))
        names = {z.id: z.short for z in store.routine.zones}
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        target = f"{settings.target_min_minutes:g}–{settings.target_max_minutes:g} min"
        band = BAND_WORDS.get(summary.band, "under target")
        good, short, muted = (self.get_component_rich_style(f"summary--{n}") for n in ("good", "short", "muted"))
        band_style = {IN_TARGET: good, OVER: short}.get(summary.band, "")
        duration = Text(format_duration(summary.duration), style="bold")
        duration.append(f"  {band} ({target})", style=band_style)
        table.add_row("Duration", duration)
        passes = Text(f"{summary.full_passes} of {summary.target_passes}  ")
        passes.append(pass_meter(summary.full_passes, summary.target_passes))
        if summary.bonus_passes:
            passes.append(f"  +{summary.bonus_passes} bonus", style="bold")
        elif not summary.complete:
            passes.append(f"  {short_of_target(summary.full_passes)}", style=muted)
        table.add_row("Passes", passes)
        if summary.missed:
            missed = Text(zone_names(summary.missed, names, summary.target_passes), style=short)
        else:
            missed = Text("none: every zone in every pass", style=good)
        table.add_row("Zones missed", missed)
        if summary.focus:
            focus = Text(zone_names(summary.focus, names, summary.target_passes))
        else:
            settings_key = self.app.key_display("app.settings", "comma")  # as remapped by keys.toml
            focus = Text(f"none chosen yet ({settings_key} opens the settings)", style=muted)
        table.add_row("Focus zones", focus)
        days = "day" if summary.streak == 1 else "days"
        streak = Text(f"{summary.streak} {days}", style="bold")
        if summary.streak > 1 and summary.streak > best_streak_before_today(store):
            streak.append("  a new best!", style=good)
        table.add_row("Streak", streak)
        technique = store.routine.technique(session.technique).name if session.technique else "–"
        table.add_row("Technique", f"{technique} · oil {'used' if session.oil else 'not used'}")
        ratings = store.ratings(session.id)
        if ratings:
            table.add_row("Before", ratings_line(ratings, "before"))
            table.add_row("After", ratings_line(ratings, "after"))
        if session.note:
            table.add_row("Note", self._note(session.note))
        return table

    def _note(self, note: str) -> Text:
        """The note's first lines, each cut with an ellipsis at the cell's edge; later lines
        stay indented under the first, as a grid cell keeps them."""
        lines = note_lines(note, "").split("\n")
        clipped = "\n".join(line[:NOTE_LINE_CHARS] for line in lines[:NOTE_LINES])
        shown = Text(clipped, no_wrap=True, overflow="ellipsis")
        hidden = len(lines) - NOTE_LINES
        if hidden > 0:
            more = f"\n… {hidden} more line{'s' if hidden != 1 else ''}: n opens the whole note"
            shown.append(more, style=self.get_component_rich_style("summary--muted"))
        return shown

    def action_rate(self) -> None:
        self.app.push_screen(RatingsDialog(self.session_id, phase="after"), lambda _: self.refresh_summary())

    def action_note(self) -> None:
        from tui.ui.dialogs.note import NoteDialog  # imported ahead when the app sits idle

        self.app.push_screen(NoteDialog(self.session_id), lambda _: self.refresh_summary())

    def action_close(self) -> None:
        self.dismiss(None)
