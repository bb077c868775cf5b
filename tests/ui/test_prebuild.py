"""The History screen built ahead while the app is idle (issue 8): `h` shows that very screen, fresh, at any size.

tui/ui/prebuild.py relies on private Textual parts (a mode's stack in `_screen_stacks`, `_register`,
`_refresh_layout`, the compositor's map, the widgets' line caches); these tests fail if they stop
doing what it relies on.
"""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta

import pytest

import tui.ui.app
from tests.conftest import FakeClock, make_app
from tests.history_data import history_template
from tui.store import Log
from tui.ui.screens.history import HistoryScreen
from tui.ui.widgets.history.heatmap import Heatmap

TODAY = date(2026, 11, 22)  # the fake clock's practice day


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """Eight months of seeded history in a file, written once per module."""
    return history_template(tmp_path_factory.mktemp("prebuild"), date(2026, 3, 1), TODAY - timedelta(days=1), seed=3)




@pytest.fixture
def renders(monkeypatch):
    """Counts the times the heatmap makes its lines."""
    counted = []
    render = Heatmap._segment_lines

    def counting(self):
        counted.append(self)
        return render(self)

    monkeypatch.setattr(Heatmap, "_segment_lines", counting)
    return counted


async def built_ahead(app, pilot) -> HistoryScreen:
    """Wait (in app time) until the History screen was built ahead and its heatmap drawn."""
    for _ in range(200):
        await pilot.pause(0.02)
        stack = app._screen_stacks.get("history")
        if stack and stack[0].reader is not None and stack[0].query_one(Heatmap)._styles_cache._cache:
            return stack[0]
    raise AssertionError("the History screen was not built ahead")


def screen_text(app) -> str:
    """The screen as text, without the SVG's generated ids."""
    return re.sub(r"terminal-[0-9a-z-]+", "", app.export_screenshot(title="x"))


async def test_h_shows_the_screen_built_ahead_without_drawing_it_again(history_log, renders):
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await built_ahead(app, pilot)
        assert not screen.is_current
        drawn = len(renders)
        assert drawn >= 1
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen
        # The first frame reused the lines rendered while idle.
        assert len(renders) == drawn
        assert "Consistency" in screen_text(app)


async def test_a_key_before_the_build_gets_the_usual_screen(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("h")  # before the idle steps ran
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        for _ in range(30):
            await pilot.pause(0.02)
        # The build ahead stood aside: the mode keeps the screen the key made.
        assert app._screen_stacks["history"] == [screen]
        await pilot.press("t", "h")
        assert app.screen is screen


async def plain_history(store, size, before=None, monkeypatch=None, key="h") -> str:
    """The History screen (or the one ``key`` shows) as a switch without any build ahead draws it."""
    monkeypatch.setattr(tui.ui.app, "prebuild_steps", lambda app, mode: iter(()))
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press(key)
        await pilot.pause()
        return screen_text(app)


async def test_built_ahead_then_resized_looks_as_if_built_now(history_log, monkeypatch):
    app = make_app(history_log)
    async with app.run_test(size=(130, 40)) as pilot:
        await built_ahead(app, pilot)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        ahead = screen_text(app)
    assert ahead == await plain_history(history_log, (80, 24), monkeypatch=monkeypatch)


async def test_built_ahead_shows_what_was_logged_since(history_log, monkeypatch):
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await built_ahead(app, pilot)
        assert "nothing logged" in screen.query_one("#heatmap-box").border_subtitle
        # Another process (the CLI) logs today's session meanwhile.
        other = Log.open(history_log.path, clock=FakeClock(), zone=UTC)
        other.log_session(TODAY, passes=2, minutes=7)
        other.close()
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#heatmap-box").border_subtitle == "Sun 22 Nov: 2 passes, 7 min"
        ahead = screen_text(app)
    assert ahead == await plain_history(history_log, (110, 32), monkeypatch=monkeypatch)


async def test_built_ahead_follows_a_theme_chosen_meanwhile(history_log, monkeypatch):
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await built_ahead(app, pilot)
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen
        ahead = screen_text(app)
    # The plain app starts with the stored theme, which the first app saved.
    assert history_log.settings().theme == "nord"
    assert ahead == await plain_history(history_log, (110, 32), monkeypatch=monkeypatch)


async def test_the_first_showing_skips_textuals_restyle_only_when_nothing_changed(history_log, monkeypatch):
    restyled = []
    update = HistoryScreen.update_node_styles

    def counting(self, animate=True):
        restyled.append(self)
        return update(self, animate)

    monkeypatch.setattr(HistoryScreen, "update_node_styles", counting)
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await built_ahead(app, pilot)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen and restyled == []
        # A theme chosen after the build: the screen is restyled when shown (see test_resume_styles.py).
        await pilot.press("t")
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        restyled.clear()
        await pilot.press("h")
        await pilot.pause()
        assert screen in restyled


async def test_a_switch_to_a_built_screen_is_not_held_back(history_log, monkeypatch):
    from tui.ui.prebuild import prebuild_steps

    # Only History is built ahead here, so that Zones is built on the switch.
    monkeypatch.setattr(
        tui.ui.app, "prebuild_steps", lambda app, mode: prebuild_steps(app, mode) if mode == "history" else iter(())
    )
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        await built_ahead(app, pilot)
        app.switch_mode("history")
        # Private: Textual's delay_update holds frames by counting a batch; none for a built screen.
        assert app._batch_count == 0
        await pilot.pause()
        app.switch_mode("zones")  # built now: held as Textual does, to hide the building
        assert app._batch_count == 1
        await pilot.pause(0.1)


@pytest.mark.parametrize("steps_run", [1, 2, 3, 5])
async def test_a_key_in_the_middle_of_the_build_shows_the_same_screen(history_log, monkeypatch, steps_run):
    """h pressed after the first steps (installed, mounted, data read, laid out): the screen as if built now."""
    from tui.ui.prebuild import prebuild_steps

    monkeypatch.setattr(tui.ui.app, "prebuild_steps", lambda app, mode: iter(()))
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        steps = prebuild_steps(app, "history")
        for _, step in zip(range(steps_run), steps):  # the first steps_run steps only
            step()
            await pilot.pause()
        screen = app._screen_stacks["history"][0]
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen
        ahead = screen_text(app)
    assert ahead == await plain_history(history_log, (110, 32), monkeypatch=monkeypatch)


@pytest.mark.parametrize("size", [(110, 32), (80, 18)])
async def test_z_shows_the_zones_screen_built_ahead(history_log, monkeypatch, size):
    """Zones is built ahead first (before History): `z` shows that screen, as a switch without it would."""
    app = make_app(history_log)
    async with app.run_test(size=size) as pilot:
        await built_ahead(app, pilot)
        (screen,) = app._screen_stacks["zones"]
        assert not screen.is_current and screen._styled_for is not None
        await pilot.press("z")
        await pilot.pause()
        assert app.screen is screen
        ahead = screen_text(app)
    assert ahead == await plain_history(history_log, size, monkeypatch=monkeypatch, key="z")


async def test_a_screen_built_ahead_has_its_update_timer_ticked_once_offscreen(history_log, monkeypatch):
    """Textual's Timer sleeps a whole period before its first tick, after that it ticks when resumed.

    tui/ui/prebuild.py resumes the screen's private `_update_timer` once offscreen, so the first
    showing does not wait for that period: the tick must reach Screen._on_timer_update, which
    pauses the timer again and paints nothing while the screen is not current.
    """
    from textual.screen import Screen

    ticks = []
    tick = Screen._on_timer_update

    def counting(self):
        ticks.append((self, self.is_current))
        return tick(self)

    monkeypatch.setattr(Screen, "_on_timer_update", counting)
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await built_ahead(app, pilot)
        for _ in range(20):
            if (screen, False) in ticks:
                break
            await pilot.pause(0.02)
        assert (screen, False) in ticks
        assert (app._screen_stacks["zones"][0], False) in ticks
        assert not screen._update_timer._active.is_set()  # paused again, waiting inside its loop


async def test_quitting_while_zones_is_built_ahead_ends_cleanly(history_log, monkeypatch):
    """The app closing while the Zones screen built ahead composes: its Mount finds no widgets, and says nothing."""
    from tui.ui.prebuild import prebuild_steps

    monkeypatch.setattr(tui.ui.app, "prebuild_steps", lambda app, mode: iter(()))
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)):
        install = next(prebuild_steps(app, "zones"))
        install()  # the screen starts composing; the app closes at once
    # run_test re-raises an exception from any handler on the way out; none came.
    assert app._exception is None


async def test_no_screen_is_built_ahead_once_the_app_is_closing(history_log, monkeypatch):
    """App._shutdown stops running, then walks the screen stacks: a stack added then broke its loop."""
    from tui.ui.prebuild import prebuild_steps

    monkeypatch.setattr(tui.ui.app, "prebuild_steps", lambda app, mode: iter(()))
    app = make_app(history_log)
    async with app.run_test(size=(110, 32)):
        install = next(prebuild_steps(app, "history"))
        app._running = False  # what _shutdown sets first (private)
        try:
            install()
            assert "history" not in app._screen_stacks
        finally:
            app._running = True
