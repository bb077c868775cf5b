"""Which scalp apps have a log open: each holds a shared lock on a small file beside the log.

An app closing pauses the running session (no time passes unseen), but not while another
scalp app still has the log open: that window shows the session and keeps it honest with its
heartbeat, so quitting a second window must not stop the first one's clock. Locks vanish with
the process that held them, so a killed app never counts as open.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; every app counts as the last one, as before
    fcntl = None

SUFFIX = "-apps"


class Attendance:
    """This app's presence at the log at ``db_path`` (None for a log in memory)."""

    def __init__(self, db_path: Path | None) -> None:
        self._fd: int | None = None
        if db_path is None or fcntl is None:
            return
        try:
            fd = os.open(Path(db_path).with_name(Path(db_path).name + SUFFIX), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def alone(self) -> bool:
        """True when no other scalp app has the log open (or that cannot be told)."""
        if self._fd is None:
            return True
        # Only the sole holder can turn its shared lock exclusive. A refused conversion may
        # drop the shared lock (flock converts by release and retake), so it is taken again.
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            return False  # another app holds its shared lock
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        return True

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None
