"""What the `scalp` group and every subcommand share: --db, one-line failures, opening the log.

Kept apart from tui.cli (which re-exports these names) so that a subcommand module can be
imported on its own: tui.cli imports every subcommand to register it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from tui.core.safe_text import safe_text
from tui.paths import ENV_DB, resolve_db_path

if TYPE_CHECKING:
    from tui.store.log import Log

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear line on stderr and exit non-zero.

    The message often quotes what the user gave (a file name, a reason): it is shown
    through safe_text, so nothing in it can drive the terminal or split the line.
    """
    click.echo(f"scalp: {safe_text(message)}", err=True)
    sys.exit(code)


def say(message: str, *, err: bool = False) -> None:
    """Print a command's output, with any terminal-driving character in it made visible.

    Click strips colour codes when the output is not a terminal, but not OSC or C1,
    and not at all on a terminal: every output line of a command goes through here.
    """
    click.echo(safe_text(message, multiline=True), err=err)


def open_log(db_option: str | None) -> Log:
    """Open the log or exit with its one-line refusal."""
    from tui.core.routine import RoutineError
    from tui.store import Log, StoreError

    try:
        return Log.open(resolve_db_path(db_option))
    except (StoreError, RoutineError) as exc:
        fail(str(exc))


def db_option(func: F) -> F:
    """--db on a subcommand too, so `scalp status --db X` works like `scalp --db X status`."""
    return click.option(
        "--db",
        "db",
        metavar="PATH",
        help=f"The database file (default: ${ENV_DB}, else the user data folder).",
    )(func)


def resolve_db(ctx: click.Context, db: str | None) -> str | None:
    """The --db given after the subcommand wins over the one given before it."""
    # "" is kept apart from "not given": an empty --db is refused, never the default log.
    return db if db is not None else (ctx.obj or {}).get("db")
