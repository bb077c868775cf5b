"""Which scalp apps have a log open: each holds a shared lock on a small file beside the log.

An app closing pauses the running session (no time passes unseen), but not while another
scalp app still has the log open: that window shows the session and keeps it honest with its
heartbeat, so quitting a second window must not stop the first one's clock. Locks vanish with
the process that held them, so a killed app never counts as open.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; every app counts as the last one, as before
    fcntl = None  # type: ignore[assignment]

SUFFIX = "-apps"


class Attendance:
    """This app's presence at the log at ``db_path`` (None for a log in memory)."""

    def __init__(self, db_path: Path | None) -> None:
        self._fd: int | None = None
        self._lock_path: Path | None = None
        if db_path is None or fcntl is None:
            return
        # Resolved, so that two apps reaching the log through a link share one lock file.
        db = Path(db_path).resolve()
        self._lock_path = db.with_name(db.name + SUFFIX)
        self._fd = self._open(fcntl.LOCK_SH)

    def _open(self, mode: int) -> int | None:
        if self._lock_path is None:
            return None
        try:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(fd, mode)
        except OSError:
            os.close(fd)
            return None
        return fd

    @contextmanager
    def leaving(self) -> Iterator[bool]:
        """Give up this app's presence; the block learns whether it was the last app.

        The last app holds the lock alone until the block ends, so of two apps quitting at
        once exactly one is told it is the last (whichever takes the lock first).
        """
        if self._fd is None:
            yield True  # not tracked (in memory, no lock file, no flock): act as a lone app
            return
        os.close(self._fd)  # drops this app's shared lock
        self._fd = None
        last = self._open(fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            yield last is not None
        finally:
            if last is not None:
                os.close(last)
