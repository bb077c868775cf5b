"""The checklist model: current pass, where the cursor goes after a check, undo, bonus passes."""

import pytest

from tui.core.checklist import Checklist

ZONES = ("a", "b", "c", "d")


def full(pass_no):
    return [(pass_no, zone) for zone in ZONES]


def test_a_new_checklist_starts_at_the_first_zone_of_pass_one():
    checklist = Checklist(ZONES, 3)
    assert checklist.cursor == (1, 0)
    assert checklist.current_pass == 1
    assert checklist.columns == 3
    assert not checklist.complete
    assert checklist.last is None


def test_checking_in_order_walks_down_then_wraps_to_the_next_pass():
    checklist = Checklist(ZONES, 3)
    visited = []
    for _ in range(9):
        visited.append(checklist.cursor)
        checklist.check(checklist.cursor)
    assert visited == [(1, 0), (1, 1), (1, 2), (1, 3), (2, 0), (2, 1), (2, 2), (2, 3), (3, 0)]
    assert checklist.current_pass == 3
    assert checklist.done_in_pass(3) == 1


def test_a_skipped_zone_is_offered_again_before_the_next_pass_opens():
    checklist = Checklist(ZONES, 3)
    checklist.check((1, 0))
    checklist.place((1, 2))  # skip b
    checklist.check((1, 2))
    assert checklist.cursor == (1, 3)
    checklist.check((1, 3))
    assert checklist.cursor == (1, 1)  # back to the gap of the current pass
    assert checklist.current_pass == 1
    outcome = checklist.check((1, 1))
    assert outcome.pass_completed and not outcome.session_completed
    assert checklist.cursor == (2, 0)


def test_checking_ahead_in_a_later_pass_continues_down_that_pass_then_returns_to_the_gaps():
    checklist = Checklist(ZONES, 3, full(1) + [(2, "a")])
    checklist.place((3, 2))
    checklist.check((3, 2))
    assert checklist.cursor == (3, 3)
    checklist.check((3, 3))
    assert checklist.cursor == (2, 1)  # the lowest pass with a gap, its first gap
    assert checklist.current_pass == 2


def test_completing_the_configured_passes_opens_a_bonus_pass():
    checklist = Checklist(ZONES, 2, full(1) + [(2, z) for z in "abc"])
    assert checklist.columns == 2
    outcome = checklist.check((2, 3))
    assert outcome.pass_completed and outcome.session_completed
    assert checklist.complete
    assert checklist.current_pass == 3
    assert checklist.columns == 3
    assert checklist.cursor == (3, 0)
    assert checklist.full_passes == 2
    outcome = checklist.check((3, 0))
    assert not outcome.session_completed  # only the first time the configured passes fill up


def test_undo_puts_the_cursor_back_on_the_cell_it_took_back():
    checklist = Checklist(ZONES, 3, full(1) + [(2, "a")])
    assert checklist.cursor == (2, 1)
    checklist.forget((2, 0))
    assert checklist.cursor == (2, 0)
    assert checklist.done_in_pass(2) == 0
    assert checklist.last == (1, 3)
    assert checklist.zone_passes(0) == 1


def test_undoing_the_only_bonus_check_keeps_the_bonus_pass_open():
    checklist = Checklist(ZONES, 1, full(1) + [(2, "a")])
    assert checklist.columns == 2
    checklist.forget((2, 0))
    assert checklist.columns == 2  # pass 1 is full, so the bonus pass stays open
    assert checklist.cursor == (2, 0)


def test_loading_resumes_after_the_newest_check():
    checklist = Checklist(ZONES, 3, [(1, "a"), (1, "b")])
    assert checklist.cursor == (1, 2)
    assert checklist.checks == ((1, 0), (1, 1))


def test_moving_stops_at_the_edges_of_the_grid():
    checklist = Checklist(ZONES, 3)
    assert checklist.move(zones=-1) == (1, 0)
    assert checklist.move(zones=10) == (1, 3)
    assert checklist.move(passes=5) == (3, 3)
    assert checklist.move(passes=-9) == (1, 3)
    assert checklist.place((9, 9)) == (3, 3)


def test_a_double_check_is_refused():
    checklist = Checklist(ZONES, 3, [(1, "a")])
    with pytest.raises(ValueError):
        checklist.check((1, 0))
    with pytest.raises(ValueError):
        checklist.forget((2, 0))


def test_counts_per_zone_and_pass():
    checklist = Checklist(ZONES, 3, full(1) + [(2, "b"), (4, "b")])
    assert checklist.zone_passes(1) == 3
    assert checklist.zone_passes(0) == 1
    assert checklist.done_in_pass(2) == 1
    assert checklist.columns == 4  # a stray check in pass 4 (imported) still shows
    assert checklist.current_pass == 2
