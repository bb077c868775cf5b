"""The first-start welcome and scalp's own command palette, asserted on the log."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.conftest import FIXED_NOW, make_app
from tui.store import Log
from tui.store.onboarding import WELCOME_KEY, welcome_seen
from tui.ui.dialogs.welcome import WelcomeScreen
from tui.ui.screens.today import TodayScreen

SIZE = (100, 30)


def stored(log: Log, key: str):
    row = log.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else json.loads(row[0])


async def test_a_new_log_gets_the_welcome_once_and_its_choices_are_stored(file_log):
    app = make_app(file_log, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert stored(file_log, WELCOME_KEY) is True  # committed before it was shown
        await pilot.press("down", "space", "down", "space", "down", "space")  # temples and top
        await pilot.press("tab", "down", "down", "space")  # the third window: 10–15 minutes
        await pilot.pause()
        assert set(stored(file_log, "focus_zones")) == {"temple_left", "temple_right", "top"}
        assert (stored(file_log, "target_min_minutes"), stored(file_log, "target_max_minutes")) == (10, 15)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    again = make_app(file_log, welcome=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TodayScreen)


async def test_a_log_with_history_is_not_welcomed(log, clock):
    log.log_session(FIXED_NOW.date() - timedelta(days=1), passes=3, minutes=8)
    app = make_app(log, welcome=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert not welcome_seen(log)


async def test_apps_built_by_tests_do_not_welcome_unless_asked(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert not welcome_seen(log)


async def test_the_palette_lists_scalps_actions_only(log):
    app = make_app(log)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        helps = " ".join(c.help for c in app.get_system_commands(app.screen))
        for ours in ("Today", "Zones", "History", "Help", "Settings", "Theme", "Welcome", "Back up the log",
                     "Export the log", "Quit", "Start session"):  # fmt: skip
            assert ours in titles
        for textuals in ("Keys", "Screenshot", "Maximize", "Minimize"):
            assert textuals not in titles
        assert "as soon as possible" not in helps and "application" not in helps


async def test_palette_welcome_opens_and_esc_closes_it(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"welcome")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_palette_backup_and_export_write_files_beside_the_log(file_log, clock):
    from tui.store.exchange import read_export

    file_log.set_rest(FIXED_NOW.date(), "travel")
    app = make_app(file_log)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Back up the log"].callback()
        commands["Export the log"].callback()
        await pilot.pause()
    (backup,) = (file_log.path.parent / "backups").glob("scalp-*.db")
    assert backup.stat().st_size > 0
    (export,) = (file_log.path.parent / "exports").glob("scalp-export-*.json")
    bundle = read_export(export, file_log)
    assert [row.values["reason"] for row in bundle.rows["rest_days"]] == ["travel"]
