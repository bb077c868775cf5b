"""`scalp sync` on the command line: one-line refusals that change nothing, and writes that sync by themselves."""

from __future__ import annotations

import json
from datetime import date, timezone

import pytest

from tests.cli.conftest import Scalp, one_line_error
from tests.cli.conftest import scalp as scalp  # noqa: F401  (the fixture)
from tui.store import Log
from tui.store.sync import sync


def test_without_a_folder_or_a_log_nothing_is_created(scalp: Scalp):
    result = scalp("sync")
    assert result.exit_code == 2 and "--dir FOLDER" in one_line_error(result)
    assert not scalp.db.exists()


def test_a_missing_folder_and_a_folder_holding_the_database_are_refused(scalp: Scalp, tmp_path):
    result = scalp("sync", "--dir", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "nope does not exist" in one_line_error(result)
    (tmp_path / "a file").write_text("")
    result = scalp("sync", "--dir", str(tmp_path / "a file"))
    assert result.exit_code == 2 and "a file is not a folder" in one_line_error(result)
    result = scalp("sync", "--dir", str(tmp_path))
    assert result.exit_code == 2 and "inside the sync folder" in one_line_error(result)
    assert not (tmp_path / "scalp").exists()


def test_a_write_syncs_after_writing_once_a_folder_is_set(scalp: Scalp, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    assert scalp("sync", "--dir", str(share)).exit_code == 0
    assert scalp("rest", "--date", "today", "--reason", "trip").exit_code == 0
    with scalp.open() as log:
        own = share / "scalp" / f"{log.device_id()}.jsonl"
    assert b'"rest_days"' in own.read_bytes() and b"trip" in own.read_bytes()
    status = scalp("sync", "--status")
    assert status.exit_code == 0 and "0 of its" in status.stdout


@pytest.mark.parametrize("first", [True, False], ids=["first sync", "later sync"])
@pytest.mark.parametrize(
    "extra", [{"colour": "red"}, {"reason": [1, {"a": 2}]}, {"reason": 2**70}], ids=["column", "nested", "2**70"]
)
def test_a_hostile_line_in_another_computers_file_is_one_notice_and_never_stops_sync(scalp: Scalp, tmp_path, extra, first):
    share = tmp_path / "share"
    share.mkdir()
    other = Log.open(tmp_path / "other.db", clock=scalp.clock, zone=timezone.utc)
    other.set_rest(date(2026, 11, 20), "trip")
    sync(other, share)
    path = share / "scalp" / f"{other.device_id()}.jsonl"
    other.close()
    if not first:  # this log has synced, and holds operations, before the line arrives
        assert scalp("rest", "--date", "2026-11-01", "--reason", "mine").exit_code == 0
        assert scalp("sync", "--dir", str(share)).exit_code == 0
    lines = path.read_text().splitlines()
    last = json.loads(lines[-1])
    bad = dict(last, op="hostile", seq=last["seq"] + 1, key=["2026-11-10"])
    bad["fields"] = dict(last["fields"], id="bad", day="2026-11-10", **extra)
    good = dict(last, op="good", seq=last["seq"] + 2, key=["2026-11-11"])
    good["fields"] = dict(last["fields"], id="good", day="2026-11-11")
    with path.open("a") as handle:
        handle.write(json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    result = scalp("sync", "--dir", str(share))
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(notices) == 1 and f"{path.name}: 1 operation skipped" in notices[0]
    assert f"line {len(lines) + 1}:" in notices[0]
    again = scalp("sync")
    assert again.exit_code == 0 and again.stderr == "" and "applied 0 from other computers" in again.stdout
    with scalp.open() as log:
        days = [d for (d,) in log.conn.execute("SELECT day FROM rest_days ORDER BY day")]
        assert "2026-11-11" in days and "2026-11-20" in days and "2026-11-10" not in days
        assert not log.conn.execute("SELECT 1 FROM _sync_journal WHERE op = 'hostile'").fetchall()
