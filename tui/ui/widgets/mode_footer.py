"""The mode screens' footer: Textual's, recomposed only when the keys it shows have changed."""

from __future__ import annotations

from typing import Any, TypeAlias

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

#: What the footer draws: the palette hint shown, and each active key as displayed.
FooterKeys: TypeAlias = tuple[bool, tuple[tuple[object, ...], ...]]


class ModeFooter(Footer):
    """A Footer that skips the recompose when nothing it shows changed.

    Textual's footer rebuilds all its keys whenever its screen's bindings are refreshed:
    on every switch to the screen, and on every switch away (a hidden screen's footer too).
    Each rebuild mounts and styles a widget a key, ~20 ms on a 2-core machine; here it
    happens only when the keys (or how they are shown) differ from those on display.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys_told = False
        """The screen has told its bindings once (before that, Textual's footer shows no key)."""
        self.keys_shown: FooterKeys | None = None
        """What the last compose drew (`keys_on_screen`)."""

    def keys_on_screen(self) -> FooterKeys:
        """What the footer draws: every active key as it is displayed, and the palette hint."""
        app = self.app
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.show,
                binding.group,
                enabled,
                tooltip,
            )
            for _namespace, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return self.show_command_palette, keys

    def compose(self) -> ComposeResult:
        if self.keys_told:
            self.keys_shown = self.keys_on_screen()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.keys_told:
            if not screen.is_current:
                return  # hidden: its screen refreshes the bindings again when it is shown
            if self.keys_shown is not None and self.keys_on_screen() == self.keys_shown:
                return
        self.keys_told = True
        super().bindings_changed(screen)

    def watch_show_command_palette(self) -> None:
        # Textual reads it only when composing: show the change now (a resize sets it).
        if self.keys_told and self.is_attached:
            self.bindings_changed(self.screen)
