"""The head diagram's geometry: every zone gets an area, labels sit on their zone's row and never overlap."""

from itertools import pairwise

import pytest

from tui.core.routine import default_routine
from tui.ui.state.headshape import OUTSIDE, RIM, head_shape, layout_labels

POINTS = [(zone.x, zone.y) for zone in default_routine().zones]


@pytest.mark.parametrize("size", [(28, 16), (34, 20), (56, 34), (90, 50)])
def test_every_zone_owns_an_area_around_its_own_position(size):
    shape = head_shape(*size, POINTS)
    for zone, (col, row) in enumerate(shape.anchors):
        assert any(zone in line for line in shape.pixels)
        assert zone in shape.cell(col, row) or shape.cell(col, row)[0] < 0  # the anchor is in its area
        assert shape.rows_of(zone)


def test_the_head_is_closed_by_its_rim_and_left_right_symmetric():
    shape = head_shape(56, 34, POINTS)
    for line in shape.pixels:
        inside = [x for x, code in enumerate(line) if code >= 0]
        if inside:
            assert line[inside[0] - 1] == RIM and line[inside[-1] + 1] == RIM
        assert [code == OUTSIDE for code in line] == [code == OUTSIDE for code in reversed(line)]


def test_front_zones_are_above_back_zones_and_left_is_left():
    shape = head_shape(56, 34, POINTS)
    ids = default_routine().zone_ids
    anchor = dict(zip(ids, shape.anchors, strict=True))
    assert anchor["hairline"][1] < anchor["top"][1] < anchor["crown"][1] < anchor["occipital"][1] < anchor["nape"][1]
    assert anchor["temple_left"][0] < anchor["top"][0] < anchor["temple_right"][0]


@pytest.mark.parametrize("size", [(28, 16), (34, 20), (56, 34)])
def test_labels_take_the_longest_variant_that_keeps_them_apart(size):
    shape = head_shape(*size, POINTS)
    widths = [[20, 12, 6]] * len(POINTS)
    labels = layout_labels(shape, widths)
    assert [label.zone for label in labels] == list(range(len(POINTS)))
    for label in labels:
        assert label.row == shape.anchors[label.zone][1]
        assert label.col >= 0 and label.end <= shape.width
    by_row = {}
    for label in labels:
        by_row.setdefault(label.row, []).append(label)
    for row in by_row.values():
        row.sort(key=lambda label: label.col)
        assert all(a.end < b.col for a, b in pairwise(row))
        assert len({label.variant for label in row}) == 1  # a left/right pair reads alike


def test_a_roomy_diagram_uses_the_long_labels():
    shape = head_shape(90, 50, POINTS)
    labels = layout_labels(shape, [[10, 4]] * len(POINTS))
    assert all(label.variant == 0 for label in labels)
