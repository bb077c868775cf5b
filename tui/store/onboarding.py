"""The one-time welcome: whether a log is brand new, and the mark that the welcome was shown.

The mark is a row of the ``settings`` table (``welcome_seen`` = true), so it travels with the
log through export, import and backup; Settings ignores keys it does not know.
"""

from __future__ import annotations

import json
from datetime import timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.store.log import Log

WELCOME_KEY = "welcome_seen"


def is_new_log(log: Log) -> bool:
    """True for a log with nothing in it yet: no session, rest day or setting (the welcome's own mark included)."""
    for table in ("sessions", "rest_days", "settings"):
        if log.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return False
    return True


def welcome_seen(log: Log) -> bool:
    """True once the welcome has been shown on this log."""
    row = log.conn.execute("SELECT value FROM settings WHERE key = ?", [WELCOME_KEY]).fetchone()
    return row is not None and row[0] == "true"


def mark_welcome_seen(log: Log) -> None:
    """Store the mark, committed on return (so the welcome is never shown twice, even after a crash)."""
    now = log.now().astimezone(timezone.utc).isoformat(timespec="microseconds")
    with log.transaction():
        log.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [WELCOME_KEY, json.dumps(True), now],
        )
