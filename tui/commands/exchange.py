"""`scalp export` and `scalp import`: the whole log as JSON or CSV, and Loop Habit Tracker's export."""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import click

from tui.commands.base import db_option, fail, say
from tui.commands.common import Target, check_destination
from tui.core.limits import MAX_FILE_BYTES, LimitError, read_stream, special_file_problem
from tui.core.loop_csv import LoopError
from tui.store import Log, StoreError
from tui.store.exchange import (
    Bundle,
    ImportReport,
    apply_import,
    export_csv,
    export_json,
    prepare_import,
    read_export,
    read_json,
)
from tui.store.loop_import import LoopReport, import_loop, is_loop_file
from tui.store.private import temp_beside

TABLE_WORDS = {  # (one, many) for the summaries
    "sessions": ("session", "sessions"),
    "pauses": ("pause", "pauses"),
    "checks": ("check", "checks"),
    "ratings": ("rating", "ratings"),
    "rest_days": ("rest day", "rest days"),
    "settings": ("setting", "settings"),
}


def _counts(counts: dict[str, int]) -> str:
    parts = []
    for table, count in counts.items():
        one, many = TABLE_WORDS.get(table, (table, table))
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts) or "nothing"


@click.command("export", short_help="Write the whole log out as JSON or CSV.")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: one file; csv: a folder with one CSV per table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    metavar="FILE_OR_FOLDER",
    help="Where to write, in an existing folder (JSON goes to stdout without it; CSV needs a folder).",
)
@click.option("--force", is_flag=True, help="Replace the file, or the CSV files, that -o already holds.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, output: Path | None, force: bool) -> None:
    """Write the whole log out as JSON or CSV, for `scalp import` to read back.

    \b
    Examples:
      scalp export > scalp.json
      scalp export --format csv -o scalp-csv/
    """
    with Target(ctx, db) as target:
        if not target.exists:
            fail(f"there is no log at {target.path} yet; nothing to export")
        if fmt == "csv" and output is None:
            fail("--format csv writes a folder of files: give it with -o FOLDER")
        if output is not None and output.resolve() == target.path.resolve():
            fail(f"{output} is the database itself; choose another file")
        if output is not None and not (fmt == "json" and output.is_dir()):  # a folder: refused below
            # A CSV folder that exists but holds no export yet is filled, not replaced.
            empty = fmt == "csv" and output.is_dir() and not any(output.glob("*.csv"))
            check_destination(output, force=force or empty)
        try:
            if output is None:  # JSON to stdout (CSV without -o was refused above)
                export_json(target.log, sys.stdout)
                return
            elif fmt == "csv":
                counts = export_csv(target.log, output)
            else:
                counts = _write_json(target.log, output)
        except StoreError as exc:
            fail(str(exc))
        say(f"Exported {_counts(counts)} to {output}.", err=True)


def _write_json(log: Log, output: Path) -> dict[str, int]:
    """Write through a private temporary file made exclusively beside ``output`` (never through a
    link planted there), then rename it over ``output``: a failed export never leaves half a file."""
    if output.is_dir():
        raise StoreError(f"{output} is a folder; give a file name for a JSON export")
    temp: Path | None = None
    try:
        fd, temp = temp_beside(output)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            counts = export_json(log, handle)
        os.replace(temp, output)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {output}: {(exc.strerror or str(exc)).lower()}") from None
    return counts


@click.command("import", short_help="Add a scalp export, or Loop Habit Tracker's export or backup.")
@db_option
@click.argument("source", metavar="FILE")
@click.option("--habit", metavar="NAME", help="Loop only: the habit to import (needed when it has several).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change, changing nothing.")
@click.pass_context
def import_(ctx: click.Context, db: str | None, source: str, habit: str | None, dry_run: bool) -> None:
    """Add a scalp export, or Loop Habit Tracker's export or full backup, to the log.

    FILE is a scalp JSON file (- reads it from stdin), a scalp CSV folder, Loop's CSV
    export (its zip or unpacked folder) or Loop's full backup (the .db file of "Export
    full backup", opened read-only), told apart by content. Rows already in the log are
    left as they are, so importing twice adds nothing twice. A malformed file imports
    nothing and names the line at fault.

    From Loop, done (YES_MANUAL) days become imported full sessions, SKIP days rest
    days; everything else is left out.
    """
    path = Path(source)
    if source != "-" and not path.exists():
        fail(f"{source}: no such file or folder")
    if source != "-" and (problem := special_file_problem(path)):
        fail(problem)  # before anything opens it: a FIFO would hang, a device never end
    loop = source != "-" and is_loop_file(path)
    if not loop and path.is_file() and zipfile.is_zipfile(path):
        fail(
            f"{source}: a zip file, but not a Loop Habit Tracker export (no Habits.csv in it); "
            "import reads Loop's zip or folder, a scalp JSON export or a scalp CSV folder"
        )
    if habit is not None and not loop:
        fail("--habit is for Loop Habit Tracker exports and backups; this is not one")
    with Target(ctx, db) as target:
        try:
            if loop:
                loop_report = _checked_first(
                    target, lambda log, dry: import_loop(log, path, habit, dry_run=dry), dry_run
                )
                say(_loop_summary(loop_report))
                return
            report = _import_export(target, _bundle_reader(source, path), dry_run)
        except (StoreError, LoopError) as exc:
            fail(str(exc))
        say(_summary(report))


def _bundle_reader(source: str, path: Path) -> Callable[[Log], Bundle]:
    if source == "-":
        try:
            text = read_stream(sys.stdin.buffer, MAX_FILE_BYTES, "<stdin>").decode("utf-8-sig")
        except LimitError as exc:
            fail(str(exc))
        except UnicodeDecodeError:
            fail("<stdin>: not a scalp export (not UTF-8 text)")
        return lambda log: read_json(text, "<stdin>")
    return lambda log: read_export(path, log)


def _import_export(target: Target, bundle_of: Callable[[Log], Bundle], dry_run: bool) -> ImportReport:
    """Read and check the file once; for a log not made yet, against a scratch one, so that a
    malformed file does not even create the database."""
    if target.exists:
        return apply_import(target.log, prepare_import(target.log, bundle_of(target.log)), dry_run=dry_run)
    scratch = Log.memory(clock=target.clock, zone=target.zone)
    try:
        prepared = prepare_import(scratch, bundle_of(scratch))
        if dry_run:
            return apply_import(scratch, prepared, dry_run=True)
    finally:
        scratch.close()
    return apply_import(target.log, prepared)


def _checked_first(target: Target, run: Callable[[Log, bool], LoopReport], dry_run: bool) -> LoopReport:
    """Run a Loop import; for a log not made yet, try it on a scratch log first, so that a
    malformed export does not even create the database."""
    if not target.exists:
        scratch = Log.memory(clock=target.clock, zone=target.zone)
        try:
            result = run(scratch, True)
        finally:
            scratch.close()
        if dry_run:
            return result
    return run(target.log, dry_run)


def _summary(report: ImportReport) -> str:
    present = f" ({report.total_present} rows already in the log were left as they are)" if report.total_present else ""
    if report.total_differing:
        tables = ", ".join(f"{name} {count}" for name, count in report.differing.items() if count)
        present += (
            f". {report.total_differing} {'row differs' if report.total_differing == 1 else 'rows differ'} from the"
            f" log's rows with the same id ({tables}); the log's were kept"
        )
    if report.dry_run:
        return f"Dry run: would import {_counts(report.added)}{present}. Nothing was changed."
    return f"Imported {_counts(report.added)}{present}."


def _loop_summary(report: LoopReport) -> str:
    head = "Dry run: would import" if report.rows.dry_run else "Imported"
    if not report.practised and not report.rest:
        return f"Nothing to import from Loop habit {report.habit.name!r}: it has no YES_MANUAL or SKIP days."
    parts = [
        f"{head} {report.sessions_added} practised "
        f"{'day' if report.sessions_added == 1 else 'days'} as sessions and {report.rest_added} rest "
        f"{'day' if report.rest_added == 1 else 'days'} from Loop habit {report.habit.name!r}."
    ]
    skipped = []
    if report.already_practised:
        skipped.append(f"{report.already_practised} already had a session in scalp")
    repeated = report.imported_before + report.rows.present.get("sessions", 0) + report.rows.present.get("rest_days", 0)
    if repeated:
        skipped.append(f"{repeated} {'day was' if repeated == 1 else 'days were'} imported before")
    if report.ignored:
        skipped.append(f"{report.ignored} days marked YES_AUTO, NO or UNKNOWN were ignored")
    if report.future:
        skipped.append(f"{report.future} days after today were ignored")
    if skipped:
        text = "; ".join(skipped)
        parts.append(text[0].upper() + text[1:] + ".")
    if report.rows.dry_run:
        parts.append("Nothing was changed.")
    return " ".join(parts)
