"""Snapshots of the Today screen in each state, on the fake clock with days in UTC."""

from tests.conftest import make_app
from tui.store import Log


def session_in_pass_two(log: Log, clock, technique: str = "circles"):
    """A session started six minutes ago: prep done with oil, one full pass and four zones of the next."""
    session = log.start_session(technique=technique)
    log.mark_step(session.id, "warm_hands")
    log.update_session(session.id, oil=True)
    log.mark_step(session.id, "oil")
    log.set_rating(session.id, "before", "stress", 4)
    log.set_rating(session.id, "before", "scalp", 2)
    zones = log.routine.zone_ids
    for zone in zones:
        clock.advance(15)
        log.add_check(session.id, 1, zone)
    for zone in zones[:4]:
        clock.advance(15)
        log.add_check(session.id, 2, zone)
    clock.advance(seconds=6 * 60 - 15 * 15)
    log.touch_session(session.id)  # the heartbeat of the app that is running it
    return session


def test_idle(snap_compare, log):
    assert snap_compare(make_app(log), terminal_size=(80, 24))


def test_running(snap_compare, log, clock):
    session_in_pass_two(log, clock)
    assert snap_compare(make_app(log), terminal_size=(80, 24))


def test_running_large_with_raking(snap_compare, log, clock):
    log.save_settings(focus_zones={"top", "crown"})
    session_in_pass_two(log, clock, technique="raking")
    assert snap_compare(make_app(log), terminal_size=(160, 50))


def test_paused(snap_compare, log, clock):
    session = session_in_pass_two(log, clock)
    log.pause_session(session.id)
    clock.advance(minutes=3)  # paused time never shows on the clock
    assert snap_compare(make_app(log), terminal_size=(80, 24))


def test_finish_steps(snap_compare, log, clock):
    session = session_in_pass_two(log, clock)
    zones = log.routine.zone_ids
    for pass_no, rest in ((2, zones[4:]), (3, zones)):
        for zone in rest:
            log.add_check(session.id, pass_no, zone)
    clock.advance(minutes=3)
    log.touch_session(session.id)
    assert snap_compare(make_app(log), terminal_size=(100, 30))


def test_summary(snap_compare, log, clock):
    log.save_settings(focus_zones={"top", "nape"})
    # Yesterday's full session makes a two-day streak with today's.
    clock.advance(days=-1)
    log.log_session(log.today(), passes=3, minutes=8)
    clock.advance(days=1)
    session = session_in_pass_two(log, clock)
    log.update_session(session.id, note="tight at the crown today")

    async def finish(pilot):
        clock.advance(minutes=2, seconds=10)
        await pilot.press("f", "y")

    assert snap_compare(make_app(log), terminal_size=(80, 24), run_before=finish)


def test_confirm_another_session(snap_compare, log, clock):
    session = session_in_pass_two(log, clock)
    log.finish_session(session.id)
    clock.advance(minutes=30)

    async def start_again(pilot):
        await pilot.press("s")

    assert snap_compare(make_app(log), terminal_size=(80, 24), run_before=start_again)


def test_ratings_dialog(snap_compare, log, clock):
    session_in_pass_two(log, clock)

    async def rate(pilot):
        await pilot.press("r", "down")

    assert snap_compare(make_app(log), terminal_size=(80, 24), run_before=rate)
