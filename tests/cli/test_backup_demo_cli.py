"""`scalp backup` and `scalp demo` through click's runner."""

from __future__ import annotations

import json
import sqlite3

from tests.cli.conftest import Scalp, one_line_error


def test_backup_to_the_default_folder(scalp):
    scalp("log")
    result = scalp("backup")
    path = scalp.db.parent / "backups" / "scalp-20261122T093000Z.db"
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Backed up {scalp.db} to {path} (")
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM sessions").fetchone() == (1,)


def test_backup_to_a_file_and_force(scalp, tmp_path):
    scalp("log")
    target = tmp_path / "copy.db"
    assert scalp("backup", str(target)).exit_code == 0
    assert one_line_error(scalp("backup", str(target))) == f"scalp: {target} already exists; pass --force to replace it"
    assert scalp("backup", str(target), "--force").exit_code == 0


def test_backup_and_export_refuse_a_missing_folder_alike(scalp, tmp_path):
    scalp("log")
    missing = tmp_path / "no-such-folder"
    for command in (("backup", str(missing / "copy.db")), ("export", "-o", str(missing / "out.json"))):
        line = one_line_error(scalp(*command))
        assert line.startswith(f"scalp: {missing}/") and f"the folder {missing} does not exist" in line
    assert not missing.exists()


def test_backup_and_export_replace_a_file_only_with_force_alike(scalp, tmp_path):
    scalp("log")
    for command in (("backup", str(tmp_path / "copy.db")), ("export", "-o", str(tmp_path / "out.json"))):
        target = tmp_path / command[-1]
        target.write_bytes(b"mine")
        assert one_line_error(scalp(*command)) == f"scalp: {target} already exists; pass --force to replace it"
        assert target.read_bytes() == b"mine"
        assert scalp(*command, "--force").exit_code == 0
        assert target.read_bytes() != b"mine"


def test_a_csv_export_is_replaced_only_with_force(scalp, tmp_path):
    scalp("log")
    folder = tmp_path / "csv"
    folder.mkdir()  # an empty folder is filled
    assert scalp("export", "--format", "csv", "-o", str(folder)).exit_code == 0
    line = one_line_error(scalp("export", "--format", "csv", "-o", str(folder)))
    assert line == f"scalp: {folder} already exists; pass --force to replace it"
    assert scalp("export", "--format", "csv", "-o", str(folder), "--force").exit_code == 0


def test_backup_of_a_missing_log(scalp):
    assert one_line_error(scalp("backup")) == f"scalp: there is no log at {scalp.db} yet; nothing to back up"
    assert not scalp.db.exists()


def test_demo_fills_a_new_database_deterministically(scalp, tmp_path, clock):
    result = scalp("demo", "--years", "1", "--seed", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Filled {scalp.db} with 1 year of demo history ending Sat 21 Nov 2026 (seed 5): ")
    other = Scalp(tmp_path / "other.db", clock)
    other("demo", "--years", "1", "--seed", "5")
    # The same rows; the change journal names each computer's own device and operations.
    assert json.loads(other("export").stdout)["tables"] == json.loads(scalp("export").stdout)["tables"]
    assert "streak" in scalp("status").stdout


def test_demo_refuses_a_log_with_data_unless_replace(scalp):
    scalp("log", "--note", "mine")
    before = scalp.db.read_bytes()
    line = one_line_error(scalp("demo"))
    assert line == f"scalp: {scalp.db} already holds data; use another --db, or --replace to overwrite it"
    assert scalp.db.read_bytes() == before
    assert scalp("demo", "--replace").exit_code == 0
    with scalp.open() as log:
        notes = {s.note for s in log.sessions_between(log.first_day(), log.today())}
        assert "mine" not in notes and len(notes) > 1


def test_demo_needs_an_explicit_db(scalp, monkeypatch, tmp_path):
    monkeypatch.setenv("SCALP_DB", str(tmp_path / "mine.db"))
    line = one_line_error(scalp("demo", db=False))
    assert line == "scalp: demo needs an explicit --db PATH (it never writes to your own log by accident)"
    assert not (tmp_path / "mine.db").exists()


def test_demo_help_names_no_default_it_refuses(scalp):
    text = scalp("demo", "--help", db=False).stdout
    assert "default: $SCALP_DB" not in text and "$SCALP_DB is not used" in text
