"""Durations, target bands and the end-of-session summary."""

from datetime import date, datetime, timedelta, timezone

from tui.core.guide import pass_progress
from tui.core.models import Check, Pause, Session, Settings
from tui.core.routine import default_routine
from tui.core.summary import IN_TARGET, OVER, UNDER, format_duration, summarize, target_band

ROUTINE = default_routine()
SETTINGS = Settings.from_routine(ROUTINE)  # target 5-10 min, 3 passes
T0 = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


def test_format_duration():
    assert format_duration(timedelta(0)) == "0:00"
    assert format_duration(timedelta(seconds=59.9)) == "0:59"
    assert format_duration(timedelta(minutes=8, seconds=5)) == "8:05"
    assert format_duration(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"
    assert format_duration(timedelta(seconds=-5)) == "0:00"


def test_target_band_edges():
    assert target_band(timedelta(minutes=4, seconds=59), SETTINGS) == UNDER
    assert target_band(timedelta(minutes=5), SETTINGS) == IN_TARGET
    assert target_band(timedelta(minutes=10), SETTINGS) == IN_TARGET
    assert target_band(timedelta(minutes=10, seconds=1), SETTINGS) == OVER


def test_summary_of_a_partial_session_with_a_pause():
    session = Session(
        "s",
        date(2026, 11, 22),
        T0,
        ended_at=T0 + timedelta(minutes=9),
        pauses=(Pause("p", "s", T0 + timedelta(minutes=2), T0 + timedelta(minutes=5)),),
    )
    zones = ROUTINE.zone_ids
    pairs = [(p, z) for p in (1, 2) for z in zones] + [(3, z) for z in zones[:9]]
    checks = [Check(str(i), "s", session.day, p, z, T0) for i, (p, z) in enumerate(pairs)]
    settings = SETTINGS.with_values(focus_zones=frozenset({"top", "nape"}))
    summary = summarize(session, pass_progress(ROUTINE, 3, checks), settings, T0 + timedelta(hours=1), streak=4)
    assert summary.duration == timedelta(minutes=6)
    assert summary.band == IN_TARGET
    assert summary.full_passes == 2 and not summary.complete and summary.bonus_passes == 0
    assert [(m.zone, m.passes) for m in summary.missed] == [(zones[9], 2), (zones[10], 2)]
    assert [(f.zone, f.passes) for f in summary.focus] == [("top", 3), ("nape", 2)]
    assert summary.streak == 4


def test_a_short_session_is_named_by_whether_it_has_a_full_pass():
    from tui.core.summary import NO_FULL_PASS, PARTIAL_SESSION, short_of_target

    assert short_of_target(0) == NO_FULL_PASS and "does not count as practised" in NO_FULL_PASS
    assert short_of_target(2) == PARTIAL_SESSION and "counts as practised" in PARTIAL_SESSION
