"""Checks: one zone covered in one pass of a session (a mixin of the Log)."""

from __future__ import annotations

import sqlite3
from datetime import date

from tui.core.models import Check
from tui.store.base import LogBase
from tui.store.errors import SessionError
from tui.store.rows import CHECK_COLUMNS, check_from_row, new_id, ts


class Checks(LogBase):
    def add_check(self, session_id: str, pass_no: int, zone: str, technique: str | None = None) -> Check:
        """Record that ``zone`` was covered in pass ``pass_no``; committed on return.

        The app's most frequent write: the session's day and technique are read by its
        key inside the transaction, not the whole session with its pauses.
        """
        self.routine.zone(zone)
        if pass_no < 1:
            raise ValueError("pass numbers start at 1")
        now = self.now()
        check_id, at = new_id(), ts(now)
        try:
            with self.transaction():
                found = self.conn.execute(
                    "SELECT day, technique FROM sessions WHERE id = ?", [session_id]
                ).fetchone()
                if found is None:
                    raise SessionError(f"no session {session_id!r}")
                day, technique = found[0], technique or found[1]
                self._insert(
                    "checks",
                    {
                        "id": check_id,
                        "session_id": session_id,
                        "day": day,
                        "pass_no": pass_no,
                        "zone": zone,
                        "technique": technique,
                        "at": at,
                    },
                )
                self._update("sessions", session_id, {"last_seen_at": at}, where="ended_at IS NULL")
        except sqlite3.IntegrityError:
            raise SessionError(f"{zone} is already checked in pass {pass_no}") from None
        return Check(check_id, session_id, date.fromisoformat(day), pass_no, zone, now, technique)

    def undo_last_check(self, session_id: str) -> Check | None:
        """Remove the newest check of the session; returns it, or None when there is none."""
        with self.transaction():
            row = self.conn.execute(
                f"SELECT {CHECK_COLUMNS} FROM checks WHERE session_id = ? "
                "ORDER BY at DESC, rowid DESC LIMIT 1",
                [session_id],
            ).fetchone()
            if row is None:
                return None
            self._delete("checks", row[0])
        return check_from_row(row)

    def checks_for_session(self, session_id: str) -> list[Check]:
        rows = self.conn.execute(
            f"SELECT {CHECK_COLUMNS} FROM checks WHERE session_id = ? ORDER BY at, rowid", [session_id]
        )
        return [check_from_row(r) for r in rows]

    def checks_between(self, start: date, end: date) -> list[Check]:
        rows = self.conn.execute(
            f"SELECT {CHECK_COLUMNS} FROM checks WHERE day BETWEEN ? AND ? ORDER BY at, rowid",
            [start.isoformat(), end.isoformat()],
        )
        return [check_from_row(r) for r in rows]
