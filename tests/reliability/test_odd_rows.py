"""No row already in the file can stop a command or the app: odd rows are left out, with a notice.

Rows that break the stored fields' rules (tui.core.validation) are planted straight into
the file with plain SQL, as an older version, a hand edit or another tool might leave
them; then every command runs and every screen opens (Pilot). Any exception fails.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Scalp
from tests.conftest import FakeClock, make_app
from tui.store import Log

BAD_DAYS = [
    "0001-01-01",
    "9999-12-31",
    "2026-W48-2",
    "2026-11-22\x00",
    "",
    "22/11/2026",
    "2026-02-30",
    20261122,
]
BAD_MOMENTS = [
    "0001-01-01T00:00:00+00:00",
    "2026-11-22T09:00:00+00:00\x00",
    "noon",
    "",
    0,
    "9999-12-31T23:59:59+00:00",
]
BAD_NUMBERS = [-1, 0, 9.2e18, 2**62, -(2**62), "many", 1.5, None]

# (table, column, values that break its rule)
PLANTS = [
    ("sessions", "day", BAD_DAYS),
    ("sessions", "started_at", BAD_MOMENTS),
    ("sessions", "ended_at", BAD_MOMENTS),
    ("sessions", "last_seen_at", BAD_MOMENTS),
    ("sessions", "minutes", [9.2e18, -5.0, "x", float("inf")]),
    ("checks", "day", BAD_DAYS),
    ("checks", "at", BAD_MOMENTS),
    ("checks", "pass_no", BAD_NUMBERS[:-1]),
    ("pauses", "paused_at", BAD_MOMENTS),
    ("pauses", "resumed_at", BAD_MOMENTS),
    ("ratings", "value", BAD_NUMBERS[:-1]),
    ("rest_days", "day", BAD_DAYS),
    ("rest_days", "created_at", BAD_MOMENTS),
    ("settings_history", "valid_from", BAD_DAYS),
    ("settings_history", "changed_at", BAD_MOMENTS),
]


def _plant(db: Path, table: str, column: str, value) -> None:
    """Change one column of the first row of ``table`` with raw SQL (no scalp code involved)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        rowid = conn.execute(f"SELECT rowid FROM {table} ORDER BY rowid LIMIT 1").fetchone()
        assert rowid, f"the seeded log has no {table} row"
        # NOT NULL columns are kept as they are by SQLite's own constraint: ignore those refusals.
        with contextlib.suppress(sqlite3.IntegrityError):
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [value, rowid[0]])
        conn.commit()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A log with a row in every table: a logged day, a rest day, an app session, a settings change."""
    folder = tmp_path_factory.mktemp("seeded")
    db = folder / "seed.db"
    scalp = Scalp(db, FakeClock())
    assert scalp("log", "--date", "yesterday").exit_code == 0
    assert scalp("rest", "--date", "2026-11-01").exit_code == 0
    with scalp.open() as log:
        session = log.start_session()
        log.add_check(session.id, 1, log.routine.zone_ids[0])
        log.set_rating(session.id, "before", "stress", 3)
        log.pause_session(session.id)
        log.resume_session(session.id)
        log.save_settings(passes=4)
    return db


COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["stats"],
    ["stats", "--json"],
    ["stats", "--month", "2026-10"],
    ["log", "--date", "yesterday"],
    ["rest", "--date", "today"],
    ["rest", "--clear", "--date", "2026-11-01"],
    ["export"],
    ["backup", "{folder}/copy.db"],
]


def _run_every_command(db: Path) -> None:
    scalp = Scalp(db, FakeClock())
    for command in COMMANDS:
        args = [a.format(folder=db.parent) for a in command]
        result = scalp(*args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"scalp {' '.join(args)} raised {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1, 2), (args, result.output)
        if result.exit_code == 2:
            assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("scalp: "), result.stderr
    (db.parent / "copy.db").unlink(missing_ok=True)


async def _open_every_screen(db: Path) -> None:
    store = Log.open(db, clock=FakeClock(), zone=UTC)
    try:
        app = make_app(store)
        async with app.run_test(size=(100, 30)) as pilot:
            for keys in (["t"], ["z"], ["h"], ["left", "[", "{", "enter"], ["escape", "m"], ["t"]):
                await pilot.press(*keys)
                await pilot.pause()
            await pilot.pause(1.2)  # the app crashed once its idle work ran (2 s after start) with such a row
    finally:
        store.close()


plant = st.sampled_from(PLANTS).flatmap(
    lambda p: st.tuples(st.just(p[0]), st.just(p[1]), st.sampled_from(p[2]))
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plants=st.lists(plant, min_size=1, max_size=3))
def test_planted_odd_rows_stop_no_command(seeded, tmp_path_factory, plants):
    db = tmp_path_factory.mktemp("odd") / "scalp.db"
    db.write_bytes(seeded.read_bytes())
    for table, column, value in plants:
        _plant(db, table, column, value)
    _run_every_command(db)


@pytest.mark.slow
@pytest.mark.parametrize(("table", "column", "values"), PLANTS, ids=[f"{t}.{c}" for t, c, _ in PLANTS])
async def test_planted_odd_rows_stop_no_screen(seeded, tmp_path, table, column, values):
    db = tmp_path / "scalp.db"
    db.write_bytes(seeded.read_bytes())
    for value in values[:2]:
        _plant(db, table, column, value)
    await _open_every_screen(db)


def test_the_rows_left_out_are_named_in_one_line(seeded, tmp_path):
    db = tmp_path / "scalp.db"
    db.write_bytes(seeded.read_bytes())
    _plant(db, "sessions", "day", "0001-01-01")
    result = Scalp(db, FakeClock())("stats")
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "left out" in line]
    assert len(notices) == 1 and notices[0].startswith("scalp: ")
