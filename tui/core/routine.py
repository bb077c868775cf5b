"""The routine content (zones, techniques, steps, defaults), loaded from data/ and validated."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, overload

ROUTINE_FILE = "routine.toml"

# A table as tomllib returns it: its values are whatever the file holds, checked as they are read.
TomlTable = dict[str, Any]

_T = TypeVar("_T")


class RoutineError(Exception):
    """A routine data file is missing or malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    short: str
    description: str
    x: float
    y: float
    side: str


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    key: str
    how: str
    caution: str


@dataclass(frozen=True)
class Step:
    id: str
    phase: str  # "prep" or "finish"
    name: str
    how: str
    optional: bool


@dataclass(frozen=True)
class Defaults:
    passes: int
    dwell_seconds: float
    focus_multiplier: float
    target_min_minutes: float
    target_max_minutes: float
    day_start: time
    days_per_week: int
    technique: str


@dataclass(frozen=True)
class Routine:
    zones: tuple[Zone, ...]
    techniques: tuple[Technique, ...]
    steps: tuple[Step, ...]
    defaults: Defaults

    def zone(self, zone_id: str) -> Zone:
        """The zone with this id; KeyError names the known ids."""
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        known = ", ".join(z.id for z in self.zones)
        raise KeyError(f"unknown zone {zone_id!r} (known zones: {known})")

    def technique(self, technique_id: str) -> Technique:
        """The technique with this id; KeyError names the known ids."""
        for technique in self.techniques:
            if technique.id == technique_id:
                return technique
        known = ", ".join(t.id for t in self.techniques)
        raise KeyError(f"unknown technique {technique_id!r} (known techniques: {known})")

    @property
    def zone_ids(self) -> tuple[str, ...]:
        return tuple(z.id for z in self.zones)

    def steps_in(self, phase: str) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.phase == phase)


def data_dir() -> Path:
    """Where the routine data lives: inside the installed package, else the source tree's data/."""
    here = Path(__file__).resolve()
    packaged = here.parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return here.parents[2] / "data"


def parse_day_start(text: str) -> time:
    """Parse "HH:MM" into a time; ValueError with a readable message otherwise."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise ValueError(f"day start must look like HH:MM (00:00 to 23:59), not {text!r}") from None


@overload
def _require(table: TomlTable, key: str, kind: type[_T], where: str) -> _T: ...
@overload
def _require(table: TomlTable, key: str, kind: tuple[type[int], type[float]], where: str) -> float: ...
def _require(table: TomlTable, key: str, kind: type | tuple[type, ...], where: str) -> object:
    if key not in table:
        raise RoutineError(f"{where}: missing {key!r}")
    value = table[key]
    # bool is an int subclass: refuse it where a number is expected.
    if isinstance(value, bool) and kind is not bool:
        raise RoutineError(f"{where}: {key!r} must not be true/false")
    if not isinstance(value, kind):
        raise RoutineError(f"{where}: {key!r} has the wrong type ({type(value).__name__})")
    return value


def _entries(data: TomlTable, key: str, path: Path) -> list[TomlTable]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise RoutineError(f"{path}: no [[{key}]] entries")
    return entries


def parse_routine(data: TomlTable, path: Path) -> Routine:
    """Build and validate a Routine from parsed TOML; RoutineError names the file and the entry."""
    zones = []
    for i, z in enumerate(_entries(data, "zones", path), 1):
        where = f"{path}: zone {i}"
        zones.append(
            Zone(
                id=_require(z, "id", str, where),
                name=_require(z, "name", str, where),
                short=_require(z, "short", str, where),
                description=_require(z, "description", str, where),
                x=float(_require(z, "x", (int, float), where)),
                y=float(_require(z, "y", (int, float), where)),
                side=_require(z, "side", str, where),
            )
        )
    techniques = []
    for i, t in enumerate(_entries(data, "techniques", path), 1):
        where = f"{path}: technique {i}"
        techniques.append(
            Technique(
                id=_require(t, "id", str, where),
                name=_require(t, "name", str, where),
                key=_require(t, "key", str, where),
                how=_require(t, "how", str, where),
                caution=t.get("caution", ""),
            )
        )
    steps = []
    for i, s in enumerate(_entries(data, "steps", path), 1):
        where = f"{path}: step {i}"
        phase = _require(s, "phase", str, where)
        if phase not in ("prep", "finish"):
            raise RoutineError(f"{where}: phase must be 'prep' or 'finish', not {phase!r}")
        steps.append(
            Step(
                id=_require(s, "id", str, where),
                phase=phase,
                name=_require(s, "name", str, where),
                how=_require(s, "how", str, where),
                optional=bool(s.get("optional", False)),
            )
        )
    d = data.get("defaults")
    if not isinstance(d, dict):
        raise RoutineError(f"{path}: no [defaults] table")
    where = f"{path}: [defaults]"
    try:
        day_start = parse_day_start(_require(d, "day_start", str, where))
    except ValueError as exc:
        raise RoutineError(f"{where}: {exc}") from None
    defaults = Defaults(
        passes=_require(d, "passes", int, where),
        dwell_seconds=float(_require(d, "dwell_seconds", (int, float), where)),
        focus_multiplier=float(_require(d, "focus_multiplier", (int, float), where)),
        target_min_minutes=float(_require(d, "target_min_minutes", (int, float), where)),
        target_max_minutes=float(_require(d, "target_max_minutes", (int, float), where)),
        day_start=day_start,
        days_per_week=_require(d, "days_per_week", int, where),
        technique=_require(d, "technique", str, where),
    )
    routine = Routine(tuple(zones), tuple(techniques), tuple(steps), defaults)
    _validate(routine, path)
    return routine


def _validate(routine: Routine, path: Path) -> None:
    for label, items in (("zone", routine.zones), ("technique", routine.techniques), ("step", routine.steps)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise RoutineError(f"{path}: duplicate {label} id {item.id!r}")
            seen.add(item.id)
    for zone in routine.zones:
        if not (0 <= zone.x <= 1 and 0 <= zone.y <= 1):
            raise RoutineError(f"{path}: zone {zone.id!r} is placed outside the diagram (x and y must be 0..1)")
    d = routine.defaults
    if d.passes < 1:
        raise RoutineError(f"{path}: [defaults]: passes must be at least 1")
    if d.dwell_seconds <= 0:
        raise RoutineError(f"{path}: [defaults]: dwell_seconds must be positive")
    if not 0 < d.target_min_minutes <= d.target_max_minutes:
        raise RoutineError(f"{path}: [defaults]: need 0 < target_min_minutes <= target_max_minutes")
    if not 1 <= d.days_per_week <= 7:
        raise RoutineError(f"{path}: [defaults]: days_per_week must be 1 to 7")
    try:
        routine.technique(d.technique)
    except KeyError as exc:
        raise RoutineError(f"{path}: [defaults]: {exc.args[0]}") from None


def load_routine(path: Path | None = None) -> Routine:
    """Load the routine from a TOML file (default: the shipped data/routine.toml)."""
    path = path or data_dir() / ROUTINE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RoutineError(f"{path}: cannot read the routine file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(f"{path}: not valid TOML ({exc})") from None
    return parse_routine(data, path)


@cache
def default_routine() -> Routine:
    """The shipped routine, loaded once per process."""
    return load_routine()
