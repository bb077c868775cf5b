"""A terminal closed under the app without a hang-up signal: scalp quits and keeps the session."""

from __future__ import annotations

import os
import time

import pytest

from tests.reliability.helpers import integrity, query, start_app

pytestmark = [pytest.mark.e2e]


def test_the_app_quits_when_its_terminal_is_closed(tmp_path):
    db = tmp_path / "scalp.db"
    app = start_app(db, tmp_path / "home")
    try:
        app.wait_for(b"palette")
        mark = app.mark()
        app.send(b"s")  # start a session: quitting pauses it, as a normal quit does
        app.wait_for(b"Pause", since=mark)
        # The pty's other end closes, as when an emulator dies. The child has no controlling
        # terminal here, so no SIGHUP comes: only the app's own check can notice.
        os.close(app.master)
        deadline = time.monotonic() + 20
        while app.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert app.proc.poll() is not None, "scalp kept running (busy) after its terminal closed"
    finally:
        if app.proc.poll() is None:
            app.kill()
    assert integrity(db) == "ok"
    sessions = query(db, "SELECT id, ended_at FROM sessions")
    assert len(sessions) == 1 and sessions[0][1] is None  # still open, to resume
    paused = query(db, "SELECT COUNT(*) FROM pauses WHERE session_id = ? AND resumed_at IS NULL", (sessions[0][0],))
    assert paused == [(1,)]
