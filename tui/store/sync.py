"""Syncing through a folder: publish this device's new operations, apply every other device's.

The folder is any folder a file-sync tool keeps equal between computers (Syncthing,
Dropbox, a network share, a git work tree). scalp only ever touches
``<folder>/scalp/<device-id>.jsonl`` of its own device, and only appends to it; it
reads every other ``*.jsonl`` there. The database never goes into the folder.

A sync first appends what this device has not published yet (the file is the record of
what was published: a sync killed half-way leaves at most an incomplete last line,
which the next sync cuts off before appending), then applies every other device's new
operations in one transaction, together with how far each file was read. Killed at
any moment, the log and the folder stay consistent, and the next sync completes.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tui.core.sync import clock
from tui.core.sync.journal_file import (
    SUFFIX,
    ParsedFile,
    describe_ranges,
    header_line,
    parse,
    parse_header,
    stored_op_line,
)
from tui.store import sync_apply
from tui.store.errors import StoreError
from tui.store.journal import OP_COLUMNS, meta_get, meta_set, new_device_id, origin
from tui.store.sync_apply import Applied, apply_ops, missing

if TYPE_CHECKING:
    from tui.store.log import Log

SUBFOLDER = "scalp"
BIG_BATCH = 20_000
BIG_CACHE_KIB = 256 * 1024
TAIL_BYTES = 64
BACK_STEP = 65536


class SyncRefused(StoreError):
    """The folder cannot be used for sync; the message says why in one line."""


@dataclass
class SyncReport:
    folder: Path
    device: str
    published: int = 0
    applied: Applied = field(default_factory=Applied)
    notes: list[str] = field(default_factory=list)  # one line per thing skipped or waiting


def check_folder(log: Log, folder: Path) -> Path:
    """The folder, absolute, or SyncRefused when it cannot serve (missing, or holding the database)."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist (is it mounted, or its sync tool running?)"
        raise SyncRefused(f"{folder} {what}; give the folder your sync tool shares")
    folder = folder.resolve()
    if log.path is not None:
        db = Path(log.path).resolve()
        if db.is_relative_to(folder):
            raise SyncRefused(
                f"the database {db} is inside the sync folder {folder}; keep it outside "
                "(a sync tool copying a live database can break it)"
            )
    return folder


def remembered_folder(log: Log) -> Path | None:
    value = meta_get(log.conn, "folder")
    return Path(value) if value else None


@contextmanager
def _exclusive(log: Log) -> Iterator[None]:
    """One sync at a time for this database (the app's worker and a command may overlap)."""
    if log.path is None:
        yield
        return
    fd = os.open(log.path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a sync runs, back on after (if it was on).

    A first sync makes about a million containers (decoded lines, operations, rows), all
    alive until it ends and none in a cycle; the collector would walk them again and again
    for nothing, a fifth of the time of a first sync of 20 years. An ordinary sync takes
    milliseconds, so the pause is short; the app's own pause at start-up is left as it is.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _now_text(log: Log) -> str:
    return log.now().astimezone(UTC).isoformat(timespec="seconds")


# --- publishing ---------------------------------------------------------------------------


def _last_complete_line(handle: BinaryIO, size: int) -> tuple[bytes, int]:
    """The last complete line of an open file (no newline), and where its complete lines end."""
    pos, buf = size, b""
    while pos > 0:
        start = max(0, pos - BACK_STEP)
        handle.seek(start)
        buf = handle.read(pos - start) + buf
        pos = start  # buf holds the file from pos to size
        last_nl = buf.rfind(b"\n")
        if last_nl < 0:
            continue
        prev_nl = buf.rfind(b"\n", 0, last_nl)
        if prev_nl >= 0 or pos == 0:
            return buf[prev_nl + 1 : last_nl], pos + last_nl + 1
    return b"", 0


def _published_seqs(path: Path, device: str) -> set[int]:
    parsed = parse(path.name, path.read_bytes())
    return {op.seq for op in parsed.ops if op.device == device}


def publish(log: Log, folder: Path, report: SyncReport) -> None:
    """Append this device's operations that its file does not hold yet."""
    conn, device = log.conn, log.device_id()
    path = folder / SUBFOLDER / f"{device}{SUFFIX}"
    path.parent.mkdir(exist_ok=True)
    (mine,) = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) FROM _sync_journal WHERE device = ?", [device]
    ).fetchone()
    already: set[int] | None = None
    last = 0
    with open(path, "a+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        line, complete = _last_complete_line(handle, size) if size else (b"", 0)
        handle.seek(0)
        first = handle.readline()
        if not first.endswith(b"\n") or parse_header(first.rstrip(b"\n"))[0] != device:
            if first.endswith(b"\n"):  # a file of ours that is not ours: never overwrite it
                report.notes.append(f"left {path.name} alone: it does not hold this device's journal")
                return
            handle.truncate(0)  # our own file, killed before its header was whole
            handle.write(header_line(device, _now_text(log)).encode())
            complete = handle.tell()
        elif complete < size:
            handle.truncate(complete)  # our own append, killed half-way: cut it off before appending
        if line and line != first.rstrip(b"\n"):
            parsed = parse(path.name, first + line + b"\n")
            last = parsed.ops[-1].seq if parsed.ops else -1
        recorded = int(meta_get(conn, "published_size") or 0)
        if last < 0 or complete < recorded or last > mine:
            already = _published_seqs(path, device)  # the file was damaged or replaced: see what it holds
            if already and max(already) > mine:
                report.notes.append(_restored(log, path))
                return
            last = 0
        rows = conn.execute(
            f"SELECT {OP_COLUMNS} FROM _sync_journal WHERE device = ? AND seq > ? ORDER BY seq",
            [device, last],
        )
        # The stored key and fields are already the line's JSON: no decoding and encoding again.
        if already is None:
            out = [stored_op_line(*row) for row in rows]
        else:
            out = [stored_op_line(*row) for row in rows if row[1] not in already]
        if out:
            handle.seek(0, os.SEEK_END)
            handle.write("".join(out).encode())
        handle.flush()
        os.fsync(handle.fileno())
        report.published = len(out)
        with log.transaction():
            meta_set(conn, "published_size", str(handle.tell()))


def _restored(log: Log, path: Path) -> str:
    """This log is older than what it published (restored from a backup, or copied): become a new device."""
    with log.transaction():
        meta_set(log.conn, "device", new_device_id())
        meta_set(log.conn, "published_size", "0")
    log.forget_device()
    return (
        f"{path.name} holds more than this log (restored from a backup, or a copy of the log?): "
        f"this log now publishes as {log.device_id()} and reads its old file like another computer's"
    )


# --- reading the other devices --------------------------------------------------------------


@dataclass
class _Read:
    parsed: ParsedFile
    size: int


def read_others(log: Log, folder: Path, report: SyncReport) -> list[_Read]:
    """Parse what is new in every other device's file (from where the last sync stopped when it can)."""
    base = folder / SUBFOLDER
    own = f"{log.device_id()}{SUFFIX}"
    known = {
        name: (device, offset, tail)
        for name, device, offset, tail in log.conn.execute(
            "SELECT name, device, offset, tail FROM _sync_files"
        )
    }
    found: list[_Read] = []
    for path in sorted(base.iterdir()) if base.is_dir() else []:
        name = path.name
        if name.startswith((".", "~")) or name == own or not path.is_file():
            continue  # sync tools' temporary files, and our own file
        if not name.endswith(SUFFIX):
            report.notes.append(f"skipped {name}: not a scalp journal")
            continue
        try:
            with open(path, "rb") as handle:
                size = handle.seek(0, os.SEEK_END)
                device, offset, tail = known.get(name, (None, 0, ""))
                start = 0
                if offset and size >= offset:
                    back = min(offset, TAIL_BYTES)
                    handle.seek(offset - back)
                    if hashlib.sha256(handle.read(back)).hexdigest() == tail:
                        start = offset  # only appended to since: read the new part
                handle.seek(start)
                data = handle.read()
        except OSError as exc:
            report.notes.append(f"skipped {name}: {exc.strerror or exc}")
            continue
        parsed = parse(name, data, start=start, device=device if start else None)
        if parsed.rejected and start:
            parsed.lines_before = _lines_before(path, start)
        problem = parsed.problem()
        if problem:
            report.notes.append(problem)
        found.append(_Read(parsed, size))
    return found


def _lines_before(path: Path, offset: int) -> int:
    """How many lines a file holds before byte ``offset`` (only read when a line there is named)."""
    count = 0
    with open(path, "rb") as handle:
        while offset > 0:
            block = handle.read(min(offset, BACK_STEP))
            if not block:
                break
            count += block.count(b"\n")
            offset -= len(block)
    return count


def sync(log: Log, folder: Path | None = None) -> SyncReport:
    """Publish, then apply the other devices' new operations; remembers the folder."""
    folder = folder or remembered_folder(log)
    if folder is None:
        raise SyncRefused("no sync folder yet; run 'scalp sync --dir FOLDER' once")
    folder = check_folder(log, folder)
    with _exclusive(log), _collector_paused():
        _adopt_origin(log)
        report = SyncReport(folder, log.device_id())
        publish(log, folder, report)
        report.device = log.device_id()
        reads = read_others(log, folder, report)
        arriving = sum(len(r.parsed.ops) for r in reads)
        if arriving > BIG_BATCH:  # a first sync: the indexes it fills would not fit the default page cache
            log.conn.execute(f"PRAGMA cache_size = -{BIG_CACHE_KIB}")
        with log.transaction():
            arrived = [op for r in reads for op in r.parsed.ops]
            # In slices, so that merging a big batch into a log with history keeps its memory bounded;
            # into a log that holds no operation yet (a new computer's first sync) in one: nothing
            # stored can touch its rows, so it is stored and written in a few statements.
            step = max(1, len(arrived)) if sync_apply.holds_no_row(log.conn, "_sync_journal") else BIG_BATCH
            for start in range(0, max(1, len(arrived)), step):
                report.applied.add(apply_ops(log, arrived[start : start + step]))
            for r in reads:
                _remember_file(log, folder, r)
            meta_set(log.conn, "folder", str(folder))
            meta_set(log.conn, "last_sync", _now_text(log))
            # an operation skipped as unstorable is no gap: its number was read, and is not waited for
            skipped = {(r.parsed.device, seq) for r in reads for _, seq, _ in r.parsed.rejected}
            devices = {op.device for r in reads for op in r.parsed.ops} | {device for device, _ in skipped}
            report.notes.extend(_gaps(log, {d for d in devices if d}, skipped))
        for device, count in report.applied.reused.items():
            report.notes.append(
                f"skipped {count} operation{'s' if count != 1 else ''} of device {device}: their numbers were "
                "already used by others (two copies of one log publishing as one device?)"
            )
    return report


def _adopt_origin(log: Log) -> None:
    """A log copied to another computer publishes as a new device, never into the original's file."""
    here = origin()
    if meta_get(log.conn, "origin") == here:
        return
    with log.transaction():
        if meta_get(log.conn, "origin") not in (None, here) and meta_get(log.conn, "folder"):
            meta_set(log.conn, "device", new_device_id())
            meta_set(log.conn, "published_size", "0")
        meta_set(log.conn, "origin", here)
    log.forget_device()


def _remember_file(log: Log, folder: Path, r: _Read) -> None:
    path = folder / SUBFOLDER / r.parsed.name
    consumed = r.parsed.consumed
    tail = ""
    if consumed:
        with open(path, "rb") as handle:
            back = min(consumed, TAIL_BYTES)
            handle.seek(consumed - back)
            tail = hashlib.sha256(handle.read(back)).hexdigest()
    log.conn.execute(
        "INSERT OR REPLACE INTO _sync_files (name, device, offset, tail, size, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
        [r.parsed.name, r.parsed.device, consumed, tail, r.size, _now_text(log)],
    )


def _gaps(log: Log, devices: set[str], skipped: set[tuple[str | None, int]]) -> list[str]:
    return [
        f"device {device}: operations {describe_ranges(runs)} are missing from its file; "
        "the rest is applied, and these will be when they arrive"
        for device, runs in sorted(missing(log.conn, devices - {log.device_id()}, skipped).items())
    ]


def reading_time(reading: str | None) -> datetime | None:
    if not reading:
        return None
    return datetime.fromtimestamp(clock.parse(reading)[0] / 1000, UTC)


def status(log: Log, folder: Path) -> list[str]:
    """Lines for `scalp sync --status`: the devices seen, when each last published, what is pending."""
    folder = check_folder(log, folder)
    conn, device = log.conn, log.device_id()
    lines = [f"Sync folder: {folder}", f"This computer: device {device}"]
    (mine,) = conn.execute(
        "SELECT COALESCE(MAX(seq), 0) FROM _sync_journal WHERE device = ?", [device]
    ).fetchone()
    own = folder / SUBFOLDER / f"{device}{SUFFIX}"
    published = 0
    if own.is_file():
        published = len(_published_seqs(own, device))
    lines.append(f"  {max(0, mine - published)} of its {mine} changes not published yet")
    last = meta_get(conn, "last_sync")
    lines.append(f"  last synced {last}" if last else "  never synced")
    report = SyncReport(folder, device)
    reads = read_others(log, folder, report)
    waiting: dict[str, int] = {}
    for r in reads:
        for op in r.parsed.ops:
            waiting[op.device] = waiting.get(op.device, 0) + 1
    devices = {d for (d,) in conn.execute("SELECT DISTINCT device FROM _sync_journal") if d != device}
    devices |= {r.parsed.device for r in reads if r.parsed.device and r.parsed.device != device}
    for other in sorted(devices):
        (latest,) = conn.execute("SELECT MAX(clock) FROM _sync_journal WHERE device = ?", [other]).fetchone()
        (applied,) = conn.execute("SELECT COUNT(*) FROM _sync_journal WHERE device = ?", [other]).fetchone()
        new_ops = [op for r in reads for op in r.parsed.ops if op.device == other]
        if new_ops:
            have = {s for (s,) in conn.execute("SELECT seq FROM _sync_journal WHERE device = ?", [other])}
            not_applied = len({op.seq for op in new_ops} - have)
            latest = clock.later(latest, max(op.clock for op in new_ops))
        else:
            not_applied = 0
        when = reading_time(latest)
        lines.append(
            f"Device {other}: last change {when.isoformat(timespec='minutes') if when else 'never'}, "
            f"{applied} changes applied here, {not_applied} waiting to be applied"
        )
    lines.extend(f"scalp: {note}" for note in report.notes)
    return lines
