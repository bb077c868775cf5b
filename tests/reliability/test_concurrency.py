"""Two real apps and a stream of command-line writes on one log file: nothing locked, lost or unseen.

One app (on a pseudo-terminal, with its own private HOME) checks zones off on Zones while the
other sits on History; meanwhile 25 `scalp log` / `scalp rest` commands run four at a time in
their own processes. Every command must succeed without a "locked" line or a traceback, every
day they wrote must be in the log, every check the Zones app showed as saved must be in the log,
the file must pass `PRAGMA integrity_check`, and each app must show the others' writes the next
time it draws History.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.bench.pty_driver import PtyApp
from tests.reliability.helpers import integrity, private_env, query, shown_checks
from tui.store import Log

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ZONE_PRESSES = 26  # two full passes of the 11 zones and a few checks more


def noon_zone() -> tuple[str, date]:
    """A fixed-offset TZ value in which it is about noon now, and today's date there.

    The apps and the commands run on the real clock; at noon local time the practice day
    (which turns at 04:00) cannot change while the test runs, whatever the hour in UTC.
    """
    now = datetime.now(timezone.utc)
    offset = (12 - now.hour) % 24
    offset = offset - 24 if offset > 12 else offset
    return f"SCL{-offset:+d}", (now + timedelta(hours=offset)).date()


def scalp(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def day_line(day: date, passes: int) -> bytes:
    """History's line for the cursor day (the heatmap box's subtitle), up to the minutes."""
    plural = "es" if passes != 1 else ""
    return f"{day.strftime('%a %-d %b')}: {passes} pass{plural}, ".encode()


def keep_reading(*apps: PtyApp, seconds: float) -> None:
    """Read both terminals for a while, so neither app blocks on a full pty buffer."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for app in apps:
            app.poll(0.01)


def test_two_apps_and_the_command_line_write_one_log_together(tmp_path):
    zone_name, today = noon_zone()
    db = tmp_path / "scalp.db"
    base_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    cli_env = {**base_env, **private_env(tmp_path / "home-cli"), "TZ": zone_name}
    assert scalp(db, cli_env, "status").returncode == 0  # the file exists before three writers meet on it

    checker = PtyApp([sys.executable, "-m", "tui", "--db", str(db)], env={**private_env(tmp_path / "a"), "TZ": zone_name})
    viewer = PtyApp([sys.executable, "-m", "tui", "--db", str(db)], env={**private_env(tmp_path / "b"), "TZ": zone_name})
    try:
        checker.wait_for(b"Today")
        viewer.wait_for(b"Today")
        zones_mark = checker.mark()
        checker.send(b"z")
        checker.wait_for(b" zones", since=zones_mark)
        mark = viewer.mark()
        viewer.send(b"h")
        viewer.wait_for(f"{today.strftime('%a %-d %b')}: nothing logged".encode(), since=mark)

        logged = [today - timedelta(days=n) for n in range(1, 13)] + [today] * 3
        rested = {today - timedelta(days=n): f"reason {n}" for n in range(13, 23)}
        commands = [("log", "--date", d.isoformat(), "--passes", "3", "--minutes", "8") for d in logged]
        commands += [("rest", "--date", d.isoformat(), "--reason", why) for d, why in rested.items()]
        random.Random(20261122).shuffle(commands)  # today's logs mixed in among the others
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(scalp, db, cli_env, *command) for command in commands]
            for _ in range(ZONE_PRESSES):
                checker.send(b" ")
                keep_reading(checker, viewer, seconds=0.12)
            while not all(f.done() for f in futures):
                keep_reading(checker, viewer, seconds=0.1)
        results = [f.result() for f in futures]
        checker.drain(quiet=0.3)
        viewer.drain(quiet=0.1)

        for command, result in zip(commands, results, strict=True):
            said = f"{' '.join(command)}: {result.stderr!r}"
            assert result.returncode == 0, said
            assert "locked" not in result.stderr and "Traceback" not in result.stderr, said
            assert result.stderr == "", said

        # Every command's write is in the log.
        sessions = dict(query(db, "SELECT day, COUNT(*) FROM sessions WHERE source = 'log' GROUP BY day"))
        assert sessions == {d.isoformat(): logged.count(d) for d in set(logged)}
        assert dict(query(db, "SELECT day, reason FROM rest_days")) == {d.isoformat(): r for d, r in rested.items()}
        # Every check the Zones app showed as saved is in the log (all its presses were answered).
        painted = bytes(checker.plain[zones_mark:])
        (session_id,) = query(db, "SELECT id FROM sessions WHERE source = 'app'")[0]
        in_log = query(db, "SELECT COUNT(*) FROM checks WHERE session_id = ?", (session_id,))[0][0]
        assert shown_checks(painted) == in_log == ZONE_PRESSES
        assert integrity(db) == "ok"
        for app in (checker, viewer):
            assert b"Traceback" not in app.plain and b"Not saved" not in app.plain, bytes(app.plain[-1500:])

        store = Log.open(db)
        try:
            passes = store.day_summaries(today, today)[today].passes
        finally:
            store.close()
        assert passes == 3 * 3 + 2  # three logged sessions and the app's two full passes
        # The History app shows the commands' and the other app's writes once it draws History again...
        mark = viewer.mark()
        viewer.send(b"t")
        viewer.wait_for(b"Today", since=mark)
        mark = viewer.mark()
        viewer.send(b"h")
        viewer.wait_for(day_line(today, passes), since=mark)
        # ...and so does the Zones app, on History and back on Zones with the same checks.
        mark = checker.mark()
        checker.send(b"h")
        checker.wait_for(day_line(today, passes), since=mark)
        mark = checker.mark()
        checker.send(b"z")
        checker.wait_for(b" zones", since=mark)
        checker.drain(quiet=0.2)
        assert shown_checks(bytes(checker.plain[mark:])) == in_log
        # The History app, switched to Zones, joins the other app's session with its checks.
        mark = viewer.mark()
        viewer.send(b"z")
        viewer.wait_for(b" zones", since=mark)
        viewer.drain(quiet=0.2)
        assert shown_checks(bytes(viewer.plain[mark:])) == in_log
        assert re.search(rb"Traceback|Not saved", bytes(viewer.plain) + bytes(checker.plain)) is None
    finally:
        checker.close()
        viewer.close()
    assert integrity(db) == "ok"


def test_commands_racing_to_create_a_new_log_all_succeed(tmp_path):
    # SQLite creates a file empty and writes it later: a racing opener used to refuse it as "an empty file".
    db = tmp_path / "new" / "scalp.db"
    env = {**os.environ, **private_env(tmp_path / "home"), "TZ": noon_zone()[0]}
    for _ in range(3):
        argv = [sys.executable, "-m", "tui", "--db", str(db), "log", "--date", "yesterday"]
        procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
        outcomes = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]
        assert outcomes == [(0, "")] * 4
        assert query(db, "SELECT COUNT(*) FROM sessions")[0][0] == 4
        assert integrity(db) == "ok"
        assert sorted(p.name for p in db.parent.iterdir() if not p.name.startswith("scalp.db")) == []
        for path in db.parent.iterdir():
            path.unlink()
