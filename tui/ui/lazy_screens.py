"""The screens the first frame does not need, imported on first use (or while the app sits idle).

Only Today is drawn at start; importing Zones, History, Settings and Help with it would
make every start pay for them. `preload` imports one module per idle moment after the
first frame, so that a switch a moment later does not wait for an import either.
"""

from __future__ import annotations

from importlib import import_module

#: Screen name -> (module, class). Today is imported with the app.
SCREENS = {
    "zones": ("tui.ui.screens.zones", "ZonesScreen"),
    "history": ("tui.ui.screens.history", "HistoryScreen"),
    "settings": ("tui.ui.screens.settings", "SettingsScreen"),
    "help": ("tui.ui.screens.help", "HelpScreen"),
}


def screen_class(name: str) -> type:
    """The screen class called ``name``, its module imported if it was not yet."""
    module, cls = SCREENS[name]
    return getattr(import_module(module), cls)


def load_all() -> None:
    """Import every screen (the binding catalog and the help list need all their bindings)."""
    for name in SCREENS:
        screen_class(name)


def mode_factory(name: str):
    """A MODES entry that builds the screen ``name``, importing it on the first switch."""

    def make():
        return screen_class(name)()

    make.__name__ = f"make_{name}_screen"
    return make


def preload_steps() -> list:
    """One callable per screen still to import, for the app to run while it is idle."""
    return [lambda name=name: screen_class(name) for name in SCREENS]
