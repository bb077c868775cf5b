"""The screens the first frame does not need, imported on first use (or while the app sits idle).

Only Today is drawn at start; importing Zones, History, Settings and Help with it would
make every start pay for them. `preload_steps` imports one module per idle moment after the
first frame, and reads its screen's CSS file, so that a switch a moment later waits for
neither an import nor a re-parse of the stylesheet.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from importlib import import_module
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen

    from tui.ui.dialogs.help import HelpScreen

#: Screen name -> (module, class). Today is imported with the app.
SCREENS = {
    "zones": ("tui.ui.screens.zones", "ZonesScreen"),
    "history": ("tui.ui.screens.history", "HistoryScreen"),
    "settings": ("tui.ui.dialogs.settings", "SettingsScreen"),
    "help": ("tui.ui.dialogs.help", "HelpScreen"),
    "welcome": ("tui.ui.dialogs.welcome", "WelcomeScreen"),
    # Dialogs of Today that its first frame never shows: the note editor (Textual's TextArea,
    # about a tenth of a second's imports on a 2-core machine) and the end-of-session summary.
    "note": ("tui.ui.dialogs.note", "NoteDialog"),
    "summary": ("tui.ui.dialogs.summary", "SummaryScreen"),
}


@overload
def screen_class(name: Literal["help"]) -> type[HelpScreen]: ...
@overload
def screen_class(name: str) -> type[Screen[Any]]: ...
def screen_class(name: str) -> type[Screen[Any]]:
    """The screen class called ``name``, its module imported if it was not yet."""
    module, cls = SCREENS[name]
    found: type[Screen[Any]] = getattr(import_module(module), cls)
    return found


def load_all() -> None:
    """Import every screen (the binding catalog and the help list need all their bindings)."""
    for name in SCREENS:
        screen_class(name)


def mode_factory(name: str) -> Callable[[], Screen[Any]]:
    """A MODES entry that builds the screen ``name``, importing it on the first switch."""

    def make() -> Screen[Any]:
        return screen_class(name)()

    make.__name__ = f"make_{name}_screen"
    return make


def read_screen_css(stylesheet: Stylesheet, cls: type[Screen[Any]]) -> None:
    """Hand ``cls``'s CSS_PATH files to ``stylesheet`` now (parsed with the next style lookup, alone).

    Textual reads a screen's CSS_PATH when the screen is first shown, then re-parses every
    rule and restyles every widget of the app. Read beforehand, the file is already known
    then, and showing the screen costs neither.
    """
    paths = cls.CSS_PATH
    if paths is None:
        return
    folder = Path(inspect.getfile(cls)).parent
    for path in [paths] if isinstance(paths, str | PurePath) else paths:
        # The same key Textual's own check uses: the file beside the class's module.
        full = folder / path
        if not stylesheet.has_source(str(full)):
            stylesheet.read(full)


def preload_steps(stylesheet: Stylesheet | None = None) -> list[Callable[[], None]]:
    """One callable per screen still to import (and its CSS to read into ``stylesheet``), for the app's idle time."""

    def step(name: str) -> None:
        cls = screen_class(name)
        if stylesheet is not None:
            read_screen_css(stylesheet, cls)

    return [partial(step, name) for name in SCREENS]
