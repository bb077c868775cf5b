"""A new computer's first sync takes the bulk path; it must end exactly where the incremental one does.

Three computers write a few months of history and then change it: checks undone and done
again, rest days and ratings cleared, notes edited on two computers, settings changed, a whole
history replaced (tombstones for every row, sessions among them, then new rows), with one
computer's clock behind. Their files then sit in the folder as a sync tool leaves them: one
twice (a conflict copy), one with a line that is not an operation, one with its last line
still being copied. A new, empty log reads them all in one sync:

- through the bulk path (one batch, no stored operation to read back, plain INSERTs into
  empty tables), and through the very same sync with those shortcuts turned off: the two
  databases are equal row for row, row ids included;
- and, as another computer would get them bit by bit, by syncs that each see a little more
  of every file (the incremental path, merging against what is stored): the same rows and
  the same journal (row ids aside: a row written again in a later sync gets a new one).
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tui.core.demo import generate
from tui.core.sync.ops import TABLES
from tui.store import Log, sync_apply
from tui.store import sync as sync_module
from tui.store.sync import SUBFOLDER, sync

DAY = date(2026, 11, 22)


def _open(path: Path, clock: FakeClock) -> Log:
    return Log.open(path, clock=clock, zone=UTC)


def _write_history(tmp_path: Path) -> Path:
    """Three computers' journals in a folder, with a duplicate, an odd line and a cut last line."""
    folder = tmp_path / "share"
    folder.mkdir()
    clock = FakeClock()
    behind = FakeClock(clock.now - timedelta(minutes=5))  # c's wall clock is late
    a = _open(tmp_path / "a.db", clock)
    b = _open(tmp_path / "b.db", clock)
    c = _open(tmp_path / "c.db", behind)
    a.add_history(generate(a.routine, end=DAY - timedelta(days=40), years=1, seed=5, zone=UTC))
    c.add_history(generate(c.routine, end=DAY - timedelta(days=300), years=1, seed=6, zone=UTC))
    c.save_settings(days_per_week=3)  # at c's late clock, before seeing a's and b's: theirs win
    sync(a, folder)
    sync(c, folder)
    sync(b, folder)  # b now holds both histories
    clock.advance(60)
    behind.advance(60)
    sessions = b.sessions_between(DAY - timedelta(days=90), DAY)
    zones = b.routine.zone_ids
    for i, s in enumerate(sessions[:12]):
        b.update_session(s.id, note=f"b's note {i}")
        if b.checks_for_session(s.id):
            b.undo_last_check(s.id)  # a tombstone
        if i % 3 == 0:
            b.set_rating(s.id, "before", "stress", None)  # cleared: a tombstone
    for i in range(5):
        b.clear_rest(DAY - timedelta(days=60 + i))
        b.set_rest(DAY - timedelta(days=50 + i), f"trip {i}")
    b.save_settings(days_per_week=4)
    s = b.log_session(DAY - timedelta(days=2), passes=1, minutes=12)
    b.update_session(s.id, note="logged late")
    sync(b, folder)
    sync(a, folder)  # a sees b's changes, then edits the same sessions later
    clock.advance(60)
    for i, s in enumerate(sessions[:6]):
        a.update_session(s.id, note=f"a's later note {i}")
        if len(a.checks_for_session(s.id)) < len(zones):
            done = {ch.zone for ch in a.checks_for_session(s.id)}
            a.add_check(s.id, 1, next(z for z in zones if z not in done))  # the undone zone checked again
    a.save_settings(days_per_week=6)
    live = a.start_session()
    a.add_check(live.id, 1, zones[0])
    a.mark_step(live.id, "warm_hands")
    a.mark_step(live.id, "oil")
    a.unmark_last_step(live.id)
    sync(a, folder)
    # c replaces its whole history, every row a tombstone (sessions too): having seen a's and b's
    # changes, its clock reads after them although its wall clock is late
    sync(c, folder)
    behind.advance(30)
    c.add_history(generate(c.routine, end=DAY - timedelta(days=200), years=1, seed=7, zone=UTC), replace=True)
    c.save_settings(days_per_week=2)
    sync(c, folder)
    # b, not having seen that, adds to a session c removed: the check and the rating wait for it
    clock.advance(600)
    b.add_check(sessions[8].id, 9, zones[0])
    b.set_rating(sessions[8].id, "before", "headache", 3)
    sync(b, folder)
    for log in (a, b, c):
        log.close()
    share = folder / SUBFOLDER
    files = {p.stem: p for p in share.glob("*.jsonl")}
    a_file, b_file, c_file = (files[log.device_id()] for log in (a, b, c))
    shutil.copy(a_file, share / f"{a_file.stem}.sync-conflict-20261122-093000-ABCDEFG.jsonl")
    with open(b_file, "ab") as handle:
        handle.write(b'{"op": "not an operation"}\n')
    data = c_file.read_bytes()
    c_file.write_bytes(data[:-25])  # its last line still being copied
    return folder


def _database(log: Log, *, rowids: bool) -> dict[str, list]:
    out: dict[str, list] = {}
    for table in TABLES:
        extra = "rowid, " if rowids else ""
        out[table] = sorted(log.conn.execute(f'SELECT {extra}* FROM "{table}"').fetchall(), key=repr)
    out["journal"] = log.conn.execute("SELECT * FROM _sync_journal ORDER BY device, seq").fetchall()
    out["pending"] = sorted(log.conn.execute("SELECT * FROM _sync_pending").fetchall())
    out["devices"] = sorted(log.conn.execute("SELECT * FROM _sync_devices").fetchall())
    out["files"] = sorted(log.conn.execute("SELECT name, device, offset, tail, size FROM _sync_files").fetchall())
    out["clock_seen"] = log.conn.execute("SELECT value FROM _sync_meta WHERE key = 'clock_seen'").fetchall()
    return out


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    return _write_history(tmp_path_factory.mktemp("history"))


def _first_sync(tmp_path: Path, folder: Path, name: str):
    """A new log's first sync, from its own copy of the folder (it publishes its own file there)."""
    own = tmp_path / f"{name}-share"
    shutil.copytree(folder, own)
    log = _open(tmp_path / f"{name}.db", FakeClock())
    report = sync(log, own)
    return log, report


def test_the_bulk_path_writes_what_the_same_sync_without_its_shortcuts_writes(history, tmp_path, monkeypatch):
    bulk, report = _first_sync(tmp_path, history, "bulk")
    assert report.applied.added > 1000 and report.applied.rows > 1000
    notes = "\n".join(report.notes)
    assert "1 unreadable line skipped" in notes and "last line is incomplete" in notes
    # the same sync, every table taken as holding rows: stored operations read back, DELETE and
    # OR REPLACE for every row, and (with slices bigger than the batch) in one batch all the same
    monkeypatch.setattr(sync_apply, "holds_no_row", lambda conn, table: False)
    monkeypatch.setattr(sync_module, "BIG_BATCH", 10**9)
    plain, plain_report = _first_sync(tmp_path, history, "plain")
    assert _database(bulk, rowids=True) == _database(plain, rowids=True)
    assert (report.applied.added, report.applied.rows, report.applied.waiting, report.notes) == (
        plain_report.applied.added,
        plain_report.applied.rows,
        plain_report.applied.waiting,
        plain_report.notes,
    )
    bulk.close()
    plain.close()


def test_the_bulk_path_ends_where_syncs_that_see_the_files_bit_by_bit_end(history, tmp_path):
    bulk, _ = _first_sync(tmp_path, history, "bulk")
    # another computer whose sync tool brings the files in pieces: every sync sees a little more
    growing = tmp_path / "growing"
    (growing / SUBFOLDER).mkdir(parents=True)
    whole = {p.name: p.read_bytes() for p in (history / SUBFOLDER).iterdir()}
    step = 0
    log = _open(tmp_path / "incremental.db", FakeClock())
    syncs = 0
    while True:
        step += 1
        more = False
        for name, data in whole.items():
            lines = data.splitlines(keepends=True)
            shown = lines[: 1 + int(7 * 1.7**step)]  # the header, then ever more lines
            more |= len(shown) < len(lines)
            (growing / SUBFOLDER / name).write_bytes(b"".join(shown))
        sync(log, growing)
        syncs += 1
        if not more:
            break
    assert syncs > 4
    assert _database(log, rowids=False) == _database(bulk, rowids=False)
    bulk.close()
    log.close()
