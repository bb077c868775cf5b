"""A log written by every released schema opens in the current version with every row intact."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, time, timezone
from pathlib import Path

import pytest

from tests.fixtures.schema import make_0001_initial, make_0002_sync_journal
from tui.store import Log
from tui.store.schema import known_names
from tui.store.versions import SCHEMA_NAMES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
MAKERS = {"0001_initial": make_0001_initial, "0002_sync_journal": make_0002_sync_journal}
FIXTURE_ROWS = {name: maker.ROWS for name, maker in MAKERS.items()}


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_every_schema_version_has_a_fixture():
    # A new migration needs its own fixture (made by its own script) so later versions are tested against it.
    assert list(SCHEMA_NAMES) == known_names()
    assert sorted(p.stem for p in FIXTURES.glob("*.db")) == list(SCHEMA_NAMES)
    for name in SCHEMA_NAMES:
        assert (FIXTURES / f"make_{name}.py").is_file()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_old_log_opens_with_every_row_intact(tmp_path, name):
    fixture = FIXTURES / f"{name}.db"
    path = tmp_path / "scalp.db"
    shutil.copyfile(fixture, path)
    raw = sqlite3.connect(f"{fixture.as_uri()}?mode=ro", uri=True)
    tables = [t for (t,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if t != "_sqlite_migrations"]
    before = {table: table_rows(raw, table) for table in tables}
    raw.close()
    # The rows the making script wrote are all there, so the fixture itself cannot be silently empty.
    for table, rows in FIXTURE_ROWS[name].items():
        assert before[table] == sorted(rows, key=repr), table

    store = Log.open(path, zone=timezone.utc)
    try:
        after = {table: table_rows(store.conn, table) for table in tables}
        assert after == before
        applied = [n for (n,) in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
        assert applied == list(SCHEMA_NAMES)
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The current code reads the old rows through its own methods, too.
        settings = store.settings()
        assert settings.passes == 4 and settings.day_start == time(5, 30)
        assert settings.focus_zones == {"temple_left", "temple_right", "top"}
        sessions = store.sessions_between(date(2026, 1, 1), date(2026, 1, 31))
        assert [s.day.isoformat() for s in sessions] == ["2026-01-05", "2026-01-06", "2026-01-07"]
        assert sessions[0].note == "with rosemary oil, ünïcode ✓" and sessions[0].oil
        assert store.active_session().id == "s3" * 16 and store.active_session().paused
        assert len(store.checks_between(date(2026, 1, 1), date(2026, 1, 31))) == 5
        assert store.ratings("s1" * 16) == {("before", "stress"): 4, ("after", "stress"): 2, ("after", "scalp"): 5}
        assert [r.reason for r in store.rest_days(date(2026, 1, 1), date(2026, 1, 31))] == ["travel", ""]
        assert store.step_marks("s1" * 16) == ["warm_hands", "passes"]
        assert store.day_summaries(date(2026, 1, 6), date(2026, 1, 6))[date(2026, 1, 6)].minutes == 6.5
    finally:
        store.close()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_fixture_script_remakes_the_committed_file(tmp_path, name):
    # The committed binary is what its script makes (same tables, same rows), so it can be read and remade.
    # Bytes are not compared: the SQLite version that wrote a file is stored in its header.
    made = tmp_path / f"{name}.db"
    MAKERS[name].make(made)
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    ours, committed = sqlite3.connect(made), sqlite3.connect(f"{(FIXTURES / f'{name}.db').as_uri()}?mode=ro", uri=True)
    try:
        assert ours.execute(schema).fetchall() == committed.execute(schema).fetchall()
        for (table,) in ours.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            assert table_rows(ours, table) == table_rows(committed, table), table
    finally:
        ours.close()
        committed.close()
