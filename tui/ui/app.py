"""The scalp Textual app: three modes (Today, Zones, History) over one Log."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.store import Log, StoreError
from tui.ui.commands import app_commands
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.screens.zones import ZonesScreen


class ScalpApp(App[None]):
    """The full-screen app. Built from an injected Log, so tests hand it an in-memory one."""

    TITLE = "scalp"
    CSS_PATH = "app.tcss"
    MODES = {"today": TodayScreen, "zones": ZonesScreen, "history": HistoryScreen}
    DEFAULT_MODE = "today"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("t", "switch_mode('today')", "Today", id="app.today", tooltip="Open the Today screen"),
        Binding("z", "switch_mode('zones')", "Zones", id="app.zones", tooltip="Open the Zones checklist"),
        Binding("h", "switch_mode('history')", "History", id="app.history", tooltip="Open the History screen"),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit scalp (everything is already saved)"),
    ]

    # --- Zones (issue 4): the pacer's clock, replaced by a fake one in tests ---
    monotonic: Callable[[], float] = staticmethod(time.monotonic)
    """Seconds that only go forward; the pacer counts dwells with it."""

    def __init__(self, store: Log, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store
        """The log every screen reads and writes."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from app_commands(self)
        palette_commands = getattr(screen, "palette_commands", None)
        if palette_commands is not None:
            yield from palette_commands()
        yield from super().get_system_commands(screen)

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, grouped: global first, then each mode's own."""
        sections = [("Everywhere", [b for b in self.BINDINGS if isinstance(b, Binding)])]
        sections[0][1].append(Binding("ctrl+p", "command_palette", "Palette", tooltip="Open the command palette"))
        for name, screen in self.MODES.items():
            # Only the app's own bindings carry an id; Textual's inherited ones (tab, copy) do not.
            own = [b for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding) and b.id]
            if own:
                sections.append((name.capitalize(), own))
        return sections

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def report_store_error(self, error: StoreError) -> None:
        """Show a write that failed (disk full, read-only, locked) as one clear line."""
        self.notify(str(error), title="Not saved", severity="error", timeout=10)
