"""Settings in the store: checked on save, logged with the day they take effect, read back per day."""

import json
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tui.core.models import Settings
from tui.core.routine import default_routine
from tui.core.settings_history import SettingChange, SettingsTimeline
from tui.core.settings_rules import SettingsError
from tui.store import Log

TODAY = date(2026, 11, 22)  # the fake clock's practice day (09:30 UTC, day start 04:00)


def test_save_settings_commits_and_logs_the_change(file_log):
    file_log.save_settings(days_per_week=5, focus_zones={"top", "temple_left"})
    # A second connection sees it: it was committed before save_settings returned.
    other = Log.open(file_log.path, zone=timezone.utc)
    try:
        assert other.settings().days_per_week == 5
        assert other.settings().focus_zones == {"top", "temple_left"}
        rows = {r[0]: (json.loads(r[1]), r[2]) for r in other.conn.execute(
            "SELECT key, value, valid_from FROM settings_history")}
    finally:
        other.close()
    assert rows == {"days_per_week": (5, "2026-11-22"), "focus_zones": (["temple_left", "top"], "2026-11-22")}


def test_refused_settings_write_nothing(log):
    with pytest.raises(SettingsError) as caught:
        log.save_settings(passes=2, days_per_week=0)
    assert set(caught.value.problems) == {"days_per_week"}
    assert log.settings().passes == 3
    assert log.conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0
    assert log.conn.execute("SELECT COUNT(*) FROM settings_history").fetchone()[0] == 0


def test_saving_an_unchanged_value_logs_nothing(log):
    log.save_settings(passes=3, theme="textual-dark")
    assert log.conn.execute("SELECT COUNT(*) FROM settings_history").fetchone()[0] == 0


def test_same_day_changes_keep_one_row_with_the_last_value(log):
    log.save_settings(days_per_week=5)
    log.save_settings(days_per_week=4)
    rows = log.conn.execute("SELECT value, valid_from FROM settings_history").fetchall()
    assert rows == [("4", "2026-11-22")]


def test_past_days_keep_the_settings_in_force_then(log, clock):
    log.save_settings(days_per_week=5, target_min_minutes=6)
    clock.advance(days=10)
    log.save_settings(days_per_week=3)
    assert log.settings_on(TODAY - timedelta(days=1)).days_per_week == 7  # the default, before any change
    assert log.settings_on(TODAY).days_per_week == 5
    assert log.settings_on(TODAY + timedelta(days=9)).days_per_week == 5
    assert log.settings_on(TODAY + timedelta(days=10)).days_per_week == 3
    assert log.settings_on(TODAY + timedelta(days=10)).target_min_minutes == 6
    assert log.settings().days_per_week == 3


def test_a_day_start_change_takes_effect_on_the_practice_day_it_was_made(log, clock):
    clock.now = datetime(2026, 11, 22, 3, 0, tzinfo=timezone.utc)  # 03:00: still Saturday's practice day
    log.save_settings(day_start="02:00")
    assert log.settings_changes()[0].valid_from == date(2026, 11, 21)
    assert log.today() == date(2026, 11, 22)  # with the new start, 03:00 already counts for Sunday
    assert log.settings_on(date(2026, 11, 20)).day_start == time(4, 0)


def test_a_day_start_change_does_not_move_logged_sessions(log, clock):
    clock.now = datetime(2026, 11, 22, 5, 0, tzinfo=timezone.utc)
    session = log.start_session()
    log.finish_session(session.id)
    log.save_settings(day_start="06:00")
    assert log.session(session.id).day == date(2026, 11, 22)
    assert set(log.day_summaries(date(2026, 11, 21), date(2026, 11, 22))) == {date(2026, 11, 22)}


def test_a_bad_stored_value_falls_back_to_the_default(log):
    log.conn.execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('days_per_week', '12', 'x'), ('passes', 'oops', 'x')"
    )
    log._settings = None
    assert log.settings().days_per_week == 7
    assert log.settings().passes == 3


def test_a_stored_setting_without_history_counts_as_always_in_force(log):
    log.conn.execute("INSERT INTO settings (key, value, updated_at) VALUES ('days_per_week', '4', 'x')")
    log._settings = None
    assert log.settings_on(date(2000, 1, 1)).days_per_week == 4


# --- the timeline against a brute-force replay ----------------------------------------------

BASE = Settings.from_routine(default_routine())
START = date(2026, 1, 1)
NOON = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)

changes_strategy = st.lists(
    st.tuples(
        st.integers(0, 60),  # day offset
        st.sampled_from(["days_per_week", "passes"]),
        st.integers(1, 7),
    ),
    max_size=12,
)


def replay(changes: list[SettingChange], key: str, day: date):
    """The oracle: walk the changes in the order they were made, keep the last one in force by ``day``."""
    value = getattr(BASE, key)
    best = None
    for change in changes:
        if change.key != key or change.valid_from > day:
            continue
        if best is None or (change.valid_from, change.changed_at) >= (best.valid_from, best.changed_at):
            best = change
    return best.value if best else value


@hsettings(max_examples=60, deadline=None)
@given(changes_strategy)
def test_timeline_matches_a_replay(raw):
    # changed_at increases with the order of making, and valid_from is never before earlier changes
    # made on a later day; the list order stands for the order the user made them.
    changes = [
        SettingChange(key, value, START + timedelta(days=offset), NOON + timedelta(days=offset, seconds=i))
        for i, (offset, key, value) in enumerate(raw)
    ]
    timeline = SettingsTimeline(BASE, changes)
    for offset in range(-1, 62, 3):
        day = START + timedelta(days=offset)
        on = timeline.on(day)
        assert on.days_per_week == replay(changes, "days_per_week", day)
        assert on.passes == replay(changes, "passes", day)
