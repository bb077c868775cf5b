"""A full disk (simulated with PRAGMA max_page_count): one clear line, and nothing shown as saved that was not."""

from __future__ import annotations

from datetime import timezone

import pytest

from tests.conftest import make_app
from tui.store import Log, StoreError


def fill_up(store: Log) -> None:
    """Let the file grow no further than it is now, as a full disk would."""
    (pages,) = store.conn.execute("PRAGMA page_count").fetchone()
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_write_on_a_full_disk_is_refused_with_one_line_and_leaves_nothing(tmp_path, clock):
    store = Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc)
    session = store.start_session()
    store.add_check(session.id, 1, "hairline")
    fill_up(store)
    with pytest.raises(StoreError) as refused:
        # Enough rows to need a new page whatever room the last one had left.
        store.log_session(store.today(), passes=12, minutes=30)
    assert "the disk is full" in str(refused.value) and "\n" not in str(refused.value)
    assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [(c.pass_no, c.zone) for c in store.checks_for_session(session.id)] == [(1, "hairline")]
    assert len(store.sessions_between(store.today(), store.today())) == 1
    store.close()


async def test_zones_on_a_full_disk_says_so_and_shows_no_check(tmp_path, clock):
    store = Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc)
    fill_up(store)
    errors: list[str] = []
    app = make_app(store)
    app.report_store_error = lambda error: errors.append(str(error))  # what the user would read
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z")
        for _ in range(40):  # until a write needs a page the disk does not have
            await pilot.press("space")
            if errors:
                break
        checklist = app.screen.work.checklist
        shown = sum(checklist.done_in_pass(p) for p in range(1, checklist.current_pass + 1))
    assert errors and all(e.endswith("the disk is full") for e in errors), errors
    # Every check the screen shows is in the log, and no more.
    in_log = store.conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    assert shown == in_log
    assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.close()
