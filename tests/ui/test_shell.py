"""The app shell: modes switch by key, help opens, quit ends the app."""

from textual.widgets import Static

from tests.conftest import make_app
from tui.ui.dialogs.help import HelpScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.screens.zones import ZonesScreen
from tui.ui.widgets.modebar import ModeBar


async def test_modes_switch_with_keys(log):
    """Each mode key shows that mode's screen, its own bar lit, and the other modes' keys offered."""
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        for key, mode, screen_type, title in (
            ("z", "zones", ZonesScreen, "Zones"),
            ("h", "history", HistoryScreen, "History"),
            ("t", "today", TodayScreen, "Today"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode and isinstance(app.screen, screen_type)
            bar = app.screen.query_one(ModeBar).render().plain
            assert f" {title} " in bar and f"{title} ({key})" not in bar  # lit, without its key
            others = [(k, t) for k, t in (("t", "Today"), ("z", "Zones"), ("h", "History")) if t != title]
            assert all(f"{t} ({k})" in bar for k, t in others)


async def test_help_lists_keys_and_closes(log):
    import io

    from rich.console import Console

    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-keys", Static).content)
        shown = [line.split() for line in console.export_text().splitlines()]
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
    # Every section, and a key of each mode with what it does, as the help dialog drew them.
    titles = {words[0] for words in shown if len(words) == 1}
    assert {"Everywhere", "Today", "Zones", "History", "Settings"} <= titles
    # One key can mean different things on different screens (u), so rows are read per section.
    sections: dict[str, dict[str, str]] = {}
    section = ""
    for words in shown:
        if len(words) == 1 and words[0] in titles:
            section = words[0]
        elif len(words) > 1:
            sections.setdefault(section, {})[words[0]] = " ".join(words[1:])
    assert sections["Everywhere"]["q"].startswith("Quit") and sections["Today"]["f"].startswith("Finish the session")
    assert sections["Zones"]["u"] == "Take back the last check of this session"
    assert sections["Zones"]["p"].startswith("Pacer on/off")
    assert sections["History"]["u"].startswith("Show the trends' strength")
    assert sections["Everywhere"]["?"] == "Show every key"


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
    today = today[: today.index(next(x for x in today if x.strip() == "Zones"))]
    s_rows = [line for line in today if line.split()[:1] == ["s"]]
    assert s_rows == [s_rows[0]] and "Start, New session, Pause or Resume" in s_rows[0]
