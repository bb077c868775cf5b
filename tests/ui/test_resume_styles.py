"""A mode screen shown again skips Textual's whole-screen restyle unless the app's styling changed .

ModeScreen notes what its styles follow (tui/ui/speedups.styling_state: the private
`_css_update_count`, the app's pseudo-classes and classes) when it is hidden or built ahead,
and tells Textual's ScreenResume not to restyle when that is unchanged. These tests fail if
the skip stops happening, and if a screen shown again after a theme change, a focus change
or a resize looks any different from the same screen built fresh.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

import tui.ui.app
from tests.conftest import make_app
from tui.ui.screens.base import ModeScreen

TODAY = date(2026, 11, 22)  # the fake clock's practice day
MODES = ["today", "zones", "history"]
AWAY = {"today": "zones", "zones": "history", "history": "today"}


@pytest.fixture
def restyled(monkeypatch):
    """The mode screens Textual restyled whole (the ScreenResume restyle, a theme's refresh)."""
    screens = []
    update = ModeScreen.update_node_styles

    def counting(self, animate=True):
        screens.append(self)
        return update(self, animate)

    monkeypatch.setattr(ModeScreen, "update_node_styles", counting)
    return screens


@pytest.fixture
def no_prebuild(monkeypatch):
    """Screens are built when first shown, as without any build ahead."""
    monkeypatch.setattr(tui.ui.app, "prebuild_steps", lambda app, mode: iter(()))


def screen_text(app) -> str:
    """The screen as SVG text (colours included), without the SVG's generated ids."""
    return re.sub(r"terminal-[0-9a-z-]+", "", app.export_screenshot(title="x"))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def fresh(store, size, mode) -> str:
    """``mode``'s screen as a new app shows it, built on its first showing."""
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.switch_mode(mode)
        await settle(pilot)
        return screen_text(app)


async def shown_again(app, pilot, mode) -> ModeScreen:
    """Show ``mode``, then another mode: ``mode``'s screen is built and hidden."""
    app.switch_mode(mode)
    await settle(pilot)
    screen = app.screen
    app.switch_mode(AWAY[mode])
    await settle(pilot)
    return screen


@pytest.mark.parametrize("mode", MODES)
async def test_a_screen_shown_again_unchanged_is_not_restyled(log, restyled, no_prebuild, mode):
    log.log_session(TODAY, passes=2, minutes=7)
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        restyled.clear()
        app.switch_mode(mode)
        await settle(pilot)
        assert app.screen is screen
        assert screen not in restyled
        again = screen_text(app)
    assert again == await fresh(log, (110, 32), mode)


@pytest.mark.parametrize("mode", MODES)
async def test_a_theme_chosen_while_hidden_shows(log, restyled, no_prebuild, mode):
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        app.theme = "nord"
        await settle(pilot)
        app.switch_mode(mode)
        await settle(pilot)
        assert app.screen is screen
        again = screen_text(app)
    assert log.settings().theme == "nord"  # the fresh app starts with it
    assert again == await fresh(log, (110, 32), mode)


@pytest.mark.parametrize("mode", MODES)
async def test_the_app_losing_focus_while_hidden_restyles_the_screen(log, restyled, no_prebuild, mode):
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        app.app_focus = False  # the terminal lost the focus (Textual only restyles the screen shown)
        await settle(pilot)
        restyled.clear()
        app.switch_mode(mode)
        await settle(pilot)
        assert screen in restyled
        shown = screen_text(app)
        screen.update_node_styles()  # styled anew from scratch: nothing changes
        await settle(pilot)
        assert screen_text(app) == shown


@pytest.mark.parametrize("mode", MODES)
async def test_focus_lost_and_back_while_hidden_looks_fresh(log, restyled, no_prebuild, mode):
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        app.app_focus = False
        await settle(pilot)
        app.app_focus = True
        await settle(pilot)
        restyled.clear()
        app.switch_mode(mode)
        await settle(pilot)
        assert screen not in restyled
        again = screen_text(app)
    assert again == await fresh(log, (110, 32), mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [(80, 24), (140, 44)])
async def test_a_resize_while_hidden_shows(log, no_prebuild, mode, size):
    log.log_session(TODAY, passes=2, minutes=7)
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        await pilot.resize_terminal(*size)
        await settle(pilot)
        app.switch_mode(mode)
        await settle(pilot)
        assert app.screen is screen
        again = screen_text(app)
    assert again == await fresh(log, size, mode)


@pytest.mark.parametrize("mode", MODES)
async def test_a_stored_theme_then_a_round_trip_looks_fresh(log, restyled, no_prebuild, mode):
    """The theme stored in the settings is applied at start; the first screen counts as styled with it."""
    log.save_settings(theme="nord")
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await shown_again(app, pilot, mode)
        restyled.clear()
        app.switch_mode(mode)
        await settle(pilot)
        assert app.screen is screen and screen not in restyled
        again = screen_text(app)
    assert "nord" in app.theme
    assert again == await fresh(log, (110, 32), mode)
