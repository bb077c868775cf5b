"""`scalp sync` on the command line: one-line refusals that change nothing, and writes that sync by themselves."""

from __future__ import annotations

from tests.cli.conftest import Scalp, one_line_error
from tests.cli.conftest import scalp as scalp  # noqa: F401  (the fixture)


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
