"""Keeps the open session honest while the app runs: repairs it on start, beats its heartbeat."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from tui.core.recovery import CLOSE, HEARTBEAT, STALE_AFTER
from tui.store import StoreError
from tui.store.attendance import Attendance
from tui.store.log import Log

#: A session still running this soon after its start is being practised, even past the day start.
LIVE_FOR = timedelta(hours=2)


class SessionKeeper:
    """Writes the running session's heartbeat and repairs sessions nobody attends.

    The heartbeat lets a later start tell a killed app's session (stale heartbeat:
    paused where it stopped) from one another window is running (fresh: left alone).
    Each beat also closes a session that has run into a new practice day, and, when
    the beats themselves were interrupted (the machine slept, the process was
    stopped), pauses the session where the last beat left it.
    """

    def __init__(
        self,
        store: Log,
        notify: Callable[[str], None],
        report_error: Callable[[StoreError], None],
        changed: Callable[[], None],
    ) -> None:
        self.store = store
        self.notify = notify
        self.report_error = report_error
        self.changed = changed
        # Wall time of the previous beat: a long real gap means the process was not running.
        self._last_beat = time.time()
        self.attendance = Attendance(store.path)
        """Whether other scalp apps have the log open (quitting then leaves their session running)."""

    def recover(self) -> None:
        """Repair an unattended session (called once when the app starts)."""
        try:
            result = self.store.recover_session()
        except StoreError as err:
            self.report_error(err)
            return
        if result is None:
            return
        plan, session = result
        at = plan.at.astimezone(self.store.zone).strftime("%H:%M")
        if plan.action == CLOSE:
            self.notify(
                f"The session of {session.day:%a %-d %b} was still open; it is closed as of {at} "
                "and counts for that day only."
            )
        else:
            self.notify(f"The session stopped at {at} without being paused. It is paused there: press s to resume.")
        self.changed()

    def beat(self) -> None:
        """One heartbeat: repair if the beats were interrupted or the day turned, else mark the session alive."""
        wall = time.time()
        interrupted = wall - self._last_beat > STALE_AFTER.total_seconds()
        self._last_beat = wall
        store = self.store
        try:
            session = store.active_session()
            if session is None:
                return
            # Someone massaging across the day start (03:55 to 04:05) keeps their session: it stays
            # on the day it started, with all its checks. Only a session left open for hours closes.
            live = session.running and not interrupted and store.now() - session.started_at < LIVE_FOR
            if interrupted or (session.day < store.today() and not live):
                self.recover()
                session = store.active_session()
            if session is not None and session.running:
                store.touch_session(session.id)
        except StoreError as err:
            self.report_error(err)

    def pause_on_exit(self) -> None:
        """Stop the clock of a running session as the app closes, so no time passes unseen.

        Not while another scalp app has the log open: it shows the session and beats for it.
        """
        with self.attendance.leaving() as last_app:
            if not last_app:
                return
            try:
                session = self.store.active_session()
                if session is not None and session.running:
                    self.store.pause_session(session.id)
            except StoreError:
                pass  # the app is closing; the stale heartbeat repairs it on the next start

    @property
    def interval(self) -> float:
        """Seconds between beats."""
        return HEARTBEAT.total_seconds()
