"""Hostile text through every CLI field, out of every CLI output, checked on the bytes written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile import ALL, CORPUS, terminal_controls

pytestmark = pytest.mark.e2e

SCALP = Path(sys.executable).parent / "scalp"


def run(*args: str) -> subprocess.CompletedProcess:
    command = [str(SCALP)] if SCALP.exists() else [sys.executable, "-m", "tui"]
    env = {**os.environ, "TZ": "UTC"}
    env.pop("SCALP_DB", None)
    return subprocess.run([*command, *args], capture_output=True, env=env)


def assert_inert(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        assert terminal_controls(stream) == [], stream[:400]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_rest_reason_is_stored_whole_and_shown_inert(tmp_path, name):
    db = str(tmp_path / "scalp.db")
    reason = CORPUS[name].replace("\x00", "")  # argv cannot carry NUL; the app and imports can
    result = run("rest", "--db", db, "--date", "today", "--reason", reason)
    assert result.returncode == 0, result.stderr
    assert_inert(result)
    for args in (["status"], ["status", "--json"], ["stats"], ["stats", "--json"]):
        shown = run(*args, "--db", db)
        assert shown.returncode == 0, shown.stderr
        assert_inert(shown)
    exported = run("export", "--db", db)
    assert_inert(exported)
    rows = json.loads(exported.stdout)["tables"]["rest_days"]
    assert [row["reason"] for row in rows] == [reason.strip()]  # stored and exported exactly


def test_a_hostile_note_round_trips_through_export_and_import(tmp_path):
    db, copy = str(tmp_path / "scalp.db"), str(tmp_path / "copy.db")
    note = ALL.replace("\x00", "")[:5000]
    assert run("log", "--db", db, "--note", note).returncode == 0
    export = tmp_path / "out.json"
    result = run("export", "--db", db, "-o", str(export))
    assert result.returncode == 0, result.stderr
    assert_inert(result)
    assert terminal_controls(export.read_bytes()) == []  # cat-ing the file is safe too
    imported = run("import", "--db", copy, str(export))
    assert imported.returncode == 0, imported.stderr
    assert_inert(imported)
    again = run("export", "--db", copy)
    assert json.loads(again.stdout)["tables"]["sessions"][0]["note"] == note.strip()


def test_file_names_in_messages_are_inert(tmp_path):
    hostile = tmp_path / "x\x1b]52;c;cHduZWQ=\x07\u202e.json"
    for args in (
        ["import", str(hostile)],
        ["import", "--db", str(tmp_path / "a.db"), str(tmp_path / "no\x1b[2J")],
        ["stats", "--db", str(tmp_path / "no\x9b2J.db")],
        ["export", "--db", str(tmp_path / "no\x1b[2J.db")],
        ["backup", "--db", str(tmp_path / "no\x1b[2J.db")],
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith(b"scalp: ") or b"--help" in result.stderr
        assert_inert(result)
    hostile.write_text("{ not json \x1b[2J", encoding="utf-8")
    result = run("import", "--db", str(tmp_path / "b.db"), str(hostile))
    assert result.returncode == 2
    assert_inert(result)


def test_a_loop_habit_with_a_hostile_name_and_notes(tmp_path):
    export = tmp_path / "loop"
    name = "Scalp " + CORPUS["csi"] + CORPUS["bidi"]
    (export / "001 Scalp").mkdir(parents=True)
    header = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,"
    header += "Target Type,Target Value,Archived?\n"
    habits = header + f'001,"{name}",YES_NO,,,1,1,#3949AB,,,,false\n'
    (export / "Habits.csv").write_text(habits, encoding="utf-8")
    note = CORPUS["osc52"] + CORPUS["c1"]
    marks = f'Date,Value,Notes\n2026-11-10,YES_MANUAL,"{note}"\n2026-11-09,SKIP,"{CORPUS["title"]}"\n'
    (export / "001 Scalp" / "Checkmarks.csv").write_text(marks, encoding="utf-8")
    db = str(tmp_path / "scalp.db")
    for args in (["--dry-run"], [], ["--habit", "nope" + CORPUS["csi"]]):
        result = run("import", "--db", db, str(export), *args)
        assert_inert(result)
    shown = run("stats", "--db", db, "--month", "2026-11")
    assert_inert(shown)
    rows = json.loads(run("export", "--db", db).stdout)["tables"]
    assert note in [row["note"] for row in rows["sessions"]]
