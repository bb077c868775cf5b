"""Sessions: start, pause, finish, log after the fact, guided steps, repair (a mixin of the Log)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tui.core.calendar import day_start_moment
from tui.core.guide import PASSES_STEP
from tui.core.models import Pause, Session
from tui.core.recovery import CLOSE, PAUSE, STALE_AFTER, Recovery, plan_recovery
from tui.store.base import LogBase
from tui.store.errors import SessionError
from tui.store.rows import SESSION_COLUMNS, dt, new_id, session_from_row, ts


class Sessions(LogBase):
    def _pauses(self, session_ids: list[str]) -> dict[str, list[Pause]]:
        found: dict[str, list[Pause]] = {sid: [] for sid in session_ids}
        if not session_ids:
            return found
        marks = ",".join("?" * len(session_ids))
        for pid, sid, paused, resumed in self.conn.execute(
            f"SELECT id, session_id, paused_at, resumed_at FROM pauses WHERE session_id IN ({marks}) "
            "ORDER BY paused_at",
            session_ids,
        ):
            found[sid].append(Pause(pid, sid, dt(paused), dt(resumed)))  # type: ignore[arg-type]
        return found

    def _sessions(self, where: str, params: list[Any]) -> list[Session]:
        rows = self.conn.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE {where} ORDER BY started_at", params
        ).fetchall()
        pauses = self._pauses([r[0] for r in rows])
        return [session_from_row(r, tuple(pauses[r[0]])) for r in rows]

    def session(self, session_id: str) -> Session:
        found = self._sessions("id = ?", [session_id])
        if not found:
            raise SessionError(f"no session {session_id!r}")
        return found[0]

    def active_session(self) -> Session | None:
        """The open (unfinished) session, if any; the newest when several were left open."""
        found = self._sessions("ended_at IS NULL", [])
        return found[-1] if found else None

    def sessions_between(self, start: date, end: date) -> list[Session]:
        return self._sessions("day BETWEEN ? AND ?", [start.isoformat(), end.isoformat()])

    def start_session(self, technique: str | None = None) -> Session:
        """Start a session now, on today's practice day. Refused while another is open."""
        technique = technique or self.settings().technique
        self.routine.technique(technique)
        now = self.now()
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM sessions WHERE ended_at IS NULL").fetchone():
                raise SessionError("a session is already open; finish it before starting another")
            sid = new_id()
            self._insert(
                "sessions",
                {
                    "id": sid,
                    "day": self.day_of(now).isoformat(),
                    "started_at": ts(now),
                    "last_seen_at": ts(now),
                    "technique": technique,
                    "oil": 0,
                    "note": "",
                    "source": "app",
                },
            )
        return self.session(sid)

    def pause_session(self, session_id: str) -> Session:
        session = self.session(session_id)
        if not session.running:
            raise SessionError("only a running session can be paused")
        now = self.now()
        with self.transaction():
            self._insert("pauses", {"id": new_id(), "session_id": session_id, "paused_at": ts(now)})
            self._update("sessions", session_id, {"last_seen_at": ts(now)})
        return self.session(session_id)

    def resume_session(self, session_id: str) -> Session:
        session = self.session(session_id)
        if not session.paused:
            raise SessionError("only a paused session can be resumed")
        now = self.now()
        with self.transaction():
            self._update("pauses", session.pauses[-1].id, {"resumed_at": ts(now)})
            self._update("sessions", session_id, {"last_seen_at": ts(now)})
        return self.session(session_id)

    def touch_session(self, session_id: str) -> None:
        """Record that a running session is still alive (a crash then costs at most one beat)."""
        with self.transaction():
            self._update("sessions", session_id, {"last_seen_at": ts(self.now())})

    def finish_session(self, session_id: str, at: datetime | None = None) -> Session:
        """Close a session now (or at ``at``); a pause still open ends with it."""
        session = self.session(session_id)
        if session.finished:
            raise SessionError("the session is already finished")
        end = at or self.now()
        with self.transaction():
            if session.paused:
                self._update("pauses", session.pauses[-1].id, {"resumed_at": ts(end)})
            self._update("sessions", session_id, {"ended_at": ts(end), "last_seen_at": ts(end)})
        return self.session(session_id)

    def update_session(self, session_id: str, **values: Any) -> Session:
        """Change a session's technique, oil flag or note."""
        allowed = {"technique", "oil", "note"}
        if set(values) - allowed:
            raise ValueError(f"cannot change {', '.join(sorted(set(values) - allowed))} on a session")
        if values.get("technique") is not None:
            self.routine.technique(values["technique"])
        if "oil" in values:
            values["oil"] = int(bool(values["oil"]))
        self.session(session_id)
        with self.transaction():
            self._update("sessions", session_id, values)
        return self.session(session_id)

    def log_session(
        self,
        day: date,
        *,
        passes: int,
        minutes: float,
        technique: str | None = None,
        note: str = "",
        source: str = "log",
        session_id: str | None = None,
    ) -> Session:
        """Record a whole session after the fact: ``passes`` full passes over every zone."""
        technique = technique or self.settings().technique
        self.routine.technique(technique)
        if passes < 0 or minutes < 0:
            raise ValueError("passes and minutes cannot be negative")
        stamp = ts(self.now())
        sid = session_id or new_id()
        with self.transaction():
            self._insert(
                "sessions",
                {
                    "id": sid,
                    "day": day.isoformat(),
                    "started_at": stamp,
                    "ended_at": stamp,
                    "last_seen_at": stamp,
                    "technique": technique,
                    "oil": 0,
                    "note": note,
                    "source": source,
                    "minutes": float(minutes),
                },
            )
            self._insert_many(
                "checks",
                ("id", "session_id", "day", "pass_no", "zone", "technique", "at"),
                (
                    (new_id(), sid, day.isoformat(), pass_no, zone, technique, stamp)
                    for pass_no in range(1, passes + 1)
                    for zone in self.routine.zone_ids
                ),
            )
        return self.session(sid)

    # --- guided steps ------------------------------------------------------------------------

    def mark_step(self, session_id: str, step: str) -> None:
        """Record that a guided step of an open session is done; marking it twice changes nothing."""
        known = {s.id for s in self.routine.steps} | {PASSES_STEP}
        if step not in known:
            raise ValueError(f"unknown step {step!r}")
        session = self.session(session_id)
        if session.finished:
            raise SessionError("the session is finished; its steps can no longer change")
        now = ts(self.now())
        with self.transaction():
            if self.conn.execute(
                "SELECT 1 FROM step_marks WHERE session_id = ? AND step = ?", [session_id, step]
            ).fetchone():
                return
            self._insert("step_marks", {"id": new_id(), "session_id": session_id, "step": step, "at": now})
            if session.running:
                self._update("sessions", session_id, {"last_seen_at": now})

    def unmark_last_step(self, session_id: str) -> str | None:
        """Remove the newest step mark of an open session; returns its step, or None when there is none."""
        if self.session(session_id).finished:
            raise SessionError("the session is finished; its steps can no longer change")
        with self.transaction():
            row = self.conn.execute(
                "SELECT id, step FROM step_marks WHERE session_id = ? ORDER BY at DESC, rowid DESC LIMIT 1",
                [session_id],
            ).fetchone()
            if row is None:
                return None
            self._delete("step_marks", row[0])
        return str(row[1])

    def step_marks(self, session_id: str) -> list[str]:
        """The steps of a session marked done, oldest first."""
        rows = self.conn.execute(
            "SELECT step FROM step_marks WHERE session_id = ? ORDER BY at, rowid", [session_id]
        )
        return [step for (step,) in rows]

    # --- unattended sessions -----------------------------------------------------------------

    def recover_session(self, stale_after: timedelta = STALE_AFTER) -> tuple[Recovery, Session] | None:
        """Repair the open session if nobody is attending it; returns what was done and the result.

        A running session whose heartbeat is older than ``stale_after`` is paused at
        its last heartbeat (the app was killed or the machine slept); a session left
        open from an earlier practice day is closed at its last activity, at the
        latest when its day ended (see tui.core.recovery). Decided and written in one
        transaction, so two apps opening the same file cannot both repair it.
        """
        settings = self.settings()
        # Most starts find no open session: answered by a read, without a write transaction.
        if self.conn.execute("SELECT 1 FROM sessions WHERE ended_at IS NULL LIMIT 1").fetchone() is None:
            return None
        with self.transaction():
            found = self._sessions("ended_at IS NULL", [])
            if not found:
                return None
            session = found[-1]
            now = self.now()
            day_end = day_start_moment(session.day + timedelta(days=1), settings.day_start, self.zone)
            plan = plan_recovery(session, now, self.day_of(now), day_end, stale_after)
            if plan is None:
                return None
            at = ts(plan.at)
            if plan.action == PAUSE:
                self._insert("pauses", {"id": new_id(), "session_id": session.id, "paused_at": at})
                self._update("sessions", session.id, {"last_seen_at": at})
            elif plan.action == CLOSE:
                if session.paused:
                    # An open pause ends with the session (never before it began).
                    resumed = max(plan.at, session.pauses[-1].paused_at)
                    self._update("pauses", session.pauses[-1].id, {"resumed_at": ts(resumed)})
                self._update("sessions", session.id, {"ended_at": at, "last_seen_at": at})
        return plan, self.session(session.id)
