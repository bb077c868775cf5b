"""History reflows on every resize: after resizing, the screen reads as a fresh one of that size."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import make_app
from tests.history_data import history_template

TODAY = date(2026, 11, 22)
SIZES = [(60, 16), (80, 24), (200, 60)]


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    return history_template(tmp_path_factory.mktemp("history"), date(2025, 3, 1), TODAY - timedelta(days=1), seed=2)


def layout(app) -> dict:
    """Where every named widget of the screen sits, and what the heatmap draws (cheaper than a screenshot)."""
    from tui.ui.widgets.history.heatmap import Heatmap

    placed = {w.id: (w.region, w.display) for w in app.screen.query("*") if w.id}
    heatmap = app.screen.query_one(Heatmap)
    placed["heatmap-lines"] = [line.text for line in heatmap.render_lines(heatmap.region.reset_offset)] if heatmap.region.area else []
    return placed


async def fresh(history_log, size, view: str) -> str:
    app = make_app(history_log)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        if view == "trends":
            await pilot.press("v")
            await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        return layout(app)


RESIZES = [(a, b) for a in SIZES for b in SIZES if a != b]


@pytest.mark.parametrize("view", ["review", "trends"])
@pytest.mark.parametrize("start,end", RESIZES)
async def test_a_resized_history_matches_a_fresh_one_of_that_size(history_log, start, end, view):
    expected = await fresh(history_log, end, view)
    app = make_app(history_log)
    async with app.run_test(size=start) as pilot:
        await pilot.press("h")
        if view == "trends":
            await pilot.press("v")
            await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.resize_terminal(*end)
        await pilot.pause()
        await pilot.pause()
        assert layout(app) == expected
