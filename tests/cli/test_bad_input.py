"""Every refusal: one line on stderr, a non-zero exit, and the data file's bytes unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import one_line_error

LOOP_FIXTURE = str(Path(__file__).parent.parent / "fixtures" / "loop-export")

BAD = [
    # (arguments, what the line says)
    (["log", "--date", "2026-11-23"], "is in the future"),
    (["log", "--date", "tomorrow"], "is in the future"),
    (["log", "--date", "22/11/2026"], "'22/11/2026' is not a day"),
    (["log", "--passes", "0"], "Invalid value for '--passes'"),
    (["log", "--passes", "many"], "Invalid value for '--passes'"),
    (["log", "--minutes", "-3"], "Invalid value for '--minutes'"),
    (["log", "--minutes", "1000"], "Invalid value for '--minutes'"),
    (["log", "--technique", "tapping"], "unknown technique 'tapping'"),
    (["log", "--colour", "red"], "No such option '--colour'"),
    (["rest", "--date", "2026-02-30"], "is not a day"),
    (["rest", "--from", "2026-11-01"], "a range needs both --from and --to"),
    (["rest", "--from", "2026-11-05", "--to", "2026-11-01"], "comes before --from"),
    (["rest", "--from", "2026-01-01", "--to", "2027-06-01"], "a range is at most 366 days"),
    (["rest", "--date", "today", "--from", "2026-11-01", "--to", "2026-11-02"], "either --date or --from/--to"),
    (["rest", "--clear", "--reason", "ill"], "--reason goes with marking"),
    (["status", "--verbose"], "No such option '--verbose'"),
    (["export", "--format", "xml"], "Invalid value for '--format'"),
    (["export", "--format", "csv"], "give it with -o FOLDER"),
    (["export", "-o", "{db}"], "is the database itself"),
    (["export", "-o", "{folder}"], "is a folder; give a file name"),
    (["export", "--format", "csv", "-o", "{folder}"], "already holds other files"),
    (["import", "{folder}"], "no CSV files to import"),
    (["import"], "Missing argument 'FILE'"),
    (["import", "no-such-file.json"], "no such file or folder"),
    (["import", "{bad_json}"], "bad.json:2: not valid JSON"),
    (["import", "{bad_row}"], "bad-row.json:3: sessions.day must be a date"),
    (["import", "{bad_json}", "--habit", "x"], "--habit is for Loop Habit Tracker exports"),
    (["import", LOOP_FIXTURE], "pick one with --habit NAME"),
    (["import", LOOP_FIXTURE, "--habit", "Gym"], "no habit 'Gym'"),
    (["import", LOOP_FIXTURE, "--habit", "Water"], "is a numerical habit"),
    (["backup", "{db}"], "is the database itself"),
    (["backup", "{existing}"], "already exists; pass --force"),
    (["demo"], "already holds data"),
    (["demo", "--years", "0"], "Invalid value for '--years'"),
    (["nonsense"], "No such command 'nonsense'"),
]


@pytest.fixture
def files(tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format": "scalp-export",\n oops}\n')
    bad_row = tmp_path / "bad-row.json"
    bad_row.write_text(
        '{"format": "scalp-export", "version": 1, "tables": {\n "sessions": [\n'
        '  {"id": "a", "day": "yesterday", "started_at": "2026-11-21T10:00:00+00:00", "source": "log"}\n]}}\n'
    )
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"an older copy")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an export")
    return {"bad_json": bad_json, "bad_row": bad_row, "existing": existing, "folder": folder}


@pytest.mark.parametrize(("args", "says"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_refused_without_touching_the_data(scalp, files, args, says):
    scalp("log", "--date", "yesterday")
    scalp("rest", "--date", "2026-11-01")
    before = scalp.db.read_bytes()
    names = {**{k: str(v) for k, v in files.items()}, "db": str(scalp.db)}
    result = scalp(*[a.format(**names) for a in args])
    line = one_line_error(result)
    assert says in line
    assert scalp.db.read_bytes() == before
    assert not Path(f"{scalp.db}-wal").exists() or Path(f"{scalp.db}-wal").stat().st_size == 0
    assert files["existing"].read_bytes() == b"an older copy"


@pytest.mark.parametrize(
    "args",
    [["log", "--date", "tomorrow"], ["rest", "--from", "x", "--to", "y"], ["import", LOOP_FIXTURE]],
)
def test_refused_without_creating_the_database(scalp, args):
    one_line_error(scalp(*args))
    assert not scalp.db.exists()


def test_a_damaged_database_is_refused_unchanged(scalp):
    scalp.db.write_bytes(b"SQLite format 3\x00" + bytes(200))
    before = scalp.db.read_bytes()
    for args in (["status"], ["log"], ["rest"], ["export"], ["backup"], ["import", LOOP_FIXTURE, "--habit", "water"]):
        one_line_error(scalp(*args))
        assert scalp.db.read_bytes() == before


def test_every_command_has_help(scalp):
    for command in ("status", "log", "rest", "export", "import", "backup", "demo"):
        result = scalp(command, "--help", db=False)
        assert result.exit_code == 0 and result.stdout.startswith(f"Usage: scalp {command} ")
        assert "--db PATH" in result.stdout


def test_an_option_without_its_value_points_at_the_commands_own_help(scalp):
    line = one_line_error(scalp("--db", str(scalp.db), "import", "x.json", "--habit", db=False))
    assert line == "scalp import: Option '--habit' requires an argument (see 'scalp import --help')"


def test_a_zip_that_is_not_loops_says_so(scalp, tmp_path):
    import zipfile

    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.txt", "hello")
    line = one_line_error(scalp("import", str(archive)))
    assert line == (
        f"scalp: {archive}: a zip file, but not a Loop Habit Tracker export (no Habits.csv in it); "
        "import reads Loop's zip or folder, a scalp JSON export or a scalp CSV folder"
    )
    assert not scalp.db.exists()


# Values outside the one documented range of every stored field (tui.core.validation): refused
# by each command that takes them, in one line, before anything is written.
OUT_OF_RANGE = [
    (["log", "--date", "0001-01-01"], "is not a day from 2000-01-01 to 2099-12-31"),
    (["log", "--date", "1999-12-31"], "is not a day from 2000-01-01 to 2099-12-31"),
    (["log", "--date", "2026-W47-2"], "is not a day"),
    (["log", "--minutes", "nan"], "--minutes: nan is not a number of minutes"),
    (["log", "--note", "x" * 10_001], "a note is at most 10,000"),
    (["rest", "--date", "0001-01-01"], "is not a day from 2000-01-01"),
    (["rest", "--date", "2100-01-01"], "is not a day from 2000-01-01"),
    (["rest", "--from", "1999-12-31", "--to", "2000-01-02"], "--from: 1999-12-31 is not a day"),
    (["rest", "--reason", "x" * 10_001], "a reason holds at most 10000"),
    (["rest", "--clear", "--date", "0001-01-01"], "is not a day from 2000-01-01"),
    (["stats", "--month", "0001-01"], "--month: '0001-01' is not a month written YYYY-MM"),
    (["stats", "--month", "2026-13"], "is not a month"),
    (["stats", "--month", "2026-W4"], "is not a month"),
    (["demo", "--until", "0001-01-01"], "--until: 0001-01-01 is not a day"),
]


@pytest.mark.parametrize(("args", "says"), OUT_OF_RANGE, ids=[" ".join(a)[:40] for a, _ in OUT_OF_RANGE])
def test_values_out_of_range_are_refused(scalp, args, says):
    scalp("log", "--date", "yesterday")
    before = scalp.db.read_bytes()
    line = one_line_error(scalp(*args))
    assert line.startswith("scalp: ") and says in line, line
    assert scalp.db.read_bytes() == before
