"""The guided sequence: steps in order, the current step, and pass progress from checks."""

from datetime import date, datetime, timezone

from tui.core.guide import CURRENT, DONE, PASSES_STEP, SKIPPED, TODO, build_guide, guide_steps
from tui.core.models import Check
from tui.core.routine import default_routine

ROUTINE = default_routine()
ZONES = ROUTINE.zone_ids
AT = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


def checks(*pairs: tuple[int, str]) -> list[Check]:
    return [Check(f"c{i}", "s", date(2026, 11, 22), p, z, AT) for i, (p, z) in enumerate(pairs)]


def full_passes(n: int) -> list[tuple[int, str]]:
    return [(p, z) for p in range(1, n + 1) for z in ZONES]


def test_sequence_is_prep_then_passes_then_finish():
    steps = guide_steps(ROUTINE, 3)
    assert [s.phase for s in steps] == ["prep", "prep", "passes", "finish", "finish"]
    assert [s.id for s in steps] == ["warm_hands", "oil", PASSES_STEP, "pressure_points", "ears_neck"]
    assert steps[1].optional and steps[2].name == "3 full-head passes"


def test_fresh_session_starts_at_the_first_step():
    guide = build_guide(ROUTINE, 3, [], [])
    assert guide.current == 0 and guide.step.id == "warm_hands"
    assert [guide.state(i) for i in range(5)] == [CURRENT, TODO, TODO, TODO, TODO]


def test_marks_move_the_current_step_and_unmarked_steps_behind_are_skipped():
    guide = build_guide(ROUTINE, 3, [], ["oil"])
    assert guide.step.id == PASSES_STEP
    assert guide.state(0) == SKIPPED and guide.state(1) == DONE


def test_a_check_brings_the_user_to_the_passes_even_without_marks():
    guide = build_guide(ROUTINE, 3, checks((1, "hairline")), [])
    assert guide.step.id == PASSES_STEP
    assert guide.progress.current_pass == 1 and guide.progress.zones_in_current == 1
    assert guide.progress.next_zone == "temple_left"


def test_reaching_the_target_moves_past_the_passes():
    guide = build_guide(ROUTINE, 3, checks(*full_passes(3)), ["warm_hands"])
    assert guide.step.id == "pressure_points"
    assert guide.state(2) == DONE and guide.state(1) == SKIPPED


def test_passes_marked_done_early_show_as_skipped_not_done():
    guide = build_guide(ROUTINE, 3, checks(*full_passes(1)), [PASSES_STEP])
    assert guide.step.id == "pressure_points"
    assert guide.state(2) == SKIPPED


def test_all_steps_behind():
    ids = ["warm_hands", "oil", PASSES_STEP, "pressure_points", "ears_neck"]
    guide = build_guide(ROUTINE, 3, [], ids)
    assert guide.finished_all and guide.step is None


def test_pass_progress_counts_full_and_bonus_passes_and_ignores_holes():
    # Pass 1 and 2 full, pass 3 missing one zone, pass 4 full: 3 full passes, pass 3 is current.
    pairs = full_passes(2) + [(3, z) for z in ZONES[:-1]] + [(4, z) for z in ZONES]
    progress = build_guide(ROUTINE, 3, checks(*pairs), []).progress
    assert progress.full_passes == 3 and progress.complete
    assert progress.current_pass == 3 and progress.next_zone == ZONES[-1]
    assert progress.bonus_passes == 0
    more = build_guide(ROUTINE, 3, checks(*full_passes(5)), []).progress
    assert more.full_passes == 5 and more.bonus_passes == 2 and more.current_pass == 6


def test_zone_pass_counts():
    progress = build_guide(ROUTINE, 3, checks((1, "crown"), (2, "crown"), (1, "nape")), []).progress
    assert progress.passes_of("crown") == 2 and progress.passes_of("nape") == 1 and progress.passes_of("top") == 0
