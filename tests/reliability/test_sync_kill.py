"""SIGKILL `scalp sync` at random moments: the log and the folder stay consistent, and a rerun completes.

A laptop with a year of history publishes it (a first sync writes thousands of lines),
and a new desktop applies it (one large transaction); each is killed at a random moment
several times over. After every kill the database passes `PRAGMA integrity_check` and
holds either nothing of the other computer or all of it, the laptop's file holds each
operation at most once (a cut-off last line at worst), and the final rerun leaves both
logs equal.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALP = Path(sys.executable).parent / "scalp"
SEED = int(os.environ.get("SCALP_CRASH_SEED", "20261201"))
TABLES = (
    "sessions",
    "checks",
    "rest_days",
    "settings",
    "settings_history",
    "ratings",
    "pauses",
    "step_marks",
)


def command(*args: str) -> list[str]:
    return [*([str(SCALP)] if SCALP.exists() else [sys.executable, "-m", "tui"]), *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command(*args), capture_output=True, text=True, timeout=120, env={**os.environ, "TZ": "UTC"}
    )


def content(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            out[table] = sorted(json.dumps(dict(zip(names, r, strict=True)), sort_keys=True) for r in cursor)
        return out
    finally:
        conn.close()


def file_seqs(path: Path) -> list[int]:
    """The sequence numbers of a journal's complete lines (a cut-off last line is allowed); each at most once."""
    if not path.exists():
        return []
    lines = path.read_bytes().split(b"\n")
    complete = [json.loads(line) for line in lines[:-1] if line]
    if complete:
        assert "scalp_journal" in complete[0]
    seqs = [line["seq"] for line in complete[1:]]
    assert len(seqs) == len(set(seqs)), "an operation was published twice"
    return seqs


def kill_at_random(args: list[str], rng: random.Random, longest: float) -> bool:
    """Start the command and SIGKILL it after a random delay; True when it was killed before finishing."""
    process = subprocess.Popen(
        command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TZ": "UTC"}
    )
    delay = rng.uniform(0.05, longest)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        return True


def test_killed_syncs_leave_everything_consistent_and_a_rerun_completes(tmp_path):
    rng = random.Random(SEED)
    laptop, desktop, share = tmp_path / "laptop.db", tmp_path / "desktop.db", tmp_path / "share"
    share.mkdir()
    assert run("demo", "--db", str(laptop), "--years", "1", "--until", "2026-11-22").returncode == 0
    assert run("rest", "--db", str(desktop), "--date", "2026-11-22", "--reason", "desktop").returncode == 0
    started = time.monotonic()
    assert run("sync", "--db", str(desktop), "--dir", str(share)).returncode == 0
    one_sync = max(0.3, time.monotonic() - started)
    before = content(desktop)
    killed = 0
    for _ in range(6):  # the laptop publishing its year
        killed += kill_at_random(["sync", "--db", str(laptop), "--dir", str(share)], rng, 4 * one_sync)
        content(laptop)
        for path in (share / "scalp").glob("*.jsonl"):  # killed before it was created, or with a cut-off line
            file_seqs(path)
    assert run("sync", "--db", str(laptop), "--dir", str(share)).returncode == 0
    laptop_file = next(p for p in (share / "scalp").glob("*.jsonl") if p.stem not in desktop_file(desktop))
    (ops,) = (
        sqlite3.connect(laptop)
        .execute("SELECT COUNT(*) FROM _sync_journal WHERE device = ?", [laptop_file.stem])
        .fetchone()
    )
    assert sorted(file_seqs(laptop_file)) == list(range(1, ops + 1))
    whole = content(laptop)
    # The desktop applying it. A run that finished before its kill leaves nothing to apply, so the
    # desktop is put back as it was before and the next kill comes sooner: on a loaded machine,
    # where one run takes longer than the first guess, the kills still land inside the transaction.
    pristine = tmp_path / "desktop-before.db"
    copy_log(desktop, pristine)
    longest, applied_kills = 6 * one_sync, 0
    for attempt in range(16):
        if attempt >= 6 and applied_kills >= 3:
            break
        if kill_at_random(["sync", "--db", str(desktop)], rng, longest):
            applied_kills += 1
        else:
            longest /= 2
        now = content(desktop)
        assert now["sessions"] in (before["sessions"], whole["sessions"]), "a sync was applied in part"
        if now["sessions"] == whole["sessions"]:
            copy_log(pristine, desktop)
    killed += applied_kills
    assert applied_kills >= 3 and killed >= 4, "too few syncs were killed before they finished: the test proved little"
    assert run("sync", "--db", str(desktop)).returncode == 0
    assert run("sync", "--db", str(laptop)).returncode == 0
    assert content(desktop) == content(laptop)


def copy_log(source: Path, target: Path) -> None:
    """Copy a log through SQLite's backup (its WAL included), replacing what ``target`` held."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def desktop_file(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT value FROM _sync_meta WHERE key = 'device'").fetchone()[0]
    finally:
        conn.close()
