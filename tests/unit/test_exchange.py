"""Export and import: lossless round trips on generated histories, idempotence, one transaction."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tui.store import Log
from tui.store.exchange import BadImport, export_csv, export_json, import_bundle, read_csv_folder, read_json, tables

TODAY = date(2026, 11, 22)
ZONES = (
    "hairline", "temple_left", "temple_right", "top", "crown", "side_left", "side_right",
    "behind_ear_left", "behind_ear_right", "occipital", "nape",
)  # fmt: skip

# Text that CSV and JSON find awkward: NULL look-alikes, backslashes, quotes, new lines, commas.
awkward = st.one_of(
    st.sampled_from(["", "\\N", "\\", "\\\\N", "a,b", 'say "hi"', "two\nlines", "crlf\r\nend", " pad ", "é ✓ 🙂"]),
    st.text(max_size=12),
)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("app"), st.integers(0, 40), st.integers(0, 3), st.booleans(), awkward, st.integers(0, 30)),
        st.tuples(st.just("log"), st.integers(0, 40), st.integers(1, 4), st.floats(0.5, 30, allow_nan=False), awkward),
        st.tuples(st.just("rest"), st.integers(-5, 40), awkward),
        st.tuples(
            st.just("rate"),
            st.sampled_from(["before", "after"]),
            st.sampled_from(["stress", "scalp"]),
            st.integers(1, 5),
        ),
        st.tuples(st.just("null"), st.integers(0, 40)),
        st.tuples(st.just("settings"), st.integers(1, 6), st.frozensets(st.sampled_from(ZONES), max_size=4)),
    ),
    max_size=12,
)


def build(plan, clock: FakeClock) -> Log:
    """A history made through the Log's own methods (plus a few NULLs only SQL can write)."""
    log = Log.memory(clock=clock, zone=timezone.utc)
    last_session = None
    for step in plan:
        clock.advance(minutes=7)
        kind = step[0]
        if kind == "app":
            _, _, passes, pause, note, extra = step
            session = log.start_session()
            for pass_no in range(1, passes + 1):
                for zone in ZONES[: 11 if pass_no < passes else 11 - extra % 11]:
                    clock.advance(seconds=13.25)
                    log.add_check(session.id, pass_no, zone)
            if pause:
                log.pause_session(session.id)
                clock.advance(seconds=extra)
            log.update_session(session.id, note=note, oil=pause)
            log.finish_session(session.id)
            last_session = session.id
        elif kind == "log":
            _, back, passes, minutes, note = step
            last_session = log.log_session(TODAY - timedelta(days=back), passes=passes, minutes=minutes, note=note).id
        elif kind == "rest":
            log.set_rest(TODAY - timedelta(days=step[1]), step[2])
        elif kind == "rate" and last_session:
            log.set_rating(last_session, step[1], step[2], step[3])
        elif kind == "null":
            log.log_session(TODAY - timedelta(days=step[1]), passes=1, minutes=3)
            log.conn.execute("UPDATE sessions SET note = NULL, technique = NULL WHERE rowid = last_insert_rowid()")
        elif kind == "settings":
            log.save_settings(passes=step[1], focus_zones=step[2])
    return log


def as_json(log: Log) -> str:
    out = io.StringIO()
    export_json(log, out)
    return out.getvalue()


def fresh(clock: FakeClock) -> Log:
    return Log.memory(clock=clock, zone=timezone.utc)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def test_json_round_trip_is_identical_and_idempotent(plan):
    clock = FakeClock()
    original = build(plan, clock)
    text = as_json(original)
    copy = fresh(clock)
    first = import_bundle(copy, read_json(text, "export.json"))
    assert as_json(copy) == text
    again = import_bundle(copy, read_json(text, "export.json"))
    assert again.total_added == 0 and again.total_present == first.total_added
    assert as_json(copy) == text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def test_csv_round_trip_is_identical(plan):
    clock = FakeClock()
    original = build(plan, clock)
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "one", Path(folder) / "two"
        export_csv(original, first)
        copy = fresh(clock)
        import_bundle(copy, read_csv_folder(first, [t.name for t in tables(copy.conn)]))
        export_csv(copy, second)
        for path in sorted(first.iterdir()):
            assert (second / path.name).read_bytes() == path.read_bytes(), path.name
        # The CSV copy holds exactly the rows the JSON export of the original holds (each
        # log's change journal is its own: the copy's names the copy as its device).
        assert json.loads(as_json(copy))["tables"] == json.loads(as_json(original))["tables"]


def test_null_and_empty_text_stay_apart_in_csv(log, tmp_path):
    empty = log.log_session(TODAY, passes=1, minutes=3, note="").id
    null = log.log_session(TODAY, passes=1, minutes=3).id
    looks_null = log.log_session(TODAY, passes=1, minutes=3, note="\\N").id
    log.conn.execute("UPDATE sessions SET note = NULL WHERE id = ?", [null])
    export_csv(log, tmp_path / "out")
    lines = (tmp_path / "out" / "sessions.csv").read_text(encoding="utf-8").splitlines()
    note = {line.split(",")[0]: line.split(",")[7] for line in lines[1:]}
    assert note == {empty: "", null: "\\N", looks_null: "\\\\N"}  # the text \N gets its backslash doubled


def test_import_is_one_transaction(log, clock):
    log.log_session(TODAY, passes=3, minutes=8)
    text = as_json(log)
    target = fresh(clock)
    data = json.loads(text)
    data["tables"]["checks"][-1]["zone"] = "nose"
    with pytest.raises(BadImport):
        import_bundle(target, read_json(json.dumps(data), "x.json"))
    assert target.is_empty()


def test_dry_run_counts_and_changes_nothing(log, clock):
    log.log_session(TODAY, passes=3, minutes=8)
    target = fresh(clock)
    report = import_bundle(target, read_json(as_json(log), "x.json"), dry_run=True)
    assert report.dry_run and report.added["sessions"] == 1 and report.added["checks"] == 33
    assert target.is_empty()


def test_rows_already_there_are_kept_as_they_are(log, clock):
    session = log.log_session(TODAY, passes=1, minutes=3, note="first words")
    text = as_json(log)
    log.update_session(session.id, note="changed since the export")
    report = import_bundle(log, read_json(text, "x.json"))
    assert report.total_added == 0
    assert log.session(session.id).note == "changed since the export"


def test_a_rest_day_on_a_day_already_resting_is_not_doubled(log, clock):
    other = fresh(clock)
    other.set_rest(TODAY, "travel")
    clock.advance(1)
    log.set_rest(TODAY, "ill")  # written later: it wins, as a sync decides
    report = import_bundle(log, read_json(as_json(other), "x.json"))
    assert report.added["rest_days"] == 0 and report.present["rest_days"] == 1
    assert [r.reason for r in log.rest_days(TODAY, TODAY)] == ["ill"]


def _export_lines(log: Log) -> list[str]:
    log.log_session(TODAY, passes=1, minutes=3)
    log.set_rating(log.sessions_between(TODAY, TODAY)[0].id, "before", "stress", 3)
    return as_json(log).splitlines()


def _line_of(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"zone": "crown"', '"zone": "nose"', "checks.zone must be one of the routine's zones"),
        ('"pass_no": 1, "zone": "nape"', '"pass_no": 0, "zone": "nape"', "checks.pass_no must be a whole number from 1 to 100"),
        (
            '"pass_no": 1, "zone": "top"',
            '"pass_no": "1", "zone": "top"',
            'checks.pass_no must be a whole number, not "1"',
        ),
        ('"value": 3', '"value": 6', "ratings.value must be a whole number from 1 to 5"),
        ('"minutes": 3.0', '"minutes": NaN', "sessions.minutes must be a number, not NaN"),
        ('"day": "2026-11-22", "started_at"', '"day": "2026-11-31", "started_at"', "sessions.day must be a date"),
        ('"kind": "stress"', '"kind": "mood"', "ratings.kind must be one of headache, scalp, stress"),
        ('"oil": 0', '"oil": 0, "colour": "red"', "no column 'colour' in sessions"),
        ('"source": "log"', '"source": null', "sessions.source cannot be null"),
        ('"day": "2026-11-22", "started_at"', '"started_at"', "sessions.day is missing"),
    ],
)
def test_bad_rows_name_their_line(log, clock, old, new, message):
    lines = _export_lines(log)
    line = _line_of(lines, old)
    lines[line - 1] = lines[line - 1].replace(old, new)
    with pytest.raises(BadImport) as caught:
        import_bundle(fresh(clock), read_json("\n".join(lines), "x.json"))
    assert str(caught.value).startswith(f"x.json:{line}: {message}")


def test_orphan_and_duplicate_rows(log, clock):
    lines = _export_lines(log)
    session_line = _line_of(lines, '"source": "log"')
    duplicate = lines[:]
    duplicate.insert(session_line - 1, lines[session_line - 1] + ",")  # the only session, twice
    with pytest.raises(
        BadImport, match=rf"x.json:{session_line + 1}: sessions has id '\w+' twice \(first at x.json:{session_line}\)"
    ):
        import_bundle(fresh(clock), read_json("\n".join(duplicate), "x.json"))
    data = json.loads("\n".join(lines))
    data["tables"]["sessions"] = []
    with pytest.raises(BadImport, match=r"pauses|checks\.session_id '\w+' is in neither the file nor the log"):
        import_bundle(fresh(clock), read_json(json.dumps(data, indent=1), "x.json"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{\n  "format": "scalp-export",\n  oops\n}', "x.json:3: not valid JSON"),
        ('{"format": "other"}', "x.json:1: not a scalp export"),
        ('{"format": "scalp-export", "version": 2, "tables": {}}', "x.json:1: written by a newer version"),
        ('{"format": "scalp-export", "version": 1, "schema": ["0009_x"], "tables": {}}', "newer version of scalp"),
        ('{"format": "scalp-export", "version": 1,\n "tables": []}', 'x.json:2: "tables" must be an object'),
        ('{"format": "scalp-export", "version": 1, "tables": {"sessions": [\n 7]}}', "x.json:1: a row of 'sessions'"),
        ('{"format": "scalp-export", "version": 1, "tables": {"gym": []}}', "no table 'gym'"),
    ],
)
def test_bad_documents(log, text, message):
    with pytest.raises(BadImport) as caught:
        import_bundle(log, read_json(text, "x.json"))
    assert message in str(caught.value)


def test_bad_csv_names_file_and_line(log, clock, tmp_path):
    log.log_session(TODAY, passes=1, minutes=3, note="two\nlines")
    clock.advance(minutes=1)
    log.log_session(TODAY, passes=1, minutes=4)
    export_csv(log, tmp_path / "out")
    sessions = tmp_path / "out" / "sessions.csv"
    lines = sessions.read_bytes().decode("utf-8").split("\n")
    # The first session's note spans lines 2-3, so the second session is on line 4.
    assert lines[3].endswith(",4.0\r")
    lines[3] = lines[3].replace(",4.0", ",four")
    sessions.write_bytes("\n".join(lines).encode("utf-8"))
    with pytest.raises(BadImport, match=rf"{sessions}:4: sessions.minutes must be a number, not 'four'"):
        import_bundle(fresh(clock), read_csv_folder(tmp_path / "out", [t.name for t in tables(log.conn)]))


def test_export_csv_refuses_a_folder_with_other_files(log, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(Exception, match="already holds other files"):
        export_csv(log, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
