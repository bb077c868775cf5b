"""The full-screen app without a terminal says so in one line and ends, instead of spinning a core."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.bench.pty_driver import PtyApp
from tests.reliability.helpers import private_env

NO_TTY = {
    "stdin /dev/null": {"stdin": subprocess.DEVNULL},
    "stdout a pipe": {"stdout": subprocess.PIPE},
    "both piped": {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE},
}


@pytest.mark.parametrize("argv", [[], ["--db", "{db}"], ["--db={db}"]], ids=["default", "--db", "--db="])
@pytest.mark.parametrize("streams", list(NO_TTY.values()), ids=list(NO_TTY))
def test_without_a_terminal_the_app_exits_with_one_line(tmp_path, argv, streams):
    db = tmp_path / "x.db"
    args = [a.format(db=db) for a in argv]
    env = {**private_env(tmp_path), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if "stdout" not in streams:
        # stdout must be the test's pipe to read it, so stdin alone is taken away from a pty here.
        streams = {**streams, "stdout": subprocess.PIPE}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        stderr=subprocess.PIPE,
        env=env,
        timeout=20,  # the bug spun forever: a timeout is the failure
        **{"stdin": subprocess.DEVNULL, **streams},
    )
    lines = proc.stderr.decode().splitlines()
    assert proc.returncode == 2
    assert len(lines) == 1 and lines[0].startswith("scalp: ") and "needs a terminal" in lines[0]
    assert not db.exists() and not (tmp_path / "data").exists()  # nothing created for nothing
    assert not (tmp_path / "never-used.db").exists()


def test_output_into_a_file_from_a_real_terminal_is_refused_too(tmp_path):
    # Input from a terminal but output into a file (`scalp > out`): Textual cannot draw there.
    db, out = tmp_path / "x.db", tmp_path / "out"
    app = PtyApp(
        ["/bin/sh", "-c", f'{sys.executable} -m tui --db "$0" > "$1"; echo "exit=$?"', str(db), str(out)],
        80,
        24,
        env=private_env(tmp_path / "home"),
    )
    try:
        app.wait_for(b"exit=", timeout=20)
    finally:
        if app.proc.poll() is None:
            app.kill()
    assert b"exit=2" in app.plain
    assert b"scalp: the app needs a terminal and its output is not one" in app.plain
    assert not db.exists()
