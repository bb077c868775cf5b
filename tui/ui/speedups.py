"""Speed-ups that need Textual's private names: fenced in this one module, and switched off as a whole.

Textual offers no public way to do these, and each one saves a user-visible wait (measured on
a 2-core machine with tests/bench/run.py, layer on and off). Everything else in scalp uses only
Textual's public API. `SCALP_NO_SPEEDUPS=1` (or `ScalpApp(speedups=False)`) turns every one off:
then nothing here touches Textual, and the screens look the same (tests/snapshots are run both
ways by tests/ui/test_speedups.py). A Textual upgrade that breaks one shows there first.

Every private name used, and why (measured on the shared 2-core machine at load 4-6: the first
showings by tests/bench/run.py's drivers, layer on and off interleaved; restyles timed in Pilot).
One that saved less than 30 ms went: ticking a built screen's ``_update_timer`` once offscreen (17 ms).

- ``App._screen_stacks``, ``App._load_screen_css``, ``App._register``: to build a mode's screen
  ahead, offscreen, while the app sits idle (`prebuild_steps`), so that `z` and `h` only show it.
  Textual builds a mode's screen only when it is switched to. First showing of Zones: 151 ms on,
  669 ms off; of History (10 years): 388 ms on, 557 ms off (medians of 5).
- ``Screen._refresh_layout``, ``Screen._layout_required``, ``Screen._compositor.visible_widgets``:
  to lay out and render that screen offscreen, in small steps.
- ``App._css_update_count``, ``Screen._css_update_count``: a screen made (or last styled) with the
  stylesheet in force is marked so; otherwise Textual re-parses every rule and restyles the whole
  app when it is first shown (`App.refresh_css`: 120 ms), and restyles the screen whenever it is
  shown again (`update_node_styles`: Today 47 ms, Zones 40 ms, History 47 ms).
- ``Screen._compositor.size``, ``Widget._clear_arrangement_cache``: a screen hidden while the
  terminal was resized is laid out anew when shown (Textual caches arrangements by size).
- `App.switch_mode` / `App.delay_update` overridden (`NoHoldOnBuiltScreens`): Textual holds every
  frame for 50 ms on a switch to hide a screen being built; a built screen has nothing to hide.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import AwaitMount, Widget

if TYPE_CHECKING:
    from textual.app import App

    from tui.ui.screens.base import ModeScreen

    # For the type checker the mix-in is an App (it is mixed into ScalpApp, before App).
    _AppBase = App[None]
else:
    _AppBase = object

#: Set to 1 to run scalp on Textual's public API only.
SWITCH_VARIABLE = "SCALP_NO_SPEEDUPS"


def wanted(flag: bool | None = None) -> bool:
    """Whether the layer is on: ``flag`` when given, else on unless SCALP_NO_SPEEDUPS=1."""
    if flag is not None:
        return flag
    return os.environ.get(SWITCH_VARIABLE, "") not in ("1", "true", "yes")


def enabled(app: App[Any]) -> bool:
    """The app runs with this layer on (its ``speedups`` attribute)."""
    return bool(getattr(app, "speedups", False))


#: Milliseconds of rendering per step: about one frame, so a key pressed meanwhile barely waits.
RENDER_BUDGET_MS = 8
#: Layout passes at most: the scroll panels settle their scrollbars after the first.
LAYOUT_PASSES = 3
#: Steps to wait for the screen to mount before giving up (it is then built when first shown).
MOUNT_WAIT_STEPS = 50


# --- styles: a screen styled with the stylesheet in force is not restyled -------------------


#: What a screen's styles follow besides its own widgets (`styling_state`).
StylingState: TypeAlias = tuple[int, frozenset[str], frozenset[str]]


def styling_state(app: App[Any]) -> StylingState:
    """What a screen's styles follow besides its own widgets: the stylesheet's version and the app's state.

    Textual counts stylesheet changes (a theme is one) in ``_css_update_count``; the app's
    pseudo-classes (focus, blur, dark, light, ansi, nocolor...) and its classes (the theme's)
    apply to every widget. A widget's own state (its classes, focus, hover) restyles that
    widget when it changes, shown or not.
    """
    return app._css_update_count, frozenset(app.get_pseudo_classes()), frozenset(app.classes)


def adopt_current_styles(screen: Screen[Any]) -> None:
    """A screen made now, once a first screen is shown, is styled by the stylesheet as it is now.

    Textual restyles a screen whose count is behind when it is first shown: a full re-parse of
    every rule and a restyle of the whole app, for nothing. The first screen is styled by the
    start's own refresh (`note_first_screen_styled`).
    """
    app = screen.app
    if enabled(app) and app._screen_stacks.get(app.current_mode):
        screen._css_update_count = app._css_update_count


def note_first_screen_styled(app: App[Any]) -> None:
    """The first screen was styled at start by the stylesheet in force; Textual leaves its count at -1."""
    if enabled(app):
        app.screen._css_update_count = app._css_update_count


def styles_current(screen: Screen[Any]) -> StylingState | None:
    """What the screen's styles follow, if they are current (it is hidden, or was built ahead); else None."""
    app = screen.app
    if not enabled(app) or screen._css_update_count != app._css_update_count:
        return None
    return styling_state(app)


def skip_restyle(screen: Screen[Any], styled_for: StylingState | None) -> bool:
    """The screen is shown again with nothing its styles follow changed since ``styled_for``."""
    return enabled(screen.app) and styled_for is not None and styled_for == styling_state(screen.app)


# --- showing a built screen ---------------------------------------------------------------


def forget_stale_layout(screen: Screen[Any], size: Size) -> None:
    """Drop ``screen``'s cached arrangements when the terminal was resized while it was hidden.

    Textual caches each container's arrangement by the container's size only, but a widget's
    width may follow the terminal's (the History heatmap's does): laid out again at the new
    size, a hidden screen would keep parts of the old layout. Private: the compositor's size
    is the size of the screen's last layout; ``_clear_arrangement_cache`` is Textual's own reset.
    """
    if enabled(screen.app) and screen._compositor.size != size:
        for node in screen.walk_children(Widget, with_self=True):  # every node under a screen is a Widget
            node._clear_arrangement_cache()
        # And styled anew as Textual does after a stylesheet change (refresh_css, then the layout):
        # widgets that follow their size with styles (Today's) settle only that way. Rare, so not costly.
        screen._css_update_count = -1


def prebuild_steps(app: App[Any], mode: str) -> Iterator[Callable[[], None]]:
    """Callables to run one per idle moment, in order, that build ``mode``'s screen without showing it.

    Nothing is done when the mode was shown already (or is being shown). A switch made
    before the last step shows the screen as far as it is built; Textual finishes it as it
    does any new screen (mounted first, then resumed: its data read, its layout made).
    """
    state: dict[str, ModeScreen] = {}
    if not enabled(app):
        return

    def install() -> None:
        # Private: _screen_stacks holds each mode's stack; switch_mode shows an existing one as
        # is, and _init_mode (which would also resume the screen) is what builds it otherwise.
        if mode in app._screen_stacks or app.current_mode == mode or not app.is_running:
            return  # shown already, or the app is closing (its stacks are being walked)
        make = app.MODES[mode]
        assert not isinstance(make, str), "scalp's MODES are screen factories, never screen names"
        # Zones and History, the modes built ahead, are ModeScreens (their prepare_offscreen).
        screen = cast("ModeScreen", make())
        app._screen_stacks[mode] = [screen]
        app._load_screen_css(screen)  # as _init_mode does (the CSS file was read already)
        app._register(app, screen)  # starts the screen: it composes and mounts its widgets
        state["screen"] = screen

    yield install

    def usable() -> ModeScreen | None:
        screen = state.get("screen")
        # Gone when the user switched there meanwhile (then Textual's own path took over).
        if screen is None or screen.is_current or app._screen_stacks.get(mode) != [screen]:
            return None
        return screen

    for _ in range(MOUNT_WAIT_STEPS):
        screen = usable()
        if screen is None:
            return
        if screen.is_mounted:
            break
        yield lambda: None
    else:
        return

    def prepare() -> None:
        screen = usable()
        if screen is not None:
            screen.prepare_offscreen()
            # The footer composes its keys when the bindings are refreshed, which Textual does
            # when the screen is shown; done now, the footer finds them unchanged then.
            screen.refresh_bindings()

    yield prepare

    for _ in range(LAYOUT_PASSES):
        screen = usable()
        if screen is None:
            return

        def layout(screen: ModeScreen = screen) -> None:
            if usable() is screen:
                # Private: the layout a shown screen makes on its own update timer. The Resize
                # events it posts let the scroll panels place their scrollbars before the next pass.
                screen._refresh_layout(app.size)
                screen._layout_required = False

        yield layout

    screen = usable()
    if screen is None:
        return
    # Private: the compositor's map of what the layout placed on screen.
    pending = [widget for widget in screen._compositor.visible_widgets if widget.outer_size]

    def render_some() -> None:
        started = time.perf_counter()
        while pending and usable() is not None:
            widget = pending.pop()  # the last placed first: the big panels before the frame
            # Every line is rendered into the widget's line cache, which the first paint reuses.
            widget.render_lines(Region(0, 0, *widget.outer_size))
            if (time.perf_counter() - started) * 1000 > RENDER_BUDGET_MS:
                return

    while pending:
        yield render_some


class NoHoldOnBuiltScreens(_AppBase):
    """An App mix-in: a switch to a mode whose screen is mounted shows it without Textual's 50 ms hold.

    Textual holds every frame for 50 ms on a switch (``delay_update``) to hide a screen being
    built. A mode whose screen is mounted (built ahead, or shown before) has nothing to hide:
    it is resumed (its data re-read if needed) before its first frame, which goes out at once.
    """

    _showing_built_screen = False

    def switch_mode(self, mode: str) -> AwaitMount:
        stack = self._screen_stacks.get(mode) if enabled(self) else None
        top = stack[-1] if stack else None
        self._showing_built_screen = top is not None and top.is_mounted
        if top is not None and self._showing_built_screen:
            forget_stale_layout(top, self.size)  # resized while hidden: laid out anew
        try:
            return super().switch_mode(mode)
        finally:
            self._showing_built_screen = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._showing_built_screen:
            super().delay_update(delay)
