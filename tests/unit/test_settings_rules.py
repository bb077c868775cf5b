"""The rules of every setting: parsing from text, ranges, and checks across settings."""

from datetime import time

import pytest

from tui.core.models import Settings
from tui.core.routine import default_routine
from tui.core.settings_rules import (
    Choices,
    SettingsError,
    check_settings,
    overlay_stored,
    parse_hh_mm,
    session_seconds,
)

ROUTINE = default_routine()
DEFAULTS = Settings.from_routine(ROUTINE)
CHOICES = Choices(
    zone_ids=ROUTINE.zone_ids,
    techniques=tuple(t.id for t in ROUTINE.techniques),
    themes=("textual-dark", "nord", "scalp-moss"),
)


def problems(**values) -> dict[str, str]:
    with pytest.raises(SettingsError) as caught:
        check_settings(values, DEFAULTS, CHOICES)
    return caught.value.problems


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("passes", "2", 2),
        ("passes", 1, 1),
        ("passes", "4.0", 4),
        ("dwell_seconds", "12,5", 12.5),
        ("dwell_seconds", 0.5, 0.5),
        ("focus_multiplier", "1", 1.0),
        ("focus_multiplier", "2.25", 2.25),
        ("target_min_minutes", "3", 3.0),
        ("target_max_minutes", 30, 30.0),
        ("days_per_week", "5", 5),
        ("days_per_week", 7, 7),
        ("day_start", "4:30", time(4, 30)),
        ("day_start", " 00:00 ", time(0, 0)),
        ("day_start", time(23, 59), time(23, 59)),
        ("week_start", "Sunday", 6),
        ("week_start", "monday", 0),
        ("week_start", 6, 6),
        ("pacer_sound", False, False),
        ("pacer_sound", "on", True),
        ("focus_zones", ["top", "crown"], frozenset({"top", "crown"})),
        ("focus_zones", "top, temple_left", frozenset({"top", "temple_left"})),
        ("focus_zones", [], frozenset()),
        ("theme", "nord", "nord"),
    ],
)
def test_valid_values_are_typed(key, raw, expected):
    assert check_settings({key: raw}, DEFAULTS, CHOICES) == {key: expected}


@pytest.mark.parametrize(
    ("key", "raw", "reason"),
    [
        ("passes", "0", "from 1 to"),
        ("passes", "-1", "from 1 to"),
        ("passes", "2.5", "whole number"),
        ("passes", "13", "from 1 to 12"),
        ("passes", True, "not true"),
        ("passes", "", "empty"),
        ("passes", "three", "must be a number"),
        ("dwell_seconds", "0", "above 0"),
        ("dwell_seconds", "-3", "above 0"),
        ("dwell_seconds", "nan", "finite"),
        ("dwell_seconds", "1e400", "finite"),
        ("dwell_seconds", "301", "at most 300"),
        ("focus_multiplier", "0.9", "from 1 to"),
        ("focus_multiplier", "6", "from 1 to 5"),
        ("target_min_minutes", "0", "above 0"),
        ("target_max_minutes", "241", "at most 240"),
        ("days_per_week", "0", "1 to 7"),
        ("days_per_week", "8", "1 to 7"),
        ("days_per_week", "5.5", "whole number"),
        ("day_start", "24:00", "between 00:00 and 23:59"),
        ("day_start", "12:60", "between 00:00 and 23:59"),
        ("day_start", "4", "HH:MM"),
        ("day_start", "4:00 am", "HH:MM"),
        ("day_start", 4, "HH:MM"),
        ("week_start", "Tuesday", "Monday or Sunday"),
        ("week_start", 1, "Monday or Sunday"),
        ("week_start", True, "Monday or Sunday"),
        ("pacer_sound", "loud", "on or off"),
        ("pacer_sound", 1.5, "on or off"),
        ("focus_zones", ["top", "chin"], "unknown zone(s) chin"),
        ("focus_zones", [1, 2], "list of zone ids"),
        ("technique", "slapping", "unknown technique"),
        ("theme", "hotdog-stand", "no theme called 'hotdog-stand'"),
        ("theme", "", "must be a name"),
        ("colour", "red", "unknown setting"),
    ],
)
def test_invalid_values_are_refused_with_a_reason(key, raw, reason):
    found = problems(**{key: raw})
    assert list(found) == [key]
    assert reason in found[key]


def test_every_problem_is_reported_at_once():
    found = problems(passes="0", days_per_week="9", theme="textual-dark")
    assert set(found) == {"passes", "days_per_week"}


def test_target_window_is_checked_against_the_current_settings():
    # max below the current minimum of 5
    assert "longer than the longest" in problems(target_max_minutes="4")["target_max_minutes"]
    # min above the current maximum of 10
    assert "longer than the longest" in problems(target_min_minutes="12")["target_min_minutes"]
    # both at once may move the window anywhere, min == max is allowed
    assert check_settings({"target_min_minutes": 12, "target_max_minutes": 12}, DEFAULTS) == {
        "target_min_minutes": 12.0,
        "target_max_minutes": 12.0,
    }


def test_unknown_choices_are_not_checked_when_the_caller_does_not_know_them():
    assert check_settings({"theme": "anything"}, DEFAULTS) == {"theme": "anything"}


def test_parse_hh_mm_message_shows_the_expected_shape():
    with pytest.raises(ValueError, match="for example 04:00"):
        parse_hh_mm("noon")


def test_overlay_stored_keeps_good_values_and_drops_bad_ones():
    settings = overlay_stored(
        DEFAULTS,
        {"passes": 2, "days_per_week": 12, "focus_zones": ["top", "gone"], "mystery": 1, "day_start": "05:00"},
        CHOICES,
    )
    assert settings.passes == 2
    assert settings.days_per_week == DEFAULTS.days_per_week
    assert settings.focus_zones == DEFAULTS.focus_zones
    assert settings.day_start == time(5, 0)


def test_overlay_stored_resets_a_crossed_target_window_but_keeps_a_valid_wide_one():
    crossed = overlay_stored(DEFAULTS, {"target_min_minutes": 20}, CHOICES)
    assert (crossed.target_min_minutes, crossed.target_max_minutes) == (5.0, 10.0)
    wide = overlay_stored(DEFAULTS, {"target_min_minutes": 20, "target_max_minutes": 30}, CHOICES)
    assert (wide.target_min_minutes, wide.target_max_minutes) == (20.0, 30.0)


def test_session_seconds_counts_focus_zones_longer():
    settings = DEFAULTS.with_values(passes=3, dwell_seconds=10, focus_multiplier=2)
    assert session_seconds(settings, zone_count=11, focus_count=0) == 330
    assert session_seconds(settings, zone_count=11, focus_count=2) == 3 * 10 * (9 + 4)


def test_the_settings_core_and_store_do_not_import_textual():
    import subprocess
    import sys

    code = (
        "import sys, tui.core.settings_rules, tui.core.settings_history, tui.store.log; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
