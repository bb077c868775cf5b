"""Settings and their timeline (a mixin of the Log)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tui.core.models import Settings
from tui.core.settings_history import SettingChange, SettingsTimeline
from tui.core.settings_rules import check_settings, coerce_setting
from tui.store.base import LogBase
from tui.store.rows import dt, encode_setting, new_id, ts


class SettingsStore(LogBase):
    """Saving settings, and the log of their changes that past days are read with."""

    def save_settings(self, **values: Any) -> Settings:
        """Check and store some settings at once, committed on return; returns the new settings.

        Each change is also logged in settings_history from today's practice day on, so the
        statistics of earlier days keep the settings that were in force then. Raises
        SettingsError (a ValueError) naming every refused value; nothing is written then.
        """
        current = self.settings()
        clean = check_settings(values, current, self._choices())
        changed = {key: value for key, value in clean.items() if getattr(current, key) != value}
        if not changed:
            return current
        now = ts(self.now())
        # The day the change takes effect is counted with the day start in force before it.
        valid_from = self.today().isoformat()
        with self.transaction():
            for key, value in changed.items():
                encoded = json.dumps(encode_setting(value))
                self._upsert("settings", {"key": key, "value": encoded, "updated_at": now}, key="key")
                row = self.conn.execute(
                    "SELECT id FROM settings_history WHERE key = ? AND valid_from = ?", [key, valid_from]
                ).fetchone()
                entry = {"key": key, "value": encoded, "valid_from": valid_from, "changed_at": now}
                if row:
                    self._update("settings_history", row[0], entry)
                else:
                    self._insert("settings_history", {"id": new_id(), **entry})
        self._settings = None
        return self.settings()

    def settings_changes(self) -> list[SettingChange]:
        """Every logged change of a setting, oldest first (unreadable rows are skipped)."""
        changes = []
        for key, raw, valid_from, changed_at in self.conn.execute(
            "SELECT key, value, valid_from, changed_at FROM settings_history ORDER BY valid_from, changed_at"
        ):
            try:
                value = coerce_setting(key, json.loads(raw))
                changes.append(SettingChange(key, value, date.fromisoformat(valid_from), dt(changed_at)))  # type: ignore[arg-type]  # NOT NULL
            except (ValueError, TypeError):
                continue
        return changes

    def settings_timeline(self) -> SettingsTimeline:
        """The settings in force on every practice day, for statistics over past months.

        Before its first logged change a setting had its default; a stored setting with
        no logged change at all (written by an older tool) counts as always in force.
        """
        changes = self.settings_changes()
        logged = {change.key for change in changes}
        current = self.settings()
        base = Settings.from_routine(self.routine)
        unlogged = {key: getattr(current, key) for key in base.__dataclass_fields__ if key not in logged}
        return SettingsTimeline(base.with_values(**unlogged), changes)

    def settings_on(self, day: date) -> Settings:
        """The settings that were in force on one practice day."""
        return self.settings_timeline().on(day)

