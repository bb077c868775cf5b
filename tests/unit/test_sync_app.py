"""The app syncs by itself when a folder is set: at start (other computers' changes show) and at quit."""

from __future__ import annotations

import time
from datetime import timezone

from tests.conftest import FakeClock
from tui.store import Log
from tui.store.sync import SUBFOLDER, sync
from tui.ui.app import ScalpApp


async def test_the_app_syncs_at_start_and_at_quit(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    clock = FakeClock()
    other = Log.open(tmp_path / "other.db", clock=clock, zone=timezone.utc)
    mine = Log.open(tmp_path / "mine.db", clock=clock, zone=timezone.utc)
    sync(mine, folder)  # the folder is set on this computer
    other.log_session(clock().date(), passes=1, minutes=5, note="from the other computer")
    sync(other, folder)
    app = ScalpApp(mine)
    async with app.run_test() as pilot:
        for _ in range(50):  # the start-up sync runs in a thread
            await pilot.pause(0.1)
            if app.background_sync.runs:
                break
        assert [s.note for s in mine.sessions_between(clock().date(), clock().date())] == ["from the other computer"]
        session = mine.sessions_between(clock().date(), clock().date())[0]
        mine.update_session(session.id, note="edited here")
        await pilot.press("q")
    own = folder / SUBFOLDER / f"{mine.device_id()}.jsonl"
    assert b"edited here" in own.read_bytes()  # published at quit
    sync(other, folder)
    assert other.session(session.id).note == "edited here"
    mine.close()
    other.close()


async def test_a_minute_without_keys_asks_for_another_sync(tmp_path, monkeypatch):
    # The idle check ran every SYNC_WHEN_IDLE_S and read a name the app no longer had
    # (_last_key_at, renamed last_key_at): a minute into any run with a sync folder, the app died.
    folder = tmp_path / "share"
    folder.mkdir()
    clock = FakeClock()
    mine = Log.open(tmp_path / "mine.db", clock=clock, zone=timezone.utc)
    sync(mine, folder)
    app = ScalpApp(mine)
    async with app.run_test() as pilot:
        await pilot.pause()
        asked: list[bool] = []
        monkeypatch.setattr(app.background_sync, "request", lambda: asked.append(True))
        app.last_key_at = time.monotonic()  # a key just now: not idle
        app._sync_if_idle()
        assert asked == []
        app.last_key_at = time.monotonic() - app.SYNC_WHEN_IDLE_S
        app._sync_if_idle()
        assert asked == [True]
        monkeypatch.undo()
        await pilot.press("q")
    mine.close()
