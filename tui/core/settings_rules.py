"""The rules every setting obeys: parse a value from text or TOML/JSON, and check its range."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from datetime import time
from typing import Any

from tui.core.models import Settings

# Upper bounds the issue does not ask for: they stop a typo (150 passes, 900 s a zone)
# from producing a screen of 150 columns or a pacer that never moves on.
MAX_PASSES = 12
MAX_DWELL_SECONDS = 300.0
MAX_FOCUS_MULTIPLIER = 5.0
MAX_TARGET_MINUTES = 240.0

MONDAY, SUNDAY = 0, 6
WEEK_STARTS = {"monday": MONDAY, "sunday": SUNDAY}
WEEK_START_NAMES = {MONDAY: "Monday", SUNDAY: "Sunday"}

SETTING_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings))

_HH_MM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


class SettingsError(ValueError):
    """One or more settings were refused; ``problems`` maps each setting to its one-line reason."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{key}: {reason}" for key, reason in self.problems.items()))


@dataclass(frozen=True)
class Choices:
    """What the valid values of the open-ended settings are, supplied by the caller.

    ``None`` means "not known here, do not check" (the store does not know the UI's themes).
    """

    zone_ids: Collection[str] | None = None
    techniques: Collection[str] | None = None
    themes: Collection[str] | None = None


def _number(value: Any, what: str) -> float:
    """A finite number from an int, a float or text; refuses true/false, NaN and infinity."""
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number, not {str(value).lower()}")
    if isinstance(value, str):
        text = value.strip().replace(",", ".")  # a decimal comma is what many keyboards type
        if not text:
            raise ValueError(f"{what} is empty")
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{what} must be a number, not {value.strip()!r}") from None
    if not isinstance(value, (int, float)):
        raise ValueError(f"{what} must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number")
    return number


def _whole(value: Any, what: str) -> int:
    number = _number(value, what)
    if number != int(number):
        raise ValueError(f"{what} must be a whole number, not {number:g}")
    return int(number)


def _boolean(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("on", "true", "yes", "1", "off", "false", "no", "0"):
        return value.strip().lower() in ("on", "true", "yes", "1")
    raise ValueError(f"{what} must be on or off")


def parse_hh_mm(value: Any) -> time:
    """A time of day from "HH:MM" (or a time); ValueError with a readable message otherwise."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    match = _HH_MM.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"the day start must look like HH:MM, for example 04:00, not {value!r}")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise ValueError(f"the day start must be between 00:00 and 23:59, not {value.strip()}")
    return time(hours, minutes)


def _week_start(value: Any) -> int:
    if isinstance(value, str) and value.strip().lower() in WEEK_STARTS:
        return WEEK_STARTS[value.strip().lower()]
    if not isinstance(value, bool) and isinstance(value, int) and value in WEEK_START_NAMES:
        return value
    raise ValueError(f"the week starts on Monday or Sunday, not {value!r}")


def _names(value: Any, what: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [part for part in re.split(r"[\s,]+", value) if part]
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{what} must be a list of zone ids")
    return frozenset(value)


def coerce_setting(key: str, value: Any) -> Any:
    """Turn one raw value (typed, or text from a form or the command line) into the setting's type.

    Checks the value's own range too; checks that need other settings or the caller's
    choices (min <= max, known zones, themes) are in ``check_settings``.
    """
    if key == "passes":
        passes = _whole(value, "passes")
        if not 1 <= passes <= MAX_PASSES:
            raise ValueError(f"passes must be from 1 to {MAX_PASSES}")
        return passes
    if key == "dwell_seconds":
        dwell = _number(value, "seconds per zone")
        if not 0 < dwell <= MAX_DWELL_SECONDS:
            raise ValueError(f"seconds per zone must be above 0 and at most {MAX_DWELL_SECONDS:g}")
        return dwell
    if key == "focus_multiplier":
        multiplier = _number(value, "the focus multiplier")
        if not 1 <= multiplier <= MAX_FOCUS_MULTIPLIER:
            raise ValueError(f"the focus multiplier must be from 1 to {MAX_FOCUS_MULTIPLIER:g}")
        return multiplier
    if key in ("target_min_minutes", "target_max_minutes"):
        what = "the shortest session" if key == "target_min_minutes" else "the longest session"
        minutes = _number(value, what)
        if not 0 < minutes <= MAX_TARGET_MINUTES:
            raise ValueError(f"{what} must be above 0 and at most {MAX_TARGET_MINUTES:g} minutes")
        return minutes
    if key == "days_per_week":
        days = _whole(value, "days per week")
        if not 1 <= days <= 7:
            raise ValueError("days per week must be from 1 to 7")
        return days
    if key == "day_start":
        return parse_hh_mm(value)
    if key == "week_start":
        return _week_start(value)
    if key == "pacer_sound":
        return _boolean(value, "the pacer sound")
    if key == "focus_zones":
        return _names(value, "focus zones")
    if key in ("technique", "theme"):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key} must be a name")
        return value.strip()
    raise ValueError(f"unknown setting {key!r} (known: {', '.join(SETTING_KEYS)})")


def _check_each(values: Mapping[str, Any], choices: Choices) -> tuple[dict[str, Any], dict[str, str]]:
    """Each value on its own: typed values and the problems, by setting."""
    problems: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            clean[key] = coerce_setting(key, raw)
        except ValueError as exc:
            problems[key] = str(exc)
    if "focus_zones" in clean and choices.zone_ids is not None:
        unknown = sorted(clean["focus_zones"] - set(choices.zone_ids))
        if unknown:
            problems["focus_zones"] = f"unknown zone(s) {', '.join(unknown)} (known: {', '.join(choices.zone_ids)})"
    if "technique" in clean and choices.techniques is not None and clean["technique"] not in choices.techniques:
        problems["technique"] = f"unknown technique {clean['technique']!r} (known: {', '.join(choices.techniques)})"
    if "theme" in clean and choices.themes is not None and clean["theme"] not in choices.themes:
        problems["theme"] = f"no theme called {clean['theme']!r}"
    for key in problems:
        clean.pop(key, None)
    return clean, problems


def _window_problem(low: float, high: float) -> str | None:
    if low > high:
        return f"the shortest session ({low:g} min) is longer than the longest ({high:g} min)"
    return None


def check_settings(values: Mapping[str, Any], current: Settings, choices: Choices = Choices()) -> dict[str, Any]:
    """Validate a change to some settings against the current ones; return the typed values.

    Raises SettingsError naming every refused setting with its reason, so a form can
    show each next to its field and a command line can print them all at once.
    """
    clean, problems = _check_each(values, choices)
    touched = [key for key in ("target_min_minutes", "target_max_minutes") if key in clean]
    if touched:
        low = clean.get("target_min_minutes", current.target_min_minutes)
        high = clean.get("target_max_minutes", current.target_max_minutes)
        problem = _window_problem(low, high)
        if problem:
            problems.setdefault(touched[0], problem)
    if problems:
        raise SettingsError(problems)
    return clean


def overlay_stored(base: Settings, stored: Mapping[str, Any], choices: Choices = Choices()) -> Settings:
    """The settings from stored raw values over ``base``, dropping any value that breaks a rule.

    Tolerant on purpose: a hand-edited or imported database must open, with the
    defaults standing in for what it got wrong.
    """
    known = {key: value for key, value in stored.items() if key in SETTING_KEYS}
    clean, _problems = _check_each(known, choices)
    merged = base.with_values(**clean)
    if _window_problem(merged.target_min_minutes, merged.target_max_minutes):
        merged = merged.with_values(
            target_min_minutes=base.target_min_minutes, target_max_minutes=base.target_max_minutes
        )
    return merged


def session_seconds(settings: Settings, zone_count: int, focus_count: int) -> float:
    """How long a full session takes at this pace: every zone in every pass, focus zones longer."""
    plain = zone_count - focus_count
    per_pass = settings.dwell_seconds * (plain + focus_count * settings.focus_multiplier)
    return per_pass * settings.passes
