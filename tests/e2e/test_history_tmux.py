"""The real `scalp` in a real terminal (tmux): the History screen shows what `scalp stats` prints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tui.core.calendar import add_months, month_start
from tui.store import Log

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]

SCALP = Path(sys.executable).with_name("scalp")


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, check=True).stdout


def wait_for(socket: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux(socket, "capture-pane", "-p")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def test_history_screen_agrees_with_scalp_stats(tmp_path):
    path = tmp_path / "scalp.db"
    store = Log.open(path)
    today = store.today()
    for back in range(1, 70):
        if back % 9:
            store.log_session(today - timedelta(days=back), passes=3 if back % 4 else 2, minutes=8)
    store.set_rest(today - timedelta(days=9), "travel")
    store.close()
    counts = sqlite_counts(path)
    command = [str(SCALP), "--db", str(path), "stats", "--json"]
    stats = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    socket = f"scalp-e2e-history-{os.getpid()}"
    tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", f"{SCALP} --db {path}")
    try:
        wait_for(socket, "Today")
        tmux(socket, "send-keys", "h")
        screen = wait_for(socket, "Consistency")
        row = next(line for line in screen.splitlines() if "Consistency" in line)
        # On the 1st no day of the month counts yet: both say so with a dash, never "0 of 0" as a figure.
        consistency = stats["month"]["consistency"]
        assert (f"{round(consistency * 100)}%" if consistency is not None else "–") in row
        row = next(line for line in screen.splitlines() if "Practised" in line)
        assert f"{stats['month']['practised']} of {stats['month']['due']} due" in row
        tmux(socket, "send-keys", "[")
        before = add_months(month_start(today), -1)
        wait_for(socket, f"{before:%B %Y} ·")
        tmux(socket, "send-keys", "q")
        time.sleep(0.5)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    assert sqlite_counts(path) == counts  # looking at the history changes nothing


def sqlite_counts(path: Path) -> tuple[int, ...]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "checks", "rest_days", "ratings", "settings")
        )
    finally:
        conn.close()
