"""The speed-up layer (tui/ui/speedups.py) changes how fast the screens show, never what they show.

Each test drives the app with the layer on (Zones and History built ahead while idle) and
compares the screen with the same steps taken by an app on Textual's public API only.
The last test runs the whole snapshot suite with the layer off: the same SVGs must match.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from tests.conftest import FakeClock, make_app
from tests.history_data import history_template
from tui.store import Log
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.zones import ZonesScreen

TODAY = date(2026, 11, 22)  # the fake clock's practice day
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """Eight months of seeded history in a file, written once per module."""
    return history_template(
        tmp_path_factory.mktemp("speedups"), date(2026, 3, 1), TODAY - timedelta(days=1), seed=3
    )


async def idle_work_done(app, pilot) -> None:
    """Wait (in app time) until the idle work has run: with the layer on, Zones and History are built."""
    for _ in range(300):
        await pilot.pause(0.02)
        if app.idle_work_done:
            return
    raise AssertionError("the idle work never finished")


def screen_text(app) -> str:
    """The screen as text, without the SVG's generated ids."""
    return re.sub(r"terminal-[0-9a-z-]+", "", app.export_screenshot(title="x"))


async def public_only(store, size, key="h") -> str:
    """The screen ``key`` shows in an app with the layer off (nothing built ahead)."""
    app = make_app(store, speedups=False)
    async with app.run_test(size=size) as pilot:
        await idle_work_done(app, pilot)
        with pytest.raises(KeyError):
            app.get_screen_stack("history")  # nothing was built ahead
        await pilot.press(key)
        await pilot.pause()
        return screen_text(app)


def test_the_switch_turns_the_layer_off(log, monkeypatch):
    monkeypatch.setenv("SCALP_NO_SPEEDUPS", "1")
    assert make_app(log).speedups is False
    assert make_app(log, speedups=True).speedups is True
    monkeypatch.delenv("SCALP_NO_SPEEDUPS")
    assert make_app(log).speedups is True


@pytest.mark.parametrize(("key", "screen_type"), [("h", HistoryScreen), ("z", ZonesScreen)])
async def test_a_screen_built_ahead_shows_as_one_built_on_the_key(history_log, key, screen_type):
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await idle_work_done(app, pilot)
        mode = "history" if key == "h" else "zones"
        (built,) = app.get_screen_stack(mode)
        assert built.is_mounted and not built.is_current
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is built  # the key showed the screen built ahead, not a new one
        ahead = screen_text(app)
    assert ahead == await public_only(history_log, (110, 32), key=key)


async def test_a_key_before_the_build_keeps_the_screen_it_made(history_log):
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("h")  # before the idle steps ran
        await pilot.pause()
        screen = app.screen
        await idle_work_done(app, pilot)
        assert app.get_screen_stack("history") == [screen]
        await pilot.press("t", "h")
        assert app.screen is screen


@pytest.mark.parametrize(("size", "key"), [((80, 24), "h"), ((80, 18), "z")])
async def test_built_ahead_then_resized_looks_as_if_built_now(history_log, size, key):
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(130, 40)) as pilot:
        await idle_work_done(app, pilot)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        ahead = screen_text(app)
    assert ahead == await public_only(history_log, size, key=key)


async def test_built_ahead_shows_what_was_logged_since(history_log):
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await idle_work_done(app, pilot)
        # Another process (the CLI) logs today's session meanwhile.
        other = Log.open(history_log.path, clock=FakeClock(), zone=UTC)
        other.log_session(TODAY, passes=2, minutes=7)
        other.close()
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.query_one("#heatmap-box").border_subtitle == "Sun 22 Nov: 2 passes, 7 min"
        ahead = screen_text(app)
    assert ahead == await public_only(history_log, (110, 32))


async def test_built_ahead_follows_a_theme_chosen_meanwhile(history_log):
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await idle_work_done(app, pilot)
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        ahead = screen_text(app)
    # The plain app starts with the stored theme, which the first app saved.
    assert history_log.settings().theme == "nord"
    assert ahead == await public_only(history_log, (110, 32))


async def test_a_round_trip_after_a_theme_change_looks_fresh(history_log):
    """Shown, hidden, the theme changed on Today, shown again: as an app that never skipped a restyle."""
    app = make_app(history_log, speedups=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await idle_work_done(app, pilot)
        await pilot.press("z", "t")
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        ahead = screen_text(app)
    assert ahead == await public_only(history_log, (110, 32), key="z")


async def test_quitting_while_the_screens_are_built_ahead_ends_cleanly(history_log):
    """The app closing at any moment of the idle build: no handler raises on the way out."""
    for quiet_ms in (60, 90, 120, 200):
        app = make_app(history_log, speedups=True)
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause(quiet_ms / 1000)
        # run_test re-raises an exception from any handler on the way out; none came.
        assert app.return_code in (0, None)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SCALP_NO_SPEEDUPS") == "1", reason="already the run with the layer off")
def test_the_snapshots_match_with_the_layer_off():
    """Every snapshot, taken with Textual's public API only, is the SVG taken with the layer on."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/snapshots",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            "-x",
            "-n",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, "SCALP_NO_SPEEDUPS": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:]
