"""The journal file format: one JSON object a line, a header line first.

A device's file, ``<folder>/scalp/<device-id>.jsonl``, is only ever appended to, and only
by that device. Its first line is the header::

    {"scalp_journal": 1, "device": "3f9c...", "created": "2026-12-01T20:00:00+00:00"}

and every later line one operation::

    {"op": "a1b2...", "device": "3f9c...", "seq": 17, "clock": "0001764619200000.0000",
     "table": "checks", "key": ["<session id>", 1, "crown"], "kind": "put",
     "fields": {"id": "...", "session_id": "...", "day": "2026-12-01", ...}}

``kind`` is ``put`` (the whole row), ``patch`` (some fields) or ``del`` (a tombstone,
``fields`` empty). ``seq`` counts 1, 2, 3... per device, so a reader sees what is missing.

Reading is forgiving, because files arrive through tools that copy them piece by piece:
a last line without its newline is still being copied and is left for the next time; a
line that is not an operation is skipped and counted; an operation the log could not store
(a column its table does not have, a list or object for a value, a whole number beyond
SQLite's 64 bits, a float that is not finite) is skipped and named by its line; a file
whose header is not ours, or is from a newer format, is skipped whole. Each skip is described in one line.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any

from tui.core.safe_text import inert_json
from tui.core.sync import clock
from tui.core.sync.ops import KINDS, TABLES, Operation

FORMAT_KEY = "scalp_journal"
FORMAT_VERSION = 1
SUFFIX = ".jsonl"


def header_line(device: str, created: str) -> str:
    return json.dumps({FORMAT_KEY: FORMAT_VERSION, "device": device, "created": created}) + "\n"


def op_line(op: Operation) -> str:
    """One operation as a journal line; no character in it can drive a terminal that prints it."""
    return (
        inert_json(
            json.dumps(
                {
                    "op": op.op_id,
                    "device": op.device,
                    "seq": op.seq,
                    "clock": op.clock,
                    "table": op.table,
                    "key": list(op.key),
                    "kind": op.kind,
                    "fields": op.fields,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
        + "\n"
    )


def stored_op_line(
    device: str, seq: int, op_id: str, reading: str, table: str, key: str, kind: str, fields: str
) -> str:
    """``op_line`` of an operation as the local journal stores it, its key and fields already JSON text.

    The journal's ``key`` and ``fields`` columns hold compact JSON (tui.store.journal's
    encode_key and encode_fields, the encoder op_line uses), so the line is put together
    from them as they are: exactly op_line's text, without decoding and encoding each
    operation again (a first publish of 20 years writes 165,000 of them).
    """
    if type(seq) is int and type(key) is str and type(fields) is str:
        s = encode_basestring  # json.dumps(text, ensure_ascii=False), in C; TypeError for anything else
        try:
            line = (
                f'{{"op":{s(op_id)},"device":{s(device)},"seq":{seq},"clock":{s(reading)},"table":{s(table)},'
                f'"key":{key},"kind":{s(kind)},"fields":{fields}}}'
            )
        except TypeError:
            pass
        else:
            return inert_json(line) + "\n"
    return op_line(Operation(op_id, device, seq, reading, table, tuple(json.loads(key)), kind, json.loads(fields)))


def op_from_json(data: Any, device: str | None = None) -> Operation | None:
    """The operation a decoded line describes, or None when it is not a valid one."""
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
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not clock.is_reading(reading):
        return None
    if not isinstance(table, str) or kind not in KINDS or not isinstance(key, list) or not isinstance(fields, dict):
        return None
    if len(key) != _KEY_LENGTH.get(table):  # also an unknown table (a list or an object is no dict key)
        return None
    for part in key:
        if not isinstance(part, (str, int)):
            return None
    try:
        "".join(fields)  # every column named by text (always so in JSON); TypeError otherwise
    except TypeError:
        return None
    return Operation(op_id, dev, seq, reading, table, tuple(key), kind, fields)


_KEY_LENGTH = {name: len(rule.key) for name, rule in TABLES.items()}
_COLUMNS = {name: frozenset(rule.columns) for name, rule in TABLES.items()}
_LOWEST, _HIGHEST = -(2**63), 2**63 - 1  # what an SQLite INTEGER holds


def _storable(value: Any) -> bool:
    """Whether SQLite can bind the value: text, None, a bool, a 64-bit whole number, a finite float."""
    kind = type(value)
    if kind is str or value is None or kind is bool:
        return True
    if kind is int:
        return bool(_LOWEST <= value <= _HIGHEST)
    if kind is float:
        return math.isfinite(value)
    return False  # a list or an object


def unstorable(op: Operation) -> str | None:
    """Why the log could not store this operation's values, or None when it can.

    A well-formed line can still name a column its table does not have, or carry a value
    SQLite cannot bind (a list or an object, a whole number beyond 64 bits, a float that is
    not finite); applying it would fail the whole sync, every time. Such an operation is
    skipped like an odd line. (Text and None, most values, are let through without a call:
    a first sync checks a million of them.)
    """
    fields = op.fields
    if not _COLUMNS[op.table].issuperset(fields):
        unknown = sorted(column for column in fields if column not in _COLUMNS[op.table])
        return f"{op.table} has no column {', '.join(unknown)}"
    for part in op.key:
        if type(part) is not str and not _storable(part):
            return f"its key holds a value scalp cannot store ({type(part).__name__})"
    for column, value in fields.items():
        if type(value) is not str and value is not None and not _storable(value):
            return f"its {column} is a value scalp cannot store ({type(value).__name__})"
    return None


@dataclass
class ParsedFile:
    """What one journal file holds, as far as it could be read."""

    name: str
    device: str | None = None
    ops: list[Operation] = field(default_factory=list)
    consumed: int = 0  # bytes read up to the end of the last complete line
    bad_lines: int = 0
    rejected: list[tuple[int, int, str]] = field(default_factory=list)  # operations not stored: (line, seq, why)
    lines_before: int = 0  # the file's lines before the part read (for the line numbers above)
    incomplete_tail: bool = False
    refused: str | None = None  # why the whole file was skipped

    def problem(self) -> str | None:
        """One line saying what was skipped in this file, or None when nothing was."""
        if self.refused:
            return f"skipped {self.name}: {self.refused}"
        parts = []
        if self.bad_lines:
            parts.append(f"{self.bad_lines} unreadable line{'s' if self.bad_lines != 1 else ''} skipped")
        if self.rejected:
            where = "; ".join(f"line {self.lines_before + line}: {why}" for line, _, why in self.rejected[:3])
            more = f" (and {len(self.rejected) - 3} more)" if len(self.rejected) > 3 else ""
            count = len(self.rejected)
            parts.append(
                f"{count} operation{'s' if count != 1 else ''} skipped that scalp cannot store ({where}){more}"
            )
        if self.incomplete_tail:
            parts.append("its last line is incomplete (still being copied?) and waits for the next sync")
        return f"{self.name}: {'; '.join(parts)}" if parts else None


def parse_header(line: bytes) -> tuple[str | None, str | None]:
    """(device id, None) for a header we can read, else (None, why the file is skipped)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None, "not a scalp journal"
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        return None, "not a scalp journal"
    version = data.get(FORMAT_KEY)
    if not isinstance(version, int) or isinstance(version, bool):
        return None, "not a scalp journal"
    if version > FORMAT_VERSION:
        return None, f"written by a newer scalp (journal format {version}); upgrade scalp to read it"
    device = data.get("device")
    if not isinstance(device, str) or not device or "/" in device or device.startswith("."):
        return None, "its header names no device"
    return device, None


def parse(name: str, data: bytes, *, start: int = 0, device: str | None = None) -> ParsedFile:
    """Read a journal file's bytes; ``data`` holds the file from byte ``start`` on.

    ``start`` is 0 (the whole file), or where the last read stopped, and ``device`` is
    then the device its header named. ``consumed`` counts from the file's first byte.
    """
    parsed = ParsedFile(name, device=device, consumed=start)
    position = 0
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
    last = data.rfind(b"\n", position)  # the end of the last complete line
    parsed.incomplete_tail = len(data) > max(position, last + 1)
    if last < position:
        return parsed
    parsed.consumed = start + last + 1
    try:
        text = str(memoryview(data)[position:last], "utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text or "\ufeff" in text:
        # json.loads of bytes reads such a line as another encoding (UTF-16 or -32), strips a BOM,
        # and lets encoded surrogates through: these lines are read that way, one by one
        _read_byte_lines(parsed, data[position:last].split(b"\n"), 1 if start == 0 else 0)
    else:
        lines = text.split("\n")
        del text  # the lines hold it now
        _read_lines(parsed, lines, 1 if start == 0 else 0)
    return parsed


# What json.loads runs, without its checks around the value (set in __init__; typeshed leaves it out).
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_ASCII_SPACE = " \t\n\r\x0b\x0c"  # what bytes.strip() strips, the reader's test for a blank line


def _read_lines(parsed: ParsedFile, lines: list[str], before: int) -> None:
    """Each line of a file that decoded as UTF-8: skipped when blank, else decoded and checked.

    Decoded as json.loads of the line's bytes decodes it: a value that fills the line is taken
    straight from json's scanner; anything else (whitespace around it, an error) goes through
    json.loads itself. A line that is not an operation is counted; an operation the log could
    not store is named by its line number (``before`` lines of ``data`` precede ``lines``).
    """
    device, ops = parsed.device, parsed.ops
    scan, loads, blank, check, refuse = _SCAN, json.loads, _ASCII_SPACE, op_from_json, unstorable
    bad = 0
    for number, line in enumerate(lines, before + 1):
        if not line.strip(blank):
            continue
        try:
            try:
                data, end = scan(line, 0)
                if end != len(line):
                    raise ValueError
            except (StopIteration, ValueError):
                data = loads(line)
            op = check(data, device)
        except (ValueError, RecursionError):
            op = None
        if op is None:
            bad += 1
        elif (why := refuse(op)) is not None:
            parsed.rejected.append((number, op.seq, why))
        else:
            ops.append(op)
    parsed.bad_lines += bad


def _read_byte_lines(parsed: ParsedFile, lines: list[bytes], before: int) -> None:
    """``_read_lines`` for a file that did not decode as plain UTF-8: json.loads of each line's bytes."""
    for number, line in enumerate(lines, before + 1):
        if not line.strip():
            continue
        try:
            op = op_from_json(json.loads(line), parsed.device)
        except (ValueError, RecursionError):
            op = None
        if op is None:
            parsed.bad_lines += 1
        elif (why := unstorable(op)) is not None:
            parsed.rejected.append((number, op.seq, why))
        else:
            parsed.ops.append(op)


def missing_ranges(seqs: set[int] | list[int], upto: int | None = None) -> list[tuple[int, int]]:
    """The runs of sequence numbers missing from 1 to max (or ``upto``), as (first, last) pairs."""
    known = sorted(set(seqs))
    top = upto if upto is not None else (known[-1] if known else 0)
    runs: list[tuple[int, int]] = []
    expected = 1
    for seq in known:
        if seq > top:
            break
        if seq > expected:
            runs.append((expected, seq - 1))
        expected = max(expected, seq + 1)
    return runs


def describe_ranges(runs: list[tuple[int, int]]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
