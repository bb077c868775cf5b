"""How the History screen reads its Trends report: in a worker with its own connection, ahead of `v`."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.timer import Timer
from textual.worker import get_current_worker

from tui.core.trend_report import TrendReport
from tui.store.trends import load_trends, worker_log

if TYPE_CHECKING:
    from tui.store.log import Log
    from tui.ui.screens.base import ModeScreen

    _Host = ModeScreen
else:
    _Host = object


class TrendsReading(_Host):
    """A mixin for HistoryScreen: the report is read once per state of the log, never on a key's time.

    The screen provides ``store``, ``showing``, ``trends`` (a reactive) and ``_stamp`` (the
    state of the log it last read). For the type checker the mixin is a ModeScreen; at run
    time it derives from object alone, and HistoryScreen puts it before ModeScreen.
    """

    showing: str
    trends: TrendReport | None
    _stamp: tuple[Any, ...] | None
    _trends_stamp: tuple[Any, ...] | None = None
    _trends_reading = False
    _ahead_timer: Timer | None = None

    def _read_ahead_when_quiet(self) -> None:
        """Read the Trends report while the review is on screen and no key comes, so `v` only draws.

        Not while History is built ahead or hidden (its first showing must not wait on it), and
        only where a worker can read it (a log in a file).
        """
        app = self.app
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
            self._ahead_timer = None
        quiet_for = time.monotonic() - app.last_key_at
        if quiet_for < app.IDLE_AFTER_KEY_S or not self.is_current:
            if self.is_current:
                wait = app.IDLE_AFTER_KEY_S - quiet_for
                self._ahead_timer = self.set_timer(wait, self._read_ahead_when_quiet, name="trends-ahead")
            return
        if self.showing == "review":
            self._load_trends(ahead=True)

    def _load_trends(self, ahead: bool = False) -> None:
        """Read the Trends report once per change of the log, after the first frame (a worker, own connection).

        ``ahead``: the Trends view is not shown yet; read it only where a worker can (a file log).
        """
        if self._trends_stamp == self._stamp and (self.trends is not None or self._trends_reading):
            return  # read already, or being read for this state of the log
        own = worker_log(self.store)
        if own is None:  # an in-memory log (tests): no second connection can see it
            if not ahead:
                self._trends_stamp = self._stamp
                self.trends = load_trends(self.store)
            return
        self._trends_stamp = self._stamp
        self.trends = None
        self._trends_reading = True
        self._read_trends(own, self._stamp)

    @work(thread=True, exclusive=True, group="trends")
    def _read_trends(self, log: Log, stamp: tuple[Any, ...] | None) -> None:
        try:
            report = load_trends(log)
        finally:
            log.conn.close()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._trends_read, report, stamp)

    def _trends_read(self, report: TrendReport, stamp: tuple[Any, ...] | None) -> None:
        if stamp == self._stamp:
            self._trends_reading = False
            self.trends = report

