"""Every importer refuses malformed, out-of-range and unbounded input in one line, changing nothing.

The corpus sweeps each stored field the issue found unchecked (days of year 1, ISO week
dates, huge minutes, a timestamp with a NUL, any valid_from) through each importer (scalp
JSON, stdin, scalp CSV, Loop folder and zip), and the unbounded files (deep nesting, huge
numbers, a zip bomb, /dev/zero, a FIFO, a socket) through a real `scalp import` process
with a memory limit and a timeout: a hang or a MemoryError is a failure, as is any traceback.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import Scalp, one_line_error
from tests.reliability.helpers import private_env

LOOP_FIXTURE = Path(__file__).parent.parent / "fixtures" / "loop-export"
MEMORY_LIMIT = 1024 * 1024 * 1024  # the child's whole address space: an import holds far less

# (table, column, bad value): one row of the export gets the value, everything else stays good.
BAD_FIELDS = [
    ("sessions", "day", "0001-01-02"),
    ("sessions", "day", "2026-W48-2"),
    ("sessions", "day", "20261122"),
    ("sessions", "day", "2100-01-01"),
    ("sessions", "minutes", 9.2e18),
    ("sessions", "minutes", -1.0),
    ("sessions", "started_at", "2026-11-22T09:00:00.000000+00:00\x00"),
    ("sessions", "started_at", "0001-01-01T00:00:00+00:00"),
    ("sessions", "started_at", "2026-11-22 09:00"),
    ("sessions", "ended_at", "2026-W48-2T10:00:00+00:00"),
    ("sessions", "oil", 7),
    ("sessions", "id", "a b"),
    ("sessions", "id", "x" * 65),
    ("checks", "day", "0001-01-02"),
    ("checks", "pass_no", 9_000_000_000),
    ("checks", "at", "2026-11-22T09:00:00+00:00 "),
    ("ratings", "value", 0),
    ("ratings", "at", "yesterday"),
    ("rest_days", "day", "0001-01-02"),
    ("rest_days", "day", "2026-W48-2"),
    ("rest_days", "created_at", "2026-11-22T09:00:00"),
    ("settings_history", "valid_from", "whenever"),
    ("settings_history", "valid_from", "0001-01-01"),
    ("settings_history", "value", "{not json"),
    ("settings", "updated_at", "soon"),
]


def _ids(cases):
    return [f"{t}.{c}={v!r}"[:60] for t, c, v in cases]


@pytest.fixture
def exported(scalp: Scalp) -> dict:
    """A log with one row in every table, and its export as JSON data."""
    assert scalp("log", "--date", "yesterday", "--note", "n").exit_code == 0
    assert scalp("rest", "--date", "2026-11-01", "--reason", "travel").exit_code == 0
    with scalp.open() as log:
        session = log.start_session()
        log.add_check(session.id, 1, log.routine.zone_ids[0])
        log.set_rating(session.id, "before", "stress", 3)
        log.mark_step(session.id, log.routine.steps[0].id)
        log.pause_session(session.id)
        log.save_settings(passes=4)
    result = scalp("export")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for table in ("sessions", "checks", "ratings", "rest_days", "settings", "settings_history", "step_marks"):
        assert data["tables"][table], f"the fixture needs a row in {table}"
    return data


def _spoiled(data: dict, table: str, column: str, value) -> dict:
    spoiled = json.loads(json.dumps(data))
    row = spoiled["tables"][table][0]
    row["id" if column == "id" else column] = value
    # The other tables of the export start again from a fresh id, so only the spoiled row is wrong.
    return spoiled


def _fresh_target(scalp: Scalp, tmp_path: Path) -> Scalp:
    """Another log (with a row of its own) to import into: its bytes must not change."""
    other = Scalp(tmp_path / "target.db", scalp.clock)
    assert other("log", "--date", "2026-11-20").exit_code == 0
    return other


def _refused(target: Scalp, *args: str, input: str | None = None) -> str:
    before = target.db.read_bytes()
    result = target("import", *args, input=input)
    line = one_line_error(result)
    assert line.startswith("scalp: "), line
    assert target.db.read_bytes() == before
    return line


@pytest.mark.parametrize(("table", "column", "value"), BAD_FIELDS, ids=_ids(BAD_FIELDS))
def test_a_bad_field_in_a_json_export_is_refused(scalp, exported, tmp_path, table, column, value):
    target = _fresh_target(scalp, tmp_path)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_spoiled(exported, table, column, value)))
    line = _refused(target, str(path))
    assert f"{table}.{column}" in line


@pytest.mark.parametrize(("table", "column", "value"), BAD_FIELDS[:6], ids=_ids(BAD_FIELDS[:6]))
def test_a_bad_field_on_stdin_is_refused(scalp, exported, tmp_path, table, column, value):
    target = _fresh_target(scalp, tmp_path)
    line = _refused(target, "-", input=json.dumps(_spoiled(exported, table, column, value)))
    assert f"{table}.{column}" in line


def _cell(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)


@pytest.mark.parametrize(("table", "column", "value"), BAD_FIELDS, ids=_ids(BAD_FIELDS))
def test_a_bad_field_in_a_csv_export_is_refused(scalp, exported, tmp_path, table, column, value):
    target = _fresh_target(scalp, tmp_path)
    folder = tmp_path / "csv"
    assert scalp("export", "--format", "csv", "-o", str(folder)).exit_code == 0
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(column)] = _cell(value)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    line = _refused(target, str(folder))
    assert f"{table}.{column}" in line


LOOP_DAYS = ["0001-01-02", "2026-W45-2", "1999-12-31", "2026-11-07\x00"]


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
@pytest.mark.parametrize("day", LOOP_DAYS)
def test_a_bad_day_in_a_loop_export_is_refused(scalp, tmp_path, day, as_zip):
    target = _fresh_target(scalp, tmp_path)
    folder = tmp_path / "loop"
    shutil.copytree(LOOP_FIXTURE, folder)
    for path in folder.rglob("Checkmarks.csv"):
        path.write_text(path.read_text().replace("2026-11-07", day))
    source = folder
    if as_zip:
        source = tmp_path / "loop.zip"
        with zipfile.ZipFile(source, "w") as archive:
            for path in folder.rglob("*"):
                archive.write(path, path.relative_to(folder).as_posix())
    line = _refused(target, str(source), "--habit", "Scalp massage")
    assert "is not a date" in line


# --- unbounded input, through a real process with a memory limit and a timeout -------------


def _deep_json(path: Path) -> None:
    path.write_text('{"format": "scalp-export", "version": 1, "tables": {"sessions": ' + "[" * 200_000)


def _huge_int(path: Path) -> None:
    path.write_text(
        '{"format": "scalp-export", "version": 1, "tables": {"sessions": [{"minutes": ' + "9" * 5000 + "}]}}"
    )


def _float_as_int(path: Path) -> None:
    path.write_text('{"format": "scalp-export", "version": 1, "tables": {"checks": [{"pass_no": 1e400}]}}')


def _huge_json(path: Path) -> None:
    with path.open("w") as handle:
        handle.write('{"format": "scalp-export", "version": 1, "tables": {}, "pad": "')
        block = "x" * (1 << 20)
        for _ in range(300):  # written a mebibyte at a time: the test itself stays small
            handle.write(block)
        handle.write('"}')


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("Habits.csv", "Position,Name,Type\n001,Scalp massage,YES_NO\n")
        with archive.open("Checkmarks.csv", "w", force_zip64=True) as member:
            block = b"0" * (1 << 20)
            for _ in range(1024):  # 1 GiB unpacked, about a megabyte packed
                member.write(block)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _fifo_in_folder(path: Path) -> None:
    path.mkdir()
    os.mkfifo(path / "sessions.csv")


def _fifo_in_loop_folder(path: Path) -> None:
    shutil.copytree(LOOP_FIXTURE, path)
    own = path / "001 Scalp massage" / "Checkmarks.csv"
    own.unlink()
    os.mkfifo(own)


UNBOUNDED = {
    "nested arrays": (_deep_json, "nest deeper than", ()),
    "5000-digit integer": (_huge_int, "a whole number of 5000 digits", ()),
    "1e400 as an integer": (_float_as_int, "must be a whole number", ()),
    "300 MiB file": (_huge_json, "larger than 256 MiB", ()),
    "zip bomb": (_zip_bomb, "unpacks to more than", ()),
    "FIFO": (_fifo, "a pipe (FIFO), not a file", ()),
    "FIFO in a CSV folder": (_fifo_in_folder, "a pipe (FIFO), not a file", ()),
    "FIFO in a Loop folder": (
        _fifo_in_loop_folder,
        "a pipe (FIFO), not a file",
        ("--habit", "Scalp massage"),
    ),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _import_process(tmp_path: Path, db: Path, source: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "import", source, "--db", str(db), *extra],
        env={**private_env(tmp_path / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        text=True,
        timeout=60,  # a hang is the failure
        preexec_fn=_limit_memory,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def target_db(tmp_path) -> Path:
    db = tmp_path / "target.db"
    made = subprocess.run(
        [sys.executable, "-m", "tui", "log", "--date", "yesterday", "--db", str(db)],
        env={**private_env(tmp_path / "home"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
    )
    assert made.returncode == 0, made.stderr
    return db


@pytest.mark.parametrize("name", list(UNBOUNDED))
def test_unbounded_input_is_refused_in_bounded_time_and_memory(tmp_path, target_db, name):
    make, says, extra = UNBOUNDED[name]
    source = tmp_path / "input"
    make(source)
    before = target_db.read_bytes()
    result = _import_process(tmp_path, target_db, str(source), *extra)
    lines = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("scalp: ") and says in lines[0], result.stderr[-2000:]
    assert target_db.read_bytes() == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(tmp_path, target_db, device):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    before = target_db.read_bytes()
    result = _import_process(tmp_path, target_db, device)
    assert result.returncode == 2 and "a device, not a file" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert target_db.read_bytes() == before


def test_a_socket_is_refused(tmp_path, target_db):
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = _import_process(tmp_path, target_db, str(path))
    finally:
        server.close()
    assert result.returncode == 2 and "a socket, not a file" in result.stderr


# --- rows whose ids are in the log with other content ---------------------------------------


def test_rows_colliding_with_different_content_are_reported(scalp, exported, tmp_path):
    path = tmp_path / "changed.json"
    changed = json.loads(json.dumps(exported))
    changed["tables"]["sessions"][0]["note"] = "edited elsewhere"
    changed["tables"]["rest_days"][0]["reason"] = "illness"
    path.write_text(json.dumps(changed))
    result = scalp("import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 rows differ from the log's rows with the same id" in result.stdout, result.stdout
    assert "sessions" in result.stdout and "rest_days" in result.stdout
    same = scalp("import", str(path))  # the log keeps its own rows: still 2 differ, nothing added
    assert "2 rows differ" in same.stdout
