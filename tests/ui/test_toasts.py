"""Toasts stay small and out of the way: at 80x24 they cover no panel row, only the footer's end."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tui.store import Log


@pytest.mark.parametrize("mode", ["today", "zones"])
async def test_a_toast_at_80x24_sits_on_the_footer_and_the_border_above_it(log: Log, mode):
    log.start_session()
    app = make_app(log)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("z" if mode == "zones" else "t")
        await pilot.pause()
        app.notify("Session resumed.", timeout=30)
        await pilot.pause()
        (toast,) = app.screen.query("Toast")
        assert toast.region.height == 1 and toast.region.y == 23  # the footer's row
        assert toast.region.right == 80 and toast.region.width <= 40
        assert "Session resumed." in toast.render_line(0).text
        app.notify("Bonus pass 4 done.", title="Zones", timeout=30)
        await pilot.pause()
        titled = app.screen.query("Toast").last()
        # Title and message: two lines, over the footer and the panels' bottom border (row 22).
        assert titled.region.height == 2 and titled.region.y == 22 and titled.region.right == 80
        panels = [w.region for w in app.screen.query(".box") if w.region.height]
        assert all(titled.region.y >= panel.bottom - 1 for panel in panels if panel.right > titled.region.x)


async def test_a_long_toast_stays_in_the_right_half(log: Log):
    app = make_app(log)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("cannot write /a/very/long/path/to/the/database/file.db: disk full", title="Not saved")
        await pilot.pause()
        (toast,) = app.screen.query("Toast")
        assert toast.region.x >= 40 and toast.region.bottom == 24
