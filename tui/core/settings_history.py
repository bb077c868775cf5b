"""Which settings were in force on a past practice day, from the log of setting changes."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tui.core.models import Settings


@dataclass(frozen=True)
class SettingChange:
    """One setting given a new value, in force from the practice day ``valid_from`` on."""

    key: str
    value: Any
    valid_from: date
    changed_at: datetime


class SettingsTimeline:
    """The settings of every practice day: ``base`` until the first change of a key, then each change in turn.

    Built once from all the changes (a handful of rows), then asked per day without
    touching the database, so a year of statistics costs one query.
    """

    def __init__(self, base: Settings, changes: Iterable[SettingChange]) -> None:
        self.base = base
        self.changes = tuple(sorted(changes, key=lambda c: (c.valid_from, c.changed_at)))
        self._days: dict[str, list[date]] = {}
        self._values: dict[str, list[Any]] = {}
        for change in self.changes:
            days = self._days.setdefault(change.key, [])
            values = self._values.setdefault(change.key, [])
            if days and days[-1] == change.valid_from:
                values[-1] = change.value  # the last change of a day is the one in force
            else:
                days.append(change.valid_from)
                values.append(change.value)

    def value_on(self, key: str, day: date) -> Any:
        """The value of one setting on ``day``."""
        days = self._days.get(key)
        if days:
            index = bisect_right(days, day)
            if index:
                return self._values[key][index - 1]
        return getattr(self.base, key)

    def on(self, day: date) -> Settings:
        """Every setting as it was on ``day``."""
        return self.base.with_values(**{key: self.value_on(key, day) for key in self._days})

    def change_days(self, key: str) -> tuple[date, ...]:
        """The days on which ``key`` took a new value, oldest first."""
        return tuple(self._days.get(key, ()))
