"""The journal reader's fast path reads every line exactly as the plain one did.

``reference_parse`` below is the reader as it was before it was made fast: each line decoded
on its own from bytes with ``json.loads``, then checked by the original rules. Files built from
good lines, odd lines and broken bytes (a BOM, NUL, invalid UTF-8, encoded surrogates, UTF-16,
padding json does or does not allow, deep nesting, a cut last line) must give the same
operations, the same count of skipped lines and the same read position through both.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import CORPUS
from tui.core.sync import clock
from tui.core.sync.journal_file import ParsedFile, header_line, op_line, parse, parse_header
from tui.core.sync.ops import KINDS, TABLES, Operation

DEVICE = "3f9c0a5e21b84d17"


# --- the reader as it was ----------------------------------------------------------------------


def reference_is_reading(text: object) -> bool:
    try:
        clock.parse(text)  # type: ignore[arg-type]
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def reference_op_from_json(data: Any, device: str | None = None) -> Operation | None:
    if not isinstance(data, dict):
        return None
    try:
        op_id, dev, seq, reading = data["op"], data["device"], data["seq"], data["clock"]
        table, key, kind, fields = data["table"], data["key"], data["kind"], data.get("fields", {})
    except (KeyError, TypeError):
        return None
    if not (isinstance(op_id, str) and op_id and isinstance(dev, str) and dev):
        return None
    if device is not None and dev != device:
        return None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not reference_is_reading(reading):
        return None
    if not isinstance(table, str) or table not in TABLES or kind not in KINDS:
        return None
    if not isinstance(key, list) or not isinstance(fields, dict):
        return None
    if len(key) != len(TABLES[table].key) or not all(isinstance(k, (str, int)) for k in key):
        return None
    if any(not isinstance(column, str) for column in fields):
        return None
    return Operation(op_id, dev, seq, reading, table, tuple(key), kind, fields)


def reference_storable(value: Any) -> bool:
    """What SQLite can bind as one column's value (the rule added when hostile values stopped a sync)."""
    if value is None or isinstance(value, (str, bool)):
        return True
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    return False


def reference_can_store(op: Operation) -> bool:
    columns = set(TABLES[op.table].columns)
    return all(c in columns for c in op.fields) and all(map(reference_storable, [*op.key, *op.fields.values()]))


def reference_parse(name: str, data: bytes, *, start: int = 0, device: str | None = None) -> ParsedFile:
    parsed = ParsedFile(name, device=device, consumed=start)
    position = 0
    number = 0 if start == 0 else -1  # the line number of data's last line read, counted from data's first
    if start == 0:
        end = data.find(b"\n")
        if end < 0:
            if data:
                parsed.incomplete_tail = True
            return parsed
        parsed.device, parsed.refused = parse_header(data[:end])
        if parsed.refused:
            return parsed
        position = end + 1
        parsed.consumed = position
    while position < len(data):
        end = data.find(b"\n", position)
        if end < 0:
            parsed.incomplete_tail = True
            break
        line = data[position:end]
        position = end + 1
        parsed.consumed = start + position
        number += 1
        if not line.strip():
            continue
        try:
            op = reference_op_from_json(json.loads(line), parsed.device)
        except (ValueError, RecursionError):
            op = None
        if op is None:
            parsed.bad_lines += 1
        elif not reference_can_store(op):
            parsed.rejected.append((number + 1, op.seq, ""))
        else:
            parsed.ops.append(op)
    return parsed


def same(a: ParsedFile, b: ParsedFile) -> None:
    assert (a.device, a.refused, a.consumed, a.bad_lines, a.incomplete_tail) == (
        b.device,
        b.refused,
        b.consumed,
        b.bad_lines,
        b.incomplete_tail,
    )
    assert a.ops == b.ops
    assert [(line, seq) for line, seq, _ in a.rejected] == [(line, seq) for line, seq, _ in b.rejected]
    assert [type(op.fields) for op in a.ops] == [type(op.fields) for op in b.ops]


# --- lines, good and odd -----------------------------------------------------------------------

texts = st.one_of(st.sampled_from(list(CORPUS.values())), st.text(max_size=12))
readings = st.builds(clock.reading, st.integers(0, 9_999_999_999_999), st.integers(0, 9999))
odd_readings = st.one_of(
    st.sampled_from(
        [
            "0001764619200000.0000",
            "\u0660" * 16 + ".0000",  # Arabic-Indic digits: decimal
            "²" * 16 + ".0000",  # superscripts: digits, not decimal
            "0001764619200000.000",
            "0001764619200000.00000",
            "0001764619200000,0000",
            "0001764619200000.00.0",
            "1764619200000.0000",
            " 001764619200000.0000",
            "0001764619200000.000\n",
        ]
    ),
    st.integers(),
    st.none(),
)


@st.composite
def operations(draw: st.DrawFn) -> dict[str, Any]:
    table = draw(st.sampled_from(list(TABLES)))
    parts = len(TABLES[table].key)
    key = draw(st.lists(st.one_of(texts, st.integers(-5, 5)), min_size=parts, max_size=parts))
    fields = draw(st.dictionaries(st.sampled_from(["id", "day", "note", "pass_no", "zone", "value"]), st.one_of(texts, st.integers(), st.none(), st.floats(allow_nan=False))))
    return {
        "op": uuid.UUID(int=draw(st.integers(0, 2**128 - 1))).hex,
        "device": DEVICE,
        "seq": draw(st.integers(1, 10**6)),
        "clock": draw(readings),
        "table": table,
        "key": key,
        "kind": draw(st.sampled_from(KINDS)),
        "fields": fields,
    }


ODD_VALUES = [None, True, False, 0, -1, 1.0, 2**70, "", "x", "5", [], ["checks"], {}, {"a": 1}, [[1]], [True]]


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    op = draw(operations())
    how = draw(st.integers(0, 16))
    if how <= 5:  # as scalp writes it
        return op_line(Operation(op["op"], op["device"], op["seq"], op["clock"], op["table"], tuple(op["key"]), op["kind"], op["fields"])).encode()
    if how == 6:  # one member odd
        op[draw(st.sampled_from(list(op)))] = draw(st.sampled_from(ODD_VALUES))
    elif how == 14:
        op["clock"] = draw(odd_readings)
    elif how == 7:  # one member missing (fields may be)
        del op[draw(st.sampled_from(list(op)))]
    elif how == 8:  # another device's line in this file
        op["device"] = "someone-else"
    text = json.dumps(op, ensure_ascii=draw(st.booleans()), separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])))
    if how == 9:  # padded: json's own whitespace, or bytes.strip's that json refuses, or Unicode's
        pad = draw(st.sampled_from([" ", "\t", "\r", " \t\r", "\x0b", "\x0c", "\x85", "\u2028", "\xa0", "\x1c"]))
        text = draw(st.sampled_from([pad + text, text + pad, pad + text + pad]))
    elif how == 10:  # the same member twice: the last one counts
        text = text[:-1] + ', "fields": ' + json.dumps(draw(st.sampled_from([{}, [], {"day": "x"}]))) + "}"
    elif how == 11:
        text = draw(st.sampled_from(["", " ", "\t", "\r", "\x0b\x0c", "\x85", "[]", "null", "1", '"x"', "{", "}", "{}", "[" * 100_000]))
    elif how == 12:
        text = text[: draw(st.integers(0, len(text)))]
    elif how == 15:  # something after the object
        text += draw(st.sampled_from(["x", "}", " {}", ",", "\x00", " 1"]))
    data = text.encode("utf-8", "surrogatepass")
    if how == 13:  # a BOM, NUL, broken UTF-8, an encoded surrogate, UTF-16
        data = draw(
            st.sampled_from(
                [
                    b"\xef\xbb\xbf" + data,
                    data.replace(b":", b":\x00", 1),
                    b"\x00" + data,
                    data[:-1] + b"\xff}",
                    data.replace(b'"op"', b'"o\xed\xa0\x80p"', 1),
                    text.encode("utf-16-le"),
                    text.encode("utf-16"),
                    b"\xc3",
                ]
            )
        )
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    body=st.lists(lines(), max_size=12),
    ending=st.sampled_from([b"\n", b"\r\n"]),
    cut=st.integers(0, 40),
    split=st.integers(0, 12),
)
def test_the_fast_reader_reads_every_line_as_the_plain_one(body, ending, cut, split):
    data = header_line(DEVICE, "2026-12-01T00:00:00+00:00").encode() + b"".join(line + ending for line in body)
    data = data[: len(data) - cut] if cut < 20 else data  # a last line still being copied
    same(parse("x.jsonl", data), reference_parse("x.jsonl", data))
    first = reference_parse("x.jsonl", data)
    if first.device:  # and from where an earlier read stopped
        at = min(first.consumed, len(data) * split // 12)
        at = data.rfind(b"\n", 0, at) + 1 or first.consumed
        rest = data[at:]
        same(parse("x.jsonl", rest, start=at, device=DEVICE), reference_parse("x.jsonl", rest, start=at, device=DEVICE))


def test_readings_are_told_as_before():
    for text in ["0001764619200000.0000", "\u0660" * 16 + ".0000", "²" * 16 + ".0000", "0001764619200000.000",
                 "0001764619200000,0000", "00017646192.0000000000", "", "x" * 21, "0001764619200000.00a0"]:
        assert clock.is_reading(text) == reference_is_reading(text), text
    for value in (None, 17, 1.5, [], {}, b"0001764619200000.0000"):
        assert clock.is_reading(value) == reference_is_reading(value) is False


GOOD = op_line(Operation("a1", DEVICE, 1, "0001764619200000.0000", "rest_days", ("2026-12-01",), "put", {"day": "x"}))
ODD_LINES = [
    GOOD.strip().encode(),
    *(pad.encode() + GOOD.strip().encode() for pad in (" ", "\t", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\xa0")),
    *(GOOD.strip().encode() + pad.encode() for pad in (" ", "\t", "\r", "\x0b", "\x0c", "\x85", "\u2028", "x", "}")),
    b"\xef\xbb\xbf" + GOOD.strip().encode(),
    GOOD.strip().encode("utf-16"),
    GOOD.strip().encode("utf-16-le"),
    GOOD.strip().encode("utf-32"),
    GOOD.strip().replace('"x"', '"\\ud800"').encode(),  # an escaped lone surrogate
    GOOD.strip().replace('"x"', '"\ud800"').encode("utf-8", "surrogatepass"),  # an encoded one
    GOOD.strip().encode() + b"\x00",
    b"\x85",  # not UTF-8
    *(blank.encode() for blank in ("\x85", "\u2028", "\xa0", "\x1c\x1d", "\x0b\x0c", " \t\r")),  # blank to str.strip()
    b"[" * 100_000,
]


def test_odd_lines_one_by_one():
    for odd in ODD_LINES:
        for others in ([], [GOOD.encode().strip()]):  # alone, and in a file that decodes as UTF-8 or not
            data = header_line(DEVICE, "x").encode() + b"\n".join([*others, odd, *others]) + b"\n"
            same(parse("x.jsonl", data), reference_parse("x.jsonl", data))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8,
)


@given(
    key=st.lists(st.one_of(texts, st.integers(), st.booleans(), json_values), max_size=3),
    fields=st.dictionaries(st.one_of(texts, st.sampled_from(["id", "day"])), json_values, max_size=6),
)
def test_keys_and_fields_are_encoded_as_json_dumps_encodes_them(key, fields):
    from tui.store.journal import encode_fields, encode_key

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    assert encode_key(key) == dumps(list(key)) and encode_key(tuple(key)) == dumps(list(key))
    assert encode_fields(fields) == dumps(fields)


def test_operations_the_log_cannot_store_are_skipped_and_named_by_their_line():
    def put(seq: int, **fields: Any) -> bytes:
        return op_line(Operation(f"o{seq}", DEVICE, seq, "0001764619200000.0000", "rest_days", ("d",), "put", fields)).encode()

    odd = {
        2: {"day": "d", "colour": "red"},  # a column rest_days does not have
        4: {"day": "d", "reason": ["a", {"b": 1}]},  # nested
        5: {"day": "d", "reason": {"b": 1}},
        6: {"day": "d", "reason": 2**70},  # beyond SQLite's 64 bits
        7: {"day": "d", "reason": -(2**63) - 1},
    }
    good = {1: {"day": "d"}, 3: {"day": "d", "reason": 2**63 - 1, "created_at": -(2**63)}, 8: {"id": None, "day": True}}
    body = b"".join(put(seq, **{**good, **odd}[seq]) for seq in range(1, 9))
    inf = b'{"op":"o9","device":"' + DEVICE.encode() + b'","seq":9,"clock":"0001764619200000.0000","table":"rest_days","key":["d"],"kind":"put","fields":{"reason":NaN}}\n'
    data = header_line(DEVICE, "x").encode() + body + inf
    parsed = parse("x.jsonl", data)
    same(parsed, reference_parse("x.jsonl", data))
    assert [op.seq for op in parsed.ops] == [1, 3, 8] and parsed.bad_lines == 0
    assert [(line, seq) for line, seq, _ in parsed.rejected] == [(3, 2), (5, 4), (6, 5), (7, 6), (8, 7), (10, 9)]
    problem = parsed.problem()
    assert problem is not None and "\n" not in problem
    assert problem.startswith("x.jsonl: 6 operations skipped that scalp cannot store (line 3: rest_days has no column colour")
    assert "line 5: its reason" in problem and "(and 3 more)" in problem
    # read again from where an earlier read stopped: the numbers are the file's, once told where the part begins
    at = data.index(b"\n", data.index(b'"seq":3')) + 1
    rest = parse("x.jsonl", data[at:], start=at, device=DEVICE)
    rest.lines_before = data[:at].count(b"\n")
    assert [line for line, _, _ in rest.rejected] == [1, 2, 3, 4, 6]  # counted from the part's first line
    assert "(line 5: its reason" in (rest.problem() or "")
    # the same through the reader of lines that are not plain UTF-8
    assert [line for line, _, _ in parse("x.jsonl", data + b"\x00\n").rejected] == [3, 5, 6, 7, 8, 10]


def test_the_columns_sync_knows_are_the_schemas(tmp_path):
    from tui.store import Log

    log = Log.open(tmp_path / "a.db")
    try:
        for name, rule in TABLES.items():
            assert rule.columns == tuple(row[1] for row in log.conn.execute(f'PRAGMA table_info("{name}")')), name
    finally:
        log.close()
