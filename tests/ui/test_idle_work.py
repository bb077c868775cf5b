"""Idle work after the first frame waits while the user types, then runs in its order."""

from __future__ import annotations

import asyncio
import time

from tests.conftest import make_app


async def test_idle_work_waits_for_a_pause_in_the_typing(log, monkeypatch):
    """The quiet needed is measured on the app's own record of the last key, not on the wall clock."""
    app = make_app(log)
    monkeypatch.setattr(type(app), "IDLE_AFTER_KEY_S", 0.6)
    ran: list[float] = []
    app.when_idle(lambda: ran.append(time.monotonic() - app.last_key_at))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(12):  # a key every 0.1 s for 1.2 s, from the first frame on
            await pilot.press("j")
            assert not ran, "idle work ran between two keys"
            await asyncio.sleep(0.1)
        for _ in range(100):
            if ran:
                break
            await pilot.pause(0.1)
    assert ran, "the idle work never ran"
    # It ran only once the app had seen no key for the quiet period.
    assert ran[0] >= 0.6


async def test_idle_work_runs_first_then_the_screens_are_built_ahead(log):
    app = make_app(log)
    seen: list[bool] = []

    def history_built() -> bool:
        try:
            return bool(app.get_screen_stack("history"))
        except KeyError:
            return False

    app.when_idle(lambda: seen.append(history_built()))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.idle_work_done:
                break
            await pilot.pause(0.1)
        built = history_built()
    # The garbage collection (launch.py) runs before the screens are built, so that what is
    # built afterwards is not frozen out of the collector's reach.
    assert seen == [False] and built
