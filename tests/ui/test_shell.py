"""The app shell: modes switch by key, help opens, quit ends the app."""

from tests.conftest import make_app
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.screens.zones import ZonesScreen


async def test_modes_switch_with_keys(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("z")
        assert isinstance(app.screen, ZonesScreen)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)


async def test_help_lists_keys_and_closes(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_quit(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0
