"""Zones: the checklist of every zone in every pass of today's session."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.ui.screens.base import ModeScreen


class ZonesScreen(ModeScreen):
    """Which zones today's latest session has covered, pass by pass."""

    MODE = "zones"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="zones-box", classes="box"):
            yield Static(id="zones-table")

    def on_mount(self) -> None:
        self.query_one("#zones-box").border_title = "Zones"
        self.refresh_data()

    def refresh_data(self) -> None:
        self.query_one("#zones-table", Static).update(self.checklist())

    def checklist(self) -> Table | Text:
        store = self.store
        day = store.today()
        sessions = store.sessions_between(day, day)
        session = store.active_session() or (sessions[-1] if sessions else None)
        passes = store.settings().passes
        done: set[tuple[int, str]] = set()
        if session is not None:
            done = {(c.pass_no, c.zone) for c in store.checks_for_session(session.id)}
            passes = max([passes, *(p for p, _ in done)])
        table = Table(box=None, expand=False, padding=(0, 2))
        table.add_column("Zone", no_wrap=True)
        for pass_no in range(1, passes + 1):
            table.add_column(f"Pass {pass_no}", justify="center")
        focus = store.settings().focus_zones
        for zone in store.routine.zones:
            name = Text(zone.name, style="bold" if zone.id in focus else "")
            marks = [Text("✓", style="green") if (p, zone.id) in done else Text("·", style="dim") for p in range(1, passes + 1)]
            table.add_row(name, *marks)
        if session is None:
            table.caption = "No session yet today."
        return table
