"""The real `scalp` in a real terminal (tmux): check zones off by key, undo one, quit, read the file."""

from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.tmux import Tmux, needs_tmux, scalp_command

pytestmark = [pytest.mark.e2e, needs_tmux]


def test_checks_and_undo_reach_the_database(tmp_path):
    db = tmp_path / "scalp.db"
    with Tmux(scalp_command(db)) as tmux:
        tmux.wait_for("Today")
        tmux.send("z")
        tmux.wait_for("Pass 1 of 3 · 0/11 zones")
        tmux.send("Space", "Space", "Enter", "j", "Space")
        tmux.wait_for("Pass 1 of 3 · 4/11 zones")
        tmux.send("u")
        tmux.wait_for("Pass 1 of 3 · 3/11 zones")
        tmux.send("q")
        assert tmux.wait_exit() == 0
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT pass_no, zone FROM checks ORDER BY at, rowid").fetchall()
        sessions = conn.execute("SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL").fetchone()[0]
    assert rows == [(1, "hairline"), (1, "temple_left"), (1, "temple_right")]
    assert sessions == 1  # started by the first check, left open for the Today screen to finish
