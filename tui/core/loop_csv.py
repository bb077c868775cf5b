"""Reading Loop Habit Tracker's CSV export (its folder or its zip): the habits and their daily marks.

The export holds ``Habits.csv`` (one row per habit), a ``Checkmarks.csv`` with one column
per habit, and a folder per habit, ``NNN Name/``, whose ``Checkmarks.csv`` has
``Date,Value,Notes`` rows. The per-habit file is read when it is there (it has the notes
and no trouble with commas in names), the combined one otherwise.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from tui.core.limits import (
    MAX_ZIP_MEMBER_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_TOTAL_BYTES,
    LimitError,
    read_capped,
    read_stream,
    size_text,
    special_file_problem,
)
from tui.core.validation import DAY_WANTED, parse_day

HABITS = "Habits.csv"
CHECKMARKS = "Checkmarks.csv"
YES_MANUAL = "YES_MANUAL"
YES_AUTO = "YES_AUTO"
NO = "NO"
SKIP = "SKIP"
UNKNOWN = "UNKNOWN"
VALUES = (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN)


class LoopError(ValueError):
    """The export cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class LoopHabit:
    position: str  # "001": also the start of the habit's folder name
    name: str
    kind: str  # "YES_NO", "NUMERICAL", or "" in exports that do not say
    archived: bool


@dataclass(frozen=True)
class LoopMark:
    day: date
    value: str  # one of VALUES
    note: str
    where: str  # file:line, for messages


def _folder_name(habit: LoopHabit) -> str:
    # Loop names the folder "NNN Name", keeping only letters, digits, space, '.', '_', '-'.
    sane = re.sub(r"[^ a-zA-Z0-9._-]+", "", habit.name)[:100]
    return f"{habit.position} {sane.strip()}"


class LoopExport:
    """The files of one export, read from its folder or its zip."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._files: dict[str, bytes | Path] = {}
        problem = special_file_problem(path)
        if problem:  # a FIFO would hang the zip check below, a device never end it
            raise LoopError(problem)
        if path.is_dir():
            for count, file in enumerate(path.rglob("*.csv"), 1):
                if count > MAX_ZIP_MEMBERS:
                    raise LoopError(f"{path}: more than {MAX_ZIP_MEMBERS} CSV files; not a Loop export")
                self._files[file.relative_to(path).as_posix()] = file
        elif zipfile.is_zipfile(path):
            self._files.update(_unzip(path))
        else:
            raise LoopError(f"{path}: not a Loop Habit Tracker export (neither a folder nor a zip)")
        self._root = self._find_root()

    def _find_root(self) -> str:
        """The folder inside the export that holds Habits.csv ("" at the top, or one level down)."""
        candidates = sorted(
            (str(PurePosixPath(name).parent) for name in self._files if PurePosixPath(name).name == HABITS),
            key=lambda folder: folder.count("/"),
        )
        if not candidates:
            raise LoopError(f"{self.path}: not a Loop Habit Tracker export (no {HABITS})")
        return "" if candidates[0] == "." else candidates[0] + "/"

    def _name(self, relative: str) -> str:
        return f"{self.path}/{self._root}{relative}" if self.path.is_dir() else f"{self.path}:{self._root}{relative}"

    def _text(self, relative: str) -> str | None:
        found = self._files.get(self._root + relative)
        if found is None:
            return None
        try:
            data = read_capped(found) if isinstance(found, Path) else found
            return data.decode("utf-8-sig")
        except LimitError as exc:
            raise LoopError(str(exc)) from None
        except OSError as exc:
            raise LoopError(f"{self._name(relative)}: cannot be read ({exc})") from None
        except UnicodeDecodeError:
            raise LoopError(f"{self._name(relative)}: not UTF-8 text") from None

    def _rows(self, relative: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
        text = self._text(relative)
        if text is None:
            raise LoopError(f"{self._name(relative)}: missing")
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader, None)
            if not header:
                raise LoopError(f"{self._name(relative)}:1: empty file")
            rows, start = [], reader.line_num + 1
            for cells in reader:
                if cells:
                    rows.append((start, cells))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise LoopError(f"{self._name(relative)}:{reader.line_num}: not valid CSV ({exc})") from None
        return header, rows

    def habits(self) -> list[LoopHabit]:
        """The habits listed in Habits.csv, in Loop's order."""
        header, rows = self._rows(HABITS)
        if "Name" not in header:
            raise LoopError(f"{self._name(HABITS)}:1: no Name column")
        column = {name: i for i, name in enumerate(header)}
        habits: list[LoopHabit] = []
        for line, cells in rows:

            def cell(name: str, cells: list[str] = cells) -> str:
                i = column.get(name)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            if not cell("Name"):
                raise LoopError(f"{self._name(HABITS)}:{line}: a habit without a name")
            position = cell("Position") or f"{len(habits) + 1:03d}"
            habits.append(LoopHabit(position, cell("Name"), cell("Type"), cell("Archived?").lower() == "true"))
        if not habits:
            raise LoopError(f"{self._name(HABITS)}: no habits in the export")
        return habits

    def marks(self, habit: LoopHabit) -> list[LoopMark]:
        """Every mark of the habit: from its own folder's Checkmarks.csv, else the combined one."""
        own = self._own_checkmarks(habit)
        if own is not None:
            return self._marks_from(own, 1, habit, own_file=True)
        if self._text(CHECKMARKS) is None:
            raise LoopError(f"{self.path}: no {CHECKMARKS} for {habit.name!r}")
        return self._marks_from(CHECKMARKS, None, habit, own_file=False)

    def _own_checkmarks(self, habit: LoopHabit) -> str | None:
        expected = f"{_folder_name(habit)}/{CHECKMARKS}"
        if self._root + expected in self._files:
            return expected
        prefix = self._root + f"{habit.position} "
        for name in sorted(self._files):
            if name.startswith(prefix) and name.endswith("/" + CHECKMARKS) and name.count("/") == prefix.count("/") + 1:
                return name[len(self._root) :]
        return None

    def _marks_from(self, relative: str, index: int | None, habit: LoopHabit, own_file: bool) -> list[LoopMark]:
        header, rows = self._rows(relative)
        name = self._name(relative)
        if not header or header[0] != "Date":
            raise LoopError(f"{name}:1: expected a Date column first")
        if index is None:
            if habit.name not in header[1:]:
                raise LoopError(f"{name}:1: no column for {habit.name!r}")
            index = header.index(habit.name, 1)
        marks: list[LoopMark] = []
        seen: dict[date, int] = {}
        for line, cells in rows:
            where = f"{name}:{line}"
            if index >= len(cells):
                raise LoopError(f"{where}: the row is shorter than the header")
            try:
                day = parse_day(cells[0].strip())
            except ValueError:
                raise LoopError(f"{where}: {cells[0]!r} is not {DAY_WANTED}") from None
            value = cells[index].strip()
            if value not in VALUES:
                raise LoopError(f"{where}: unknown value {value!r} (expected {', '.join(VALUES)})")
            if day in seen:
                raise LoopError(f"{where}: {day} is listed twice (first on line {seen[day]})")
            seen[day] = line
            note = cells[2].strip() if own_file and len(cells) > 2 else ""
            marks.append(LoopMark(day, value, note, where))
        return sorted(marks, key=lambda mark: mark.day)


def _unzip(path: Path) -> dict[str, bytes]:
    """The CSV members of a Loop zip, each read through a cap (a member's stated size can lie)."""
    files: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise LoopError(f"{path}: the zip lists {len(members)} files (at most {MAX_ZIP_MEMBERS})")
            for info in members:
                if info.is_dir() or not info.filename.endswith(".csv"):
                    continue
                name = f"{path}:{info.filename}"
                if info.file_size > MAX_ZIP_MEMBER_BYTES:
                    raise LoopError(f"{name}: unpacks to more than {size_text(MAX_ZIP_MEMBER_BYTES)}")
                with archive.open(info) as member:
                    data = read_stream(member, MAX_ZIP_MEMBER_BYTES, name)
                total += len(data)
                if total > MAX_ZIP_TOTAL_BYTES:
                    raise LoopError(f"{path}: unpacks to more than {size_text(MAX_ZIP_TOTAL_BYTES)}")
                files[info.filename] = data
    except LimitError as exc:
        raise LoopError(str(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise LoopError(f"{path}: the zip cannot be read ({exc})") from None
    return files


def is_loop_export(path: Path) -> bool:
    """True for a folder or zip that holds a Loop Habits.csv (by its names only: nothing is unpacked)."""
    if special_file_problem(path):
        return False
    try:
        if path.is_dir():
            return any(True for _ in path.rglob(HABITS))
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            return any(PurePosixPath(name).name == HABITS for name in archive.namelist()[:MAX_ZIP_MEMBERS])
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def choose_habit(habits: list[LoopHabit], name: str | None, *, what: str = "export") -> LoopHabit:
    """The habit called ``name`` (case does not matter), or the only one; LoopError otherwise.

    ``what`` names the file in the messages: "export" or "backup"."""
    if name is None:
        if len(habits) == 1:
            return habits[0]
        listed = ", ".join(repr(h.name) for h in habits)
        raise LoopError(f"the {what} holds {len(habits)} habits ({listed}); pick one with --habit NAME")
    matches = [h for h in habits if h.name.casefold() == name.strip().casefold()]
    if not matches:
        listed = ", ".join(repr(h.name) for h in habits)
        raise LoopError(f"no habit {name!r} in the {what} (it has {listed})")
    if len(matches) > 1:
        listed = ", ".join(repr(h.name) + (" (archived)" if h.archived else "") for h in matches)
        raise LoopError(
            f"{len(matches)} habits are called {name!r} ({listed}); rename one in Loop and "
            f"{'back it up' if what == 'backup' else 'export'} again"
        )
    return matches[0]
