"""An empty database path is refused by every command: it never falls back to the user's own log.

A script with an unset variable (`scalp --db "$LOG" log`) must not write into the real history,
so each form (`--db ""`, `--db=`, `SCALP_DB=""`, before and after the command) is run through
the real `scalp` entry point, the fast `status` path and the app's own start included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.helpers import private_env

COMMANDS = [
    [],  # the app
    ["status"],
    ["status", "--json"],
    ["log"],
    ["rest"],
    ["stats"],
    ["export"],
    ["import", "{export}"],
    ["backup"],
    ["demo"],
]
FORMS = {
    "--db ''": (lambda cmd: ["--db", "", *cmd], {}),
    "--db=": (lambda cmd: ["--db=", *cmd], {}),
    "cmd --db ''": (lambda cmd: [*cmd, "--db", ""], {}),
    "cmd --db=": (lambda cmd: [*cmd, "--db="], {}),
    "SCALP_DB=''": (lambda cmd: cmd, {"SCALP_DB": ""}),
    "SCALP_DB=' '": (lambda cmd: cmd, {"SCALP_DB": " "}),
}


def _cases():
    for command in COMMANDS:
        for name, form in FORMS.items():
            if not command and name.startswith("cmd"):
                continue  # the app has no command to put an option after
            yield pytest.param(command, form, id=f"{' '.join(command) or 'app'} {name}")


@pytest.fixture(scope="module")
def export_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.json"
    path.write_text('{"format": "scalp-export", "version": 1, "tables": {}}\n')
    return path


@pytest.mark.parametrize(("command", "form"), list(_cases()))
def test_an_empty_path_is_refused(tmp_path, export_file, command, form):
    build, extra_env = form
    env = {**private_env(tmp_path), **extra_env}
    args = build([a.format(export=export_file) for a in command])
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        env={**env, "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
    )
    lines = result.stderr.splitlines()
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    # demo never uses SCALP_DB at all (it needs an explicit --db), and says so.
    said = "needs an explicit --db" if command == ["demo"] and extra_env else "is empty"
    assert len(lines) == 1 and lines[0].startswith("scalp: ") and said in lines[0], result.stderr
    assert result.stdout == ""
    # Nothing was written anywhere: not the default log, not SCALP_DB's file, not the folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == []
