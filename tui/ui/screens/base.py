"""What every mode screen shares: the mode bar, the footer, a clear notice when the terminal is too small."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult, SystemCommand
from textual.containers import Container
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.ui import speedups
from tui.ui.widgets.mode_footer import ModeFooter  # recomposed only when its keys change
from tui.ui.widgets.modebar import ModeBar

if TYPE_CHECKING:
    from textual import getters

    from tui.store.log import Log
    from tui.ui.app import ScalpApp

MIN_WIDTH = 60
MIN_HEIGHT = 16
COMPACT_FOOTER_BELOW = 100  # columns


class ModeScreen(Screen[None]):
    """A screen of one mode. Subclasses set MODE and implement ``compose_body`` and ``refresh_data``."""

    MODE = ""

    if TYPE_CHECKING:
        # For the type checker only: ``self.app`` is the ScalpApp (its store, report_store_error...).
        # At run time Textual's own ``app`` property serves, unchanged.
        app = getters.app(ScalpApp)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Styled by the stylesheet as it is now: its first showing skips Textual's whole-app restyle.
        speedups.adopt_current_styles(self)
        self.styled_for: speedups.StylingState | None = None
        """What the screen's styles followed when it was hidden (None: restyle it when shown)."""

    @property
    def store(self) -> Log:
        """The app's Log."""
        return self.app.store

    def compose(self) -> ComposeResult:
        yield ModeBar(self.MODE, right=self.day_label())
        with Container(id="body"):
            yield from self.compose_body()
        yield Static("", id="too-small")
        yield ModeFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def day_label(self) -> str:
        return self.store.today().strftime("%a %-d %b %Y")

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler (Screen comes later in the MRO), which restyles the
        # whole screen on every resume (~10-20 ms). A widget's own changes (classes, focus,
        # hover) restyle it at once, shown or hidden; only what the whole app shares (the
        # stylesheet, the app's focus and classes) can leave a hidden screen's styles behind.
        # Unchanged since the screen was last styled: nothing to redo.
        if speedups.skip_restyle(self, self.styled_for):
            event.refresh_styles = False
        self.styled_for = None
        self.query_one(ModeBar).right = self.day_label()
        self.refresh_data()

    def on_screen_suspend(self) -> None:
        self.remember_styling()

    def remember_styling(self) -> None:
        """Note what the screen's styles follow now, if current (it is hidden, or was built ahead)."""
        self.styled_for = speedups.styles_current(self)

    def refresh_data(self) -> None:
        """Reload what the screen shows from the log."""

    def prepare_offscreen(self) -> None:
        """Get ready to be shown while still hidden: the modes built ahead (tui/ui/speedups.py) do so."""

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's actions for the command palette (the app adds the global ones)."""
        yield from ()

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        # Narrow terminals get the compact footer without the palette hint (help lists ctrl+p),
        # so help and quit still fit after the screen's own keys.
        footer = self.query_one(Footer)
        footer.compact = event.size.width < COMPACT_FOOTER_BELOW
        footer.show_command_palette = not footer.compact
        self.set_class(small, "-too-small")
        if small:
            quit_key = self.app.key_display("app.quit", "q")  # as remapped by keys.toml
            self.query_one("#too-small", Static).update(
                f"The terminal is {event.size.width}×{event.size.height}; "
                f"scalp needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
                f"Enlarge the window, or press {quit_key} to quit."
            )
