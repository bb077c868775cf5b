"""The help dialog: every key of the app, screen by screen."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.safe_text import safe_text


def _key_label(app: App[Any], binding: Binding) -> Text:
    # Keys come from the user's keys file: shown as plain text ("[" is a key, not markup).
    return Text(safe_text(", ".join(app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(","))))


def keys_table(app: App[Any], sections: list[tuple[str, list[Binding]]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        # One key that does one thing per state (Today's s: start, pause, resume...) is one row.
        rows: list[tuple[Text, list[Binding]]] = []
        for binding in bindings:
            label = _key_label(app, binding)
            if rows and rows[-1][0].plain == label.plain:
                rows[-1][1].append(binding)
            else:
                rows.append((label, [binding]))
        for label, shared in rows:
            table.add_row(label, _what_it_does(shared))
        table.add_row("", "")
    return table


def _what_it_does(bindings: list[Binding]) -> Text:
    """A key's line: its tooltip, or for a key with one action per state, the actions by name."""
    if len(bindings) == 1:
        return Text(bindings[0].tooltip or bindings[0].description)
    names = [b.description for b in bindings]
    return Text(f"{', '.join(names[:-1])} or {names[-1]}, as the moment allows")


class HelpScreen(ModalScreen[None]):
    """Lists every key binding, grouped by where it works."""

    # For speed: this screen's rules, parsed after Today's first frame (lazy_screens.preload_steps).
    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close", tooltip="Close this help"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(keys_table(self.app, self.sections), id="help-keys")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "esc closes"
