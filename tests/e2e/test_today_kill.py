"""kill -9 in the middle of a session: the real app in tmux, killed, reopened; the log checked throughout."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.tmux import Tmux, needs_tmux, scalp_command
from tui.core.recovery import HEARTBEAT, STALE_AFTER

pytestmark = [pytest.mark.e2e, pytest.mark.slow, needs_tmux]

WAIT_S = 30.0


def wait_for(predicate, what: str):
    """Poll until ``predicate()`` is truthy; fail naming ``what`` if it never is."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


def read(db: Path, sql: str) -> list[tuple]:
    """Read the log the way another program would, without going through scalp."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []  # not created yet
    finally:
        conn.close()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_kill_9_mid_session_reopens_paused_at_the_last_heartbeat(tmp_path):
    db = tmp_path / "scalp.db"
    # exec: the pane's process is the app itself, so SIGKILL reaches it, not a shell.
    with Tmux(scalp_command(db), exec_=True) as tmux:
        wait_for(lambda: "Not started" in tmux.screen(), "the Today screen")
        tmux.send("s")
        started_at = moment(
            wait_for(lambda: read(db, "SELECT started_at FROM sessions"), "the session row")[0][0]
        )
        # Let the app write at least one heartbeat after the start, then kill it without warning.
        wait_for(
            lambda: read(db, f"SELECT 1 FROM sessions WHERE last_seen_at > '{started_at.isoformat()}'"),
            "a heartbeat",
        )
        app_pid = tmux.pane_pid()
        os.kill(app_pid, signal.SIGKILL)
        killed_at = datetime.now(UTC)
        wait_for(
            lambda: subprocess.run(["kill", "-0", str(app_pid)], capture_output=True).returncode != 0,
            "the kill",
        )

    # What the kill left behind: a session that still looks as if it were running.
    [(ended_at, last_seen)] = read(db, "SELECT ended_at, last_seen_at FROM sessions")
    last_seen_at = moment(last_seen)
    assert ended_at is None and read(db, "SELECT * FROM pauses") == []
    assert killed_at - last_seen_at <= HEARTBEAT + timedelta(seconds=2)

    # Reopen once the heartbeat is stale, as a user coming back would.
    time.sleep(max(0.0, (last_seen_at + STALE_AFTER - datetime.now(UTC)).total_seconds() + 0.5))
    with Tmux(scalp_command(db), exec_=True) as tmux:
        paused_label = f"Paused at {last_seen_at.astimezone().strftime('%H:%M')}"
        wait_for(lambda: paused_label in tmux.screen(), f"{paused_label!r} on the reopened screen")

        # The same session, paused exactly where its last heartbeat was written.
        [(session_id, ended_at)] = read(db, "SELECT id, ended_at FROM sessions")
        [(paused_at, resumed_at)] = read(db, "SELECT paused_at, resumed_at FROM pauses")
        assert ended_at is None and resumed_at is None
        assert moment(paused_at) == last_seen_at
        elapsed = last_seen_at - started_at
        assert timedelta(0) < elapsed <= killed_at - started_at

        # Resuming carries on with the same session; nothing was started twice.
        tmux.send("s")
        wait_for(lambda: read(db, "SELECT 1 FROM pauses WHERE resumed_at IS NOT NULL"), "the resume")
        assert len(read(db, "SELECT id FROM sessions")) == 1
        tmux.send("q")
        wait_for(lambda: not tmux.alive(), "the app to quit")
    # Quitting stops the clock but keeps the session open to come back to.
    [(ended_at,)] = read(db, f"SELECT ended_at FROM sessions WHERE id = '{session_id}'")
    assert ended_at is None
    assert read(db, "SELECT COUNT(*) FROM pauses WHERE resumed_at IS NULL") == [(1,)]
