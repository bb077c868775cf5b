"""The bounds on what an import reads: sizes, counts and depths, and only regular files.

An import holds its whole file in memory while it checks every row, so what it reads is
capped before it is parsed; a device (``/dev/zero``), a FIFO nobody writes to or a socket
is refused before a byte is read, so no import can grow without end or hang. Every
refusal names the limit it hit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

MIB = 1024 * 1024
#: One file to import (a scalp JSON export, one CSV of a CSV export, one file of a Loop export).
MAX_FILE_BYTES = 256 * MIB
#: A Loop zip: how many members it may list, the size of one once unpacked, and of them all.
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_MEMBER_BYTES = 64 * MIB
MAX_ZIP_TOTAL_BYTES = 256 * MIB
#: Digits of a whole number in a JSON file (SQLite keeps 19 at most).
MAX_INT_DIGITS = 20
#: How deeply arrays and objects may nest in a JSON file (an export needs 4 levels); deeper
#: nesting is what Python's parser refuses (its recursion limit), reported with this number.
MAX_JSON_DEPTH = 1000
#: CSV files under a folder being imported.
MAX_FOLDER_FILES = 10_000

_CHUNK = 1 << 20


class LimitError(ValueError):
    """The input broke one of these bounds; the message is one line and names the limit."""


def size_text(size: int) -> str:
    return f"{size // MIB} MiB" if size >= MIB else f"{size} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def special_file_problem(path: Path) -> str | None:
    """Why ``path`` (a folder is fine) cannot be imported without risk of hanging, or None.

    Looked at with stat, which never opens the file, so a FIFO is not waited on.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the caller's own open names the problem
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{path}: {_kind(mode)}, not a file; only regular files and folders can be imported"


def read_capped(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Opened without blocking (a FIFO with no writer would otherwise wait for ever) and
    checked on the open descriptor, so what is read is what was checked. LimitError for
    anything but a regular file, or a file larger than the limit; OSError as the system says.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise LimitError(
                f"{path}: {_kind(mode)}, not a file; only regular files and folders can be imported"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_stream(handle, limit, str(path))
    finally:
        os.close(fd)


def read_stream(handle: IO[bytes], limit: int, name: str) -> bytes:
    """At most ``limit`` bytes from an open stream (stdin, a zip member); LimitError past it."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise LimitError(f"{name}: larger than {size_text(limit)}, the most an import reads")
