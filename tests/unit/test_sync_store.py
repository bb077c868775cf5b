"""Two or three logs syncing through a folder: the journal, merging, and the broken files a sync tool leaves."""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta

import pytest

from tests.conftest import FakeClock
from tui.store import Log, sync_apply
from tui.store import sync as sync_module
from tui.store.sync import SUBFOLDER, SyncRefused, sync
from tui.store.sync import status as sync_status

DAY = date(2026, 11, 22)


def open_log(path, clock):
    return Log.open(path, clock=clock, zone=UTC)


@pytest.fixture
def pair(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    clock = FakeClock()
    a = open_log(tmp_path / "a.db", clock)
    b = open_log(tmp_path / "b.db", clock)
    yield a, b, folder, clock
    a.close()
    b.close()


def content(log: Log) -> dict:
    """Everything a user could see in a log, row ids included."""
    out = {}
    for table in (
        "sessions",
        "pauses",
        "checks",
        "ratings",
        "rest_days",
        "settings",
        "settings_history",
        "step_marks",
    ):
        cursor = log.conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        out[table] = sorted(json.dumps(dict(zip(names, r, strict=True)), sort_keys=True) for r in cursor)
    return out


def both_ways(a, b, folder):
    sync(a, folder)
    sync(b, folder)
    sync(a, folder)


def test_an_undone_check_a_cleared_rest_day_and_a_cleared_rating_stay_gone(pair):
    a, b, folder, clock = pair
    s = a.start_session()
    zone = a.routine.zone_ids[0]
    a.add_check(s.id, 1, zone)
    a.set_rest(DAY - timedelta(days=1), "travel")
    a.set_rating(s.id, "before", "stress", 4)
    both_ways(a, b, folder)
    assert content(a) == content(b) and b.checks_for_session(s.id)
    clock.advance(60)
    a.undo_last_check(s.id)
    a.clear_rest(DAY - timedelta(days=1))
    a.set_rating(s.id, "before", "stress", None)
    both_ways(a, b, folder)
    assert b.checks_for_session(s.id) == [] and b.rest_days(DAY - timedelta(days=9), DAY) == []
    assert b.ratings(s.id) == {}
    assert content(a) == content(b)


def test_edits_reach_the_other_computer(pair):
    a, b, folder, clock = pair
    s = a.start_session()
    a.set_rest(DAY + timedelta(days=1), "trip")
    both_ways(a, b, folder)
    clock.advance(600)
    a.update_session(s.id, note="felt good")
    a.finish_session(s.id)
    b.set_rest(DAY + timedelta(days=1), "longer trip")
    b.save_settings(days_per_week=4)
    both_ways(a, b, folder)
    assert content(a) == content(b)
    assert a.session(s.id).note == "felt good" and b.session(s.id).finished
    assert a.settings().days_per_week == 4 == b.settings().days_per_week
    assert a.rest_days(DAY, DAY + timedelta(days=2))[0].reason == "longer trip"


def test_two_sessions_on_one_day_from_two_computers_are_both_kept_and_the_day_counts_once(pair):
    a, b, folder, clock = pair
    sa = a.log_session(DAY, passes=1, minutes=10)
    sb = b.log_session(DAY, passes=2, minutes=5)
    both_ways(a, b, folder)
    assert {s.id for s in a.sessions_between(DAY, DAY)} == {sa.id, sb.id}
    summary = a.day_summaries(DAY, DAY)
    assert list(summary) == [DAY] and summary[DAY].sessions == 2 and summary[DAY].passes == 3
    assert content(a) == content(b)


def test_settings_converge_last_writer_wins(pair):
    a, b, folder, clock = pair
    a.save_settings(days_per_week=3)
    clock.advance(5)
    b.save_settings(days_per_week=6)
    both_ways(a, b, folder)
    assert a.settings().days_per_week == 6 == b.settings().days_per_week


def test_a_rerun_changes_nothing_and_the_folder_holds_only_journals(pair, tmp_path):
    a, b, folder, clock = pair
    a.log_session(DAY, passes=1, minutes=10)
    both_ways(a, b, folder)
    before = content(b)
    report = sync(b, folder)
    assert report.published == 0 and report.applied.added == 0 and content(b) == before
    names = sorted(p.name for p in (folder / SUBFOLDER).iterdir())
    assert names == sorted([f"{a.device_id()}.jsonl", f"{b.device_id()}.jsonl"])
    assert not list(folder.glob("*.db*"))


def test_the_database_inside_the_folder_is_refused(tmp_path):
    log = open_log(tmp_path / "scalp.db", FakeClock())
    with pytest.raises(SyncRefused, match="inside the sync folder"):
        sync(log, tmp_path)
    log.close()


def test_broken_files_are_described_and_nothing_is_lost(pair):
    a, b, folder, clock = pair
    for i in range(3):
        a.log_session(DAY - timedelta(days=i), passes=1, minutes=10)
    sync(a, folder)
    share = folder / SUBFOLDER
    own = share / f"{a.device_id()}.jsonl"
    data = own.read_bytes()
    (share / "shopping.jsonl").write_text('{"eggs": 12}\n')
    (share / "notes.txt").write_text("hello")
    (share / "future.jsonl").write_text(json.dumps({"scalp_journal": 9, "device": "zz"}) + "\n")
    (share / f"{a.device_id()}.sync-conflict-20261122-093000-ABCDEFG.jsonl").write_bytes(data)
    own.write_bytes(data[:-15])  # the last line still being copied
    report = sync(b, folder)
    notes = "\n".join(report.notes)
    assert "shopping.jsonl: not a scalp journal" in notes and "notes.txt: not a scalp journal" in notes
    assert "newer scalp" in notes
    # the conflict copy carried everything, and nothing counted twice
    assert len(b.sessions_between(DAY - timedelta(days=5), DAY)) == 3
    own.write_bytes(data)
    sync(a, folder)
    sync(b, folder)
    assert content(a) == content(b)


def test_a_file_that_lost_its_middle_is_reported_and_completed_later(pair):
    a, b, folder, clock = pair
    for i in range(4):
        a.log_session(DAY - timedelta(days=i), passes=0, minutes=10)
    sync(a, folder)
    own = folder / SUBFOLDER / f"{a.device_id()}.jsonl"
    lines = own.read_bytes().splitlines(keepends=True)
    own.write_bytes(b"".join(lines[:2] + lines[3:]))  # one operation gone
    report = sync(b, folder)
    assert any("missing from its file" in note for note in report.notes)
    assert len(b.sessions_between(DAY - timedelta(days=5), DAY)) == 3
    sync(a, folder)  # the owner sees its file shrank and appends what it lost
    report = sync(b, folder)
    assert not any("missing" in note for note in report.notes)
    assert content(a) == content(b)


def test_a_check_arriving_before_its_session_waits_for_it(tmp_path):
    clock = FakeClock()
    folder = tmp_path / "share"
    folder.mkdir()
    a, b, c = (open_log(tmp_path / f"{n}.db", clock) for n in "abc")
    s = a.start_session()
    sync(a, folder)
    sync(b, folder)
    b.add_check(s.id, 1, b.routine.zone_ids[0])
    sync(b, folder)
    a_file = folder / SUBFOLDER / f"{a.device_id()}.jsonl"
    hidden = a_file.read_bytes()
    a_file.unlink()  # c sees b's check before a's session
    report = sync(c, folder)
    assert report.applied.waiting == 1 and c.checks_between(DAY, DAY) == []
    a_file.write_bytes(hidden)
    sync(c, folder)
    assert len(c.checks_between(DAY, DAY)) == 1
    assert content(c) == content(b)
    for log in (a, b, c):
        log.close()


def test_status_lists_devices_and_what_is_pending(pair):
    a, b, folder, clock = pair
    a.log_session(DAY, passes=1, minutes=10)
    sync(a, folder)
    sync(b, folder)
    b.set_rest(DAY + timedelta(days=2))
    lines = "\n".join(sync_status(b, folder))
    assert f"Device {a.device_id()}" in lines and "1 of its" in lines


def test_migration_turns_existing_rows_into_operations_without_changing_a_figure(tmp_path):
    from tui.core.demo import generate

    clock = FakeClock()
    log = open_log(tmp_path / "old.db", clock)
    log.add_history(generate(log.routine, end=DAY, years=1, seed=3, zone=UTC))
    # make it a log from before sync: no journal, its migration not applied
    for table in ("_sync_journal", "_sync_meta", "_sync_files", "_sync_pending"):
        log.conn.execute(f"DROP TABLE {table}")
    log.conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_sync_journal'")
    before = (log.day_summaries(DAY - timedelta(days=400), DAY), content(log))
    rows = sum(len(v) for v in before[1].values())
    log.close()
    log = open_log(tmp_path / "old.db", clock)
    assert (log.day_summaries(DAY - timedelta(days=400), DAY), content(log)) == before
    (ops,) = log.conn.execute("SELECT COUNT(*) FROM _sync_journal WHERE kind = 'put'").fetchone()
    assert ops == rows > 1000
    # and a new computer gets it all on its first sync
    folder = tmp_path / "share"
    folder.mkdir()
    sync(log, folder)
    fresh = open_log(tmp_path / "new.db", clock)
    sync(fresh, folder)
    assert content(fresh) == content(log)
    log.close()
    fresh.close()


def _exchange(source: Log, target: Log) -> None:
    """Export one log as JSON and import it into another, as a user would by hand."""
    import io

    from tui.store.exchange import export_json, import_bundle, read_json

    out = io.StringIO()
    export_json(source, out)
    import_bundle(target, read_json(out.getvalue(), "export.json"))


def test_export_and_import_merge_as_sync_does(tmp_path):
    clock = FakeClock()
    folder = tmp_path / "share"
    folder.mkdir()
    logs = {name: open_log(tmp_path / f"{name}.db", clock) for name in ("a", "b", "sa", "sb")}
    # the same writes on two pairs of logs: one pair merges by export/import, the other by sync
    for a, b in (("a", "b"), ("sa", "sb")):
        s = logs[a].log_session(DAY, passes=1, minutes=10)
        logs[a].set_rest(DAY - timedelta(days=1), "travel")
        logs[a].set_rating(s.id, "before", "stress", 2)
        logs[b].save_settings(days_per_week=5)
    _exchange(logs["a"], logs["b"])
    _exchange(logs["b"], logs["a"])  # noqa: E702
    sync(logs["sa"], folder)
    sync(logs["sb"], folder)
    sync(logs["sa"], folder)  # noqa: E702
    clock.advance(60)
    for a, b in (("a", "b"), ("sa", "sb")):
        sid = logs[a].sessions_between(DAY, DAY)[0].id
        logs[a].clear_rest(DAY - timedelta(days=1))
        logs[a].set_rating(sid, "before", "stress", None)
        logs[b].update_session(sid, note="edited on b")
        logs[b].save_settings(days_per_week=3)
    _exchange(logs["a"], logs["b"])
    _exchange(logs["b"], logs["a"])  # noqa: E702
    sync(logs["sa"], folder)
    sync(logs["sb"], folder)
    sync(logs["sa"], folder)  # noqa: E702
    assert content(logs["a"]) == content(logs["b"])
    assert content(logs["sa"]) == content(logs["sb"])
    a = logs["a"]
    assert (
        a.rest_days(DAY - timedelta(days=9), DAY) == []
        and a.sessions_between(DAY, DAY)[0].note == "edited on b"
    )
    assert a.settings().days_per_week == 3 == logs["sa"].settings().days_per_week
    assert a.ratings(a.sessions_between(DAY, DAY)[0].id) == {}
    for log in logs.values():
        log.close()


def test_an_old_export_without_a_journal_still_imports_and_its_rows_then_sync(pair, tmp_path):
    import io

    from tui.store.exchange import export_json, import_bundle, read_json

    a, b, folder, clock = pair
    a.log_session(DAY, passes=1, minutes=10)
    out = io.StringIO()
    export_json(a, out)
    document = json.loads(out.getvalue())
    del document["journal"]
    fresh = open_log(tmp_path / "c.db", clock)
    import_bundle(fresh, read_json(json.dumps(document), "old.json"))
    sync(fresh, folder)
    sync(b, folder)
    assert content(b)["sessions"] == content(a)["sessions"]
    fresh.close()


def test_a_published_line_is_exactly_the_operation_encoded_anew(pair):
    """Publishing puts each line together from the journal's stored JSON; it equals encoding the op anew."""
    from tests.hostile import CORPUS
    from tui.core.sync.journal_file import op_line, stored_op_line
    from tui.store.journal import OP_COLUMNS, op_from_row

    a, b, folder, clock = pair
    s = a.start_session()
    for i, text in enumerate(CORPUS.values()):
        a.update_session(s.id, note=text)
        a.set_rest(DAY - timedelta(days=i + 1), text)
    a.add_check(s.id, 1, a.routine.zone_ids[0])
    a.undo_last_check(s.id)
    a.save_settings(days_per_week=4)
    both_ways(a, b, folder)  # b's journal then holds a's operations, stored as applied
    for log in (a, b):
        rows = log.conn.execute(f"SELECT {OP_COLUMNS} FROM _sync_journal").fetchall()
        assert len(rows) > 2 * len(CORPUS)
        for row in rows:
            assert stored_op_line(*row) == op_line(op_from_row(row))


def test_a_sync_leaves_the_garbage_collector_as_it_found_it(pair, monkeypatch):
    """The collector is paused while a sync runs (it would walk a first sync's objects for nothing)."""
    import gc

    a, b, folder, clock = pair
    a.log_session(DAY, passes=1, minutes=10)
    seen = []
    real_apply = sync_module.apply_ops

    def apply_ops(log, ops):
        seen.append(gc.isenabled())
        return real_apply(log, ops)

    monkeypatch.setattr(sync_module, "apply_ops", apply_ops)
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            sync(a, folder)
            sync(b, folder)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen and not any(seen)


HOSTILE = {
    "an unknown column": ({"colour": "red"}, "column colour"),
    "a nested value": ({"reason": ["a", {"b": 1}]}, "reason"),
    "an integer beyond 64 bits": ({"reason": 2**70}, "reason"),
}


def _append_hostile(log: Log, folder, extra: dict) -> int:
    """Append to ``log``'s file a put of a rest day carrying ``extra``, then a good one; the bad line's number."""
    own = folder / SUBFOLDER / f"{log.device_id()}.jsonl"
    lines = own.read_text().splitlines()
    last = json.loads(lines[-1])
    bad = dict(last, op="hostile", seq=last["seq"] + 1, key=["2026-11-10"])
    bad["fields"] = dict(last["fields"], id="bad-row", day="2026-11-10", **extra)
    good = dict(last, op="after", seq=last["seq"] + 2, key=["2026-11-11"])
    good["fields"] = dict(last["fields"], id="good-row", day="2026-11-11", reason="after it")
    with own.open("a") as handle:
        handle.write(json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    return len(lines) + 1


@pytest.mark.parametrize("first", [True, False], ids=["bulk first sync", "incremental"])
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_operation_is_skipped_once_with_its_line_and_the_rest_applied(pair, kind, first):
    a, b, folder, clock = pair
    extra, named = HOSTILE[kind]
    if not first:  # b already holds operations: the incremental path
        b.set_rest(DAY - timedelta(days=20), "b's")
        sync(b, folder)
    a.set_rest(DAY, "trip")
    sync(a, folder)
    line = _append_hostile(a, folder, extra)
    assert sync_apply.holds_no_row(b.conn, "_sync_journal") is first  # the bulk path, or the incremental one
    report = sync(b, folder)
    skipped = [note for note in report.notes if "skipped" in note]
    assert len(skipped) == 1, report.notes
    assert f"{a.device_id()}.jsonl" in skipped[0] and f"line {line}" in skipped[0] and named in skipped[0]
    days = {r[0]: r[1] for r in b.conn.execute("SELECT day, reason FROM rest_days")}
    assert days.get(DAY.isoformat()) == "trip" and days.get("2026-11-11") == "after it"
    assert "2026-11-10" not in days
    assert not b.conn.execute("SELECT 1 FROM _sync_journal WHERE op = 'hostile' OR key LIKE '%2026-11-10%'").fetchall()
    again = sync(b, folder)  # the file position moved past it: nothing again, no notice again
    assert again.applied.added == 0 and again.notes == []
    assert not any("missing" in note for note in report.notes)


def test_the_background_sync_survives_a_hostile_line(pair, tmp_path):
    from tui.store.sync_runner import BackgroundSync

    a, b, folder, clock = pair
    a.set_rest(DAY, "trip")
    sync(a, folder)
    sync(b, folder)
    _append_hostile(a, folder, {"reason": 2**70})
    seen: list[list[str]] = []
    runner = BackgroundSync(tmp_path / "b.db", done=lambda added, notes: seen.append(notes))
    runner.finish(timeout=30)
    assert runner.last_error is None and runner.runs == 1
    assert any("line" in note for note in seen[0])
    assert b.conn.execute("SELECT reason FROM rest_days WHERE day = '2026-11-11'").fetchall() == [("after it",)]
