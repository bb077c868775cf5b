"""The head diagram: the head seen from above, each zone's area coloured by its passes, the current one lit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.core.checklist import Checklist
from tui.core.routine import Zone
from tui.ui.state.headshape import OUTSIDE, RIM, SILHOUETTE, HeadShape, Label, head_shape, layout_labels
from tui.ui.state.zone_session import ZonesView
from tui.ui.widgets.paint import component_background, component_style, widget_background

UPPER_HALF = "▀"
FOCUS_MARK = "◆ "
PIP_DONE, PIP_TODO = "●", "○"
LEGEND_MIN_HEIGHT = 12  # below this every row goes to the head
SEAM = 0.3  # how far a seam between two zones fades towards the background
# A zone pixel's code is zone * 4 plus these bits; the other codes are headshape's (negative) ones.
SEAM_BIT, EDGE_BIT = 1, 2


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

    view: reactive[ZonesView | None] = reactive(None, repaint=False)
    """What the Zones screen shows (bound to the screen's view)."""

    def __init__(self, zones: Sequence[Zone], view: ZonesView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.zones = tuple(zones)
        self.checklist: Checklist = view.checklist
        self.focus_zones: frozenset[str] = view.focus
        """The focus zones drawn (named so as not to hide Widget.focus, Textual's method)."""
        self._shape: HeadShape | None = None
        self._zone_rows: list[range] = []
        self._labels: dict[int, list[Label]] = {}
        self._label_key: tuple[Size, tuple[tuple[int, ...], ...]] | None = None
        self._colours: dict[str, Color] = {}
        self._cells: list[list[tuple[int, int]]] = []
        self._palette_key: tuple[tuple[int, ...], int, frozenset[str]] | None = None
        self._palette_cache: dict[int, Color] = {}
        self._cell_styles: dict[tuple[Color, Color], tuple[str, Style]] = {}
        self._frame: _Frame | None = None
        """What every line of one frame shares, made by the frame's first line."""
        self.set_reactive(HeadMap.view, view)

    @dataclass
    class ZoneClicked(Message):
        """A click on a zone's area or label: the screen moves the cursor to that zone."""

        index: int

    # --- following the screen's view --------------------------------------------------------

    def watch_view(self, old: ZonesView | None, new: ZonesView) -> None:
        self.checklist, self.focus_zones = new.checklist, new.focus
        if old is None or old.focus != new.focus or old.checklist.passes != new.checklist.passes:
            self._frame = None
            self.refresh()
            return
        before, after = old.checklist, new.checklist
        changed = {before.cursor[1], after.cursor[1]}
        changed.update(index for _, index in set(before.checks) ^ set(after.checks))
        self.refresh_zones(changed)

    def refresh_zones(self, indexes: Iterable[int]) -> None:
        """Repaint the rows of these zones' areas and labels (their passes or the cursor changed)."""
        self._frame = None
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
            self._cells = _cell_codes(self._shape)
            self._label_key = None
        return self._shape

    def label_variants(self, index: int) -> list[str]:
        """The texts a zone's label can take, longest first.

        Every variant but the last keeps the zone's pass count: as pips, or where room is
        short (a temple pair at 80x24, the nape once a bonus pass opens) as a digit, as
        the legend counts passes. The focus mark goes before the count does: the focus
        edge still shows it. Only a diagram too small for any of them loses the count.
        """
        zone = self.zones[index]
        mark = FOCUS_MARK if zone.id in self.focus_zones else ""
        count = self.checklist.zone_passes(index)
        pips = PIP_DONE * count + PIP_TODO * max(self.checklist.passes - count, 0)
        return [
            f"{mark}{zone.name} {pips}",
            f"{mark}{zone.short} {pips}",
            f"{zone.short} {pips}",
            f"{zone.short} {count}",
            f"{mark}{zone.short}",
        ]

    def _label_widths(self) -> tuple[Size, tuple[tuple[int, ...], ...]]:
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

    def zone_at(self, x: int, y: int) -> int | None:
        """The zone whose label or area is under a cell of the widget, if any."""
        if not 0 <= y < self.head_height or not 0 <= x < self.size.width:
            return None
        for label in self._ensure_labels().get(y, []):
            if label.col <= x < label.end:
                return label.zone
        found = [code for code in self._ensure_shape().cell(x, y) if code >= 0]
        return found[0] if found else None

    def on_click(self, event: events.Click) -> None:
        index = self.zone_at(event.x, event.y)
        if index is not None:
            self.post_message(self.ZoneClicked(index))

    # --- colours ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._frame = None
        self._colours.clear()
        self._cell_styles.clear()
        self._palette_key = None

    def _colour(self, name: str) -> Color:
        if name not in self._colours:
            base = widget_background(self)
            self._colours[name] = base if name == "base" else component_background(self, f"headmap--{name}") or base
        return self._colours[name]

    def zone_colour(self, index: int) -> Color:
        """A zone's fill: from empty (or focus-tinted) to full as passes add up; lit when current."""
        checklist = self.checklist
        empty = self._colour("focus-empty" if self.zones[index].id in self.focus_zones else "empty")
        share = min(checklist.zone_passes(index), checklist.passes) / checklist.passes
        colour = empty.blend(self._colour("full"), share) if share else empty
        if checklist.cursor[1] == index:
            colour = colour.blend(self._colour("current"), 0.55)
        return colour

    def _palette(self) -> dict[int, Color]:
        """Every pixel code's colour in the current state (rebuilt only when passes, cursor or focus change)."""
        checklist = self.checklist
        key = (tuple(checklist.zone_passes(i) for i in range(len(self.zones))), checklist.cursor[1], self.focus_zones)
        if key != self._palette_key:
            base = self._colour("base")
            palette = {OUTSIDE: base, RIM: self._colour("rim"), SILHOUETTE: self._colour("silhouette")}
            for index, zone in enumerate(self.zones):
                fill = self.zone_colour(index)
                seam = fill.blend(base, SEAM)
                edge = self._colour("focus-edge") if zone.id in self.focus_zones else None
                palette[index * 4] = fill
                palette[index * 4 + SEAM_BIT] = seam
                palette[index * 4 + EDGE_BIT] = edge or fill
                palette[index * 4 + SEAM_BIT + EDGE_BIT] = edge or seam
            self._palette_key, self._palette_cache = key, palette
        return self._palette_cache

    def _cell(self, upper: Color, lower: Color) -> tuple[str, Style]:
        """The character and style that show two stacked pixels in one cell."""
        key = (upper, lower)
        if key not in self._cell_styles:
            if upper == lower:
                self._cell_styles[key] = (" ", Style(bgcolor=lower.rich_color))
            else:
                self._cell_styles[key] = (UPPER_HALF, Style(color=upper.rich_color, bgcolor=lower.rich_color))
        return self._cell_styles[key]

    # --- drawing ---------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Performance: the size, shape, labels and palette are looked up once per frame,
        # by its first dirty line, instead of on every line (a check repaints about ten of them).
        self._frame = None
        return super().render_lines(crop)

    def _prepare(self) -> _Frame:
        width, height = self.size
        head_height = self.head_height
        self._ensure_shape()
        labels = self._ensure_labels()
        texts = {
            label.zone: self.label_variants(label.zone)[label.variant] for row in labels.values() for label in row
        }
        rows = {row: sorted(found, key=lambda label: label.col) for row, found in labels.items()}
        self._frame = _Frame(width, height, head_height, self._palette(), rows, texts)
        return self._frame

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._prepare()
        width = frame.width
        if y >= frame.head_height:
            if y == frame.height - 1 and frame.head_height < frame.height:
                return self._legend()
            return Strip.blank(width, Style(bgcolor=self._colour("base").rich_color))
        cells = self._cells[y]
        palette = frame.palette
        labels = list(frame.labels.get(y, ()))
        segments: list[Segment] = []
        col = 0
        while col < width:
            if labels and col >= labels[0].col:
                label = labels.pop(0)
                if label.end > col:  # (on a tiny diagram labels may overlap: the later one is cut)
                    text = frame.texts[label.zone]
                    segments.extend(self._label_segments(label, text, palette[label.zone * 4], col, width))
                    col = min(label.end, width)
                continue
            stop = min(labels[0].col, width) if labels else width
            pair = cells[col]
            end = col + 1
            while end < stop and cells[end] == pair:
                end += 1
            char, style = self._cell(palette[pair[0]], palette[pair[1]])
            segments.append(Segment(char * (end - col), style))
            col = end
        return Strip(segments).adjust_cell_length(width)

    def _label_segments(self, label: Label, text: str, fill: Color, start: int, width: int) -> list[Segment]:
        """A zone's label (``text``) as a chip in its own colour (lit when current), drawn from column ``start``."""
        current = self.checklist.cursor[1] == label.zone
        chip = self._colour("current") if current else fill
        style = Style(color=chip.get_contrast_text(1.0).rich_color, bgcolor=chip.rich_color, bold=current)
        mark_style = style  # on the lit chip its own text colour reads better than the focus colour
        if not current:
            mark_style = component_style(self, "headmap--focus-mark", over=chip) + Style(bgcolor=chip.rich_color)
        mark = FOCUS_MARK if text.startswith(FOCUS_MARK) else ""
        parts = [(mark, mark_style), (text[len(mark) :], style)]
        segments = []
        col = label.col
        for part, part_style in parts:
            lo, hi = max(start - col, 0), min(len(part), width - col)
            if lo < hi:
                segments.append(Segment(part[lo:hi], part_style))
            col += len(part)
        return segments

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


@dataclass(frozen=True)
class _Frame:
    """One frame's view of the diagram: its size, the colour of each pixel code, the labels by row."""

    width: int
    height: int
    head_height: int
    palette: dict[int, Color]
    labels: dict[int, list[Label]]
    """Per cell row, its labels left to right."""
    texts: dict[int, str]
    """Per zone, its label's text in the variant that fits."""


def _cell_codes(shape: HeadShape) -> list[list[tuple[int, int]]]:
    """Per cell row, per column: the codes of the upper and lower pixel (zone * 4 + seam/edge bits)."""

    def code(row: int, col: int) -> int:
        zone = shape.pixels[row][col]
        if zone < 0:
            return zone
        bits = (SEAM_BIT if (row, col) in shape.seams else 0) | (EDGE_BIT if (row, col) in shape.edges else 0)
        return zone * 4 + bits

    return [
        [(code(2 * y, x), code(2 * y + 1, x)) for x in range(shape.width)] for y in range(shape.height)
    ]
