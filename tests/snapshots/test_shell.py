"""Snapshots of what every screen shares: the help dialog, the too-small notice, Zones at 100x30."""

from tests.conftest import make_app


def test_help_lists_every_key(snap_compare, log):
    assert snap_compare(make_app(log), terminal_size=(100, 30), press=["question_mark"])


def test_a_too_small_terminal_says_so(snap_compare, log):
    assert snap_compare(make_app(log), terminal_size=(50, 15))


def test_zones_at_100x30_mid_pass(snap_compare, log, clock):
    session = log.start_session()
    for zone in log.routine.zone_ids[:5]:
        clock.advance(15)
        log.add_check(session.id, 1, zone)
    log.touch_session(session.id)
    assert snap_compare(make_app(log), terminal_size=(100, 30), press=["z"])
