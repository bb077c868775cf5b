"""What the reliability tests share: the real app in a pseudo-terminal, and raw reads of the log."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from pathlib import Path

from tests.bench.pty_driver import PtyApp

# The Zones progress line: "Pass 2 of 3 · 7/11 zones", or "✓ 3 of 3 passes done · bonus pass 4 · 2/11 zones".
# Checks fill pass after pass, so the line names how many checks of the open session the screen shows.
PROGRESS = re.compile(rb"(?:Pass|bonus pass) (\d+)(?: of \d+)? \xc2\xb7 (\d+)/(\d+) zones")


def shown_checks(painted: bytes) -> int | None:
    """How many checks the last painted progress line showed as saved (None: no line painted)."""
    found = PROGRESS.findall(painted)
    if not found:
        return None
    current, done, size = (int(n) for n in found[-1])
    return (current - 1) * size + done


def private_env(home: Path) -> dict[str, str]:
    """Environment for a child scalp: every user folder inside ``home``, never the real user's."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "SCALP_DB": str(home / "never-used.db"),
    }


def start_app(db: Path, home: Path, width: int = 100, height: int = 30) -> PtyApp:
    """The real app (`python -m tui --db DB`) on a pseudo-terminal."""
    return PtyApp([sys.executable, "-m", "tui", "--db", str(db)], width, height, env=private_env(home))


def after_kill(app: PtyApp) -> bytes:
    """Everything the app painted before it died (what was still in the terminal's buffer included)."""
    app.drain(quiet=0.05)
    with contextlib.suppress(OSError):
        os.close(app.master)
    return bytes(app.plain)


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the log as another program would (a plain connection, which also replays the WAL)."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(db: Path) -> str:
    return query(db, "PRAGMA integrity_check")[0][0]
