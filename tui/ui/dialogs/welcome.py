"""The welcome on a first start: focus zones, the daily time window and how the keys work.

Shown once, on a log that is brand new (the app is told to offer it by the launcher), and
again from the command palette. Every choice is stored the moment it is made, as in the
settings; esc closes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from tui.core.safe_text import safe_text
from tui.store import StoreError
from tui.ui.dialogs.settings import LOW_SUPPLY_ZONES

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp

FOCUS_NOTE_SHORT = (
    "Mark where your hair is thinning. The temples and the top of the head get the least blood "
    "supply of the scalp: most people start there."
)

#: The daily time windows offered, (shortest, longest) minutes; the first is the routine's own.
WINDOWS = ((5, 10), (3, 5), (10, 15), (15, 20))


class WelcomeScreen(ModalScreen[None]):
    """What a new user needs once; every choice here can be changed later in the settings."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    #welcome-box {
        width: 76; max-width: 96%; height: auto; max-height: 94%;
        border: round $primary; border-title-color: $primary; background: $surface; padding: 0 1;
    }
    #welcome-box .welcome-head { text-style: bold; }
    #welcome-box .welcome-note { color: $text-muted; }
    #welcome-zones { height: auto; border: none; padding: 0; }
    #welcome-window { height: auto; width: 100%; layout: horizontal; border: none; padding: 0; }
    #welcome-window RadioButton { width: auto; margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "close", "Close", id="welcome.close", tooltip="Close the welcome")]

    def compose(self) -> ComposeResult:
        store = self.app.store
        settings = store.settings()
        with VerticalScroll(id="welcome-box"):
            yield Static("Focus zones [dim](↑ ↓ move, space marks one, tab goes on)[/dim]", classes="welcome-head")
            yield Static(FOCUS_NOTE_SHORT, classes="welcome-note")
            selections = []
            for zone in store.routine.zones:
                prompt = escape(safe_text(zone.name))
                if zone.id in LOW_SUPPLY_ZONES:
                    prompt += " [dim](least blood supply)[/dim]"
                selections.append(Selection(prompt, zone.id, zone.id in settings.focus_zones))
            yield SelectionList[str](*selections, id="welcome-zones")
            yield Static("Your daily time window [dim](← → move, space picks)[/dim]", classes="welcome-head")
            current = (settings.target_min_minutes, settings.target_max_minutes)
            with RadioSet(id="welcome-window"):
                for low, high in WINDOWS:
                    label = f"{low}–{high} min" + (" (suggested)" if (low, high) == WINDOWS[0] else "")
                    yield RadioButton(label, value=current == (low, high), name=f"{low}-{high}")
            yield Static(self.keys_text(), id="welcome-keys")

    def keys_text(self) -> str:
        key = self.app.key_display
        keys = [
            (key("app.today", "t"), "Today"),
            (key("app.zones", "z"), "Zones"),
            (key("app.history", "h"), "History"),
            (key("app.help", "?"), "all keys"),
            (key("app.settings", "comma"), "settings"),
            ("ctrl+p", "all actions"),
            (key("app.quit", "q"), "quit"),
        ]
        return (
            "[b]Keys[/b]  one key per action; everything is saved as you go\n"
            + "  ".join(f"[b]{escape(k)}[/b] {what}" for k, what in keys)
            + "\nOn Today [b]s[/b] starts the session and [b]space[/b] marks each step; "
            "on Zones [b]space[/b] checks a zone."
        )

    def on_mount(self) -> None:
        box = self.query_one("#welcome-box")
        box.border_title = "Welcome to scalp: three things to set up once"
        box.border_subtitle = "esc closes · all of this is in the settings (,) later"
        self.query_one("#welcome-zones").focus()

    def _save(self, what: str, **values: Any) -> None:
        store = self.app.store
        before = store.settings()
        try:
            after = store.save_settings(**values)
        except StoreError as err:
            self.app.report_store_error(err)
            return
        if after != before:
            self.app.notify(f"Saved: {what}", timeout=2)

    @on(SelectionList.SelectedChanged, "#welcome-zones")
    def _focus_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self._save("focus zones", focus_zones=set(event.selection_list.selected))

    @on(RadioSet.Changed, "#welcome-window")
    def _window_changed(self, event: RadioSet.Changed) -> None:
        window = event.pressed.name
        assert window is not None, "every window button is named low-high"
        low, high = (float(part) for part in window.split("-"))
        self._save(f"{low:g}–{high:g} minutes a day", target_min_minutes=low, target_max_minutes=high)

    def action_close(self) -> None:
        self.dismiss(None)
