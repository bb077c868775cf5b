"""Hostile stored text in the real app on a pty: none of its sequences reaches the terminal's bytes."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.hostile import ALL, CORPUS, corpus_sequences
from tui.store import Log

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SCALP = Path(sys.executable).parent / "scalp"


class Pty:
    """The app on a pseudo-terminal of a fixed size; every byte it writes is kept."""

    def __init__(self, args: list[str], columns: int, rows: int, extra_env: dict | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        command = [str(SCALP)] if SCALP.exists() else [sys.executable, "-m", "tui"]
        env = {**os.environ, "TERM": "xterm-256color", "TZ": "UTC"}
        env.update(COLUMNS=str(columns), LINES=str(rows), **(extra_env or {}))
        env.pop("SCALP_DB", None)
        self.process = subprocess.Popen(
            [*command, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()

    def read_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the app ended and the pty closed
                    return
                if not chunk:
                    return
                self.output += chunk

    def send(self, keys: bytes, settle: float = 1.0) -> None:
        os.write(self.master, keys)
        self.read_for(settle)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)


@pytest.fixture
def hostile_db(tmp_path) -> Path:
    path = tmp_path / "scalp.db"
    log = Log.open(path)
    try:
        today = log.today()
        reason = CORPUS["csi"] + CORPUS["osc52"] + CORPUS["title"] + CORPUS["bidi"] + CORPUS["markup"]
        log.set_rest_days([today - timedelta(days=1), today - timedelta(days=2)], reason)
        note = "\n".join(CORPUS.values())
        log.log_session(today - timedelta(days=1), passes=3, minutes=8, technique="circles", note=note)
        session = log.start_session()
        log.update_session(session.id, note=ALL)
    finally:
        log.close()
    return path


@pytest.fixture
def hostile_keys(tmp_path) -> dict:
    """A keys file whose unknown ids and keys carry the corpus (its problems are shown and printed)."""
    folder = tmp_path / "config" / "scalp"
    folder.mkdir(parents=True)
    osc, csi = CORPUS["osc52"].replace("\x1b", "\\u001b").replace("\x07", "\\u0007"), "\\u001b[41mRED"
    (folder / "keys.toml").write_text(f'"app.{osc}" = "f1"\napp.today = "{csi}"\n', encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_no_corpus_sequence_reaches_the_terminal(hostile_db, hostile_keys, size):
    app = Pty(["--db", str(hostile_db)], *size, extra_env=hostile_keys)
    try:
        app.read_for(6)  # the first frame, and the idle building after it
        assert b"Today" in app.output or b"Routine" in app.output, bytes(app.output[-400:])
        app.send(b"n", 2)  # the note dialog on the open session, whole hostile note in the editor
        app.send(b"\x1b", 1)
        app.send(b"h", 3)  # History: yesterday's rest reason in the day line
        app.send(b"\x1b[A", 1)  # up: the day before, yesterday
        app.send(b"\r", 2)  # its day detail: rest reason and the multi-line note
        app.send(b"\x1b", 1)
        app.send(b"?", 1)
        app.send(b"\x1b", 1)
        app.send(b",", 2)  # the settings, with the keys file's problems in its keys panel
        app.send(b"\x1b", 1)
        app.send(b"q", 2)
    finally:
        app.close()
    shown = bytes(app.output)
    # The walk reached every place the text is shown (else the check below proves nothing).
    for place in (b"Note on this session", b"Marked as a rest day", b"Keys", b"Keys file", b"Settings"):
        assert place in shown, place
    assert "␛[41mRED".encode() in shown  # the stored text is there, inert
    assert corpus_sequences(shown) == []
