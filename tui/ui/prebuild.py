"""A mode's screen built ahead while the app sits idle, so that switching to it only shows it (issue 8).

`App.switch_mode` shows a mode whose screen stack exists as it is: it resumes the screen
(which re-reads its data if the log changed) and paints it. Building the History screen
in small steps after the first frame (compose, data, layout, the widgets' rendered lines)
leaves the `h` key only the resume and the paint. Each step is one timer callback of a few
milliseconds, so a key pressed meanwhile waits for one step at most.

Textual has no public way to build a mode's screen without showing it; the private parts
used here are named where they are used, and tests/ui/test_prebuild.py fails if they stop
doing what is relied on (Textual is pinned).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from textual.geometry import Region
from textual.screen import Screen

#: Milliseconds of rendering per step: about one frame, so a key pressed meanwhile barely waits.
RENDER_BUDGET_MS = 8
#: Layout passes at most: the scroll panels settle their scrollbars after the first.
LAYOUT_PASSES = 3
#: Steps to wait for the screen to mount before giving up (it is then built when first shown).
MOUNT_WAIT_STEPS = 50


def styling_state(app) -> tuple:
    """What a screen's styles follow besides its own widgets: the stylesheet's version and the app's state.

    Textual counts stylesheet changes (a theme is one) in ``_css_update_count`` (private); the
    app's pseudo-classes (focus, blur, dark, light, ansi, nocolor...) and its classes (the
    theme's) apply to every widget. A widget's own state (its classes, focus, hover) restyles
    that widget when it changes, shown or not.
    """
    return app._css_update_count, frozenset(app.get_pseudo_classes()), frozenset(app.classes)


def forget_stale_layout(screen: Screen, size) -> None:
    """Drop ``screen``'s cached arrangements when the terminal was resized while it was hidden.

    Textual caches each container's arrangement by the container's size only, but a widget's
    width may follow the terminal's (the History heatmap's does): laid out again at the new
    size, a hidden screen would keep parts of the old layout. Private: the compositor's size
    is the size of the screen's last layout; ``_clear_arrangement_cache`` is Textual's own reset.
    """
    if screen._compositor.size != size:
        for node in screen.walk_children(with_self=True):
            node._clear_arrangement_cache()
        # And styled anew as Textual does after a stylesheet change (refresh_css, then the layout):
        # widgets that follow their size with styles (Today's) settle only that way. Rare, so not costly.
        screen._css_update_count = -1


def prebuild_steps(app, mode: str) -> Iterator[Callable[[], None]]:
    """Callables to run one per idle moment, in order, that build ``mode``'s screen without showing it.

    Nothing is done when the mode was shown already (or is being shown). A switch made
    before the last step shows the screen as far as it is built; Textual finishes it as it
    does any new screen (mounted first, then resumed: its data read, its layout made).
    """
    state: dict[str, Screen] = {}

    def install() -> None:
        # Private: _screen_stacks holds each mode's stack; switch_mode shows an existing one as
        # is, and _init_mode (which would also resume the screen) is what builds it otherwise.
        if mode in app._screen_stacks or app.current_mode == mode or not app.is_running:
            return  # shown already, or the app is closing (its stacks are being walked)
        screen = app.MODES[mode]()
        app._screen_stacks[mode] = [screen]
        app._load_screen_css(screen)  # as _init_mode does (the CSS file was read already)
        app._register(app, screen)  # starts the screen: it composes and mounts its widgets
        state["screen"] = screen

    yield install

    def usable() -> Screen | None:
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

        def layout(screen: Screen = screen) -> None:
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

    def prime_update_timer() -> None:
        screen = usable()
        if screen is not None:
            # Private: the screen's update timer (Textual's Timer, 60 a second) paints it when shown.
            # Resumed for the first time, it waits a whole period before its first tick (17 ms on
            # the first showing); after one tick it waits paused inside its loop and ticks as soon
            # as it is resumed. One tick now, offscreen, where it does nothing but pause itself.
            screen._update_timer.resume()

    yield prime_update_timer
