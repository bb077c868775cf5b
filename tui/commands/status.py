"""`scalp status`: one line for a shell prompt or a motd."""

from __future__ import annotations

import sys

import click

from tui.commands import quick_status
from tui.commands.base import db_option, resolve_db


@click.command("status", short_help="One line for a prompt: today and the streak.")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the status as one JSON object.")
@click.option(
    "--check", is_flag=True, help="Exit with 1 while today's session is not done (0 when done or a rest day)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; with --check, only the exit code answers.")
@click.pass_context
def status(ctx: click.Context, db: str | None, as_json: bool, check: bool, quiet: bool) -> None:
    """Print today's state in one line: done or not, passes, minutes, streak.

    Fast enough for every shell prompt; it never creates or changes the database.
    """
    obj = ctx.find_root().obj or {}
    clock, zone = obj.get("clock"), obj.get("zone")  # set by tests; the real clock otherwise
    code = quick_status.run(
        resolve_db(ctx, db), as_json=as_json, check=check, quiet=quiet, now=clock() if clock else None, zone=zone
    )
    sys.exit(code)
