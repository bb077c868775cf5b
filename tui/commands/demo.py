"""`scalp demo`: fill a database with a realistic history, to try the app or to benchmark it."""

from __future__ import annotations

import time
from datetime import timedelta

import click

from tui.commands.base import fail, resolve_db, say
from tui.commands.common import Target, parse_day, show_day
from tui.core.calendar import local_zone
from tui.core.demo import generate
from tui.store import StoreError

MAX_YEARS = 50


@click.command("demo", short_help="Fill a new database with a made-up history.")
# Not the shared --db: its help names a $SCALP_DB default, which demo deliberately ignores.
@click.option("--db", "db", metavar="PATH", help="The database file to fill (required; $SCALP_DB is not used).")
@click.option(
    "--years",
    type=click.IntRange(1, MAX_YEARS),
    metavar="N",
    default=1,
    show_default=True,
    help="How many years of history.",
)
@click.option(
    "--seed", type=int, metavar="S", default=1, show_default=True, help="The same seed gives the same history."
)
@click.option(
    "--until",
    "until_text",
    metavar="DAY",
    default="today",
    show_default=True,
    help="The history ends the day before this one (YYYY-MM-DD), so that day is left to practise.",
)
@click.option("--replace", is_flag=True, help="Empty a log that already holds data first (it is refused otherwise).")
@click.pass_context
def demo(ctx: click.Context, db: str | None, years: int, seed: int, until_text: str, replace: bool) -> None:
    """Fill a new database with a realistic made-up history.

    Good and bad months, short and unfinished sessions, rest days, focus zones, notes and
    ratings. It needs an explicit --db, so it never fills your own log by accident.
    """
    if resolve_db(ctx, db) is None:
        fail("demo needs an explicit --db PATH (it never writes to your own log by accident)")
    with Target(ctx, db) as target:
        end = parse_day(until_text, target.today(), "--until")
        if target.exists and not target.log.is_empty() and not replace:
            fail(f"{target.path} already holds data; use another --db, or --replace to overwrite it")
        started = time.perf_counter()
        history = generate(target.routine, end=end, years=years, seed=seed, zone=target.zone or local_zone())
        try:
            target.log.add_history(history, replace=replace)
        except StoreError as exc:
            fail(str(exc))
        took = time.perf_counter() - started
        say(
            f"Filled {target.path} with {years} {'year' if years == 1 else 'years'} of demo history ending "
            f"{show_day(end - timedelta(days=1))} (seed {seed}): {len(history.sessions)} sessions, "
            f"{len(history.checks)} checks, {len(history.rest_days)} rest days, in {took:.1f} s."
        )
