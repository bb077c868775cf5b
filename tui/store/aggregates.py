"""Aggregates over a range of practice days (a mixin of the Log).

Read through the ``day`` indexes, so what they cost follows the range asked for,
never the length of the history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.core.models import DaySummary
from tui.core.stats import Rating
from tui.core.validation import FIRST_DAY, LAST_DAY, day_problem, rating_problem
from tui.store.base import LogBase
from tui.store.rows import OddRow, keep_good, stored_day, ts
from tui.store.sqlbase import FULL_PASSES_SQL, MINUTES_SQL


class Aggregates(LogBase):
    def day_summaries(self, start: date, end: date) -> dict[date, DaySummary]:
        """Passes, checks, minutes, sessions and rest per practice day, only for days with any."""
        lo, hi = start.isoformat(), end.isoformat()
        found: dict[str, dict[str, Any]] = {}
        for day, passes, checks in self.conn.execute(FULL_PASSES_SQL, [len(self.routine.zones), lo, hi]):
            found.setdefault(day, {}).update(passes=passes, checks=checks)
        now = ts(self.now())
        for day, minutes, sessions, _open in self.conn.execute(MINUTES_SQL, {"now": now, "lo": lo, "hi": hi}):
            found.setdefault(day, {}).update(minutes=minutes or 0.0, sessions=sessions)
        rest = self.conn.execute("SELECT day, reason FROM rest_days WHERE day BETWEEN ? AND ?", [lo, hi])
        for day, reason in rest:
            found.setdefault(day, {})["rest_reason"] = reason or ""
        summaries = keep_good(
            sorted(found.items()), lambda item: DaySummary(day=stored_day(item[0]), **item[1]), self.left_out, "days"
        )
        return {summary.day: summary for summary in summaries}

    def first_day(self) -> date | None:
        """The earliest practice day with a session or a rest mark."""
        # The first day that keeps the rules: an odd one (year 1, a week date) would move the
        # start of every figure (and overflow the calendar), so it is passed over.
        found = []
        for table in ("sessions", "rest_days"):
            rows = self.conn.execute(
                f"SELECT day, id FROM {table} WHERE day >= ? ORDER BY day LIMIT 50", [FIRST_DAY.isoformat()]
            ).fetchall()
            good = [day for day, _ in rows if not day_problem(day)]
            if good:
                found.append(good[0])
            # Days outside the range sort before or after every good one (through the day index).
            outside = self.conn.execute(
                f"SELECT id FROM {table} WHERE day < ? OR day > ? OR typeof(day) != 'text' LIMIT 1000",
                [FIRST_DAY.isoformat(), LAST_DAY.isoformat()],
            )
            odd = {rid for (rid,) in outside} | {rid for day, rid in rows if day < (good or ["~"])[0]}
            if odd:
                self.left_out.setdefault(table, set()).update(odd)
        return stored_day(min(found)) if found else None

    def zone_passes(self, start: date, end: date) -> dict[date, dict[str, int]]:
        """Per practice day, in how many passes each zone was checked (days without checks are absent)."""
        found: dict[date, dict[str, int]] = {}
        # (session_id, pass_no, zone) is unique, so COUNT(*) counts distinct passes per zone.
        for day, zone, passes in self.conn.execute(
            "SELECT day, zone, COUNT(*) FROM checks WHERE day BETWEEN ? AND ? GROUP BY day, zone",
            [start.isoformat(), end.isoformat()],
        ):
            if not day_problem(day):
                found.setdefault(stored_day(day), {})[zone] = passes
        return found

    def change_stamp(self) -> tuple[int, int]:
        """A stamp that differs once the log was written, by this process or another one.

        Cheap (no table is read), so a screen can skip re-reading what has not changed.
        """
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return self.conn.total_changes, int(version)

    def ratings_between(self, start: date, end: date) -> list[Rating]:
        """Every self-rating of the sessions held on practice days from start to end, oldest first."""
        rows = self.conn.execute(
            "SELECT s.day, r.session_id, r.phase, r.kind, r.value FROM sessions s "
            "JOIN ratings r ON r.session_id = s.id WHERE s.day BETWEEN ? AND ? "
            "ORDER BY s.day, s.started_at, r.phase, r.kind",
            [start.isoformat(), end.isoformat()],
        )
        return keep_good(
            rows, lambda r: Rating(stored_day(r[0]), r[1], r[2], r[3], _rating(r[4])), self.left_out, "ratings"
        )

    def days_with_sessions(self, start: date, end: date) -> set[date]:
        """The practice days in the range that hold at least one session."""
        span = [start.isoformat(), end.isoformat()]
        rows = self.conn.execute("SELECT DISTINCT day FROM sessions WHERE day BETWEEN ? AND ?", span)
        return {stored_day(day) for (day,) in rows if not day_problem(day)}

    def is_empty(self) -> bool:
        """True when the log holds no session, rest day or setting."""
        return not self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM sessions) OR EXISTS (SELECT 1 FROM rest_days) "
            "OR EXISTS (SELECT 1 FROM settings)"
        ).fetchone()[0]


def _rating(value: object) -> int:
    if rating_problem(value):
        raise OddRow(f"rating {value!r}")
    return value  # type: ignore[return-value]
