"""The status reader: same answers as the Log, never a write, never a heavy import."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXED_NOW, FakeClock
from tests.unit.test_streak import oracle
from tui.core.calendar import practice_day as calendar_practice_day
from tui.core.quick_routine import routine_file, status_facts
from tui.core.routine import ROUTINE_FILE, data_dir, default_routine
from tui.store import Log
from tui.store.errors import CorruptDatabase, ForeignDatabase, NotADatabase
from tui.store.glance import glance, practice_day

TODAY = date(2026, 11, 22)


def test_quick_routine_facts_match_the_full_loader():
    routine = default_routine()
    assert Path(routine_file()) == data_dir() / ROUTINE_FILE
    assert status_facts() == (len(routine.zones), routine.defaults.passes, routine.defaults.day_start.strftime("%H:%M"))


def test_quick_routine_falls_back_to_the_loader_on_an_odd_file(tmp_path):
    odd = tmp_path / "routine.toml"
    # Valid TOML the line scanner does not understand (inline defaults): the loader decides.
    text = (data_dir() / ROUTINE_FILE).read_text(encoding="utf-8")
    head, _, _ = text.partition("[defaults]")
    inline = (
        "defaults = { passes = 4, dwell_seconds = 15, focus_multiplier = 1.5, target_min_minutes = 5, "
        'target_max_minutes = 10, day_start = "05:30", days_per_week = 7, technique = "circles" }\n'
    )
    odd.write_text(inline + head, encoding="utf-8")  # a top-level key must come before any table
    assert status_facts(str(odd)) == (11, 4, "05:30")


@pytest.mark.parametrize("hour", [0, 3, 4, 5, 23])
@pytest.mark.parametrize("zone", [timezone.utc, timezone(timedelta(hours=-7)), timezone(timedelta(hours=13))])
def test_practice_day_matches_the_calendar(hour, zone):
    now = datetime(2026, 3, 29, hour, 59, tzinfo=timezone.utc)
    assert practice_day(now, time(4), zone) == calendar_practice_day(now, time(4), zone)


# A history as segments going back from today: (kind, length), so long runs are common.
segments = st.lists(
    st.tuples(st.sampled_from(["full", "partial", "rest", "gap", "two"]), st.integers(1, 45)), max_size=6
)


def _write(log: Log, plan: list[tuple[str, int]]) -> None:
    day = TODAY
    for kind, length in plan:
        for _ in range(length):
            if kind == "full":
                log.log_session(day, passes=3, minutes=8.5)
            elif kind == "two":
                log.log_session(day, passes=1, minutes=3)
                log.log_session(day, passes=2, minutes=4.25)
            elif kind == "partial":
                # A session whose only pass misses a zone: no full pass, the day is not kept.
                session = log.log_session(day, passes=0, minutes=2)
                for zone in log.routine.zone_ids[:-1]:
                    log.add_check(session.id, 1, zone)
            elif kind == "rest":
                log.set_rest(day, "ill")
            day -= timedelta(days=1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=segments)
def test_glance_agrees_with_the_log(plan):
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scalp.db"
        log = Log.open(path, clock=clock, zone=timezone.utc)
        log.conn.execute("PRAGMA synchronous = OFF")  # speed only: the test never crashes mid-write
        _write(log, plan)
        first = TODAY - timedelta(days=400)
        summaries = log.day_summaries(first, TODAY)
        practised = {d for d, s in summaries.items() if s.passes > 0}
        rest = {d for d, s in summaries.items() if s.rest}
        today = summaries.get(TODAY)
        log.close()
        seen = glance(path, now=clock(), zone=timezone.utc)
    assert seen.day == TODAY
    assert seen.passes == (today.passes if today else 0)
    assert seen.minutes == pytest.approx(today.minutes if today else 0.0)
    assert seen.rest_reason == (today.rest_reason if today else None)
    assert seen.streak == oracle({d for d in practised | rest if d <= TODAY}, TODAY)


def test_long_streak_reads_past_the_first_windows(tmp_path):
    log = Log.open(tmp_path / "scalp.db", clock=FakeClock(), zone=timezone.utc)
    log.conn.execute("PRAGMA synchronous = OFF")
    for back in range(1, 101):
        log.log_session(TODAY - timedelta(days=back), passes=3, minutes=8)
    log.log_session(TODAY - timedelta(days=102), passes=3, minutes=8)
    log.close()
    assert glance(tmp_path / "scalp.db", now=FIXED_NOW, zone=timezone.utc).streak == 100


def test_open_session_minutes_run_to_now_minus_pauses(tmp_path, clock):
    log = Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc)
    session = log.start_session()
    clock.advance(minutes=3)
    log.pause_session(session.id)
    clock.advance(minutes=10)
    log.resume_session(session.id)
    clock.advance(minutes=2)
    expected = log.day_summaries(TODAY, TODAY)[TODAY].minutes
    log.close()
    seen = glance(tmp_path / "scalp.db", now=clock(), zone=timezone.utc)
    assert seen.in_progress and seen.minutes == pytest.approx(expected) == pytest.approx(5)


def test_never_creates_or_leaves_files(tmp_path, file_log):
    file_log.log_session(TODAY, passes=3, minutes=8)
    file_log.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    glance(tmp_path / "scalp.db", now=FIXED_NOW, zone=timezone.utc)
    glance(tmp_path / "missing.db", now=FIXED_NOW, zone=timezone.utc)
    assert sorted(p.name for p in tmp_path.iterdir()) == before == ["scalp.db"]


def test_refusals(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotADatabase):
        glance(empty)
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(CorruptDatabase):
        glance(broken)
    import sqlite3

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE invoices (id)")
    conn.close()
    with pytest.raises(ForeignDatabase):
        glance(foreign)


def test_an_n_of_7_target_gives_the_history_streak(tmp_path):
    # Practise 5 days a week: the every-day rule would see a 1-day streak, the 5-of-7 rule a long one.
    from datetime import timezone

    from tests.conftest import FakeClock
    from tui.store import Log
    from tui.store.glance import glance
    from tui.store.history import HistoryReader

    clock = FakeClock()
    log = Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc)
    # The target is set before the days logged: each day counts by the target in force on it.
    clock.advance(days=-61)
    log.save_settings(days_per_week=5)
    clock.advance(days=61)
    today = log.today()
    for back in range(60):
        day = today - timedelta(days=back)
        if day.weekday() < 5:
            log.log_session(day, passes=3, minutes=8)
    expected = HistoryReader(log).current_streak()
    log.close()
    assert expected > 20
    assert glance(tmp_path / "scalp.db", now=clock(), zone=timezone.utc).streak == expected
