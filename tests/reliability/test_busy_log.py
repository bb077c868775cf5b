"""Another process holding the write lock (a long import) never freezes the app without a sign.

The check key waits a moment for the lock, then says the log is busy and shows nothing as
saved; once the lock is gone the same key saves the check. The screen answers meanwhile.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC

from tests.conftest import FakeClock, make_app
from tui.store import Log


def _checks(db) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    finally:
        conn.close()


async def test_a_held_write_lock_shows_a_notice_and_saves_nothing_until_it_is_free(tmp_path):
    db = tmp_path / "scalp.db"
    store = Log.open(db, clock=FakeClock(), zone=UTC)
    other = sqlite3.connect(db, isolation_level=None)
    try:
        app = make_app(store)
        notices: list[str] = []
        shown = app.notify
        app.notify = lambda message, **kw: notices.append(str(message)) or shown(message, **kw)  # type: ignore[method-assign]
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("z")
            await pilot.pause()
            await pilot.press("space")  # the first check starts a session
            await pilot.pause()
            assert _checks(db) == 1
            other.execute("BEGIN IMMEDIATE")  # another scalp is importing
            started = time.monotonic()
            await pilot.press("space")
            await pilot.pause()
            waited = time.monotonic() - started
            assert waited < 1.5, f"the app froze {waited:.1f} s behind another writer"
            assert any("busy" in message for message in notices), notices
            other.execute("ROLLBACK")
            assert _checks(db) == 1  # nothing was saved, and nothing was shown as saved
            await pilot.press("space")
            await pilot.pause()
            assert _checks(db) == 2
    finally:
        other.close()
        store.close()
