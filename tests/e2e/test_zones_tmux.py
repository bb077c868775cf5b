"""The real `scalp` in a real terminal (tmux): check zones off by key, undo one, quit, read the file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]

SCALP = Path(sys.executable).with_name("scalp")


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], check=True, capture_output=True, text=True).stdout


def wait_for(socket: str, text: str, attempts: int = 100) -> str:
    """The screen once ``text`` is on it (polled; fails with the last screen if it never shows)."""
    screen = ""
    for _ in range(attempts):
        screen = tmux(socket, "capture-pane", "-p")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")


def test_checks_and_undo_reach_the_database(tmp_path):
    db = tmp_path / "scalp.db"
    socket = f"scalp-zones-{os.getpid()}"
    tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", f"{SCALP} --db {db}")
    try:
        wait_for(socket, "Today")
        tmux(socket, "send-keys", "z")
        wait_for(socket, "Pass 1 of 3 · 0/11 zones")
        tmux(socket, "send-keys", "Space", "Space", "Enter", "j", "Space")
        wait_for(socket, "Pass 1 of 3 · 4/11 zones")
        tmux(socket, "send-keys", "u")
        wait_for(socket, "Pass 1 of 3 · 3/11 zones")
        tmux(socket, "send-keys", "q")
        for _ in range(50):
            if not _alive(socket):
                break
            time.sleep(0.1)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT pass_no, zone FROM checks ORDER BY at, rowid").fetchall()
        sessions = conn.execute("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL").fetchone()[0]
    assert rows == [(1, "hairline"), (1, "temple_left"), (1, "temple_right")]
    assert sessions == 1  # started by the first check, left open for the Today screen to finish


def _alive(socket: str) -> bool:
    return subprocess.run(["tmux", "-L", socket, "has-session"], capture_output=True).returncode == 0
