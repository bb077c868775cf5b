"""Hostile and huge stored text keeps every screen within 80x24: nothing is pushed out of view."""

from __future__ import annotations

from tests.conftest import make_app
from tests.hostile import ALL, CORPUS
from tui.store import Log
from tui.ui.dialogs.summary import SummaryScreen
from tui.ui.widgets.today.session_details import SessionDetails

SIZE = (80, 24)


async def record_height(log: Log, note: str) -> int:
    session = log.active_session() or log.start_session()
    log.update_session(session.id, note=note)
    async with make_app(log).run_test(size=SIZE) as pilot:
        await pilot.pause()
        return pilot.app.screen.query_one(SessionDetails).region.height


async def test_a_huge_hostile_note_takes_one_line_of_the_record_panel(log: Log):
    assert await record_height(log, ALL) == await record_height(log, "short")


async def test_the_summary_of_a_session_with_a_huge_note_fits_80x24(log: Log):
    session = log.start_session()
    log.update_session(session.id, note="\n".join([*CORPUS.values(), *CORPUS.values()]))
    log.set_rest_days([log.today()], CORPUS["markup"] + CORPUS["long"])
    async with make_app(log).run_test(size=SIZE) as pilot:
        await pilot.press("f", "y")
        assert isinstance(pilot.app.screen, SummaryScreen)
        await pilot.pause()
        keys = pilot.app.screen.query_one("#summary-keys")
        assert 0 < keys.region.bottom <= SIZE[1] and keys.region.height >= 1  # the keys line in view
        assert pilot.app.is_running  # [@click=app.quit] in the reason did not quit
