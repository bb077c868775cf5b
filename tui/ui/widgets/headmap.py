"""The head diagram: the head seen from above, each zone's area coloured by its passes, the current one lit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from tui.core.checklist import Checklist
from tui.core.routine import Zone
from tui.ui.widgets.headshape import OUTSIDE, RIM, SILHOUETTE, HeadShape, Label, head_shape, layout_labels
from tui.ui.widgets.paint import component_background, component_style, widget_background

UPPER_HALF = "▀"
FOCUS_MARK = "◆ "
PIP_DONE, PIP_TODO = "●", "○"
LEGEND_MIN_HEIGHT = 12  # below this every row goes to the head
SEAM = 0.3  # how far a seam between two zones fades towards the background


class HeadMap(Widget):
    """Draws the zones where they are on a head; repaint only the rows of zones that changed."""

    COMPONENT_CLASSES = {
        "headmap--empty",
        "headmap--focus-empty",
        "headmap--full",
        "headmap--current",
        "headmap--rim",
        "headmap--silhouette",
        "headmap--focus-mark",
        "headmap--focus-edge",
        "headmap--legend",
    }

    DEFAULT_CSS = """
    HeadMap {
        width: 1fr;
        height: 1fr;
    }
    HeadMap > .headmap--empty { background: $foreground 9%; }
    HeadMap > .headmap--focus-empty { background: $primary 30%; }
    HeadMap > .headmap--focus-edge { background: $primary; }
    HeadMap > .headmap--full { background: $success 80%; }
    HeadMap > .headmap--current { background: $accent; }
    HeadMap > .headmap--rim { background: $foreground 40%; }
    HeadMap > .headmap--silhouette { background: $foreground 28%; }
    HeadMap > .headmap--focus-mark { color: $primary-lighten-2; text-style: bold; }
    HeadMap > .headmap--legend { color: $text-muted; }
    """

    def __init__(self, zones: Sequence[Zone], checklist: Checklist, focus: Iterable[str] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.zones = tuple(zones)
        self.checklist = checklist
        self.focus = frozenset(focus)
        self._shape: HeadShape | None = None
        self._zone_rows: list[range] = []
        self._labels: dict[int, list[Label]] = {}
        self._label_key: tuple | None = None
        self._colours: dict[str, Color] = {}

    # --- what the screen calls -------------------------------------------------------------

    def show(self, checklist: Checklist, focus: Iterable[str]) -> None:
        """Draw another checklist with these focus zones."""
        self.checklist = checklist
        self.focus = frozenset(focus)
        self.refresh()

    def refresh_zones(self, indexes: Iterable[int]) -> None:
        """Repaint the rows of these zones' areas and labels (their passes or the cursor changed)."""
        shape = self._shape
        if shape is None or self._label_key != self._label_widths():
            self.refresh()
            return
        rows: set[int] = set()
        for index in set(indexes):
            rows.update(self._zone_rows[index])
            rows.add(shape.anchors[index][1])
        width = self.size.width
        self.refresh(*(Region(0, row, width, 1) for row in sorted(rows)))

    # --- geometry --------------------------------------------------------------------------

    @property
    def head_height(self) -> int:
        height = self.size.height
        return height - 2 if height >= LEGEND_MIN_HEIGHT else height

    def _ensure_shape(self) -> HeadShape:
        width, height = self.size.width, self.head_height
        if self._shape is None or (self._shape.width, self._shape.height) != (width, height):
            self._shape = head_shape(width, height, [(zone.x, zone.y) for zone in self.zones])
            self._zone_rows = [self._shape.rows_of(index) for index in range(len(self.zones))]
            self._label_key = None
        return self._shape

    def label_variants(self, index: int) -> list[str]:
        """The texts a zone's label can take, longest first."""
        zone = self.zones[index]
        mark = FOCUS_MARK if zone.id in self.focus else ""
        count = self.checklist.zone_passes(index)
        pips = PIP_DONE * count + PIP_TODO * max(self.checklist.passes - count, 0)
        return [f"{mark}{zone.name} {pips}", f"{mark}{zone.short} {pips}", f"{mark}{zone.short}"]

    def _label_widths(self) -> tuple:
        return (self.size, tuple(tuple(len(text) for text in self.label_variants(i)) for i in range(len(self.zones))))

    def _ensure_labels(self) -> dict[int, list[Label]]:
        shape = self._ensure_shape()
        key = self._label_widths()
        if key != self._label_key:
            self._label_key = key
            rows: dict[int, list[Label]] = {}
            for label in layout_labels(shape, key[1]):
                rows.setdefault(label.row, []).append(label)
            self._labels = rows
        return self._labels

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    # --- colours ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._colours.clear()

    def _colour(self, name: str) -> Color:
        if name not in self._colours:
            base = widget_background(self)
            self._colours[name] = base if name == "base" else component_background(self, f"headmap--{name}") or base
        return self._colours[name]

    def zone_colour(self, index: int) -> Color:
        """A zone's fill: from empty (or focus-tinted) to full as passes add up; lit when current."""
        checklist = self.checklist
        empty = self._colour("focus-empty" if self.zones[index].id in self.focus else "empty")
        share = min(checklist.zone_passes(index), checklist.passes) / checklist.passes
        colour = empty.blend(self._colour("full"), share) if share else empty
        if checklist.cursor[1] == index:
            colour = colour.blend(self._colour("current"), 0.55)
        return colour

    def _pixel(self, code: int, fills: list[Color]) -> Color:
        if code >= 0:
            return fills[code]
        if code == RIM:
            return self._colour("rim")
        if code == SILHOUETTE:
            return self._colour("silhouette")
        return self._colour("base")

    def _shade(self, row: int, col: int, code: int, fills: list[Color]) -> Color:
        """One pixel's colour: its zone's fill, a focus zone's outline, a darker seam between zones."""
        colour = self._pixel(code, fills)
        if code >= 0:
            shape = self._shape
            if self.zones[code].id in self.focus and (row, col) in shape.edges:
                return self._colour("focus-edge")
            if (row, col) in shape.seams:
                return colour.blend(self._colour("base"), SEAM)
        return colour

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self._colour("base")
        blank = Style(bgcolor=base.rich_color)
        if y >= self.head_height:
            if y == self.size.height - 1 and self.head_height < self.size.height:
                return self._legend()
            return Strip.blank(width, blank)
        shape = self._ensure_shape()
        labels = self._ensure_labels().get(y, [])
        fills = [self.zone_colour(index) for index in range(len(self.zones))]
        covered: dict[int, Label] = {}
        for label in labels:
            for col in range(label.col, min(label.end, width)):
                covered[col] = label
        segments: list[Segment] = []
        col = 0
        while col < width:
            label = covered.get(col)
            if label is not None and col == max(label.col, 0):
                segments.extend(self._label_segments(label, fills[label.zone], width))
                col = min(label.end, width)
                continue
            top, bottom = shape.cell(col, y)
            upper = self._shade(2 * y, col, top, fills)
            lower = self._shade(2 * y + 1, col, bottom, fills)
            if upper == lower:
                segments.append(Segment(" ", Style(bgcolor=lower.rich_color)))
            else:
                segments.append(Segment(UPPER_HALF, Style(color=upper.rich_color, bgcolor=lower.rich_color)))
            col += 1
        return Strip(segments).simplify()

    def _label_segments(self, label: Label, fill: Color, width: int) -> list[Segment]:
        text = self.label_variants(label.zone)[label.variant][: width - label.col]
        current = self.checklist.cursor[1] == label.zone
        chip = self._colour("current") if current else fill
        style = Style(color=chip.get_contrast_text(1.0).rich_color, bgcolor=chip.rich_color, bold=current)
        if text.startswith(FOCUS_MARK):
            mark = component_style(self, "headmap--focus-mark", over=chip) + Style(bgcolor=chip.rich_color)
            if current:
                mark = style  # on the lit chip its own text colour reads better
            return [Segment(FOCUS_MARK, mark), Segment(text[len(FOCUS_MARK) :], style)]
        return [Segment(text, style)]

    def _legend(self) -> Strip:
        width = self.size.width
        base = Style(bgcolor=self._colour("base").rich_color)
        muted = component_style(self, "headmap--legend")
        passes = self.checklist.passes
        levels = range(passes + 1) if passes <= 4 else (0, 1, passes // 2, passes)
        empty, full = self._colour("empty"), self._colour("full")
        swatches = [(empty.blend(full, level / passes) if level else empty, str(level)) for level in levels]
        for words in (("passes", "focus", "now"), ("", "focus", "now"), ("", "◆", "▸")):
            parts: list[tuple[str, Style]] = []
            for colour, name in swatches:
                parts += [("█", Style(color=colour.rich_color)), (f"{name} ", muted)]
            if words[0]:
                parts.append((f"{words[0]} ", muted))
            parts += [(" █", Style(color=self._colour("focus-edge").rich_color)), (f"{words[1]} ", muted)]
            parts += [(" █", Style(color=self._colour("current").rich_color)), (words[2], muted)]
            length = sum(len(text) for text, _ in parts)
            if length <= width:
                break
        pad = max((width - length) // 2, 0)
        segments = [Segment(" " * pad, base)] + [Segment(text, style + base) for text, style in parts]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)
