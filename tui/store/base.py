"""What every part of the Log shares: the connection, the routine, the clock and the current settings."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.calendar import Clock, practice_day, system_clock
from tui.core.models import Settings
from tui.core.routine import Routine, default_routine
from tui.core.settings_rules import Choices, overlay_stored
from tui.store.journal import Journaled

if TYPE_CHECKING:
    from sqlite_utils import Database


class LogBase(Journaled):
    """The state of one open log; the Log's parts (tui.store.*) are mixins over it."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        path: Path | None = None,
        routine: Routine | None = None,
        clock: Clock = system_clock,
        zone: tzinfo | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.routine = routine or default_routine()
        self.clock = clock
        self.zone = zone
        self._depth = 0
        #: Rows read but left out because they break the stored fields' rules, per table
        #: (tui.store.rows.keep_good); the app and the commands say so in one line.
        self.left_out: dict[str, set[Any]] = {}
        self._db: Database | None = None
        self._settings: Settings | None = None

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The current practice day, by the user's day start."""
        return self.day_of(self.now())

    def day_of(self, moment: datetime) -> date:
        return practice_day(moment, self.settings().day_start, self.zone)

    def settings(self) -> Settings:
        """The user's settings: the routine's defaults overlaid with what is stored.

        A stored value that no longer passes the rules (hand-edited, imported, or a zone
        the routine dropped) is ignored in favour of the default rather than crashing a screen.
        """
        if self._settings is None:
            stored: dict[str, Any] = {}
            for key, raw in self.conn.execute("SELECT key, value FROM settings"):
                try:
                    stored[key] = json.loads(raw)
                except (ValueError, TypeError):
                    continue  # an unreadable value falls back to the default
            self._settings = overlay_stored(Settings.from_routine(self.routine), stored, self._choices())
        return self._settings

    def forget_cached_settings(self) -> None:
        """Read the settings again on next use (after an import wrote to the table directly)."""
        self._settings = None

    def _choices(self) -> Choices:
        """The valid zones and techniques, for checking settings (themes are the UI's business)."""
        techniques = tuple(t.id for t in self.routine.techniques)
        return Choices(zone_ids=self.routine.zone_ids, techniques=techniques)
