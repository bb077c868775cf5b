"""The Zones screen hides nothing it claims to show: every zone's passes on the head map, and
the whole description of the zone under the cursor, at 80x24, 100x30 and 160x50."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_app
from tui.store import Log
from tui.ui.screens.zones import ZonesScreen
from tui.ui.widgets.zones.headmap import PIP_DONE, PIP_TODO, HeadMap
from tui.ui.widgets.zones.zonestatus import ZoneNote

SIZES = [(80, 24), (100, 30), (160, 50)]
# The zones with the longest descriptions, focused so their notes carry the extra focus words.
FOCUS = ["temple_left", "temple_right", "top", "crown", "nape"]


def screen_lines(widget) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


def count_shown(lines: list[str], short: str, name: str, count: int, passes: int) -> bool:
    """True when the zone's label, with its pass count (pips or a digit), is on the map."""
    pips = PIP_DONE * count + PIP_TODO * max(passes - count, 0)
    text = "\n".join(lines)
    return (
        any(f"{label} {pips}" in text for label in (name, short))
        or re.search(rf"(?<!\w){re.escape(short)} {count}(?!\d)", text) is not None
    )


async def open_zones(log: Log, size, bonus: bool):
    session = log.start_session()
    log.save_settings(focus_zones=FOCUS)
    if bonus:  # three full passes and the first zone of a bonus pass
        for pass_no in (1, 2, 3):
            for zone in log.routine.zone_ids:
                log.add_check(session.id, pass_no, zone)
        log.add_check(session.id, 4, log.routine.zone_ids[0])
    return make_app(log)


@pytest.mark.parametrize("bonus", [False, True], ids=["three-passes", "bonus-pass"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_zone_shows_its_pass_count(log: Log, size, bonus):
    app = await open_zones(log, size, bonus)
    async with app.run_test(size=size) as pilot:
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ZonesScreen)
        headmap = app.screen.query_one(HeadMap)
        checklist = headmap.checklist
        assert checklist.columns == (4 if bonus else 3)
        lines = screen_lines(headmap)
        missing = [
            zone.short
            for index, zone in enumerate(headmap.zones)
            if not count_shown(lines, zone.short, zone.name, checklist.zone_passes(index), checklist.passes)
        ]
        assert missing == [], "\n".join(lines)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_zone_description_is_shown_whole(log: Log, size):
    app = await open_zones(log, size, bonus=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("z")
        await pilot.pause()
        note = app.screen.query_one(ZoneNote)
        for index, zone in enumerate(log.routine.zones):
            if index:
                await pilot.press("down")
                await pilot.pause()
            shown = " ".join(" ".join(screen_lines(note)).split())
            assert " ".join(zone.description.split()) in shown, (zone.name, shown)
