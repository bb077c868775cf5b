"""Bulk writes for the command line: rest ranges and whole generated histories (a mixin of the Log)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from tui.store.base import LogBase
from tui.store.rows import SESSION_COLUMNS, encode_setting, new_id, session_row, ts, ts_or_none

if TYPE_CHECKING:
    from tui.core.demo import History

#: Emptied, children first, by a replacing history.
REPLACED_TABLES = ("step_marks", "ratings", "checks", "pauses", "sessions", "rest_days", "settings")


class Bulk(LogBase):
    def set_rest_days(self, days: list[date], reason: str = "") -> tuple[int, int]:
        """Mark several rest days in one transaction; returns (newly marked, reason changed)."""
        added = changed = 0
        now = ts(self.now())
        with self.transaction():
            for day in days:
                key = day.isoformat()
                row = self.conn.execute("SELECT id, reason FROM rest_days WHERE day = ?", [key]).fetchone()
                if row is None:
                    mark = {"id": new_id(), "day": key, "reason": reason, "created_at": now}
                    self._insert("rest_days", mark)
                    added += 1
                elif (row[1] or "") != reason:
                    self._update("rest_days", row[0], {"reason": reason})
                    changed += 1
        return added, changed

    def clear_rest_days(self, days: list[date]) -> int:
        """Remove the rest marks of several days in one transaction; returns how many there were."""
        with self.transaction():
            return sum(self._delete("rest_days", day.isoformat(), key_column="day") for day in days)

    def add_history(self, history: History, *, replace: bool = False) -> None:
        """Write a whole generated history (tui.core.demo.History) in one transaction.

        With ``replace``, everything already in the log goes first. Rows go in with
        executemany, so twenty years take seconds, not minutes.
        """
        with self.transaction():
            if replace:
                for table in REPLACED_TABLES:
                    self._delete_all(table)
            self._insert_many("sessions", SESSION_COLUMNS.split(", "), map(session_row, history.sessions))
            self._insert_many(
                "pauses",
                ("id", "session_id", "paused_at", "resumed_at"),
                ((p.id, p.session_id, ts(p.paused_at), ts_or_none(p.resumed_at)) for p in history.pauses),
            )
            self._insert_many(
                "checks",
                ("id", "session_id", "day", "pass_no", "zone", "technique", "at"),
                (
                    (c.id, c.session_id, c.day.isoformat(), c.pass_no, c.zone, c.technique, ts(c.at))
                    for c in history.checks
                ),
            )
            self._insert_many(
                "ratings",
                ("id", "session_id", "phase", "kind", "value", "at"),
                ((r.id, r.session_id, r.phase, r.kind, r.value, ts(r.at)) for r in history.ratings),
            )
            # A planned rest day is noted at the start of that day (UTC), so a history stays reproducible.
            self._insert_many(
                "rest_days",
                ("id", "day", "reason", "created_at"),
                (
                    (r.id, r.day.isoformat(), r.reason, f"{r.day.isoformat()}T00:00:00.000000+00:00")
                    for r in history.rest_days
                ),
            )
            now = ts(self.now())
            for key, value in history.settings.items():
                encoded = json.dumps(encode_setting(value))
                self._upsert("settings", {"key": key, "value": encoded, "updated_at": now}, key="key")
        self._settings = None
