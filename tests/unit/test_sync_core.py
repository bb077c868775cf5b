"""The pure sync rules: clock, journal lines, and merging against an oracle that replays in clock order."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.sync import clock
from tui.core.sync.journal_file import describe_ranges, header_line, missing_ranges, op_line, parse
from tui.core.sync.merge import fold
from tui.core.sync.ops import DEL, PATCH, PUT, Operation

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


# --- the clock -------------------------------------------------------------------------------


def test_clock_readings_sort_as_they_compare():
    readings = [
        clock.reading(5, 9999),
        clock.reading(6, 0),
        clock.reading(10, 1),
        clock.reading(123456789, 0),
    ]
    assert sorted(readings) == readings
    assert clock.parse(clock.reading(42, 7)) == (42, 7)


def test_a_frozen_wall_clock_still_gives_later_readings():
    last = None
    seen = []
    for _ in range(5):
        last = clock.tick(last, T0)
        seen.append(last)
    assert seen == sorted(seen) and len(set(seen)) == 5


def test_a_clock_that_saw_the_future_stays_after_it():
    ahead = clock.tick(None, T0 + timedelta(hours=3))  # another computer, its clock 3 hours fast
    mine = clock.tick(ahead, T0)
    assert mine > ahead


def test_a_full_counter_borrows_a_millisecond():
    full = clock.reading(clock.millis_of(T0), clock.COUNTER_LIMIT - 1)
    assert clock.parse(clock.tick(full, T0)) == (clock.millis_of(T0) + 1, 0)


def test_not_a_reading():
    for text in ("", "12.3", "x" * 16 + ".0000", 17, None):
        assert not clock.is_reading(text)


# --- the file format --------------------------------------------------------------------------


def _op(device="dev-a", seq=1, kind=PUT, key=("2026-12-01",), fields=None, table="rest_days", at=None):
    return Operation(
        uuid.uuid4().hex,
        device,
        seq,
        at or clock.reading(1000 + seq),
        table,
        key,
        kind,
        {"id": "r1", "day": key[0], "reason": "travel", "created_at": "x"} if fields is None else fields,
    )


def _file(device, ops):
    return (header_line(device, "2026-12-01T00:00:00+00:00") + "".join(op_line(op) for op in ops)).encode()


def test_lines_round_trip():
    ops = [_op(seq=1), _op(seq=2, kind=DEL, fields={}), _op(seq=3, kind=PATCH, fields={"reason": "ill ✓"})]
    parsed = parse("dev-a.jsonl", _file("dev-a", ops))
    assert parsed.device == "dev-a" and parsed.ops == ops and parsed.problem() is None


def test_a_truncated_last_line_waits_and_is_read_once_complete():
    ops = [_op(seq=1), _op(seq=2)]
    whole = _file("dev-a", ops)
    cut = whole[:-10]
    first = parse("dev-a.jsonl", cut)
    assert first.ops == ops[:1] and first.incomplete_tail
    assert "incomplete" in first.problem()
    rest = parse("dev-a.jsonl", whole[first.consumed :], start=first.consumed, device=first.device)
    assert rest.ops == ops[1:] and rest.consumed == len(whole)


def test_a_file_from_a_newer_scalp_is_skipped_whole_with_one_line():
    data = json.dumps({"scalp_journal": 2, "device": "dev-a"}).encode() + b"\n" + op_line(_op()).encode()
    parsed = parse("dev-a.jsonl", data)
    assert parsed.ops == [] and "newer scalp" in parsed.problem()


def test_another_programs_file_is_skipped():
    for data in (b'{"name": "shopping"}\n{"eggs": 2}\n', b"hello\nworld\n", b"[1,2]\n"):
        parsed = parse("notes.jsonl", data)
        assert parsed.ops == [] and parsed.problem() == "skipped notes.jsonl: not a scalp journal"


def test_bad_lines_and_lines_of_another_device_are_counted_not_applied():
    good = _op(seq=1)
    stranger = _op(device="dev-b", seq=2)
    data = _file("dev-a", [good]) + b'{"op": broken\n' + op_line(stranger).encode() + b'{"seq": 3}\n'
    parsed = parse("dev-a.jsonl", data)
    assert parsed.ops == [good] and parsed.bad_lines == 3 and "3 unreadable lines" in parsed.problem()


def test_a_line_naming_its_table_by_a_list_or_an_object_is_a_bad_line_not_a_crash():
    good = _op(seq=1)
    odd = [dict(json.loads(op_line(_op(seq=2))), table=table) for table in ([], ["checks"], {}, {"a": 1}, 7, None)]
    data = _file("dev-a", [good]) + "".join(json.dumps(line) + "\n" for line in odd).encode()
    parsed = parse("dev-a.jsonl", data)
    assert parsed.ops == [good] and parsed.bad_lines == len(odd)


def test_missing_ranges_name_the_lost_middle():
    assert missing_ranges({1, 2, 6, 7, 9}) == [(3, 5), (8, 8)]
    assert missing_ranges({2}) == [(1, 1)]
    assert missing_ranges(set()) == []
    assert describe_ranges([(3, 5), (8, 8)]) == "3-5, 8"


# --- merging: a property against an oracle -------------------------------------------------------
# A tiny model of several computers. Each makes writes on what it sees (puts, patches,
# tombstones on rows it knows), publishes its whole journal as a file, and reads other
# devices' files cut short or twice. In the end every device reads every file whole and must
# hold what the oracle computes: all operations replayed one by one in clock order.


def oracle(all_ops: list[Operation]) -> dict:
    """Replay in clock order: put sets the row, patch changes a row that is there, del removes it."""
    unique = {(op.device, op.seq): op for op in all_ops}
    rows: dict = {}
    for op in sorted(unique.values(), key=lambda o: (o.clock, o.device)):
        name = (op.table, op.key)
        if op.kind == PUT:
            rows[name] = dict(op.fields)
        elif op.kind == PATCH:
            if name in rows:
                rows[name].update(op.fields)
        else:
            rows.pop(name, None)
    return rows


class Device:
    COLUMNS = ("note", "ended_at", "technique")

    def __init__(self, name: str) -> None:
        self.name = name
        self.ops: dict[tuple[str, int], Operation] = {}
        self.last: str | None = None
        self.seq = 0
        self.offsets: dict[str, int] = {}

    def visible(self) -> dict:
        by_row: dict = {}
        for op in self.ops.values():
            by_row.setdefault((op.table, op.key), []).append(op)
        out = {}
        for name, ops in by_row.items():
            state = fold(ops)
            if state.alive:
                out[name] = state.fields
        return out

    def write(self, now: datetime, choice: int, value: int) -> None:
        rows = sorted(self.visible())
        known = sorted({(op.table, op.key) for op in self.ops.values()})
        self.last = clock.tick(self.last, now)
        self.seq += 1
        kind = (PUT, PATCH, DEL)[choice % 3]
        if kind == PUT or not rows:
            # a new row, or one another device may also create (one rest mark per day)
            key = (f"day-{value % 4}",) if value % 2 else (uuid.uuid4().hex[:6],)
            fields = {"id": key[0], "note": f"{self.name}{value}", "ended_at": None, "technique": "circles"}
            kind = PUT
        elif kind == PATCH:
            key = rows[value % len(rows)][1]
            fields = {self.COLUMNS[value % 3]: f"{self.name}-{value}"}
        else:
            key = (known or rows)[value % len(known or rows)][1]
            fields = {}
        op = Operation(uuid.uuid4().hex, self.name, self.seq, self.last, "sessions", key, kind, fields)
        self.ops[(op.device, op.seq)] = op

    def file(self) -> bytes:
        mine = sorted((op for op in self.ops.values() if op.device == self.name), key=lambda o: o.seq)
        return _file(self.name, mine)

    def read(self, name: str, data: bytes, *, fresh: bool = False) -> None:
        start = 0 if fresh or self.offsets.get(name, 0) > len(data) else self.offsets.get(name, 0)
        parsed = parse(name, data[start:], start=start, device=name.removesuffix(".jsonl") if start else None)
        for op in parsed.ops:
            self.ops.setdefault((op.device, op.seq), op)
            self.last = clock.later(self.last, op.clock)  # what a device has seen, its next clock passes
        self.offsets[name] = parsed.consumed


steps = st.lists(
    st.tuples(
        st.sampled_from(["write", "write", "write", "sync"]),
        st.integers(0, 3),  # device
        st.integers(0, 3),  # other device
        st.integers(0, 2),  # kind of write
        st.integers(0, 1000),  # value / where to cut
        st.integers(-5, 60),  # minutes the device's clock is off (computers disagree)
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(devices=st.integers(2, 4), plan=steps, final_order=st.randoms(use_true_random=False))
def test_every_device_ends_equal_to_the_clock_order_oracle(devices, plan, final_order):
    fleet = [Device(f"dev-{i}") for i in range(devices)]
    now = T0
    for action, who, other, kind, value, skew in plan:
        now += timedelta(seconds=7)
        me, peer = fleet[who % devices], fleet[other % devices]
        if action == "write":
            me.write(now + timedelta(minutes=skew), kind, value)
        elif peer is not me:
            data = peer.file()
            cut = data if value % 3 == 0 else data[: value * len(data) // 1000]  # a file still being copied
            me.read(peer.name + ".jsonl", cut)
            if value % 5 == 0:
                me.read(peer.name + ".jsonl", data, fresh=True)  # the same file again, from the start
    all_ops = [op for d in fleet for op in d.ops.values() if op.device == d.name]
    expected = oracle(all_ops)
    files = [(d.name + ".jsonl", d.file()) for d in fleet]
    for device in fleet:
        order = files[:]
        final_order.shuffle(order)
        for name, data in order + order[:1]:  # one file arrives twice
            if name != device.name + ".jsonl":
                device.read(name, data)
        assert device.visible() == expected


def test_a_tombstone_wins_over_the_edits_it_has_seen_but_a_new_put_revives():
    put = _op(seq=1, at=clock.reading(10))
    edit = _op(seq=2, kind=PATCH, fields={"reason": "sick"}, at=clock.reading(20))
    gone = _op(device="dev-b", seq=1, kind=DEL, fields={}, at=clock.reading(30))
    late_edit = _op(seq=3, kind=PATCH, fields={"reason": "late"}, at=clock.reading(40))
    assert not fold([late_edit, gone, edit, put]).alive
    again = _op(
        device="dev-b",
        seq=2,
        fields={"id": "r9", "day": "2026-12-01", "reason": "", "created_at": "y"},
        at=clock.reading(50),
    )
    state = fold([again, late_edit, gone, edit, put, put])
    assert state.alive and state.fields["id"] == "r9" and state.fields["reason"] == ""


def test_equal_clocks_are_settled_by_device_id():
    a = _op(device="dev-a", seq=1, fields={"reason": "a"}, at=clock.reading(10))
    b = _op(device="dev-b", seq=1, fields={"reason": "b"}, at=clock.reading(10))
    assert fold([a, b]).fields["reason"] == "b" == fold([b, a]).fields["reason"]
