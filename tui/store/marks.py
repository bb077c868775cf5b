"""Self-ratings of a session and rest days (a mixin of the Log)."""

from __future__ import annotations

from datetime import date

from tui.core.models import RestDay
from tui.store.base import LogBase
from tui.store.rows import new_id, ts

RATING_KINDS = ("stress", "headache", "scalp")
RATING_PHASES = ("before", "after")


class Marks(LogBase):
    def set_rating(self, session_id: str, phase: str, kind: str, value: int | None) -> None:
        """Set (or with None, clear) one 1-5 self-rating of a session."""
        if phase not in RATING_PHASES or kind not in RATING_KINDS:
            raise ValueError(f"unknown rating {phase}/{kind}")
        if value is not None and not 1 <= value <= 5:
            raise ValueError("ratings go from 1 to 5")
        with self.transaction():
            for (rid,) in self.conn.execute(
                "SELECT id FROM ratings WHERE session_id = ? AND phase = ? AND kind = ?",
                [session_id, phase, kind],
            ).fetchall():
                self._delete("ratings", rid)
            if value is not None:
                self._insert(
                    "ratings",
                    {
                        "id": new_id(),
                        "session_id": session_id,
                        "phase": phase,
                        "kind": kind,
                        "value": value,
                        "at": ts(self.now()),
                    },
                )

    def ratings(self, session_id: str) -> dict[tuple[str, str], int]:
        rows = self.conn.execute("SELECT phase, kind, value FROM ratings WHERE session_id = ?", [session_id])
        return {(phase, kind): value for phase, kind, value in rows}

    def set_rest(self, day: date, reason: str = "") -> RestDay:
        """Mark a planned skip (or change its reason); one rest mark per day."""
        with self.transaction():
            row = self.conn.execute("SELECT id FROM rest_days WHERE day = ?", [day.isoformat()]).fetchone()
            if row:
                rid = str(row[0])
                self._update("rest_days", rid, {"reason": reason})
            else:
                rid = new_id()
                row = {"id": rid, "day": day.isoformat(), "reason": reason, "created_at": ts(self.now())}
                self._insert("rest_days", row)
        return RestDay(rid, day, reason)

    def clear_rest(self, day: date) -> bool:
        """Remove a rest mark; True when there was one."""
        with self.transaction():
            removed = self._delete("rest_days", day.isoformat(), key_column="day")
        return removed > 0

    def rest_days(self, start: date, end: date) -> list[RestDay]:
        rows = self.conn.execute(
            "SELECT id, day, reason FROM rest_days WHERE day BETWEEN ? AND ? ORDER BY day",
            [start.isoformat(), end.isoformat()],
        )
        return [RestDay(rid, date.fromisoformat(day), reason or "") for rid, day, reason in rows]
