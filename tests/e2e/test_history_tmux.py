"""The real `scalp` in a real terminal (tmux): the History screen shows what `scalp stats` prints."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.tmux import SCALP, Tmux, needs_tmux, scalp_command
from tui.core.calendar import add_months, month_start
from tui.store import Log

pytestmark = [pytest.mark.e2e, needs_tmux]


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
    command = [*SCALP, "--db", str(path), "stats", "--json"]
    stats = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    with Tmux(scalp_command(path)) as tmux:
        tmux.wait_for("Today")
        tmux.send("h")
        screen = tmux.wait_for("Consistency")
        row = next(line for line in screen.splitlines() if "Consistency" in line)
        assert f"{round(stats['month']['consistency'] * 100)}%" in row
        row = next(line for line in screen.splitlines() if "Practised" in line)
        assert f"{stats['month']['practised']} of {stats['month']['due']} due" in row
        tmux.send("[")
        before = add_months(month_start(today), -1)
        tmux.wait_for(f"{before:%B %Y} ·")
        tmux.send("q")
        assert tmux.wait_exit() == 0
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
