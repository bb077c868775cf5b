"""The head diagram's geometry, without Textual: the outline, which zone owns each half-cell, where labels go.

The head is seen from above, face at the top. Each terminal cell holds two square
"pixels" (upper and lower half), so the outline is drawn at twice the row resolution.
Every pixel inside the head belongs to its nearest zone, which makes the zones areas
that can be coloured, not just dots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

OUTSIDE = -1
RIM = -2  # the head's outline
SILHOUETTE = -3  # nose and ears

#: Width over length of a head seen from above.
HEAD_RATIO = 0.8
NOSE = (0.12, 0.08)  # semi-axes of the nose bump, as fractions of the head's semi-axes
EAR = (0.13, 0.2)  # semi-axes of an ear, likewise
EAR_Y = 0.06  # ears sit a little behind the middle of the head


@dataclass(frozen=True)
class Label:
    """Where one zone's label goes: row and first column, and which text variant fits."""

    zone: int
    row: int
    col: int
    variant: int
    width: int

    @property
    def end(self) -> int:
        return self.col + self.width


@dataclass(frozen=True)
class HeadShape:
    """The head drawn in ``width`` × ``height`` cells."""

    width: int
    height: int
    pixels: tuple[tuple[int, ...], ...]
    """Per pixel row (two per cell row), per column: a zone index, or OUTSIDE, RIM, SILHOUETTE."""
    anchors: tuple[tuple[int, int], ...]
    """Per zone, the cell (column, row) at its position."""
    seams: frozenset[tuple[int, int]] = frozenset()
    """Pixels (row, column) where a zone meets another below or to the right: drawn darker, so areas show."""
    edges: frozenset[tuple[int, int]] = frozenset()
    """Pixels on the edge of their zone's area (next to another zone or the rim): a focus zone's outline."""

    def cell(self, col: int, row: int) -> tuple[int, int]:
        """The upper and lower pixel of a cell."""
        return self.pixels[2 * row][col], self.pixels[2 * row + 1][col]

    def interior(self, row: int) -> tuple[int, int] | None:
        """The first and last column of a row whose cells lie wholly inside the head."""
        inside = [col for col in range(self.width) if min(self.cell(col, row)) >= 0]
        return (inside[0], inside[-1]) if inside else None

    def rows_of(self, zone: int) -> range:
        """The cell rows a zone's area spans (to repaint only them)."""
        rows = [y // 2 for y, line in enumerate(self.pixels) if zone in line]
        return range(min(rows), max(rows) + 1) if rows else range(0)


def head_shape(width: int, height: int, points: Sequence[tuple[float, float]]) -> HeadShape:
    """Fit the head into ``width`` × ``height`` cells and give every inside pixel to its nearest zone.

    ``points`` are the zones' (x, y) positions, 0..1 across and down the head.
    """
    rows = 2 * height
    # The figure is the head plus the nose above it and an ear each side.
    b = min((rows - 1) / (2 + NOSE[1]), (width - 1) / (2 * HEAD_RATIO * (1 + EAR[0])))
    b = max(b, 1.0)
    a = HEAD_RATIO * b
    cx = width / 2
    top = (rows - b * (2 + NOSE[1])) / 2 + b * NOSE[1]
    cy = top + b
    centres = [(cx + (x - 0.5) * 2 * a, cy + (y - 0.5) * 2 * b) for x, y in points]

    def in_head(px: float, py: float) -> bool:
        return ((px - cx) / a) ** 2 + ((py - cy) / b) ** 2 <= 1

    def in_silhouette(px: float, py: float) -> bool:
        nose = ((px - cx) / (NOSE[0] * a)) ** 2 + ((py - (cy - b)) / (NOSE[1] * b)) ** 2 <= 1
        ear_y = cy + EAR_Y * 2 * b
        ears = any(
            ((px - side) / (EAR[0] * a)) ** 2 + ((py - ear_y) / (EAR[1] * b)) ** 2 <= 1 for side in (cx - a, cx + a)
        )
        return nose or ears

    pixels = []
    for y in range(rows):
        line = []
        for x in range(width):
            px, py = x + 0.5, y + 0.5
            if in_head(px, py):
                edge = not all(in_head(px + dx, py + dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)))
                if edge:
                    line.append(RIM)
                else:
                    line.append(min(range(len(centres)), key=lambda i: math.dist((px, py), centres[i])))
            elif in_silhouette(px, py):
                line.append(SILHOUETTE)
            else:
                line.append(OUTSIDE)
        pixels.append(tuple(line))
    anchors = tuple(
        (min(max(int(x), 0), width - 1), min(max(int(y // 2), 0), height - 1)) for x, y in centres
    )
    seams = frozenset(
        (y, x)
        for y in range(rows)
        for x in range(width)
        if pixels[y][x] >= 0
        and any(
            0 <= y + dy < rows and 0 <= x + dx < width and pixels[y + dy][x + dx] >= 0
            and pixels[y + dy][x + dx] != pixels[y][x]
            for dy, dx in ((1, 0), (0, 1))
        )
    )
    edges = frozenset(
        (y, x)
        for y in range(rows)
        for x in range(width)
        if pixels[y][x] >= 0
        and any(pixels[y + dy][x + dx] != pixels[y][x] for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)))
    )
    return HeadShape(width, height, tuple(pixels), anchors, seams, edges)


def layout_labels(shape: HeadShape, widths: Sequence[Sequence[int]], gap: int = 1) -> list[Label]:
    """Place one label per zone on its anchor row, centred on its anchor where it can be.

    ``widths[zone]`` lists the widths of that zone's label variants, longest first. Zones on
    the same row (a left/right pair) are placed together with the same variant: the longest
    that keeps every label of the row apart and inside the head's outline, else the one before
    the shortest (the shortest that keeps the pass count) where it fits the diagram, else the
    shortest.
    """
    by_row: dict[int, list[int]] = {}
    for zone, (_, row) in enumerate(shape.anchors):
        by_row.setdefault(row, []).append(zone)
    labels: list[Label] = []
    for row, zones in sorted(by_row.items()):
        variants = max(len(widths[zone]) for zone in zones)
        inner = shape.interior(row)
        chosen: list[Label] | None = None
        # The longest variant that fits inside the outline, else the longest that fits the diagram.
        # The outline itself may carry a label's edge: a cell of rim is better than no pips.
        outline = (inner[0] - 1, inner[1] + 1) if inner else (0, -1)
        for variant in range(variants):
            candidate = [_place(shape, zone, row, widths[zone], variant, inner) for zone in zones]
            within = all(outline[0] <= label.col and label.end <= outline[1] + 1 for label in candidate)
            if within and _apart(candidate, gap):
                chosen = candidate
                break
        if chosen is None and variants > 1:
            # Nothing fits inside the head: the shortest label that still has its pass count (the
            # one before the last), sticking out of the outline, if it fits the diagram.
            candidate = [_place(shape, zone, row, widths[zone], variants - 2, None) for zone in zones]
            if all(label.col >= 0 and label.end <= shape.width for label in candidate) and _apart(candidate, gap):
                chosen = candidate
        if chosen is None:  # a tiny diagram: the shortest, sticking out as little as it can
            chosen = [_place(shape, zone, row, widths[zone], variants - 1, inner) for zone in zones]
        labels.extend(_spread(chosen, shape.width, gap))
    return sorted(labels, key=lambda label: label.zone)


def _place(
    shape: HeadShape, zone: int, row: int, widths: Sequence[int], variant: int, inner: tuple[int, int] | None
) -> Label:
    width = widths[min(variant, len(widths) - 1)]
    col = shape.anchors[zone][0] - width // 2
    lo, hi = inner if inner is not None else (0, shape.width - 1)
    if width > hi - lo + 1:
        lo, hi = 0, shape.width - 1
    col = min(max(col, lo), max(hi - width + 1, lo))
    return Label(zone, row, col, variant, width)


def _apart(labels: list[Label], gap: int) -> bool:
    ordered = sorted(labels, key=lambda label: label.col)
    return all(left.end + gap <= right.col for left, right in pairwise(ordered))


def _spread(labels: list[Label], width: int, gap: int) -> list[Label]:
    """Last resort on a tiny diagram: push overlapping labels right (the last may be cut at the edge)."""
    placed: list[Label] = []
    for label in sorted(labels, key=lambda label: label.col):
        col = label.col
        if placed and col < placed[-1].end + gap:
            col = placed[-1].end + gap
        col = max(min(col, width - label.width), 0) if col < width else width
        placed.append(Label(label.zone, label.row, col, label.variant, label.width))
    return placed
