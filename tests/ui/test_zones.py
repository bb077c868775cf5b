"""The Zones screen driven by keys: every check, undo and pacer step is asserted on the log."""

from __future__ import annotations

from datetime import UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock, make_app
from tests.zones_model import Model
from tui.store import Log
from tui.store.errors import Unwritable
from tui.ui.screens.zones import ZonesScreen
from tui.ui.widgets.zones.checklist import ChecklistView
from tui.ui.widgets.zones.headmap import HeadMap
from tui.ui.widgets.zones.pacerbar import PacerBar
from tui.ui.widgets.zones.zonestatus import ProgressLine

SIZE = (100, 30)


class Ticker:
    """The app's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def rows(log):
    """The open session's checks as (pass, zone), oldest first."""
    session = log.active_session()
    return [(c.pass_no, c.zone) for c in log.checks_for_session(session.id)] if session else []


def zones_app(log, ticker=None):
    app = make_app(log)
    app.monotonic = ticker or Ticker()
    return app


async def tick(pilot, screen):
    """Bring the pacer up to the fake clock's now, and let the screen act on what it reports."""
    screen.query_one(PacerBar).tick()
    await pilot.pause()


async def open_zones(pilot):
    await pilot.press("z")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ZonesScreen)
    return pilot.app.screen


async def test_space_and_enter_check_in_routine_order_and_start_the_session(log):
    zones = log.routine.zone_ids
    async with zones_app(log).run_test(size=SIZE) as pilot:
        await open_zones(pilot)
        assert log.active_session() is None
        await pilot.press("space", "enter", "space")
        assert rows(log) == [(1, zones[0]), (1, zones[1]), (1, zones[2])]
        assert len(log.sessions_between(log.today(), log.today())) == 1
        assert pilot.app.screen.work.checklist.cursor == (1, 3)


async def test_a_whole_session_wraps_pass_by_pass_and_then_opens_a_bonus_pass(log, clock):
    zones = log.routine.zone_ids
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        for _ in range(3 * len(zones) + 1):
            clock.advance(15)
            await pilot.press("space")
        expected = [(p, z) for p in (1, 2, 3) for z in zones] + [(4, zones[0])]
        assert rows(log) == expected
        assert screen.work.checklist.complete
        assert screen.query_one(ChecklistView).checklist.columns == 4
        assert screen.query_one(ProgressLine).text in (
            "✓ 3 of 3 passes done · bonus pass 4 · 1/11 zones",
            "✓ 3/3 passes · bonus 4: 1/11",
        )


async def test_undo_removes_exactly_the_last_row_and_repeats(log, clock):
    zones = log.routine.zone_ids
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        for _ in range(4):
            clock.advance(10)
            await pilot.press("space")
        before = [c.id for c in log.checks_for_session(log.active_session().id)]
        await pilot.press("u")
        after = [c.id for c in log.checks_for_session(log.active_session().id)]
        assert after == before[:-1]
        await pilot.press("u", "u")
        assert rows(log) == [(1, zones[0])]
        assert screen.work.checklist.cursor == (1, 1)  # back on the zone taken back
        await pilot.press("u", "u")  # the second has nothing left to undo
        assert rows(log) == []
        assert log.active_session() is not None  # undo never closes the session


async def test_moving_freely_then_checking_lands_where_the_cursor_is(log):
    zones = log.routine.zone_ids
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("j", "j", "down", "k")  # zone index 2
        await pilot.press("space")
        assert rows(log) == [(1, zones[2])]
        await pilot.press("right", "space")  # next zone (3), in pass 2
        assert rows(log) == [(1, zones[2]), (2, zones[3])]
        await pilot.press("left", "left", "up", "up", "up", "up", "up")
        assert screen.work.checklist.cursor == (1, 0)
        await pilot.press("space")
        assert rows(log)[-1] == (1, zones[0])
        await pilot.press("g")  # back on the next zone to do: pass 1, zone 1
        assert screen.work.checklist.cursor == (1, 1)


async def test_checking_a_zone_already_checked_writes_nothing(log):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("space", "k", "space")
        assert len(rows(log)) == 1
        assert screen.work.checklist.cursor == (1, 0)


async def test_a_check_resumes_a_paused_session(log):
    session = log.start_session()
    log.pause_session(session.id)
    async with zones_app(log).run_test(size=SIZE) as pilot:
        await open_zones(pilot)
        await pilot.press("space")
        assert log.session(session.id).running
        assert rows(log) == [(1, log.routine.zone_ids[0])]


async def test_reopening_resumes_on_the_next_zone_to_do(log):
    session = log.start_session()
    zones = log.routine.zone_ids
    for zone in zones[:5]:
        log.add_check(session.id, 1, zone)
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        assert screen.work.checklist.cursor == (1, 5)
        assert screen.query_one(ProgressLine).text == "Pass 1 of 3 · 5/11 zones"


async def test_the_screen_follows_a_session_started_and_checked_elsewhere(log):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("t")
        session = log.start_session()  # as the Today screen would
        log.add_check(session.id, 1, log.routine.zone_ids[0])
        await pilot.press("z")
        await pilot.pause()
        assert screen.work.session.id == session.id
        assert screen.work.checklist.cursor == (1, 1)
        await pilot.press("space")
        assert len(rows(log)) == 2


async def test_a_failed_write_is_reported_and_nothing_is_shown_as_done(log, monkeypatch):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("space")
        reported = []
        monkeypatch.setattr(pilot.app, "report_store_error", reported.append)

        def refuse(*args, **kwargs):
            raise Unwritable("cannot write to the log: the disk is full")

        monkeypatch.setattr(log, "add_check", refuse)
        await pilot.press("space")
        assert [str(e) for e in reported] == ["cannot write to the log: the disk is full"]
        assert screen.work.checklist.checks == ((1, 0),)
        assert screen.work.checklist.cursor == (1, 1)


async def test_pass_and_session_complete_are_announced(log):
    log.save_settings(passes=2)
    async with zones_app(log).run_test(size=SIZE) as pilot:
        await open_zones(pilot)
        await pilot.press(*["space"] * 11)
        shown = [(n.title, n.message) for n in pilot.app._notifications]
        assert [m for _, m in shown if m.startswith("Pass 1 done")]
        assert "Session complete" not in [t for t, _ in shown]
        await pilot.press(*["space"] * 11)
        titles = [n.title for n in pilot.app._notifications]
        # One notice at a time: the pass notice gave way to the session one.
        assert titles == ["Session complete"]
        assert pilot.app.screen.query_one(ProgressLine).has_class("-complete")


# --- the pacer ------------------------------------------------------------------------------


async def test_the_pacer_checks_and_advances_when_the_dwell_ends(log):
    ticker = Ticker()
    zones = log.routine.zone_ids
    app = zones_app(log, ticker)
    bells = []
    app.bell = lambda: bells.append(ticker.now)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        assert log.active_session() is not None  # pacing starts the session: the first zone's time counts
        ticker.now += 14.9
        await tick(pilot, screen)
        assert rows(log) == [] and bells == []
        ticker.now += 0.1
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[0])]
        assert bells == [1015.0]
        assert screen.query_one(PacerBar).has_class("-cue")
        assert screen.work.checklist.cursor == (1, 1)
        ticker.now += 15
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[0]), (1, zones[1])]
        assert len(bells) == 2


async def test_focus_zones_get_a_longer_dwell_and_no_bell_when_the_sound_is_off(log):
    ticker = Ticker()
    zones = log.routine.zone_ids
    log.save_settings(focus_zones=frozenset({zones[0]}), focus_multiplier=2.0, dwell_seconds=10, pacer_sound=False)
    app = zones_app(log, ticker)
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        ticker.now += 10
        await tick(pilot, screen)
        assert rows(log) == []  # the focus zone takes 20 s
        ticker.now += 10
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[0])]
        ticker.now += 10
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[0]), (1, zones[1])]
        assert bells == []


async def test_the_pacer_waits_while_the_session_is_paused(log):
    ticker = Ticker()
    app = zones_app(log, ticker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        session = log.active_session()
        ticker.now += 5
        await tick(pilot, screen)
        log.pause_session(session.id)  # from the Today screen or another terminal
        ticker.now += 1
        await tick(pilot, screen)  # the pacer notices within a second
        assert "session" in screen.pacer_bar.pacer.holds
        ticker.now += 300
        await tick(pilot, screen)
        assert rows(log) == []
        log.resume_session(session.id)
        ticker.now += 1
        await tick(pilot, screen)
        assert screen.pacer_bar.pacer.running
        ticker.now += 8.9
        await tick(pilot, screen)
        assert rows(log) == []
        ticker.now += 0.2
        await tick(pilot, screen)
        assert len(rows(log)) == 1


async def test_the_pacer_waits_while_another_mode_is_shown(log):
    ticker = Ticker()
    async with zones_app(log, ticker).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        ticker.now += 10
        await pilot.press("t")
        ticker.now += 600
        await tick(pilot, screen)
        assert rows(log) == []
        await pilot.press("z")
        await pilot.pause()
        ticker.now += 5
        await tick(pilot, screen)
        assert len(rows(log)) == 1


async def test_moving_restarts_the_dwell_and_p_turns_the_pacer_off(log):
    ticker = Ticker()
    zones = log.routine.zone_ids
    async with zones_app(log, ticker).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        ticker.now += 10
        await pilot.press("j")
        ticker.now += 10
        await tick(pilot, screen)
        assert rows(log) == []
        ticker.now += 5
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[1])]
        await pilot.press("p")
        assert not screen.pacer_bar.pacer.on
        ticker.now += 600
        await tick(pilot, screen)
        assert rows(log) == [(1, zones[1])]  # with the pacer off nothing moves on its own


async def test_the_pacer_stops_when_the_session_is_complete(log):
    ticker = Ticker()
    log.save_settings(passes=1, dwell_seconds=5)
    zones = log.routine.zone_ids
    async with zones_app(log, ticker).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        for _ in range(len(zones) + 3):
            ticker.now += 5
            await tick(pilot, screen)
        assert rows(log) == [(1, zone) for zone in zones]
        assert not screen.pacer_bar.pacer.on


# --- the widgets follow ---------------------------------------------------------------------


async def test_a_check_repaints_rows_not_the_whole_checklist(log):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("space")
        await pilot.pause()
        checklist = screen.query_one(ChecklistView)
        painted = []
        render_line = checklist.render_line
        checklist.render_line = lambda y: painted.append(y) or render_line(y)
        await pilot.press("space")
        await pilot.pause()
        assert painted and set(painted) <= {0, 2, 3}  # header, the checked row, the new cursor row


async def test_head_map_colours_follow_the_passes(log):
    async with zones_app(log).run_test(size=(120, 40)) as pilot:
        screen = await open_zones(pilot)
        head = screen.query_one(HeadMap)
        empty = head.zone_colour(5)
        await pilot.press("space")
        assert head.zone_colour(0) != empty
        assert "●○○" in head.label_variants(0)[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 16)])
async def test_every_zone_has_a_label_inside_the_diagram(log, size):
    async with zones_app(log).run_test(size=size) as pilot:
        screen = await open_zones(pilot)
        head = screen.query_one(HeadMap)
        labels = [label for row in head._ensure_labels().values() for label in row]
        assert sorted(label.zone for label in labels) == list(range(11))
        assert all(label.col >= 0 and label.end <= head.size.width for label in labels)


# --- random key sequences against the model -----------------------------------------------

MODEL_KEYS = {
    "space": lambda m: m.check(),
    "enter": lambda m: m.check(),
    "u": lambda m: m.undo(),
    "j": lambda m: m.move(zones=1),
    "down": lambda m: m.move(zones=1),
    "k": lambda m: m.move(zones=-1),
    "left": lambda m: m.move(passes=-1),
    "right": lambda m: m.move(passes=1),
    "g": lambda m: setattr(m, "cursor", m.next_to_do()),
}


@settings(max_examples=10, deadline=None)
@given(keys=st.lists(st.sampled_from(sorted(MODEL_KEYS) + ["space"] * 4), max_size=40))
async def test_random_keys_leave_the_log_where_the_model_says(keys):
    store = Log.memory(clock=FakeClock(), zone=UTC)
    model = Model(len(store.routine.zone_ids), store.settings().passes)
    try:
        async with zones_app(store).run_test(size=SIZE) as pilot:
            screen = await open_zones(pilot)
            for key in keys:
                await pilot.press(key)
                MODEL_KEYS[key](model)
            logged = [(p, store.routine.zone_ids.index(z)) for p, z in rows(store)]
            assert logged == model.checks
            assert screen.work.checklist.cursor == model.cursor
    finally:
        store.close()


async def test_the_palette_offers_the_zone_actions_and_they_work(log):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        commands = {command.title: command for command in screen.palette_commands()}
        assert set(commands) == {"Check zone", "Undo check", "Pacer on/off", "Next zone to do"}
        commands["Check zone"].callback()
        assert rows(log) == [(1, log.routine.zone_ids[0])]
        commands["Undo check"].callback()
        assert rows(log) == []


async def test_help_lists_the_zone_keys(log):
    async with zones_app(log).run_test(size=SIZE) as pilot:
        await open_zones(pilot)
        ids = [binding.id for title, bindings in pilot.app.help_sections() if title == "Zones" for binding in bindings]
        assert {"zones.check", "zones.undo", "zones.pacer", "zones.down", "zones.up"} <= set(ids)


async def test_clicking_a_zone_on_the_head_or_a_cell_moves_the_cursor(log):
    async with zones_app(log).run_test(size=(120, 40)) as pilot:
        screen = await open_zones(pilot)
        head = screen.query_one(HeadMap)
        crown = log.routine.zone_ids.index("crown")
        col, row = head._ensure_shape().anchors[crown]
        await pilot.click(HeadMap, offset=(col, row))
        assert screen.work.checklist.cursor == (1, crown)
        checklist = screen.query_one(ChecklistView)
        await pilot.click(ChecklistView, offset=(checklist.cells_start + 3 + 1, 1 + 2))  # pass 2, zone 2
        assert screen.work.checklist.cursor == (2, 2)
        assert rows(log) == []  # a click only moves; checking stays a key


async def test_a_dwell_that_ends_as_the_pacer_is_switched_off_checks_nothing(log):
    ticker = Ticker()
    async with zones_app(log, ticker).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        await pilot.press("p")
        ticker.now += 15
        screen.query_one(PacerBar).tick()  # the dwell ends: its message is on its way...
        screen.action_pacer()  # ...but the pacer is switched off first
        await pilot.pause()
        assert rows(log) == []
        assert not screen.pacer_bar.pacer.on


async def test_rows_the_routine_cannot_place_are_left_alone(log):
    session = log.start_session()
    log.add_check(session.id, 1, "hairline")
    log.conn.execute("UPDATE checks SET zone = 'ponytail'")  # as if imported from another routine
    async with zones_app(log).run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        assert screen.work.checklist.checks == ()
        await pilot.press("space")
        assert [c.zone for c in log.checks_for_session(session.id)] == ["ponytail", "hairline"]


async def test_the_widgets_draw_the_screens_view_not_the_working_checklist(log):
    """A check is committed, then shown through a new view; the widgets never hold the checklist being changed."""
    app = zones_app(log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        screen = app.screen
        shown = screen.view
        await pilot.press("space")
        await pilot.pause()
        assert rows(log) == [(1, log.routine.zone_ids[0])]
        assert shown.checklist.checks == ()  # the view shown before the check is as it was
        assert screen.view is not shown and screen.view.checklist.checks == ((1, 0),)
        for widget in (screen.query_one(ChecklistView), screen.query_one(HeadMap), screen.query_one(ProgressLine)):
            assert widget.view is screen.view
        assert screen.query_one(ChecklistView).checklist is not screen.work.checklist
        # Moving the working cursor alone changes nothing on screen until a new view is made.
        screen.work.checklist.move(zones=3)
        assert screen.query_one(ChecklistView).checklist.cursor == (1, 1)


async def test_the_checklist_and_the_head_map_keep_textuals_focus_method(log):
    # Both kept the focus zones in an attribute called `focus`, which hid Widget.focus():
    # anything focusing them (a query's .focus(), an app action) raised TypeError.
    app = zones_app(log)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_zones(pilot)
        for widget in (screen.query_one(ChecklistView), screen.query_one(HeadMap)):
            assert widget.focus() is widget  # Textual's method (they cannot take the focus: nothing moves)
        await pilot.pause()
        assert isinstance(app.screen, ZonesScreen)
