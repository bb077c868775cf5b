"""The self-ratings dialog: stress, headache and scalp feel, 1 to 5, before and after the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tui.store import StoreError

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp

PHASES = ("before", "after")
#: Each rating with its label and what its ends mean, in the order they are asked.
KINDS = (
    ("stress", "Stress", "1 calm … 5 tense"),
    ("headache", "Headache", "1 none … 5 strong"),
    ("scalp", "Scalp feel", "1 tight … 5 relaxed"),
)


class RatingGrid(Widget):
    """The three ratings for both phases, with the cell being edited highlighted."""

    DEFAULT_CSS = """
    RatingGrid {
        height: auto;
    }
    """

    values: reactive[dict[tuple[str, str], int]] = reactive(dict, always_update=True)
    """Stored ratings by (phase, kind)."""
    row: reactive[int] = reactive(0)
    """The rating being edited (index into KINDS)."""
    phase: reactive[str] = reactive("before")
    """The phase being edited."""

    def render(self) -> Table:
        table = Table(box=None, padding=(0, 2), show_edge=False)
        table.add_column("", no_wrap=True)
        for phase in PHASES:
            table.add_column(phase.capitalize(), justify="center", no_wrap=True)
        table.add_column("", style="dim", no_wrap=True)
        for index, (kind, label, scale) in enumerate(KINDS):
            cells = []
            for phase in PHASES:
                value = self.values.get((phase, kind))
                shown = f" {value} " if value is not None else " · "
                here = index == self.row and phase == self.phase
                cells.append(Text(shown, style="reverse bold" if here else ""))
            table.add_row(Text(label, style="bold" if index == self.row else ""), *cells, scale)
        return table


class RatingsDialog(ModalScreen[None]):
    """Rate how you feel; every key press is saved at once, so closing never loses a rating."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    BINDINGS = [
        *(
            Binding(str(n), f"rate({n})", f"Rate {n}", show=False, id=f"ratings.rate{n}", tooltip=f"Rate it {n}")
            for n in range(1, 6)
        ),
        Binding("0,x,backspace,delete", "clear", "Clear", id="ratings.clear", tooltip="Clear the highlighted rating"),
        Binding("up,k", "move(-1)", "Up", show=False, id="ratings.up", tooltip="The rating above"),
        Binding("down,j", "move(1)", "Down", show=False, id="ratings.down", tooltip="The rating below"),
        Binding("left,right,tab", "switch_phase", "Before/after", id="ratings.phase", tooltip="Before or after"),
        Binding("escape,enter,r", "close", "Done", id="ratings.close", tooltip="Close (the ratings are already saved)"),
    ]

    def __init__(self, session_id: str, phase: str = "before") -> None:
        super().__init__()
        self.session_id = session_id
        self.start_phase = phase

    def compose(self) -> ComposeResult:
        with Vertical(id="ratings-box", classes="dialog"):
            yield RatingGrid()
            yield Static(
                "[b]1[/b]–[b]5[/b] rate   [b]0[/b] clear   [b]↑↓[/b] rating   "
                "[b]tab[/b] before/after   [b]esc[/b] done",
                id="ratings-keys",
            )

    def on_mount(self) -> None:
        box = self.query_one("#ratings-box")
        box.border_title = "How do you feel?"
        box.border_subtitle = "optional, 1 to 5"
        grid = self.query_one(RatingGrid)
        grid.phase = self.start_phase
        grid.values = self.app.store.ratings(self.session_id)

    @property
    def grid(self) -> RatingGrid:
        return self.query_one(RatingGrid)

    def _save(self, value: int | None) -> None:
        grid = self.grid
        kind = KINDS[grid.row][0]
        try:
            self.app.store.set_rating(self.session_id, grid.phase, kind, value)
        except StoreError as err:
            self.app.report_store_error(err)
            return
        grid.values = self.app.store.ratings(self.session_id)
        if value is not None and grid.row < len(KINDS) - 1:
            grid.row += 1

    def action_rate(self, value: int) -> None:
        self._save(value)

    def action_clear(self) -> None:
        self._save(None)

    def action_move(self, step: int) -> None:
        grid = self.grid
        grid.row = (grid.row + step) % len(KINDS)

    def action_switch_phase(self) -> None:
        grid = self.grid
        grid.phase = "after" if grid.phase == "before" else "before"

    def action_close(self) -> None:
        self.dismiss(None)
