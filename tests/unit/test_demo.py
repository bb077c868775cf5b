"""The demo history: deterministic, realistic, and written in one go through the Log."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta, timezone

import pytest

from tui.core.demo import FOCUS_ZONES, generate
from tui.core.routine import default_routine
from tui.store import Log

END = date(2026, 11, 22)


@pytest.fixture(scope="module")
def history():
    return generate(default_routine(), end=END, years=3, seed=7, zone=timezone.utc)


def test_same_seed_same_history_and_another_seed_another():
    routine = default_routine()
    one = generate(routine, end=END, years=1, seed=3, zone=timezone.utc)
    two = generate(routine, end=END, years=1, seed=3, zone=timezone.utc)
    other = generate(routine, end=END, years=1, seed=4, zone=timezone.utc)
    assert one == two
    assert one.sessions != other.sessions


def test_covers_the_years_and_leaves_today_free(history):
    days = sorted({s.day for s in history.sessions} | {r.day for r in history.rest_days})
    assert days[0] <= END.replace(year=END.year - 3) + timedelta(days=7)
    assert END - timedelta(days=10) <= days[-1] < END


def test_good_and_bad_months(history):
    per_month = defaultdict(set)
    for session in history.sessions:
        per_month[(session.day.year, session.day.month)].add(session.day)
    rates = [len(days) / 30 for days in per_month.values()]
    assert max(rates) > 0.9 and min(rates) < 0.6


def test_partial_bonus_backfilled_and_late_sessions(history):
    passes = Counter()
    zones_per_pass = Counter()
    for check in history.checks:
        zones_per_pass[(check.session_id, check.pass_no)] += 1
    for (session_id, _), count in zones_per_pass.items():
        if count == 11:
            passes[session_id] += 1
    full = Counter(passes[s.id] for s in history.sessions)
    assert full[3] > full[2] > 0 and full[4] > 0 and full[1] > 0
    assert any(count < 11 for count in zones_per_pass.values())  # a pass cut short
    assert {s.source for s in history.sessions} == {"app", "log"}
    # After midnight but before the 04:00 day start: the session counts for the evening before.
    assert any(s.started_at.date() == s.day + timedelta(days=1) for s in history.sessions if s.source == "app")


def test_rest_days_notes_ratings_pauses_and_focus(history):
    reasons = Counter(r.reason for r in history.rest_days)
    assert set(reasons) <= {"ill", "travel", "scalp irritation"} and len(reasons) >= 2
    assert any(s.note for s in history.sessions)
    assert {(r.phase, r.kind) for r in history.ratings} >= {("before", "stress"), ("after", "scalp")}
    assert all(1 <= r.value <= 5 for r in history.ratings)
    assert history.pauses
    assert history.settings["focus_zones"] == FOCUS_ZONES
    rest = {r.day for r in history.rest_days}
    assert not rest & {s.day for s in history.sessions}


def test_focus_zones_get_the_longer_dwell(history):
    by_session = defaultdict(list)
    for check in history.checks:
        by_session[check.session_id].append(check)
    dwell = defaultdict(list)
    for checks in by_session.values():
        checks.sort(key=lambda c: c.at)
        for before, after in zip(checks, checks[1:], strict=False):
            seconds = (after.at - before.at).total_seconds()
            if 0 < seconds < 60:
                dwell[after.zone in FOCUS_ZONES].append(seconds)
    assert sum(dwell[True]) / len(dwell[True]) > 1.3 * sum(dwell[False]) / len(dwell[False])


def test_written_through_the_log(clock, history):
    log = Log.memory(clock=clock, zone=timezone.utc)
    log.add_history(history)
    summaries = log.day_summaries(END - timedelta(days=40), END)
    assert sum(s.sessions for s in summaries.values()) == len(
        [s for s in history.sessions if s.day >= END - timedelta(days=40)]
    )
    assert log.settings().focus_zones == FOCUS_ZONES
    assert not log.is_empty()
    log.add_history(generate(default_routine(), end=END, years=1, seed=1, zone=timezone.utc), replace=True)
    assert log.first_day() >= END.replace(year=END.year - 1)
    log.close()
