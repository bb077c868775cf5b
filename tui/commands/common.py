"""What the scalp subcommands share: the injected clock, day arguments, the log they write to."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from pathlib import Path

import click

from tui.commands.base import fail, resolve_db
from tui.core.calendar import Clock, parse_date, practice_day, system_clock
from tui.core.models import Settings
from tui.core.routine import Routine, RoutineError, default_routine
from tui.core.validation import day_in_range
from tui.paths import resolve_db_path
from tui.store import Log, StoreError
from tui.store.rows import left_out_notice

RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def clock_and_zone(ctx: click.Context) -> tuple[Clock, tzinfo | None]:
    """The clock and time zone to count days with: the real ones, unless a test put others in ctx.obj."""
    obj = ctx.find_root().obj or {}
    return obj.get("clock") or system_clock, obj.get("zone")


def parse_day(text: str, today: date, option: str = "--date", *, past_only: bool = False) -> date:
    """YYYY-MM-DD, today, yesterday or tomorrow; a bad value ends the command with one line.

    With `past_only` (a day already lived, as `scalp log` wants) the message offers only
    what the command's help offers: YYYY-MM-DD, today or yesterday.
    """
    word = text.strip().lower()
    if word in RELATIVE_DAYS:
        day = today + timedelta(days=RELATIVE_DAYS[word])
    else:
        try:
            day = parse_date(text)
        except ValueError:
            words = "today or yesterday" if past_only else "today, yesterday or tomorrow"
            fail(f"{option}: {text!r} is not a day (use YYYY-MM-DD, {words})")
    problem = day_in_range(day)
    if problem:  # the range every stored day keeps (tui.core.validation)
        fail(f"{option}: {day.isoformat()} is not {problem}")
    return day


def check_destination(path: Path, *, force: bool) -> None:
    """The one rule of `backup DEST` and `export -o`: the folder it goes in must exist (it is
    never created, so a typo in a path is caught), and what is there already is replaced only
    with --force."""
    parent = path.absolute().parent
    if not parent.is_dir():
        fail(f"{path}: the folder {parent} does not exist; create it first, or give another path")
    if path.exists() and not force:
        fail(f"{path} already exists; pass --force to replace it")


def show_day(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def tell_left_out(log: Log) -> None:
    """One line on stderr when rows breaking the stored fields' rules were left out of what was read."""
    notice = left_out_notice(log.left_out)
    if notice:
        click.echo(f"scalp: note: {notice}", err=True)


class Target:
    """The log a command writes to: read if it exists, created only once the input is known good."""

    def __init__(self, ctx: click.Context, db: str | None) -> None:
        self.path: Path = resolve_db_path(resolve_db(ctx, db))
        self.clock, self.zone = clock_and_zone(ctx)
        self._log: Log | None = None
        self.sync_after = True  # a command that wrote syncs when a sync folder is set

    def __enter__(self) -> Target:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._log is not None:
            if self.sync_after and exc[0] is None and self._log.conn.total_changes:
                from tui.commands.sync import sync_after_write

                sync_after_write(self._log)
            tell_left_out(self._log)
            self._log.close()

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def log(self) -> Log:
        """The log, opened (and created, the first time) on first use; StoreError ends the command."""
        if self._log is None:
            try:
                self._log = Log.open(self.path, clock=self.clock, zone=self.zone)
            except (StoreError, RoutineError) as exc:
                fail(str(exc))
        return self._log

    @property
    def routine(self) -> Routine:
        try:
            return self._log.routine if self._log else default_routine()
        except RoutineError as exc:
            fail(str(exc))

    def settings(self) -> Settings:
        return self.log.settings() if self.exists else Settings.from_routine(self.routine)

    def today(self) -> date:
        """Today's practice day, by the stored day start (or the default one for a log not made yet)."""
        if self.exists:
            return self.log.today()
        return practice_day(self.clock(), self.routine.defaults.day_start, self.zone)
