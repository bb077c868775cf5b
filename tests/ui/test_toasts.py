"""Toasts stay small and out of the way: at 80x24 they cover no panel row, only the footer's end."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tui.store import Log


@pytest.mark.parametrize("mode", ["today", "zones"])
async def test_a_toast_at_80x24_is_one_line_over_the_footer(log: Log, mode):
    log.start_session()
    app = make_app(log)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("z" if mode == "zones" else "t")
        await pilot.pause()
        app.notify("Bonus pass 4 done.", title="Zones", timeout=30)
        await pilot.pause()
        (toast,) = app.screen.query("Toast")
        assert toast.region.height == 1 and toast.region.y == 23  # the footer's row
        assert toast.region.right == 80 and toast.region.width <= 40
        assert "Zones: Bonus pass 4 done." in toast.render_line(0).text


async def test_a_long_toast_stays_in_the_right_half(log: Log):
    app = make_app(log)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("cannot write /a/very/long/path/to/the/database/file.db: disk full", title="Not saved")
        await pilot.pause()
        (toast,) = app.screen.query("Toast")
        assert toast.region.x >= 40 and toast.region.bottom == 24
