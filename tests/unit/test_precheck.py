"""The integrity check started before Textual loads (issue 8): its answer is the one Log.open acts on."""

import hashlib
import sqlite3

import pytest

from tests.unit.test_refusals import make_scalp_db as make_log
from tui.store import Log
from tui.store.errors import CorruptDatabase
from tui.store.precheck import QuickCheck


class Answer:
    """A finished check of ``path`` that found what it is told."""

    def __init__(self, path, row):
        self.path = path
        self.row = row

    def outcome(self):
        return self.row


def test_a_sound_log_passes_the_early_check_and_opens(tmp_path):
    path = make_log(tmp_path / "scalp.db")
    check = QuickCheck(path)
    assert check.outcome() == ("ok",)
    store = Log.open(path, checked=check)
    assert store.day_summaries(store.today(), store.today())[store.today()].passes == 3
    store.close()


def test_open_acts_on_the_early_answer_instead_of_checking_again(tmp_path):
    # The file is sound; only the answer handed in says otherwise, so a refusal proves it was used.
    path = make_log(tmp_path / "scalp.db")
    before = hashlib.sha256(path.read_bytes()).digest()
    with pytest.raises(CorruptDatabase, match="damaged SQLite file .page 3 is never used"):
        Log.open(path, checked=Answer(path, ("page 3 is never used",)))
    assert hashlib.sha256(path.read_bytes()).digest() == before


def test_an_answer_about_another_file_is_not_taken(tmp_path):
    path = make_log(tmp_path / "scalp.db")
    other = tmp_path / "other.db"
    store = Log.open(path, checked=Answer(other, ("page 3 is never used",)))
    store.close()


def test_a_damaged_file_is_refused_through_the_early_check(tmp_path):
    path = make_log(tmp_path / "damaged.db")
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\x5a" * (len(data) - page)
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="damaged"):
        Log.open(path, checked=QuickCheck(path))
    assert bytes(data) == path.read_bytes()
    assert not (tmp_path / "damaged.db-wal").exists()


def test_a_file_missing_when_the_check_began_is_checked_by_open(tmp_path):
    # The check could not open the file (made later by another scalp): Log.open checks it itself.
    path = tmp_path / "late.db"
    check = QuickCheck(path)
    with pytest.raises(sqlite3.OperationalError):  # it found no file
        check.outcome()
    make_log(path)
    store = Log.open(path, checked=check)
    assert store.day_summaries(store.today(), store.today())[store.today()].passes == 3
    store.close()
