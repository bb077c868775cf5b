"""The checklist grid: zones down, passes across, drawn line by line so a check repaints only its rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.checklist import Cell, Checklist
from tui.core.routine import Zone
from tui.ui.state.zone_session import ZonesView
from tui.ui.widgets.paint import component_background, component_style, widget_background

CELL_WIDTH = 3
LEAD = 5  # " ▸ ◆ " before the zone name: cursor mark, focus mark
GAP = 2  # between the names and the first pass column
DONE, TODO = "✓", "·"


class ChecklistView(Widget):
    """Every zone of the routine (rows) in every pass (columns), with the cursor cell lit.

    It is bound to the screen's view; a new view repaints only the rows that differ from the
    last one (a check costs two or three lines), and lays the grid out again only when a pass
    column comes or goes.
    """

    COMPONENT_CLASSES = {
        "checklist--header",
        "checklist--header-current",
        "checklist--bonus",
        "checklist--done",
        "checklist--todo",
        "checklist--cursor-row",
        "checklist--cursor",
        "checklist--focus",
    }

    DEFAULT_CSS = """
    ChecklistView {
        width: auto;
        height: auto;
    }
    ChecklistView > .checklist--header { color: $text-muted; }
    ChecklistView > .checklist--header-current { color: $accent; text-style: bold underline; }
    ChecklistView > .checklist--bonus { color: $secondary; text-style: italic; }
    ChecklistView > .checklist--done { color: $success; text-style: bold; }
    ChecklistView > .checklist--todo { color: $text-muted; }
    ChecklistView > .checklist--cursor-row { background: $boost; text-style: bold; }
    ChecklistView > .checklist--cursor { background: $accent; }
    ChecklistView > .checklist--focus { color: $primary-lighten-2; text-style: bold; }
    """

    @dataclass
    class CellClicked(Message):
        """A click on a cell: the screen moves the cursor there."""

        cell: Cell

    view: reactive[ZonesView | None] = reactive(None, repaint=False)
    """What the Zones screen shows (bound to the screen's view)."""

    def __init__(self, zones: Sequence[Zone], view: ZonesView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.zones = tuple(zones)
        self._compact = False
        self._styles: dict[tuple[str, ...], Style] = {}
        self.set_reactive(ChecklistView.view, view)

    @property
    def checklist(self) -> Checklist:
        """The checklist drawn (the view's own copy)."""
        return self.shown.checklist

    @property
    def shown(self) -> ZonesView:
        """The view drawn: given at construction, so never None."""
        view = self.view
        assert view is not None, "set in __init__"
        return view

    @property
    def focus_zones(self) -> frozenset[str]:
        """The focus zones drawn (named so as not to hide Widget.focus, Textual's method)."""
        return self.shown.focus

    def watch_view(self, old: ZonesView | None, new: ZonesView) -> None:
        if old is None or old.focus != new.focus or old.checklist.columns != new.checklist.columns:
            self.refresh(layout=True)
            return
        before, after = old.checklist, new.checklist
        changed = {before.cursor[1], after.cursor[1]}
        changed.update(index for _, index in set(before.checks) ^ set(after.checks))
        self.refresh_rows(changed, header=True)

    @property
    def compact(self) -> bool:
        """Short zone names, for narrow terminals."""
        return self._compact

    @compact.setter
    def compact(self, value: bool) -> None:
        if value != self._compact:
            self._compact = value
            self.refresh(layout=True)

    def refresh_rows(self, indexes: Iterable[int], header: bool = False) -> None:
        """Repaint the rows of these zones (and the header)."""
        width = self.size.width
        regions = [Region(0, 1 + index, width, 1) for index in set(indexes)]
        if header:
            regions.append(Region(0, 0, width, 1))
        if regions:
            self.refresh(*regions)

    # --- geometry --------------------------------------------------------------------------

    def name_of(self, zone: Zone) -> str:
        return zone.short if self._compact else zone.name

    @property
    def name_width(self) -> int:
        return max(len(self.name_of(zone)) for zone in self.zones)

    @property
    def cells_start(self) -> int:
        return LEAD + self.name_width + GAP

    def wanted_width(self, compact: bool | None = None, columns: int | None = None) -> int:
        """Columns the grid needs (with full or short names)."""
        compact = self._compact if compact is None else compact
        names = max(len(zone.short if compact else zone.name) for zone in self.zones)
        return LEAD + names + GAP + CELL_WIDTH * (columns or self.checklist.columns) + 1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.wanted_width()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self.zones)

    def cell_at(self, x: int, y: int) -> Cell | None:
        """The cell under a point of the widget, if any."""
        if not 1 <= y <= len(self.zones) or x < self.cells_start:
            return None
        pass_no = (x - self.cells_start) // CELL_WIDTH + 1
        if pass_no > self.checklist.columns:
            return None
        return (pass_no, y - 1)

    def on_click(self, event: events.Click) -> None:
        cell = self.cell_at(event.x, event.y)
        if cell is None and 1 <= event.y <= len(self.zones):
            cell = (self.checklist.cursor[0], event.y - 1)  # a click on a name: that zone, same pass
        if cell is not None:
            self.post_message(self.CellClicked(cell))

    # --- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def _style(self, *names: str) -> Style:
        """Component styles layered left to right (a row background, then a cell's own colours)."""
        if names not in self._styles:
            below = widget_background(self)
            style = self.rich_style
            for name in names:
                style += component_style(self, name, over=below)
                below = component_background(self, name, over=below) or below
            self._styles[names] = style
        return self._styles[names]

    def _cursor_style(self, done: bool) -> Style:
        key = ("cursor-cell", "done" if done else "todo")
        if key not in self._styles:
            background = component_background(self, "checklist--cursor") or widget_background(self)
            text = background.get_contrast_text(1.0)
            self._styles[key] = Style(color=text.rich_color, bgcolor=background.rich_color, bold=True)
        return self._styles[key]

    def render_line(self, y: int) -> Strip:
        segments = self._header() if y == 0 else self._row(y - 1) if y <= len(self.zones) else []
        return Strip(segments).adjust_cell_length(self.size.width, self._style())

    def _header(self) -> list[Segment]:
        checklist = self.checklist
        current = checklist.current_pass
        label = "pass".rjust(LEAD + self.name_width)
        segments = [Segment(label + " " * GAP, self._style("checklist--header"))]
        for pass_no in range(1, checklist.columns + 1):
            if pass_no == current:
                kind = "checklist--header-current"
            elif pass_no > checklist.passes:
                kind = "checklist--bonus"
            else:
                kind = "checklist--header"
            segments.append(Segment(str(pass_no).center(CELL_WIDTH), self._style(kind)))
        return segments

    def _row(self, index: int) -> list[Segment]:
        checklist = self.checklist
        zone = self.zones[index]
        on_row = checklist.cursor[1] == index
        row = ("checklist--cursor-row",) if on_row else ()
        focus = zone.id in self.focus_zones
        segments = [
            Segment(" ▸ " if on_row else "   ", self._style(*row)),
            Segment("◆ " if focus else "  ", self._style(*row, "checklist--focus")),
            Segment(self.name_of(zone).ljust(self.name_width) + " " * GAP, self._style(*row)),
        ]
        for pass_no in range(1, checklist.columns + 1):
            cell = (pass_no, index)
            done = checklist.is_done(cell)
            mark = (DONE if done else TODO).center(CELL_WIDTH)
            if cell == checklist.cursor:
                segments.append(Segment(mark, self._cursor_style(done)))
            else:
                segments.append(Segment(mark, self._style(*row, "checklist--done" if done else "checklist--todo")))
        segments.append(Segment(" ", self._style(*row)))
        return segments
