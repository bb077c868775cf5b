"""The integrity check of a log, run in a thread of its own while the app's code is imported (issue 8).

`PRAGMA quick_check` reads the whole file (about 25 ms for ten years of history, longer
every year). SQLite runs it without Python's lock, so a thread that does nothing else
overlaps it fully with the imports of the main thread; `Log.open` then takes its answer
instead of checking again. The thread only reads, through a read-only connection that
creates no file, so a file that turns out to be refused is left exactly as it was.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

#: The check reads every page once: a small page cache (in KiB, negative as SQLite wants it)
#: is as fast as the default 2 MiB and keeps the app's memory ~2 MiB lower (issue 8).
CHECK_CACHE_KIB = -64


class QuickCheck:
    """``PRAGMA quick_check`` of ``path``, started at once; ``outcome()`` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._answer: tuple[str, ...] | None = None
        self._error: sqlite3.Error | None = None
        self._thread = threading.Thread(target=self._run, name="scalp-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # The same read-only flags as Log.open: with no WAL file beside the log, "immutable"
        # reads it without creating -wal/-shm files.
        path = self.path
        wal = path.with_name(path.name + "-wal")
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, check_same_thread=False)
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
        """The check's first row (("ok",) for a sound file); raises the sqlite3 error it met."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._answer
