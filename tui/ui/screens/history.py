"""History: the recent practice days with their passes, minutes and rest marks."""

from __future__ import annotations

from datetime import timedelta

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.core import calendar
from tui.ui.screens.base import ModeScreen

RECENT_DAYS = 28


class HistoryScreen(ModeScreen):
    """The last four weeks, day by day."""

    MODE = "history"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="history-box", classes="box"):
            yield Static(id="history-days")

    def on_mount(self) -> None:
        self.query_one("#history-box").border_title = f"The last {RECENT_DAYS} days"
        self.refresh_data()

    def refresh_data(self) -> None:
        self.query_one("#history-days", Static).update(self.days_table())

    def days_table(self) -> Table:
        store = self.store
        end = store.today()
        start = end - timedelta(days=RECENT_DAYS - 1)
        summaries = store.day_summaries(start, end)
        table = Table(box=None, padding=(0, 2))
        table.add_column("Day", no_wrap=True)
        table.add_column("Passes", justify="right")
        table.add_column("Minutes", justify="right")
        table.add_column("Note")
        for day in reversed(list(calendar.days(start, end))):
            summary = summaries.get(day)
            label = day.strftime("%a %-d %b")
            if summary is None:
                table.add_row(label, Text("–", style="dim"), Text("–", style="dim"), "")
                continue
            note = f"rest: {summary.rest_reason}" if summary.rest else ""
            table.add_row(label, str(summary.passes), f"{summary.minutes:.0f}", note)
        return table
