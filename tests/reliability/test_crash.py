"""SIGKILL the real app at random moments while zones are checked off: nothing shown as saved is lost.

Each trial starts `python -m tui` on a pseudo-terminal against one shared database, switches to
Zones, presses space a random number of times with random small gaps and kills the process with
SIGKILL at a random moment (some trials while it is still starting). What the screen had painted
before the kill is read back from the terminal; every check it showed must be in the database,
`PRAGMA integrity_check` must say ok, and the next start must show the same open session with
exactly the checks the database holds.

30 seeded trials run in CI. The soak runs more: `SCALP_SOAK=1` gives 500 trials,
`SCALP_SOAK=<n>` gives n; `SCALP_CRASH_SEED=<n>` replays another seed.
"""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import timezone

import pytest

from tests.reliability.helpers import after_kill, integrity, query, shown_checks, start_app
from tui.store import Log

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SOAK = os.environ.get("SCALP_SOAK", "")
TRIALS = (500 if SOAK in ("1", "yes", "true") else int(SOAK)) if SOAK else 30
SEED = int(os.environ.get("SCALP_CRASH_SEED", "20260722"))
FINISH_AT = 30  # a session with this many checks is finished between trials, so the next one starts afresh


def open_session(db) -> tuple[str | None, int]:
    """The open session's id and its number of checks (None, 0 when no session is open)."""
    rows = query(db, "SELECT id FROM sessions WHERE ended_at IS NULL")
    assert len(rows) <= 1, f"several sessions open at once: {rows}"
    if not rows:
        return None, 0
    (count,) = query(db, "SELECT COUNT(*) FROM checks WHERE session_id = ?", (rows[0][0],))[0]
    return rows[0][0], count


def finish_open_session(db) -> None:
    store = Log.open(db, zone=None)
    try:
        session = store.active_session()
        if session is not None:
            store.finish_session(session.id)
    finally:
        store.close()


def test_sigkill_never_loses_a_check_shown_as_saved(tmp_path):
    db = tmp_path / "scalp.db"
    rng = random.Random(SEED)
    reopened = kills_after_checks = 0
    expected: tuple[str | None, int] | None = None  # what the next start must show
    for trial in range(TRIALS):
        where = f"trial {trial} (seed {SEED})"
        app = start_app(db, tmp_path / "home")
        presses = 0
        try:
            if rng.random() < 0.1:
                # Killed while starting up (repairing the session, building the first screen).
                time.sleep(rng.uniform(0.0, 1.5))
            else:
                app.wait_for(b"Today")
                mark = app.mark()
                app.send(b"z")
                app.wait_for(b" zones", since=mark)
                app.drain(quiet=0.05)
                first = shown_checks(bytes(app.plain[mark:]))
                if expected is not None:
                    # Reopening resumes: the same session, with every check the database holds.
                    assert first == expected[1], f"{where}: reopened showing {first} checks, log has {expected}"
                    assert open_session(db)[0] == expected[0], f"{where}: another session after reopening"
                    reopened += 1
                for _ in range(rng.randint(0, 8)):
                    app.send(b" ")
                    presses += 1
                    time.sleep(rng.choice((0.0, 0.0, rng.uniform(0.0, 0.08))))
                time.sleep(rng.uniform(0.0, 0.12))
            app.kill(signal.SIGKILL)
            painted = after_kill(app)
        finally:
            app.close()
        assert app.proc.returncode == -signal.SIGKILL, f"{where}: the app ended by itself ({app.proc.returncode})"

        assert integrity(db) == "ok", where
        session_id, in_log = open_session(db)
        shown = shown_checks(painted) or 0
        assert in_log >= shown, f"{where}: the screen showed {shown} checks saved, the log holds {in_log}"
        assert b"Traceback" not in painted and b"Not saved" not in painted, f"{where}: {painted[-800:]!r}"
        kills_after_checks += presses > 0 and in_log > 0
        if in_log >= FINISH_AT:
            finish_open_session(db)
            session_id, in_log = open_session(db)
        expected = (session_id, in_log)

    # Every (session, pass, zone) is stored once; a last start shows the state the last kill left.
    assert query(db, "SELECT session_id, pass_no, zone FROM checks GROUP BY 1, 2, 3 HAVING COUNT(*) > 1") == []
    store = Log.open(db, zone=timezone.utc)
    store.close()
    # The trials really did kill sessions mid-way, and reopened them.
    assert kills_after_checks >= TRIALS // 4 and reopened >= TRIALS // 2
