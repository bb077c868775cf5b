"""Today: the day's practice at a glance and the routine to follow."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.ui.screens.base import ModeScreen


class TodayScreen(ModeScreen):
    """The practice day: what is logged so far, and the steps of the routine."""

    MODE = "today"

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="today-columns"):
            with Vertical(id="today-status-box", classes="box"):
                yield Static(id="today-status")
            with Vertical(id="today-routine-box", classes="box"):
                yield Static(id="today-routine")

    def on_mount(self) -> None:
        self.query_one("#today-status-box").border_title = "Today"
        self.query_one("#today-routine-box").border_title = "The routine"
        self.refresh_data()

    def refresh_data(self) -> None:
        self.query_one("#today-status", Static).update(self.status_text())
        self.query_one("#today-routine", Static).update(self.routine_table())

    def status_text(self) -> Text:
        store = self.store
        day = store.today()
        summary = store.day_summaries(day, day).get(day)
        settings = store.settings()
        text = Text()
        active = store.active_session()
        if summary is None or summary.sessions == 0:
            text.append("Nothing logged yet today.\n", style="bold")
        else:
            plural = "s" if summary.sessions != 1 else ""
            text.append(f"{summary.sessions} session{plural} today\n", style="bold")
            text.append(f"Full passes: {summary.passes} of {settings.passes}\n")
            text.append(f"Time: {summary.minutes:.0f} min ")
            text.append(f"(target {settings.target_min_minutes:g}–{settings.target_max_minutes:g} min)\n")
        if summary is not None and summary.rest:
            text.append(f"\nPlanned rest day: {summary.rest_reason or 'no reason given'}\n", style="italic")
        if active is not None:
            state = "paused" if active.paused else "running"
            started = active.started_at.astimezone(store.zone).strftime("%H:%M")
            text.append(f"\nA session is open ({state}, started {started}).\n", style="bold")
        return text

    def routine_table(self) -> Table:
        routine = self.store.routine
        settings = self.store.settings()
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for step in routine.steps_in("prep"):
            name = f"{step.name} (optional)" if step.optional else step.name
            table.add_row(name, step.how)
        minutes = len(routine.zones) * settings.passes * settings.dwell_seconds / 60
        table.add_row(
            f"{settings.passes} passes",
            f"Every one of the {len(routine.zones)} zones once per pass, about "
            f"{settings.dwell_seconds:g} s each: roughly {minutes:.0f} minutes in all.",
        )
        for step in routine.steps_in("finish"):
            table.add_row(step.name, step.how)
        return table
