"""Nothing half-done is left behind or followed: killed backups, planted links, a replaced demo log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.cli.conftest import Scalp
from tui.store.backup import TEMP_PREFIX, backup_folder

# A backup that copies one page at a time, slowly, so that a kill lands in the middle of it.
SLOW_BACKUP = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    from tui.store.backup import copy_database

    class Slow(sqlite3.Connection):
        def backup(self, target, **kwargs):
            super().backup(target, pages=1, progress=lambda *a: time.sleep(0.01))

    source = sqlite3.connect(sys.argv[1], factory=Slow)
    print("copying", flush=True)
    copy_database(source, Path(sys.argv[2]))
    """
)


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{TEMP_PREFIX}*"))


@pytest.fixture
def filled(scalp: Scalp) -> Scalp:
    result = scalp("demo", "--years", "2")
    assert result.exit_code == 0, result.output
    scalp("log", "--date", "yesterday", "--note", "a private note")
    return scalp


@pytest.mark.parametrize("where", ["backups", "elsewhere"])
def test_a_killed_backup_leaves_nothing_once_backup_runs_again(filled, tmp_path, where):
    folder = backup_folder(filled.db) if where == "backups" else tmp_path / "elsewhere"
    folder.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, str(filled.db), str(folder / "copy.db")],
        stdout=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while not _temps(folder) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _temps(folder), "the slow backup never started its copy"
        time.sleep(0.1)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    leftovers = _temps(folder)
    assert leftovers, "the kill should leave a partial copy for this test to mean anything"
    assert all((p.stat().st_mode & 0o077) == 0 for p in leftovers), "a partial copy was readable by others"
    args = ["backup"] if where == "backups" else ["backup", str(folder / "again.db")]
    result = filled(*args)
    assert result.exit_code == 0, result.output
    assert _temps(folder) == []


def test_a_running_backup_keeps_its_temporary_copy(filled):
    # A temporary copy of a live process (this one's parent) is somebody's backup in progress.
    folder = backup_folder(filled.db)
    folder.mkdir()
    busy = folder / f"{TEMP_PREFIX}{os.getppid()}-abc.tmp"
    busy.write_bytes(b"in progress")
    assert filled("backup").exit_code == 0
    assert busy.exists()


@pytest.mark.parametrize("command", ["export", "backup"])
def test_a_link_planted_at_a_temporary_name_is_never_followed(filled, tmp_path, command):
    shared = tmp_path / "shared"
    shared.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = shared / "out.json"
    # The names the temporary files used to have, each a link to the victim.
    for name in [f".{out.name}.tmp", *(f"{TEMP_PREFIX}{os.getpid()}-{n}.tmp" for n in range(3))]:
        (shared / name).symlink_to(victim)
    result = filled(command, str(out)) if command == "backup" else filled(command, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "precious"
    assert not out.is_symlink() and out.stat().st_size > 0


def test_export_over_a_link_replaces_the_link_not_its_target(filled, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out.json"
    out.symlink_to(victim)
    refused = filled("export", "-o", str(out))  # something is there: replaced only with --force
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.is_symlink() and victim.read_text() == "precious"
    assert filled("export", "-o", str(out), "--force").exit_code == 0
    assert victim.read_text() == "precious"
    assert not out.is_symlink() and out.read_text().startswith("{")


def test_demo_replace_on_a_log_with_guided_step_marks(scalp):
    with scalp.open() as log:
        session = log.start_session()
        log.mark_step(session.id, log.routine.steps[0].id)
        log.add_check(session.id, 1, log.routine.zone_ids[0])
        log.set_rating(session.id, "before", "stress", 3)
        log.pause_session(session.id)
    result = scalp("demo", "--years", "1", "--replace")
    assert result.exit_code == 0, result.output
    with scalp.open() as log:
        assert log.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert log.conn.execute(
            "SELECT COUNT(*) FROM step_marks WHERE session_id = ?", [session.id]
        ).fetchone() == (0,)
        assert log.conn.execute("SELECT COUNT(*) FROM sessions WHERE id = ?", [session.id]).fetchone() == (0,)
