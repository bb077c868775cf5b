"""Two computers, two real Syncthing daemons on 127.0.0.1, one shared folder: `scalp` on each side converges."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.syncthing import Pair, available, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALP = Path(sys.executable).parent / "scalp"
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


def scalp(*args: str) -> subprocess.CompletedProcess:
    command = [str(SCALP)] if SCALP.exists() else [sys.executable, "-m", "tui"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "UTC"},
        check=True,
    )


def content(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            out[table] = sorted(json.dumps(dict(zip(names, r, strict=True)), sort_keys=True) for r in cursor)
        return out
    finally:
        conn.close()


def journal_line_count(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


@pytest.fixture
def pair(tmp_path):
    reason = available()
    if reason:
        pytest.skip(reason)
    daemons = Pair(tmp_path)
    try:
        daemons.start(timeout=60)
    except (OSError, RuntimeError, TimeoutError, subprocess.SubprocessError) as exc:
        daemons.stop()
        pytest.skip(f"the two Syncthing daemons could not start here: {str(exc).splitlines()[0]}")
    yield daemons
    daemons.stop()
    assert daemons.a.process.poll() is not None and daemons.b.process.poll() is not None


def test_two_computers_converge_through_syncthing(pair, tmp_path):
    left_db, right_db = tmp_path / "left.db", tmp_path / "right.db"
    left_dir, right_dir = pair.a.folder, pair.b.folder
    scalp("log", "--db", str(left_db), "--date", "yesterday", "--passes", "2", "--note", "from the laptop")
    scalp("rest", "--db", str(left_db), "--date", "today", "--reason", "travel")
    scalp("sync", "--db", str(left_db), "--dir", str(left_dir))
    scalp("sync", "--db", str(right_db), "--dir", str(right_dir))  # the desktop joins: its own file appears
    left_device = next((left_dir / "scalp").glob("*.jsonl")).stem
    theirs = right_dir / "scalp" / f"{left_device}.jsonl"
    wait_for(
        lambda: journal_line_count(theirs) >= journal_line_count(left_dir / "scalp" / f"{left_device}.jsonl"),
        90,
        "the laptop's journal to reach the desktop",
    )
    scalp("sync", "--db", str(right_db))
    assert content(right_db)["sessions"] == content(left_db)["sessions"]
    # the desktop clears the rest day and logs a session: a CLI write syncs by itself
    scalp("rest", "--db", str(right_db), "--date", "today", "--clear")
    scalp("log", "--db", str(right_db), "--date", "yesterday", "--passes", "1", "--note", "from the desktop")
    right_device = next(p for p in (right_dir / "scalp").glob("*.jsonl") if p.stem != left_device).stem
    source = right_dir / "scalp" / f"{right_device}.jsonl"
    wait_for(
        lambda: (
            journal_line_count(left_dir / "scalp" / f"{right_device}.jsonl") >= journal_line_count(source)
        ),
        90,
        "the desktop's journal to reach the laptop",
    )
    scalp("sync", "--db", str(left_db))
    left, right = content(left_db), content(right_db)
    assert left == right
    assert left["rest_days"] == [] and len(left["sessions"]) == 2
    status = scalp("sync", "--db", str(left_db), "--status").stdout
    assert f"Device {right_device}" in status
    assert not list(left_dir.rglob("*.db*")) and not list(right_dir.rglob("*.db*"))
