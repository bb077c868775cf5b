"""The settings screen: each setting is changed by key, stored at once, and the other screens follow."""

from __future__ import annotations

import io
from datetime import date, time

from rich.console import Console
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from tests.conftest import make_app
from tui.store.errors import Unwritable
from tui.ui.dialogs.help import HelpScreen
from tui.ui.dialogs.settings import SettingsScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.screens.zones import ZonesScreen
from tui.ui.widgets.modebar import ModeBar
from tui.ui.widgets.today.session_timer import TargetBar
from tui.ui.widgets.today.step_guide import NowCard, StepList
from tui.ui.widgets.zones.checklist import ChecklistView
from tui.ui.widgets.zones.headmap import FOCUS_MARK, HeadMap
from tui.ui.widgets.zones.pacerbar import PacerBar

SIZE = (110, 36)


def plain(widget: Widget) -> str:
    """What a Static (or any widget drawn by ``render``) shows, as plain text."""
    content = widget.content if isinstance(widget, Static) else widget.render()
    if isinstance(content, str):
        return Content.from_markup(content).plain
    if isinstance(content, Content):
        return content.plain
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def lines(widget: Widget) -> list[str]:
    """What a line-drawn widget (the checklist, the head map) shows, line by line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def open_settings(pilot) -> SettingsScreen:
    await pilot.press("comma")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsScreen)
    return pilot.app.screen


async def type_into(pilot, key: str, text: str, then: str = "enter") -> None:
    """Focus a field (its text is selected, so typing replaces it), type, and submit or leave."""
    field = pilot.app.screen.query_one(f"#set-{key}", Input)
    if field.has_focus:  # still in the field after a refusal: erase what is there
        await pilot.press("end", *["backspace"] * len(field.value))
    field.focus()
    await pilot.pause()
    await pilot.press(*text, then)
    await pilot.pause()


def hint(screen, key: str) -> str:
    return plain(screen.query_one(f"#hint-{key}", Static))


def status(screen) -> str:
    return plain(screen.query_one("#settings-status", Static))


async def close_to(pilot, mode: str):
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press({"today": "t", "zones": "z", "history": "h"}[mode])
    await pilot.pause()
    return pilot.app.screen


# --- opening and closing -----------------------------------------------------------------


async def test_comma_opens_settings_and_escape_returns_to_the_mode(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        await open_settings(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ZonesScreen)


async def test_settings_is_in_the_palette_and_in_help(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Settings" in commands
        commands["Settings"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        everywhere = dict(app.help_sections())["Everywhere"]
        assert any(b.id == "app.settings" and b.key == "comma" for b in everywhere)


# --- focus zones ---------------------------------------------------------------------------


async def test_focus_zones_are_stored_and_marked_on_the_zones_screen(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")  # the Zones screen is built before the change, so it must follow it
        await pilot.pause()
        screen = await open_settings(pilot)
        assert app.focused is screen.query_one("#set-focus_zones", SelectionList)
        await pilot.press("down", "space", "down", "space", "down", "space")  # both temples, the top
        await pilot.pause()
        assert log.settings().focus_zones == {"temple_left", "temple_right", "top"}
        assert "focus zones L temple, R temple, Top" in status(screen)
        await pilot.press("space")  # and off again
        await pilot.pause()
        assert log.settings().focus_zones == {"temple_left", "temple_right"}
        await pilot.press("escape")
        await pilot.pause()
        zones = app.screen
        assert isinstance(zones, ZonesScreen)
        # The checklist marks each focus zone with ◆ before its name, and only those.
        rows = lines(zones.query_one(ChecklistView))[1:]
        marked = {zone.name for zone, row in zip(log.routine.zones, rows, strict=False) if "◆ " + zone.name in row}
        assert marked == {"Left temple", "Right temple"}
        # The head map outlines them and puts the mark on their labels (a label short of room
        # drops the mark before the pass count: the outline still shows the focus).
        head = zones.query_one(HeadMap)
        index = {zone.id: i for i, zone in enumerate(log.routine.zones)}
        for zone_id in ("temple_left", "temple_right"):
            variants = head.label_variants(index[zone_id])
            assert FOCUS_MARK in variants[0] and FOCUS_MARK in variants[1]
        for zone_id in ("top", "crown"):
            assert not any(FOCUS_MARK in label for label in head.label_variants(index[zone_id]))
        assert head.zone_colour(index["temple_left"]) != head.zone_colour(index["top"])


async def test_focus_note_explains_the_blood_supply(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        note = plain(screen.query_one("#settings-focus .settings-note", Static))
        assert "temples and the top of the head" in note and "blood supply" in note


# --- pace ----------------------------------------------------------------------------------


async def at_the_passes_step(log):
    """An open session whose guide stands at the passes (the prep steps marked done)."""
    session = log.start_session()
    log.mark_step(session.id, "warm_hands")
    log.mark_step(session.id, "oil")
    return session


async def test_dwell_is_stored_and_the_pacer_and_the_guide_follow(log):
    await at_the_passes_step(log)
    app = make_app(log)
    app.monotonic = lambda: 1000.0  # the pacer stands still: only its dwell matters here
    async with app.run_test(size=SIZE) as pilot:
        assert "About 15 s here" in plain(app.screen.query_one(NowCard))
        await pilot.press("z", "p")  # the pacer runs with the old dwell
        await pilot.pause()
        zones = app.screen
        assert zones.query_one(PacerBar).pacer.duration == 15.0
        await open_settings(pilot)
        await type_into(pilot, "dwell_seconds", "20")
        assert log.settings().dwell_seconds == 20.0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is zones
        bar = zones.query_one(PacerBar)
        assert bar.pacer.on and bar.pacer.duration == 20.0  # the zone under the hands gets the new dwell
        await pilot.press("p")  # off: the idle line says the new pace
        await pilot.pause()
        assert "p counts 20 s a zone" in plain(bar)
        today = await close_to(pilot, "today")
        assert "About 20 s here" in plain(today.query_one(NowCard))


async def test_fewer_passes_are_allowed_but_called_partial_and_the_screens_follow(log):
    await at_the_passes_step(log)
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        assert "3 full-head passes" in plain(app.screen.query_one(StepList))
        await pilot.press("z")
        await pilot.pause()
        zones = app.screen
        assert zones.query_one(ChecklistView).checklist.columns == 3
        screen = await open_settings(pilot)
        await type_into(pilot, "passes", "2")
        assert log.settings().passes == 2
        assert "partial" in hint(screen, "passes")
        await pilot.press("escape")
        await pilot.pause()
        header = lines(zones.query_one(ChecklistView))[0]
        assert header.split() == ["pass", "1", "2"]  # two pass columns, no third
        today = await close_to(pilot, "today")
        assert "2 full-head passes" in plain(today.query_one(StepList))
        assert "Pass 1 of 2" in plain(today.query_one(NowCard))


async def test_bonus_passes_are_named(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "passes", "5")
        assert log.settings().passes == 5
        assert "3 full, 2 bonus" in hint(screen, "passes")


async def test_focus_multiplier_is_stored_and_the_estimate_follows(log):
    log.save_settings(focus_zones={"top"})
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "focus_multiplier", "3", then="tab")  # leaving the field saves too
        assert log.settings().focus_multiplier == 3.0
        # 3 passes x (10 zones x 15 s + 1 focus zone x 45 s) = 585 s
        assert "9 min 45 s" in plain(screen.query_one("#settings-estimate", Static))
        assert "focus 45 s" in hint(screen, "dwell_seconds")


async def test_pacer_sound_and_technique_are_stored(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#set-pacer_sound", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert log.settings().pacer_sound is False
        screen.query_one("#set-technique", Select).value = "kneading"
        await pilot.pause()
        assert log.settings().technique == "kneading"
    # A new session takes the stored technique.
    assert log.start_session().technique == "kneading"


# --- targets -------------------------------------------------------------------------------


async def test_days_per_week_is_stored_from_today_on(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await type_into(pilot, "days_per_week", "5")
    assert log.settings().days_per_week == 5
    assert log.settings_on(date(2026, 11, 21)).days_per_week == 7
    assert log.settings_on(date(2026, 11, 22)).days_per_week == 5


async def test_target_window_is_checked_and_today_shows_it(log):
    session = log.start_session()
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "target_min_minutes", "12")  # above the longest (10): refused
        assert log.settings().target_min_minutes == 5.0
        assert "longer than the longest" in status(screen)
        await type_into(pilot, "target_max_minutes", "20")
        await type_into(pilot, "target_min_minutes", "12")
        assert (log.settings().target_min_minutes, log.settings().target_max_minutes) == (12.0, 20.0)
        today = await close_to(pilot, "today")
        shown = plain(today.query_one(TargetBar))
        assert "to the 12-minute mark" in shown  # the running clock counts to the new shortest
        assert "12 min" in shown and "20 min" in shown and "10 min" not in shown  # the bar's marks
    assert session.id


async def test_day_start_moves_today_but_not_the_past(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "day_start", "10:00")  # it is 09:30 on Sunday: still Saturday's practice day
        assert log.settings().day_start == time(10, 0)
        assert log.today() == date(2026, 11, 21)
        await type_into(pilot, "day_start", "5:30")  # shown back in its stored form
        assert screen.query_one("#set-day_start", Input).value == "05:30"
        await type_into(pilot, "day_start", "25:00")
        assert log.settings().day_start == time(5, 30)
        assert "between 00:00 and 23:59" in hint(screen, "day_start")
        await type_into(pilot, "day_start", "10:00")
        today = await close_to(pilot, "today")
        assert today.query_one(ModeBar).right == "Sat 21 Nov 2026"


async def test_week_start_is_stored(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#set-week_start", Select)
        select.focus()
        await pilot.press("enter", "down", "enter")  # open, Sunday, choose
        await pilot.pause()
        assert log.settings().week_start == 6
        assert "week starts on Sunday" in status(screen)


# --- look ----------------------------------------------------------------------------------


async def test_theme_is_applied_stored_and_used_at_the_next_start(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#set-theme", Select).value = "scalp-moss"
        await pilot.pause()
        assert app.theme == "scalp-moss"
        assert log.settings().theme == "scalp-moss"
        # The heatmap and every screen draw with the theme's variables, which now are the app's own.
        assert app.theme_variables["success"].lower() == "#3fd068"
    again = make_app(log)
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == "scalp-moss"


async def test_a_theme_picked_outside_the_settings_is_stored_too(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
    assert log.settings().theme == "nord"


async def test_an_unknown_stored_theme_falls_back_with_a_notice(log):
    log.save_settings(theme="gone-theme")
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("gone-theme" in n.message for n in app._notifications)
    assert log.settings().theme == "gone-theme"  # nothing rewritten until the user picks one


# --- refusals and failures -----------------------------------------------------------------


async def test_a_bad_value_is_refused_and_escape_warns_once(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, "days_per_week", "9")
        assert log.settings().days_per_week == 7
        assert "1 to 7" in hint(screen, "days_per_week")
        assert screen.query_one("#set-days_per_week", Input).has_class("-refused")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen  # still open, the field focused
        assert app.focused is screen.query_one("#set-days_per_week", Input)
        assert any("not saved" in (n.title or "") for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert log.settings().days_per_week == 7


async def test_a_value_typed_then_escape_is_saved(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        field = screen.query_one("#set-dwell_seconds", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("1", "2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert log.settings().dwell_seconds == 12.0


async def test_a_failed_write_is_reported_not_raised(log, monkeypatch):
    def fail(**values):
        raise Unwritable("cannot write to the log: the disk is full")

    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        monkeypatch.setattr(log, "save_settings", fail)
        await type_into(pilot, "passes", "2")
        assert any("disk is full" in n.message for n in app._notifications)
        assert isinstance(app.screen, SettingsScreen)
    assert log.settings().passes == 3


async def test_the_theme_list_follows_a_theme_picked_over_the_settings(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        app.theme = "gruvbox"  # the palette's picker, opened over the settings
        await pilot.pause()
        assert screen.query_one("#set-theme", Select).value == "gruvbox"
        assert log.settings().theme == "gruvbox"
