"""Reading an export back: scalp's JSON document or CSV folder, each row with its file and line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.limits import MAX_FOLDER_FILES, MAX_INT_DIGITS, MAX_JSON_DEPTH, LimitError, read_capped
from tui.store.exchange.tables import CSV_SUFFIX, FORMAT, VERSION, BadImport, tables
from tui.store.versions import SCHEMA_NAMES

if TYPE_CHECKING:
    from tui.core.sync.ops import Operation
    from tui.store.log import Log


@dataclass
class Row:
    """One row read from a file; ``where`` names its file and line (worked out only for errors)."""

    values: dict[str, Any]
    where: Callable[[], str]
    from_text: bool  # CSV cells are text and still need converting to the column's type


@dataclass
class Bundle:
    """The rows of an export, per table, in file order."""

    source: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    #: Every operation of the exporting log's change journal (tombstones and clocks), when the
    #: export carries one: importing it merges exactly as a sync does.
    journal: list[Operation] | None = None


def read_json(text: str, source: str) -> Bundle:
    """Read a scalp JSON export; BadImport names the line of the problem.

    Bounded: a whole number of more than MAX_INT_DIGITS digits and nesting deeper than
    the parser allows are refused with the limit they break, never a traceback.
    """
    try:
        data = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise BadImport(f"{source}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except LimitError as exc:
        raise BadImport(f"{source}: {exc}") from None
    except RecursionError:
        raise BadImport(f"{source}: arrays or objects nest deeper than {MAX_JSON_DEPTH} levels") from None
    lines = _JsonLines(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadImport(f'{source}:1: not a scalp export (no "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadImport(f'{source}:{lines.of("version")}: "version" must be a whole number')
    if version > VERSION:
        raise BadImport(f"{source}:1: written by a newer version of scalp (export version {version}); upgrade scalp")
    schema = data.get("schema", [])
    if not isinstance(schema, list):
        raise BadImport(f'{source}:{lines.of("schema")}: "schema" must be a list of names')
    unknown = [name for name in schema if name not in SCHEMA_NAMES]
    if unknown:
        raise BadImport(f"{source}:1: written by a newer version of scalp (schema {unknown[-1]}); upgrade scalp")
    tables_data = data.get("tables")
    if not isinstance(tables_data, dict):
        raise BadImport(f'{source}:{lines.of("tables")}: "tables" must be an object of tables')
    bundle = Bundle(source)
    for name, rows in tables_data.items():
        if not isinstance(rows, list):
            raise BadImport(f"{source}:{lines.of('tables', name)}: table {name!r} must be a list of rows")
        found = bundle.rows.setdefault(name, [])
        for index, row in enumerate(rows):
            path = ("tables", name, index)
            if not isinstance(row, dict):
                raise BadImport(f"{source}:{lines.of(*path)}: a row of {name!r} must be an object")

            def where(path: tuple[str, str, int] = path) -> str:
                return f"{source}:{lines.of(*path)}"

            found.append(Row(row, where, from_text=False))
    if "journal" in data:
        bundle.journal = _journal(data["journal"], source, lines)
    return bundle


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise LimitError(f"a whole number of {len(text.lstrip('-'))} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _journal(entries: Any, source: str, lines: _JsonLines) -> list[Operation]:
    from tui.core.sync.journal_file import op_from_json

    if not isinstance(entries, list):
        raise BadImport(f'{source}:{lines.of("journal")}: "journal" must be a list of operations')
    ops = []
    for index, entry in enumerate(entries):
        op = op_from_json(entry)
        if op is None:
            raise BadImport(f"{source}:{lines.of('journal', index)}: not an operation of scalp's change journal")
        ops.append(op)
    return ops


class _JsonLines:
    """Line numbers of JSON values by path, from a second, slower parse made only for an error."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree: Any = None
        self.starts: dict[int, int] = {}

    def of(self, *path: str | int) -> int:
        if self.tree is None:
            self.tree = self._parse()
        node, line = self.tree, 1
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if id(node) in self.starts:
                line = self.text.count("\n", 0, self.starts[id(node)]) + 1
        return line

    def _parse(self) -> Any:
        import json.decoder
        import json.scanner

        decoder = json.JSONDecoder()
        starts = self.starts

        # The pure-Python parser's hooks are real but missing from typeshed, hence the ignores.
        def parse_object(state: tuple[str, int], *args: Any) -> tuple[dict[str, Any], int]:
            value, end = json.decoder.JSONObject(state, *args)  # type: ignore[attr-defined]
            starts[id(value)] = state[1] - 1
            return value, end

        def parse_array(state: tuple[str, int], *args: Any) -> tuple[list[Any], int]:
            value, end = json.decoder.JSONArray(state, *args)  # type: ignore[attr-defined]
            starts[id(value)] = state[1] - 1
            return value, end

        decoder.parse_object = parse_object  # type: ignore[attr-defined]
        decoder.parse_array = parse_array  # type: ignore[attr-defined]
        decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
        decoder.parse_int = _bounded_int
        return decoder.decode(self.text)


def read_csv_folder(folder: Path, known: Iterable[str]) -> Bundle:
    """Read a scalp CSV export (one ``<table>.csv`` per table)."""
    known = set(known)
    bundle = Bundle(str(folder))
    found = []
    for count, path in enumerate(folder.iterdir(), 1):
        if count > MAX_FOLDER_FILES:
            raise BadImport(f"{folder}: more than {MAX_FOLDER_FILES} files; not a scalp CSV export")
        found.append(path)
    files = sorted(p for p in found if p.suffix == CSV_SUFFIX and not p.name.startswith("."))
    if not files:
        raise BadImport(f"{folder}: no CSV files to import")
    for path in files:
        name = path.stem
        if name not in known:
            raise BadImport(f"{path}:1: no table {name!r} in this version of scalp")
        bundle.rows[name] = _read_csv(path)
    return bundle


def _read_csv(path: Path) -> list[Row]:
    try:
        # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark first.
        # Decoded from bytes: a line break inside a quoted cell stays exactly as written (\r\n too).
        data = read_capped(path)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadImport(f"{path}:{line}: not UTF-8 text") from None
    except LimitError as exc:
        raise BadImport(str(exc)) from None
    except OSError as exc:
        raise BadImport(f"{path}: cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if not header:
            raise BadImport(f"{path}:1: no header line")
        if len(set(header)) != len(header):
            raise BadImport(f"{path}:1: a column is named twice")
        start = reader.line_num + 1
        for cells in reader:
            where = f"{path}:{start}"
            if len(cells) != len(header):
                raise BadImport(f"{where}: {len(cells)} cells where the header has {len(header)}")

            def where_of(where: str = where) -> str:
                return where

            rows.append(Row(dict(zip(header, cells, strict=True)), where_of, from_text=True))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BadImport(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    return rows


def read_export(path: Path, log: Log) -> Bundle:
    """A scalp export at ``path``: a JSON file or a folder of CSV files."""
    if path.is_dir():
        return read_csv_folder(path, (t.name for t in tables(log.conn)))
    try:
        text = read_capped(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadImport(f"{path}: not a scalp export (not UTF-8 text)") from None
    except LimitError as exc:
        raise BadImport(str(exc)) from None
    except OSError as exc:
        raise BadImport(f"{path}: cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    return read_json(text, str(path))
