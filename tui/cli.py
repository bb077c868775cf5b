"""The ``scalp`` command: parse arguments, resolve the database path, open the store, run."""

from __future__ import annotations

import sys

import click

from tui import __version__
from tui.paths import ENV_DB, resolve_db_path

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def fail(message: str, code: int = 2) -> None:
    """Print one clear line on stderr and exit non-zero."""
    click.echo(f"scalp: {message}", err=True)
    sys.exit(code)


def open_log(db_option: str | None):
    """Open the log or exit with its one-line refusal."""
    from tui.core.routine import RoutineError
    from tui.store import Log, StoreError

    try:
        return Log.open(resolve_db_path(db_option))
    except (StoreError, RoutineError) as exc:
        fail(str(exc))


def db_option(func):
    """--db on a subcommand too, so `scalp status --db X` works like `scalp --db X status`."""
    return click.option(
        "--db",
        "db",
        metavar="PATH",
        envvar=None,
        help=f"The database file (default: ${ENV_DB}, else the user data folder).",
        expose_value=True,
    )(func)


@click.group(invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option("--db", "db", metavar="PATH", help=f"The database file (default: ${ENV_DB}, else the user data folder).")
@click.version_option(__version__, "-V", "--version", prog_name="scalp")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """scalp: a terminal habit tracker for a daily self scalp massage.

    Run without a command to open the full-screen app.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        run_app(db)


def run_app(db: str | None) -> None:
    """Open the log and run the Textual app on it."""
    log = open_log(db)
    from tui.paths import config_dir
    from tui.ui.app import ScalpApp

    app = ScalpApp(log, config_dir=config_dir())  # keys.toml lives there (issue 9)
    try:
        app.run()
    finally:
        log.close()
    if app.return_code:
        sys.exit(app.return_code)


def resolve_db(ctx: click.Context, db: str | None) -> str | None:
    """The --db given after the subcommand wins over the one given before it."""
    return db or (ctx.obj or {}).get("db")


def main() -> None:
    cli(obj={})


# --- subcommands (each in its own module under tui/commands) ----------------------------
from tui.commands.stats import stats_command  # noqa: E402

cli.add_command(stats_command)
