"""Files the log refuses: one clear line, a non-zero exit from the command, and the bytes unchanged."""

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.store import Log
from tui.store.errors import CorruptDatabase, ForeignDatabase, NewerSchema, NotADatabase, Unwritable


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_scalp_db(path):
    store = Log.open(path)
    store.log_session(store.today(), passes=3, minutes=8)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def text_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database\n")
    return path


def empty_file(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    return path


def random_bytes(tmp_path):
    path = tmp_path / "noise.db"
    path.write_bytes(os.urandom(8192))
    return path


def truncated(tmp_path):
    path = make_scalp_db(tmp_path / "cut.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged(tmp_path):
    path = make_scalp_db(tmp_path / "damaged.db")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page, len(data)):  # scribble over every page but the header page
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    return path


def newer(tmp_path):
    path = make_scalp_db(tmp_path / "newer.db")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('scalp', '0999_future', 'x')"
    )
    conn.commit()
    conn.close()
    return path


def foreign(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    return path


CASES = [
    (text_file, NotADatabase, "not a scalp database"),
    (empty_file, NotADatabase, "empty file"),
    (random_bytes, NotADatabase, "not a scalp database"),
    (truncated, CorruptDatabase, "truncated"),
    (damaged, CorruptDatabase, "damaged"),
    (newer, NewerSchema, "newer version of scalp"),
    (foreign, ForeignDatabase, "another program"),
]


@pytest.mark.parametrize("make, error, words", CASES, ids=[c[0].__name__ for c in CASES])
def test_store_refuses_and_leaves_bytes_alone(tmp_path, make, error, words):
    path = make(tmp_path)
    before = digest(path)
    with pytest.raises(error, match=words):
        Log.open(path)
    assert digest(path) == before
    assert not (tmp_path / (path.name + "-wal")).exists()


@pytest.mark.parametrize("make, error, words", CASES, ids=[c[0].__name__ for c in CASES])
def test_command_refuses_with_one_line(tmp_path, make, error, words):
    path = make(tmp_path)
    before = digest(path)
    result = CliRunner().invoke(cli, ["--db", str(path)], obj={})
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("scalp: ") and words in lines[0]
    assert "Traceback" not in result.output
    assert digest(path) == before


def test_a_directory_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path)], obj={})
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_a_path_ending_in_a_slash_is_not_created_as_a_file(tmp_path):
    target = tmp_path / "newdir"
    with pytest.raises(Unwritable, match="names a folder"):
        Log.open(str(target) + "/")
    assert not target.is_file()


def test_unwritable_folder_is_refused(tmp_path, monkeypatch):
    # Root ignores permission bits, so simulate what a normal user's os.access would answer.
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(folder) else real_access(p, mode))
    with pytest.raises(Unwritable, match="read-only"):
        Log.open(folder / "scalp.db")
    assert not (folder / "scalp.db").exists()


def test_read_only_file_is_refused_and_unchanged(tmp_path, monkeypatch):
    path = make_scalp_db(tmp_path / "ro.db")
    before = digest(path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path) else real_access(p, mode))
    with pytest.raises(Unwritable, match="read-only"):
        Log.open(path)
    assert digest(path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_read_only_file_for_real(tmp_path):
    path = make_scalp_db(tmp_path / "ro.db")
    path.chmod(0o444)
    before = digest(path)
    with pytest.raises(Unwritable):
        Log.open(path)
    assert digest(path) == before


def test_real_command_refuses_in_a_subprocess(tmp_path):
    path = text_file(tmp_path)
    before = digest(path)
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"scalp: {path} is not a scalp database (not an SQLite file)"
    assert digest(path) == before


@pytest.mark.parametrize("command", [["log"], ["stats"], []], ids=["log", "stats", "app"])
def test_a_home_folder_of_no_user_is_one_line(command):
    result = CliRunner().invoke(cli, ["--db", "~no-such-user-for-scalp/scalp.db", *command], obj={})
    assert result.exit_code == 2
    assert result.stderr.strip() == "scalp: ~no-such-user-for-scalp/scalp.db: no such user's home folder"
