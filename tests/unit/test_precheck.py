"""The integrity check started before Textual loads: its answer is the one Log.open acts on."""

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

    def about(self, path):
        return path == self.path

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


def test_a_file_replaced_after_the_check_began_is_checked_again(tmp_path):
    # A restore or a sync tool renames another file over the log while Textual imports.
    path = make_log(tmp_path / "scalp.db")
    check = QuickCheck(path)
    assert check.outcome() == ("ok",)
    damaged = make_log(tmp_path / "other.db")
    data = bytearray(damaged.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    # Damage inside the last page only (table rows): the schema still reads, only a check finds it.
    data[-page + 100 : -100] = b"\x5a" * (page - 200)
    damaged.write_bytes(bytes(data))
    damaged.replace(path)
    with pytest.raises(CorruptDatabase, match="damaged"):
        Log.open(path, checked=check)


def test_the_app_start_hands_its_early_check_to_the_log(tmp_path, monkeypatch):
    # run_app starts the check before importing Textual; the log must act on that check.
    import tui.launch
    import tui.ui.app
    from tui.store import precheck

    path = make_log(tmp_path / "scalp.db")
    used = []
    real_outcome = precheck.QuickCheck.outcome
    monkeypatch.setattr(precheck.QuickCheck, "outcome", lambda self: used.append(self.path) or real_outcome(self))
    monkeypatch.setattr(tui.ui.app.ScalpApp, "run", lambda self, **kwargs: None)
    monkeypatch.setattr(tui.launch, "terminal_problem", lambda: None)  # pytest's stdin is no terminal
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert tui.launch.run_app(str(path)) == 0
    assert used == [path]


def test_without_termios_the_terminal_watch_stays_off(monkeypatch):
    # Windows has no termios: the start must not fail on it (the watch is simply not set).
    import sys

    import tui.launch

    class App:
        intervals = []

        def set_interval(self, *args, **kwargs):
            self.intervals.append(args)

    monkeypatch.setitem(sys.modules, "termios", None)
    app = App()
    tui.launch._quit_when_the_terminal_is_gone(app)
    assert app.intervals == []
