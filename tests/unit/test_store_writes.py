"""The one write path: a nestable transaction, and row writes only inside it."""

from __future__ import annotations

import sqlite3
from datetime import date, timezone

import pytest

from tests.conftest import FIXED_NOW
from tui.store import Log
from tui.store.errors import SessionError

DAY = date(2026, 11, 20)


@pytest.fixture
def log():
    store = Log.memory(clock=lambda: FIXED_NOW, zone=timezone.utc)
    yield store
    store.close()


def _sessions(log: Log) -> int:
    return log.conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]


def test_nested_writes_commit_with_the_outer_transaction(log):
    with log.transaction():
        log.log_session(DAY, passes=1, minutes=5)
        log.set_rest(date(2026, 11, 21), "travel")
        assert log.conn.in_transaction
    assert not log.conn.in_transaction
    assert _sessions(log) == 1 and [r.reason for r in log.rest_days(DAY, date(2026, 11, 30))] == ["travel"]


def test_an_error_in_the_outer_block_rolls_back_every_nested_write(log):
    with pytest.raises(RuntimeError), log.transaction():
        log.log_session(DAY, passes=2, minutes=5)
        raise RuntimeError("stop")
    assert _sessions(log) == 0
    assert log.conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 0


def test_a_failed_nested_write_rolls_back_only_itself(log):
    with log.transaction():
        log.log_session(DAY, passes=1, minutes=5, session_id="kept")
        with pytest.raises(SessionError):
            log.add_check("no-such-session", 1, log.routine.zone_ids[0])
        with pytest.raises(sqlite3.IntegrityError), log.transaction():
            log.log_session(DAY, passes=1, minutes=5, session_id="kept")  # the same id: refused
    assert [s.id for s in log.sessions_between(DAY, DAY)] == ["kept"]


def test_row_writes_outside_a_transaction_are_refused(log):
    with pytest.raises(RuntimeError, match="outside"):
        log._insert("rest_days", {"id": "x", "day": "2026-11-20", "reason": "", "created_at": "t"})
    assert log.rest_days(DAY, DAY) == []


def test_the_transaction_depth_returns_to_zero_after_an_error(log):
    with pytest.raises(ValueError), log.transaction(), log.transaction():
        raise ValueError("inner")
    assert log._depth == 0 and not log.conn.in_transaction
    log.set_rest(DAY)  # a later write takes its own transaction again
    assert len(log.rest_days(DAY, DAY)) == 1
