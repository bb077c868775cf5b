"""Sync in the background: a thread with its own connection, so a keystroke never waits for a sync.

The app asks for a sync at start, after it has been idle a while and at quit; asking
while one runs makes one more run after it, never two at once. Each run opens its own
connection to the same file (an SQLite connection belongs to the thread that opened it)
and reports through ``done`` (called in the worker thread) how many operations it applied.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.store.errors import StoreError

if TYPE_CHECKING:
    from tui.store.log import Log


class BackgroundSync:
    """Runs `scalp sync` for one database file in a worker thread, on request."""

    def __init__(self, path: Path, *, done: Callable[[int, list[str]], None] | None = None) -> None:
        self.path = Path(path)
        self.done = done
        self._wanted = threading.Event()
        self._stop = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None
        self.runs = 0

    @classmethod
    def for_log(cls, log: Log, **kwargs: Any) -> BackgroundSync | None:
        """A runner for this log when it is a file with a sync folder set, else None."""
        from tui.store.sync import remembered_folder

        if log.path is None:
            return None
        try:
            if remembered_folder(log) is None:
                return None
        except Exception:  # a log without the journal's tables (older tests' files): no sync
            return None
        return cls(log.path, **kwargs)

    def request(self) -> None:
        """Ask for a sync soon; returns at once."""
        with self._lock:
            self._wanted.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="scalp-sync", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._wanted.is_set() or self._stop:
                    self._thread = None
                    return
                self._wanted.clear()
            self._run_once()

    def _run_once(self) -> None:
        from tui.store.log import Log
        from tui.store.sync import sync

        try:
            log = Log.open(self.path)
            try:
                report = sync(log)
            finally:
                log.close()
        except (StoreError, OSError) as exc:
            self.last_error = str(exc)
            return
        self.runs += 1
        self.last_error = None
        if self.done is not None:
            self.done(report.applied.added, report.notes)

    def finish(self, timeout: float = 5.0) -> None:
        """At quit: one last sync (the changes just made), waiting for it at most ``timeout`` seconds."""
        self.request()
        with self._lock:
            self._stop = False
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._lock:
            self._stop = True
