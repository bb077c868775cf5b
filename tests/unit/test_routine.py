"""The routine data: the shipped file is complete, and a broken one names the file and the problem."""

from pathlib import Path

import pytest

from tui.core.routine import RoutineError, data_dir, default_routine, load_routine, parse_day_start

ZONES_IN_ORDER = [
    "hairline",
    "temple_left",
    "temple_right",
    "top",
    "crown",
    "side_left",
    "side_right",
    "behind_ear_left",
    "behind_ear_right",
    "occipital",
    "nape",
]


def test_shipped_routine_has_the_eleven_zones_in_routine_order():
    routine = default_routine()
    assert list(routine.zone_ids) == ZONES_IN_ORDER
    assert all(zone.description for zone in routine.zones)


def test_shipped_routine_has_techniques_steps_and_defaults():
    routine = default_routine()
    assert {t.id for t in routine.techniques} == {"press_lift", "circles", "kneading", "raking"}
    assert routine.technique("raking").caution  # nails: the caution is shown
    assert [s.id for s in routine.steps_in("prep")] == ["warm_hands", "oil"]
    assert [s.id for s in routine.steps_in("finish")] == ["pressure_points", "ears_neck"]
    d = routine.defaults
    assert (d.passes, d.dwell_seconds, d.target_min_minutes, d.target_max_minutes) == (3, 15, 5, 10)
    assert d.day_start.hour == 4 and d.day_start.minute == 0
    # Three passes at the default dwell land inside the daily 5-10 minute target.
    minutes = len(routine.zones) * d.passes * d.dwell_seconds / 60
    assert d.target_min_minutes <= minutes <= d.target_max_minutes


def test_unknown_zone_names_the_known_ones():
    with pytest.raises(KeyError, match="hairline"):
        default_routine().zone("forehead")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "routine.toml"
    path.write_text(text)
    return path


def test_broken_toml_names_the_file(tmp_path):
    path = _write(tmp_path, "[[zones]\nid = ")
    with pytest.raises(RoutineError, match=str(path)) as err:
        load_routine(path)
    assert "not valid TOML" in str(err.value)


def test_missing_field_names_the_entry(tmp_path):
    good = (data_dir() / "routine.toml").read_text()
    path = _write(tmp_path, good.replace('short = "Crown"\n', "", 1))
    with pytest.raises(RoutineError, match=r"zone 5: missing 'short'"):
        load_routine(path)


def test_duplicate_zone_is_refused(tmp_path):
    good = (data_dir() / "routine.toml").read_text()
    path = _write(tmp_path, good.replace('id = "crown"', 'id = "top"', 1))
    with pytest.raises(RoutineError, match="duplicate zone id 'top'"):
        load_routine(path)


def test_bad_default_is_refused(tmp_path):
    good = (data_dir() / "routine.toml").read_text()
    path = _write(tmp_path, good.replace('day_start = "04:00"', 'day_start = "25:00"'))
    with pytest.raises(RoutineError, match="day start must look like HH:MM"):
        load_routine(path)


def test_missing_file(tmp_path):
    with pytest.raises(RoutineError, match="cannot read the routine file"):
        load_routine(tmp_path / "nope.toml")


@pytest.mark.parametrize("text", ["4", "04-00", "24:00", "aa:bb", ""])
def test_parse_day_start_refuses(text):
    with pytest.raises(ValueError):
        parse_day_start(text)
