"""Snapshots of the History screen with a fixed demo history, at 100x30, 160x50 and 80x24."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.conftest import FakeClock, make_app
from tests.history_data import fill_history
from tui.store import Log

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
YESTERDAY = date(2026, 11, 21)


@pytest.fixture
def demo_log():
    """A year and a half of seeded history, focus on the top and the crown, and a detailed yesterday."""
    clock = FakeClock(datetime(2025, 6, 1, 8, tzinfo=UTC))
    store = Log.memory(clock=clock, zone=UTC)
    # Set before the first logged day: each day keeps the focus zones in force on it.
    store.save_settings(focus_zones=frozenset({"top", "crown"}))
    clock.now = NOW
    fill_history(store, clock, date(2025, 6, 1), YESTERDAY - timedelta(days=1), seed=8)
    clock.now = datetime.combine(YESTERDAY, time(7, 10), tzinfo=UTC)
    session = store.start_session()
    store.set_rating(session.id, "before", "stress", 4)
    store.set_rating(session.id, "before", "scalp", 3)
    for pass_no in (1, 2, 3):
        for zone in store.routine.zone_ids:
            if (pass_no, zone) not in {(3, "temple_left"), (3, "nape")}:
                clock.advance(14)
                store.add_check(session.id, pass_no, zone)
    store.set_rating(session.id, "after", "stress", 2)
    store.set_rating(session.id, "after", "scalp", 4)
    store.update_session(session.id, note="firm pressure, no oil")
    store.finish_session(session.id, at=datetime.combine(YESTERDAY, time(7, 19), tzinfo=UTC))
    clock.now = NOW
    yield store
    store.close()


def keys(*presses: str):
    async def run_before(pilot) -> None:
        await pilot.press("h", *presses)
        await pilot.pause()

    return run_before


def test_history_100x30(snap_compare, demo_log):
    assert snap_compare(make_app(demo_log), terminal_size=(100, 30), run_before=keys())


def test_history_160x50(snap_compare, demo_log):
    assert snap_compare(make_app(demo_log), terminal_size=(160, 50), run_before=keys())


def test_history_80x24_stacks_the_panels(snap_compare, demo_log):
    assert snap_compare(make_app(demo_log), terminal_size=(80, 24), run_before=keys())


def test_history_last_year_by_minutes(snap_compare, demo_log):
    presses = ("left_curly_bracket", "left_square_bracket", "m")
    assert snap_compare(make_app(demo_log), terminal_size=(100, 30), run_before=keys(*presses))


def test_day_detail_100x30(snap_compare, demo_log):
    assert snap_compare(make_app(demo_log), terminal_size=(100, 30), run_before=keys("up", "enter"))


def test_day_detail_160x50(snap_compare, demo_log):
    assert snap_compare(make_app(demo_log), terminal_size=(160, 50), run_before=keys("up", "enter"))


def test_history_of_an_empty_log(snap_compare):
    store = Log.memory(clock=FakeClock(NOW), zone=UTC)
    try:
        assert snap_compare(make_app(store), terminal_size=(100, 30), run_before=keys())
    finally:
        store.close()


@pytest.fixture
def empty_log():
    store = Log.memory(clock=FakeClock(NOW), zone=UTC)
    yield store
    store.close()


def view_keys(view: str, theme: str):
    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await pilot.press("h")
        if view == "trends":
            await pilot.press("v")
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 50)])
@pytest.mark.parametrize("logged", ["demo", "empty"])
@pytest.mark.parametrize("view", ["review", "trends"])
def test_history_views(snap_compare, request, view, logged, size, theme):
    if view == "review" and logged == "demo" and theme == "textual-dark":
        pytest.skip("the snapshots above")
    store = request.getfixturevalue(f"{logged}_log")
    assert snap_compare(make_app(store), terminal_size=size, run_before=view_keys(view, theme))
