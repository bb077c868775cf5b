"""The Today screen driven by keys, with the fake clock; every assertion reads the log back."""

import io
from datetime import UTC, date, timedelta

import pytest
from rich.console import Console

from tests.conftest import FIXED_NOW, make_app
from tui.core.guide import PASSES_STEP
from tui.store import Log
from tui.ui.dialogs.confirm import ConfirmDialog
from tui.ui.dialogs.note import NoteDialog
from tui.ui.dialogs.ratings import RatingsDialog
from tui.ui.dialogs.summary import SummaryScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.state.today_view import load_today
from tui.ui.widgets.today.session_timer import SessionTimer

DAY = date(2026, 11, 22)


def check_passes(log: Log, session_id: str, passes: int) -> None:
    for pass_no in range(1, passes + 1):
        for zone in log.routine.zone_ids:
            log.add_check(session_id, pass_no, zone)


async def test_start_pause_resume_finish_store_the_moments(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        assert session is not None and session.started_at == FIXED_NOW and session.day == DAY

        clock.advance(120)
        await pilot.press("s")
        session = log.session(session.id)
        assert session.paused and session.pauses[-1].paused_at == FIXED_NOW + timedelta(seconds=120)

        clock.advance(60)
        await pilot.press("s")
        session = log.session(session.id)
        assert session.running and session.pauses[-1].resumed_at == FIXED_NOW + timedelta(seconds=180)

        check_passes(log, session.id, 3)
        clock.advance(300)
        await pilot.press("f")  # three passes: no question asked
        assert isinstance(app.screen, SummaryScreen)
        session = log.session(session.id)
        assert session.ended_at == FIXED_NOW + timedelta(seconds=480)
        assert session.elapsed(clock.now) == timedelta(seconds=420)  # the minute of pause left out
        assert log.active_session() is None


async def test_timer_shows_time_from_stored_timestamps(log: Log, clock):
    session = log.start_session()
    clock.advance(90)
    log.pause_session(session.id)
    clock.advance(600)  # paused for ten minutes: none of it counts
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        timer = app.screen.query_one(SessionTimer)
        assert timer.elapsed_text == "1:30"
        await pilot.press("s")
        clock.advance(45)
        await pilot.pause(1.2)  # let the one-second refresh run
        assert timer.elapsed_text == "2:15"


async def test_finish_with_too_few_passes_asks_first(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        check_passes(log, session.id, 1)
        clock.advance(200)
        await pilot.press("f")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, TodayScreen)
        assert not log.session(session.id).finished
        await pilot.press("f", "enter")  # enter is not a yes
        assert isinstance(app.screen, ConfirmDialog) and not log.session(session.id).finished
        await pilot.press("y")
        assert isinstance(app.screen, SummaryScreen)
        assert log.session(session.id).ended_at == FIXED_NOW + timedelta(seconds=200)


async def test_finishing_while_paused_leaves_the_pause_out(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        clock.advance(100)
        await pilot.press("s")
        clock.advance(500)
        await pilot.press("f", "y")
        session = log.session(session.id)
        assert session.finished and session.elapsed(clock.now) == timedelta(seconds=100)


def finish_a_full_session(log: Log, clock) -> str:
    """Today's session with its three passes, eight minutes long, finished; its id."""
    first = log.start_session()
    check_passes(log, first.id, 3)
    clock.advance(480)
    log.finish_session(first.id)
    return first.id


async def test_second_session_of_the_day_needs_a_yes(log: Log, clock):
    first_id = finish_a_full_session(log, clock)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("s")  # a second s is not a yes either
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        assert len(log.sessions_between(DAY, DAY)) == 1
        await pilot.press("s", "y")
        sessions = log.sessions_between(DAY, DAY)
        assert len(sessions) == 2 and sessions[-1].running and sessions[0].id == first_id


async def test_steps_advance_and_go_back(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("space")  # nothing to step through before the start
        assert log.active_session() is None
        await pilot.press("s", "space")
        session = log.active_session()
        assert log.step_marks(session.id) == ["warm_hands"]
        assert screen.view.guide.step.id == "oil"
        await pilot.press("o", "space")
        assert log.session(session.id).oil
        assert screen.view.guide.step.id == PASSES_STEP
        await pilot.press("b")
        assert log.step_marks(session.id) == ["warm_hands"]
        assert screen.view.guide.step.id == "oil"
        await pilot.press("space")
        # The passes follow the checklist: completing three moves the guide to the finish.
        check_passes(log, session.id, 3)
        app.screen.refresh_data()
        assert screen.view.guide.step.id == "pressure_points"
        await pilot.press("space", "space")
        assert screen.view.guide.finished_all
        assert log.step_marks(session.id) == ["warm_hands", "oil", "pressure_points", "ears_neck"]


async def test_moving_on_from_unfinished_passes_is_recorded(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "space", "space", "space")
        session = log.active_session()
        assert PASSES_STEP in log.step_marks(session.id)
        assert app.screen.view.guide.step.id == "pressure_points"


async def test_technique_keys(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "s")  # picked before the start: used for the session
        session = log.active_session()
        assert session.technique == "kneading"
        await pilot.press("4")
        assert log.session(session.id).technique == "raking"
        await pilot.press("5")  # no technique on 5: nothing changes
        assert log.session(session.id).technique == "raking"


async def test_note_is_saved_with_ctrl_s_and_kept_on_escape(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")  # no session yet: no note
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("s", "n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"tight at the crown", "enter", *"better after oil", "ctrl+s")
        session = log.active_session()
        assert log.session(session.id).note == "tight at the crown\nbetter after oil"
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("n", "escape")  # nothing edited: closes at once
        assert isinstance(app.screen, TodayScreen)
        assert log.session(session.id).note == "tight at the crown\nbetter after oil"


async def test_typing_adds_to_the_note_instead_of_replacing_it(log: Log, clock):
    session = log.start_session()
    log.update_session(session.id, note="hello world")
    app = make_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *" and more", "ctrl+s")
        assert log.session(session.id).note == "hello world and more"


async def test_escape_with_edits_asks_first(log: Log, clock):
    session = log.start_session()
    log.update_session(session.id, note="kept")
    app = make_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *" typed", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing: the edits are still there
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*" more", "escape", "y")
        assert isinstance(app.screen, TodayScreen)
        assert log.session(session.id).note == "kept"


async def test_an_overlong_note_is_refused_whole_and_kept_in_the_editor(log: Log, clock):
    session = log.start_session()
    log.update_session(session.id, note="x" * 10_000)
    app = make_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "y", "ctrl+s")
        assert isinstance(app.screen, NoteDialog)
        assert log.session(session.id).note == "x" * 10_000
        status = str(app.screen.query_one("#note-status").render())
        assert "10,001 characters" in status and "at most 10,000" in status
        await pilot.press("backspace", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert log.session(session.id).note == "x" * 10_000


async def test_ratings_are_saved_key_by_key(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "r")
        assert isinstance(app.screen, RatingsDialog)
        session = log.active_session()
        await pilot.press("4", "2")  # stress 4, then headache 2 (the cursor moves down)
        assert log.ratings(session.id) == {("before", "stress"): 4, ("before", "headache"): 2}
        await pilot.press("up", "0")  # clear the headache
        assert log.ratings(session.id) == {("before", "stress"): 4}
        await pilot.press("tab", "up", "2", "escape")
        assert log.ratings(session.id) == {("before", "stress"): 4, ("after", "stress"): 2}
        assert isinstance(app.screen, TodayScreen)


async def test_summary_offers_after_ratings_and_closes(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        check_passes(log, session.id, 3)
        clock.advance(420)
        await pilot.press("f", "r")
        assert isinstance(app.screen, RatingsDialog)
        await pilot.press("2", "escape")
        assert isinstance(app.screen, SummaryScreen)
        assert log.ratings(session.id) == {("after", "stress"): 2}
        await pilot.press("enter")
        assert isinstance(app.screen, TodayScreen)


async def test_reopening_after_a_kill_shows_the_session_paused(log: Log, clock):
    session = log.start_session()
    clock.advance(200)
    log.touch_session(session.id)
    clock.advance(3600)  # the app died after its last heartbeat
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        repaired = log.session(session.id)
        assert repaired.paused and repaired.pauses[-1].paused_at == FIXED_NOW + timedelta(seconds=200)
        assert app.screen.query_one(SessionTimer).elapsed_text == "3:20"
        await pilot.press("s")
        clock.advance(30)
        assert log.session(session.id).elapsed(clock.now) == timedelta(seconds=230)


async def test_a_session_left_open_overnight_is_closed_and_today_starts_fresh(log: Log, clock):
    session = log.start_session()
    check_passes(log, session.id, 3)
    clock.advance(minutes=7)
    log.pause_session(session.id)
    clock.advance(hours=23)  # next morning
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        closed = log.session(session.id)
        assert closed.finished and closed.ended_at == FIXED_NOW + timedelta(minutes=7)
        assert app.screen.view.session is None  # today has no session yet
        await pilot.press("s")  # no "another session?" question: yesterday's is not today's
        today = log.today()
        assert today == DAY + timedelta(days=1)
        assert len(log.sessions_between(today, today)) == 1
        assert log.day_summaries(DAY, DAY)[DAY].sessions == 1


async def test_heartbeat_keeps_the_session_alive_and_closes_it_at_the_day_boundary(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        clock.advance(5)
        app.session_keeper.beat()
        assert log.session(session.id).last_seen_at == clock.now
        # Still running with the app open as the practice day ends at 04:00.
        clock.now = FIXED_NOW.replace(hour=3, minute=59, second=58) + timedelta(days=1)
        app.session_keeper.beat()
        assert log.session(session.id).running
        clock.advance(5)
        app.session_keeper.beat()
        await pilot.pause()
        closed = log.session(session.id)
        last_beat = FIXED_NOW.replace(hour=3, minute=59, second=58) + timedelta(days=1)
        assert closed.finished and closed.ended_at == last_beat
        assert app.screen.view.session is None


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_every_state_renders_at_small_and_large_sizes(log: Log, clock, size):
    app = make_app(log)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", "space", "space")
        session = log.active_session()
        check_passes(log, session.id, 1)
        app.screen.refresh_data()
        await pilot.press("4", "s")
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        await pilot.press("s", "f", "y")
        assert isinstance(app.screen, SummaryScreen)


async def test_quitting_mid_session_stops_the_clock(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        clock.advance(75)
        await pilot.press("q")
    session = log.session(session.id)
    assert session.paused and not session.finished
    assert session.pauses[-1].paused_at == FIXED_NOW + timedelta(seconds=75)


async def test_a_refused_write_is_one_clear_line_and_nothing_is_shown_as_done(log: Log, clock, monkeypatch):
    from tui.store.errors import Unwritable

    def refuse(*args, **kwargs):
        raise Unwritable("cannot write to scalp.db: the disk is full")

    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(log, "start_session", refuse)
        await pilot.press("s")
        await pilot.pause()
        assert log.active_session() is None
        assert app.screen.view.session is None
        messages = [n.message for n in app._notifications]
        assert messages == ["cannot write to scalp.db: the disk is full"]


async def test_palette_offers_what_the_keys_offer(log: Log, clock):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = {c.title for c in app.screen.palette_commands()}
        assert "Start session" in titles and "Pause session" not in titles
        assert "Technique: Kneading" in titles
        await pilot.press("s")
        titles = {c.title for c in app.screen.palette_commands()}
        assert {"Pause session", "Finish session", "Next step", "Session note"} <= titles
        assert "Start session" not in titles
        pause = next(c for c in app.screen.palette_commands() if c.title == "Pause session")
        pause.callback()
        assert log.active_session().paused


async def test_a_session_in_progress_at_the_day_start_keeps_going_on_its_own_day(log: Log, clock):
    clock.now = FIXED_NOW.replace(hour=3, minute=50) + timedelta(days=1)  # 03:50, still day DAY
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        session = log.active_session()
        assert session.day == DAY
        clock.advance(minutes=15)  # 04:05: a new practice day has begun
        app.session_keeper.beat()
        await pilot.pause()
        assert log.session(session.id).running  # not cut off mid-massage
        log.add_check(session.id, 1, "crown")
        assert [c.day for c in log.checks_for_session(session.id)] == [DAY]
        clock.advance(hours=3)  # long forgotten: now it is closed, once, on its own day
        app.session_keeper.beat()
        await pilot.pause()
        assert log.session(session.id).finished
        assert log.day_summaries(DAY, DAY + timedelta(days=1)).keys() == {DAY}


async def test_quitting_a_second_window_leaves_the_first_ones_session_running(tmp_path, clock):
    # Two apps on one file, as two terminal windows: B quits while A runs the session.
    first = Log.open(tmp_path / "scalp.db", clock=clock, zone=UTC)
    second = Log.open(tmp_path / "scalp.db", clock=clock, zone=UTC)
    app_a, app_b = make_app(first), make_app(second)
    async with app_a.run_test(size=(100, 30)) as pilot_a:
        await pilot_a.press("s")
        async with app_b.run_test(size=(100, 30)) as pilot_b:
            await pilot_b.pause()
            clock.advance(30)
            await pilot_b.press("q")
        session = first.active_session()
        assert session.running, "quitting the second window paused the first one's session"
        clock.advance(30)
        await pilot_a.press("q")
    # The last app to close pauses it, as a lone app does.
    session = first.session(session.id)
    assert session.paused and session.pauses[-1].paused_at == FIXED_NOW + timedelta(seconds=60)
    first.close()
    second.close()


def selects_during(log: Log):
    """A list that collects every SELECT the log's connection runs while the block is active."""
    seen: list[str] = []

    class Counting:
        def __enter__(self):
            log.conn.set_trace_callback(
                lambda sql: seen.append(sql) if sql.lstrip().upper().startswith(("SELECT", "WITH")) else None
            )
            return seen

        def __exit__(self, *exc):
            log.conn.set_trace_callback(None)

    return Counting()


async def test_a_step_marked_is_shown_without_reading_the_day_again(file_log: Log, clock):
    """`space` writes the mark and updates the view from what it wrote: no re-read of the week, streak or session."""
    log = file_log
    for back in range(1, 40):
        log.log_session(DAY - timedelta(days=back), passes=3, minutes=8)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        # The idle work (the other screens built ahead read the log too) is over first, so that
        # only the key's own reads are counted, however slow the machine.
        for _ in range(200):
            if app.idle_work_done:
                break
            await pilot.pause(0.05)
        assert app.idle_work_done
        with selects_during(log) as full_read:
            app.screen.refresh_data()
        with selects_during(log) as space:
            await pilot.press("space")
            await pilot.pause()
        assert log.step_marks(log.active_session().id) == ["warm_hands"]
        assert app.screen.view.guide.step.id == "oil"
        assert app.screen.view.streak == 39 and app.screen.view == replace_stamp(
            load_today(log), app.screen.view
        )
    # The mark's own write reads a few rows (the session, the marks); the day's line of the week
    # is read again. A full read of the view (what every key cost before) is far more.
    week_start = (DAY - timedelta(days=6)).isoformat()
    assert any(week_start in sql for sql in full_read)
    assert not any(week_start in sql for sql in space), "the week (and so the whole view) was read again"
    assert len(space) <= 16 < len(full_read) + 12


def replace_stamp(fresh, shown):
    """``fresh`` with the stamp of ``shown``: the two views then compare by what they show."""
    from dataclasses import replace

    return replace(fresh, stamp=shown.stamp)


async def test_a_change_by_another_process_between_two_keys_is_seen(file_log: Log, clock):
    """The view is in step with the log only while nobody else wrote: a check from elsewhere is read."""
    log = file_log
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "space", "space")  # warm hands, oil: on to the passes
        session = log.active_session()
        other = Log.open(log.path, clock=clock, zone=UTC)
        for zone in log.routine.zone_ids:
            other.add_check(session.id, 1, zone)
        other.close()
        await pilot.press("space")  # moves on from the passes, knowing one is done
        await pilot.pause()
        assert app.screen.view.guide.progress.full_passes == 1
        assert log.step_marks(session.id) == ["warm_hands", "oil", PASSES_STEP]


@pytest.mark.parametrize("full_passes", [0, 1])
async def test_finish_question_and_summary_say_the_same_about_a_short_session(log: Log, clock, full_passes):
    from tui.core.summary import NO_FULL_PASS, PARTIAL_SESSION

    words = PARTIAL_SESSION if full_passes else NO_FULL_PASS
    session = log.start_session()
    check_passes(log, session.id, full_passes)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, ConfirmDialog)
        assert words in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        assert isinstance(app.screen, SummaryScreen)
        assert log.session(session.id).ended_at is not None
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.summary_table())
        assert words in console.export_text()


async def test_the_passes_step_names_the_step_space_goes_on_to(log: Log, clock):
    from tui.ui.widgets.today.step_guide import NowCard

    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "space", "space")
        assert app.screen.view.guide.step.id == PASSES_STEP
        console = Console(width=90, record=True, file=io.StringIO())
        console.print(app.screen.query_one(NowCard).render())
        shown = console.export_text()
        assert "space: next step" in shown and "Up next: Pressure points" in shown
        assert "on to the finish" not in shown
        await pilot.press("space")
        assert app.screen.view.guide.step.id == "pressure_points"


@pytest.mark.parametrize(("before", "new_best"), [([1, 2], True), ([1, 2, 10, 11, 12, 13], False)])
async def test_the_summary_says_when_the_streak_is_a_new_best(log: Log, clock, before, new_best):
    for back in before:  # yesterday and the day before, and perhaps an older, longer run
        log.log_session(DAY - timedelta(days=back), passes=3, minutes=8)
    session = log.start_session()
    check_passes(log, session.id, 3)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, SummaryScreen)
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.summary_table())
        shown = console.export_text()
        assert "3 days" in shown
        assert ("a new best" in shown) is new_best


# A key is offered by what the screen showed; the action reads the log again first. When the
# log changed in between (the day turned before the screen's day check, another window wrote),
# the action found no session, or an open one, where the key expected otherwise, and the app died.


async def test_another_session_asked_for_on_a_day_that_has_turned_does_nothing(log: Log, clock):
    finish_a_full_session(log, clock)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        clock.advance(hours=23)  # the next practice day, before the screen's own day check
        await pilot.press("s")  # offered as "New session" by yesterday's finished one
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.view.day == DAY + timedelta(days=1) and app.screen.view.session is None
        assert log.active_session() is None


async def test_another_session_asked_for_while_one_opened_elsewhere_does_nothing(log: Log, clock):
    first = log.start_session()
    clock.advance(480)
    log.finish_session(first.id)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        second = log.start_session()  # in another window
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.view.session.id == second.id and log.session(second.id).running


@pytest.mark.parametrize("key", ["s", "f", "space", "b", "o"])
async def test_a_session_key_pressed_after_the_session_ended_with_the_day_does_nothing(log: Log, clock, key):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "space")  # started, one step marked: pause, finish, next, back, oil offered
        session = log.active_session()
        clock.advance(60)
        log.finish_session(session.id)  # closed elsewhere (another window, the day-start repair)
        clock.advance(hours=23)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.view.session is None
        assert log.step_marks(session.id) == ["warm_hands"] and not log.session(session.id).oil
