"""The bar at the top: the three modes with their keys, the current one lit, and the practice day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp

MODE_TITLES = (("today", "t", "Today"), ("zones", "z", "Zones"), ("history", "h", "History"))


class ModeBar(Widget):
    """Shows which mode is open and how to reach the others."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    DEFAULT_CSS = """
    ModeBar {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    mode: reactive[str] = reactive("today")
    """The mode whose screen holds this bar."""
    right: reactive[str] = reactive("")
    """Text shown at the right edge (the practice day)."""

    def __init__(self, mode: str, right: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_reactive(ModeBar.mode, mode)
        self.set_reactive(ModeBar.right, right)

    def render(self) -> Text:
        text = Text(" scalp ", style="bold")
        for mode, key, title in MODE_TITLES:
            key = self.app.key_display(f"app.{mode}", key)  # as the user's keymap gave it
            if mode == self.mode:
                text.append(f" {title} ", style="bold reverse")
            else:
                text.append(f" {title} ")
                text.append(f"({key})", style="dim")
            text.append(" ")
        gap = self.size.width - text.cell_len - len(self.right) - 1
        if gap > 0:
            text.append(" " * gap)
            text.append(self.right + " ")
        return text
