"""Entries for the command palette: every screen action, by name."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand


def app_commands(app) -> Iterable[SystemCommand]:
    yield SystemCommand("Today", "Open the Today screen: the session and its steps", lambda: app.switch_mode("today"))
    yield SystemCommand("Zones", "Open the Zones checklist", lambda: app.switch_mode("zones"))
    yield SystemCommand("History", "Open the History screen: past days and reviews", lambda: app.switch_mode("history"))
    yield SystemCommand("Help", "Show every key", app.action_help)
    # Settings (issue 9)
    yield SystemCommand(
        "Settings", "Focus zones, pace, passes, targets, day start, theme and keys", app.action_settings
    )
