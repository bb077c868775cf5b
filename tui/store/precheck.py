"""The integrity check of a log, run in a thread of its own while the app's code is imported.

`PRAGMA quick_check` reads the whole file (about 25 ms for ten years of history, longer
every year). SQLite runs it without Python's lock, so a thread that does nothing else
overlaps it fully with the imports of the main thread; `Log.open` then takes its answer
instead of checking again, if the file is still the one that was checked.

The thread only reads, through a read-only connection, and only a writable SQLite file:
anything `Log.open` refuses before its own check (not SQLite, read-only) is left to it, so
its bytes and its folder stay as they were. (With a WAL file beside the log, SQLite may add
the `-shm` file a writer would make anyway.)
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from tui.store.sqlbase import SQLITE_MAGIC, read_only_uri

#: The check reads every page once: a small page cache (in KiB, negative as SQLite wants it)
#: is as fast as the default 2 MiB and keeps the app's memory ~2 MiB lower.
CHECK_CACHE_KIB = -64


def identity(path: Path) -> tuple[int, int, int, int] | None:
    """What tells one file from another, or from itself changed: device, inode, size, mtime."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


class QuickCheck:
    """``PRAGMA quick_check`` of ``path``, started at once; ``outcome()`` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity = identity(path)
        self._answer: tuple[str, ...] | None = None
        self._error: sqlite3.Error | None = None
        self._thread = threading.Thread(target=self._run, name="scalp-quick-check", daemon=True)
        self._thread.start()

    def about(self, path: Path) -> bool:
        """True when the check was of ``path`` as it is now (not replaced or written since)."""
        return path == self.path and self.identity is not None and identity(path) == self.identity

    def _run(self) -> None:
        path = self.path
        try:
            with path.open("rb") as handle:
                sqlite = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
            if not sqlite or not os.access(path, os.W_OK):
                raise sqlite3.OperationalError("not checked here: Log.open refuses it first")
            # The same read-only connection as Log.open's check.
            conn = sqlite3.connect(read_only_uri(path), uri=True)
            try:
                conn.execute(f"PRAGMA cache_size = {CHECK_CACHE_KIB}")
                self._answer = conn.execute("PRAGMA quick_check").fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            self._error = exc
        except Exception as exc:  # an odd path (a folder, no permission): Log.open says why
            self._error = sqlite3.OperationalError(str(exc))

    def outcome(self) -> tuple[str, ...] | None:
        """The check's first row (("ok",) for a sound file); raises the sqlite3 error it met.

        An OperationalError means the check could not be made; the caller checks by itself.
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._answer
