"""Property: any writes on 2-4 computers, synced in any order through a folder with duplicated and
half-copied files, end with every computer holding what an oracle computes by replaying every
computer's journal in clock order; no figure of History differs between them."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXED_NOW, FakeClock
from tui.store import Log
from tui.store.errors import SessionError
from tui.store.sync import SUBFOLDER, sync

TABLES = (
    "settings",
    "settings_history",
    "rest_days",
    "sessions",
    "pauses",
    "checks",
    "ratings",
    "step_marks",
)
KEYS = {
    "settings": ("key",),
    "settings_history": ("key", "valid_from"),
    "rest_days": ("day",),
    "sessions": ("id",),
    "pauses": ("id",),
    "checks": ("session_id", "pass_no", "zone"),
    "ratings": ("session_id", "phase", "kind"),
    "step_marks": ("session_id", "step"),
}
DAY = FIXED_NOW.date()


def visible(log: Log) -> dict:
    out = {}
    for table in TABLES:
        cursor = log.conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            values = dict(zip(names, row, strict=True))
            out[(table, tuple(values[c] for c in KEYS[table]))] = values
    return out


def oracle(logs: list[Log]) -> dict:
    """Every device's own operations, one after the other in clock order (ties by device id)."""
    ops = []
    for log in logs:
        ops += log.conn.execute(
            "SELECT clock, device, tbl, key, kind, fields FROM _sync_journal WHERE device = ?",
            [log.device_id()],
        ).fetchall()
    rows: dict = {}
    for _, _, table, key, kind, fields in sorted(ops):
        name = (table, tuple(json.loads(key)))
        if kind == "put":
            rows[name] = json.loads(fields)
        elif kind == "patch":
            if name in rows:
                rows[name].update(json.loads(fields))
        else:
            rows.pop(name, None)
    return rows


def write(log: Log, action: str, n: int) -> None:
    """One write a user could make on this computer, on what it shows now."""
    zones = log.routine.zone_ids
    sessions = log.sessions_between(DAY - timedelta(days=3), DAY + timedelta(days=3))
    open_session = log.active_session()
    some = sessions[n % len(sessions)] if sessions else None
    try:
        if action == "start":
            log.start_session()
        elif action == "check":
            target = open_session or log.start_session()
            log.add_check(target.id, 1 + n % 2, zones[n % len(zones)])
        elif action == "undo" and (open_session or some):
            log.undo_last_check((open_session or some).id)
        elif action == "finish" and open_session:
            log.finish_session(open_session.id)
        elif action == "note" and some:
            log.update_session(some.id, note=f"note {n}")
        elif action == "rate" and some:
            log.set_rating(
                some.id, "before", ("stress", "headache")[n % 2], None if n % 3 == 0 else 1 + n % 5
            )
        elif action == "rest":
            log.set_rest(DAY + timedelta(days=n % 3), f"reason {n}")
        elif action == "unrest":
            log.clear_rest(DAY + timedelta(days=n % 3))
        elif action == "setting":
            log.save_settings(days_per_week=1 + n % 7)
        elif action == "backfill":
            log.log_session(DAY - timedelta(days=n % 2), passes=n % 2, minutes=5 + n % 20)
    except SessionError:
        pass  # refused by the log (zone already checked...): nothing written, as in the app


ACTIONS = [
    "start",
    "check",
    "check",
    "undo",
    "finish",
    "note",
    "rate",
    "rest",
    "unrest",
    "setting",
    "backfill",
    "sync",
    "sync",
    "sync",
    "sync",
]
plans = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(ACTIONS), st.integers(0, 1000), st.integers(0, 40)),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(2, 4),
    skews=st.lists(st.integers(-120, 120), min_size=4, max_size=4),
    plan=plans,
    final=st.permutations(range(4)),
)
def test_every_computer_ends_with_the_oracles_log(count, skews, plan, final):
    root = Path(tempfile.mkdtemp())
    folder = root / "share"
    folder.mkdir()
    clocks = [FakeClock(FIXED_NOW + timedelta(seconds=skews[i])) for i in range(count)]
    logs = [Log.memory(clock=clocks[i], zone=UTC) for i in range(count)]
    try:
        for who, action, n, seconds in plan:
            for c in clocks:
                c.advance(seconds)
            log = logs[who % count]
            if action != "sync":
                write(log, action, n)
                continue
            share = folder / SUBFOLDER
            files = sorted(share.glob("*.jsonl")) if share.is_dir() else []
            others = [f for f in files if not f.name.startswith(log.device_id())]
            saved = {}
            if others and n % 3 == 1:  # a file still being copied: the reader sees its first part
                victim = others[n % len(others)]
                saved[victim] = victim.read_bytes()
                victim.write_bytes(saved[victim][: (n * 7) % (len(saved[victim]) + 1)])
            if others and n % 4 == 2:  # a sync tool's conflict copy: the same file twice
                source = others[n % len(others)]
                shutil.copy(
                    source, share / f"{source.stem}.sync-conflict-2026112{n % 10}-000000-ABCDEFG.jsonl"
                )
            sync(log, folder)
            for path, data in saved.items():
                path.write_bytes(data)
            sync(logs[(who + 1 + n) % count], folder)  # and one other computer, so changes travel
        order = [i for i in final if i < count]
        for _ in range(2):
            for i in order:
                sync(logs[i], folder)
        expected = oracle(logs)
        first = logs[0]
        for c in clocks:  # an open session's minutes run to "now": the same now on every computer
            c.now = clocks[0].now
        span = (DAY - timedelta(days=5), DAY + timedelta(days=5))
        for log in logs:
            assert visible(log) == expected
            assert log.day_summaries(*span) == first.day_summaries(*span)
            assert log.settings() == first.settings()
            assert log.conn.execute("SELECT COUNT(*) FROM _sync_pending").fetchone()[0] == 0
    finally:
        for log in logs:
            log.close()
        shutil.rmtree(root)
