"""The app shell: modes switch by key, help opens, quit ends the app."""

from tests.conftest import make_app
from tui.ui.dialogs.help import HelpScreen
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


async def test_help_gives_a_key_with_one_action_per_state_one_line(log):
    from rich.console import Console

    from tui.ui.dialogs.help import keys_table

    app = make_app(log)
    async with app.run_test(size=(100, 30)):
        console = Console(width=120, record=True)
        console.print(keys_table(app, app.help_sections()))
        lines = console.export_text().splitlines()
    today = lines[next(i for i, line in enumerate(lines) if line.strip() == "Today") :]
    s_rows = [line for line in today[: today.index(next(x for x in today if x.strip() == "Zones"))] if line.split()[:1] == ["s"]]
    assert s_rows == [s_rows[0]] and "Start, New session, Pause or Resume" in s_rows[0]
