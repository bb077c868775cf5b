"""The real `scalp` command in a real terminal: it starts, switches screens by key and quits cleanly."""

import sqlite3

import pytest

from tests.e2e.tmux import Tmux, needs_tmux, scalp_command

pytestmark = [needs_tmux, pytest.mark.e2e]


def test_scalp_starts_switches_screens_and_quits(tmp_path):
    db = tmp_path / "scalp.db"
    term = Tmux(scalp_command(db))
    try:
        shown = term.wait_for("Today")
        assert len(shown.splitlines()[0]) > 90  # the app fills the 100-column terminal
        term.wait_for("^p palette")
        term.send("z")
        term.wait_for("Front hairline")
        term.send("h")
        term.wait_for("Passes")
        term.send("?")
        term.wait_for("Keys")
        term.send("Escape")
        term.wait_gone("esc closes")  # a key sent right after Escape would read as alt+key
        term.send("t")
        term.wait_for("Ready for today's session")
        term.send("q")
        term.wait_for("EXIT=0")
    finally:
        term.close()
    # The first run created the database with the whole schema, and it opens cleanly.
    conn = sqlite3.connect(db)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sessions", "checks", "pauses", "rest_days", "settings", "ratings"} <= tables
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
