"""Snapshots of the Zones screen: empty, mid-pass, complete with a bonus pass, focus zones; 80×24 and 120×40."""

from __future__ import annotations

import pytest

from tests.conftest import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
FOCUS = frozenset({"top", "crown", "temple_left", "temple_right"})


def fill(log, clock, count: int) -> None:
    """Check the first ``count`` cells in routine order, 15 s apart."""
    session = log.start_session()
    zones = log.routine.zone_ids
    for i in range(count):
        clock.advance(15)
        log.add_check(session.id, i // len(zones) + 1, zones[i % len(zones)])


def app_on(log):
    app = make_app(log)
    app.monotonic = lambda: 0.0
    return app


async def show_zones(pilot):
    await pilot.press("z")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_zones_empty(snap_compare, log, size):
    assert snap_compare(app_on(log), terminal_size=size, run_before=show_zones)


@pytest.mark.parametrize("size", SIZES)
def test_zones_mid_pass(snap_compare, log, clock, size):
    fill(log, clock, 11 + 7)  # pass 2, 7 of 11 done
    assert snap_compare(app_on(log), terminal_size=size, run_before=show_zones)


@pytest.mark.parametrize("size", SIZES)
def test_zones_complete_with_bonus_pass(snap_compare, log, clock, size):
    fill(log, clock, 33 + 2)
    assert snap_compare(app_on(log), terminal_size=size, run_before=show_zones)


@pytest.mark.parametrize("size", SIZES)
def test_zones_focus_marked(snap_compare, log, clock, size):
    log.save_settings(focus_zones=FOCUS)
    fill(log, clock, 11 + 3)  # the cursor sits on a focus zone: the top of the head

    async def run_before(pilot):
        await show_zones(pilot)
        await pilot.press("p")  # the pacer on, counting the focus zone's longer dwell
        await pilot.pause()

    assert snap_compare(app_on(log), terminal_size=size, run_before=run_before)
