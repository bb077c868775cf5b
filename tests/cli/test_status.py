"""`scalp status`: the line, the JSON, --check, and never touching the file."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.cli.conftest import one_line_error
from tests.conftest import FIXED_NOW
from tui.store.errors import StoreError

TODAY = date(2026, 11, 22)


def status(scalp, *args):
    return scalp("status", *args)


def test_missing_database_reads_as_empty_and_is_not_created(scalp):
    result = status(scalp)
    assert result.exit_code == 0
    assert result.stdout == "scalp: not done yet today\n"
    assert not scalp.db.exists()
    assert status(scalp, "--check").exit_code == 1
    assert not scalp.db.exists()


def test_done_today(scalp):
    with scalp.open() as log:
        log.log_session(TODAY, passes=3, minutes=8.25)
    result = status(scalp, "--check")
    assert result.exit_code == 0
    assert result.stdout == "scalp: done today, 3 passes in 8 min, streak 1 day\n"


def test_partial_session_counts_for_the_streak_but_check_fails(scalp):
    with scalp.open() as log:
        log.log_session(TODAY - timedelta(days=1), passes=3, minutes=8)
        log.log_session(TODAY, passes=1, minutes=2.5)
    result = status(scalp, "--check")
    assert result.exit_code == 1
    assert result.stdout == "scalp: partial session today, 1 of 3 passes (3 min), streak 2 days\n"


def test_a_session_with_no_full_pass_is_named_as_in_the_app(scalp):
    with scalp.open() as log:
        log.log_session(TODAY - timedelta(days=1), passes=3, minutes=8)
        log.log_session(TODAY, passes=0, minutes=2.5)
    assert status(scalp).stdout == "scalp: no full pass yet today (3 min), 1-day streak at risk\n"


def test_streak_at_risk_nudges(scalp):
    with scalp.open() as log:
        for back in range(1, 6):
            log.log_session(TODAY - timedelta(days=back), passes=3, minutes=8)
    result = status(scalp, "--json")
    data = json.loads(result.stdout)
    assert data["state"] == "not_done" and data["streak"] == 5 and data["at_risk"] is True
    assert status(scalp).stdout == "scalp: not done yet today, 5-day streak at risk\n"


def test_rest_day_keeps_the_streak_and_passes_check(scalp):
    with scalp.open() as log:
        log.log_session(TODAY - timedelta(days=2), passes=3, minutes=8)
        log.set_rest(TODAY - timedelta(days=1), "travel")
        log.set_rest(TODAY, "scalp irritation")
    result = status(scalp, "--check")
    assert result.exit_code == 0
    assert result.stdout == "scalp: rest day today (scalp irritation), streak 3 days\n"


def test_session_in_progress(scalp, clock):
    with scalp.open() as log:
        session = log.start_session()
        for zone in log.routine.zone_ids:
            log.add_check(session.id, 1, zone)
        clock.advance(minutes=4)
    result = status(scalp, "--json", "--check")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["state"] == "in_progress" and data["passes"] == 1 and data["minutes"] == 4.0
    assert status(scalp).stdout == "scalp: session in progress, 1 of 3 passes (4 min), streak 1 day\n"


def test_json_has_every_field(scalp):
    with scalp.open() as log:
        log.log_session(TODAY, passes=4, minutes=11)
    data = json.loads(status(scalp, "--json").stdout)
    assert data == {
        "day": "2026-11-22",
        "state": "done",
        "done": True,
        "passes": 4,
        "target_passes": 3,
        "minutes": 11.0,
        "in_progress": False,
        "rest": False,
        "rest_reason": None,
        "streak": 1,
        "at_risk": False,
    }


def test_settings_change_the_goal_and_the_day_start(scalp, clock):
    with scalp.open() as log:
        log.save_settings(passes=2, day_start=FIXED_NOW.time().replace(hour=10, minute=0))
        log.log_session(TODAY - timedelta(days=1), passes=2, minutes=5)
    # 09:30 is before the 10:00 day start: the practice day is still the 21st, and it is done.
    data = json.loads(status(scalp, "--json").stdout)
    assert data["day"] == "2026-11-21" and data["done"] is True and data["target_passes"] == 2


def test_quiet_prints_nothing(scalp):
    result = status(scalp, "-q", "--check")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_db_before_and_after_the_command(scalp, tmp_path):
    with scalp.open() as log:
        log.log_session(TODAY, passes=3, minutes=8)
    before = scalp("--db", str(scalp.db), "status", db=False)
    assert before.stdout.startswith("scalp: done today")
    # Given twice, the one after the command wins.
    after = scalp("--db", str(scalp.db), "status", "--db", str(tmp_path / "other.db"), db=False)
    assert after.stdout == "scalp: not done yet today\n"


def test_a_file_that_is_not_a_log_is_refused_unchanged(scalp):
    scalp.db.write_bytes(b"not a database at all")
    line = one_line_error(status(scalp))
    assert line == f"scalp: {scalp.db} is not a scalp database (not an SQLite file)"
    assert scalp.db.read_bytes() == b"not a database at all"


def test_a_newer_log_is_refused_unchanged(scalp):
    with scalp.open() as log:
        log.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('scalp', '0099_future', '')"
        )
    before = scalp.db.read_bytes()
    line = one_line_error(status(scalp))
    assert "newer version of scalp" in line
    assert scalp.db.read_bytes() == before


def test_the_fast_path_finds_the_same_database_as_the_app(monkeypatch, tmp_path):
    from tui import paths
    from tui.commands import quick_status

    assert quick_status.ENV_DB == paths.ENV_DB
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for db, env in [(None, None), (None, "~/env.db"), ("~/opt.db", "~/env.db"), ("rel.db", None), ("rel.db", "")]:
        if env is None:
            monkeypatch.delenv(paths.ENV_DB, raising=False)
        else:
            monkeypatch.setenv(paths.ENV_DB, env)
        assert quick_status._db_location(db) == str(paths.resolve_db_path(db))
    # An empty path is refused by both, in the same words, never taken for the default log.
    for db, env in [(None, ""), ("", None), ("", "~/env.db"), (" ", None)]:
        if env is None:
            monkeypatch.delenv(paths.ENV_DB, raising=False)
        else:
            monkeypatch.setenv(paths.ENV_DB, env)
        with pytest.raises(StoreError) as fast:
            quick_status._db_location(db)
        with pytest.raises(StoreError) as slow:
            paths.resolve_db_path(db)
        assert str(fast.value) == str(slow.value)


def test_parse_fast_takes_only_the_plain_forms():
    from tui.commands.quick_status import parse_fast

    assert parse_fast(["status"]) == {"db_before": None, "db": None, "as_json": False, "check": False, "quiet": False}
    assert parse_fast(["--db", "a", "status", "--db=b", "--json", "-q", "--check"]) == {
        "db_before": "a",
        "db": "b",
        "as_json": True,
        "check": True,
        "quiet": True,
    }
    for argv in (["status", "--help"], ["status", "-qj"], ["status", "--db"], ["log"], ["status", "status"], []):
        assert parse_fast(argv) is None, argv
