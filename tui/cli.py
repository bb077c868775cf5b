"""The ``scalp`` command: parse arguments, resolve the database path, open the store, run."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from tui import __version__

# fail, open_log, db_option and resolve_db live in tui.commands.base, so that the
# subcommand modules can import them without importing this module (which imports them).
from tui.commands.base import db_option, fail, open_log, resolve_db  # noqa: F401
from tui.core.safe_text import safe_text
from tui.paths import ENV_DB
from tui.store.errors import StoreError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


# --- one-line errors -------------------------------------------------------------------------


class ScalpGroup(click.Group):
    """The click group, answering bad input with one line on stderr instead of click's usage block."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else self._command_path(args)
            message = safe_text(exc.format_message().rstrip("."))
            click.echo(f"{where}: {message} (see '{where} --help')", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"scalp: {safe_text(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("scalp: interrupted", err=True)
            sys.exit(130)
        except (StoreError, OSError) as exc:  # a path refused before a command could say why
            from tui.store.log import describe_os_error

            if isinstance(exc, StoreError):
                message = str(exc)
            elif exc.filename:
                message = f"cannot reach {exc.filename}: {describe_os_error(exc)}"
            else:
                message = describe_os_error(exc)
            click.echo(f"scalp: {safe_text(message)}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)

    def _command_path(self, args: Sequence[str] | None) -> str:
        """`scalp NAME` for the subcommand in args (click gives no context for an option that
        lacks its value, yet its help is the one to point at), else `scalp`."""
        argv = sys.argv[1:] if args is None else list(args)
        name = next((arg for arg in argv if arg in self.commands), None)
        return f"scalp {name}" if name else "scalp"


@click.group("scalp", cls=ScalpGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
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
    """Open the log and run the Textual app on it (tui.launch, which `scalp [--db P]` reaches without click)."""
    from tui.launch import run_app as launch

    code = launch(db)
    if code:
        sys.exit(code)


def main() -> None:
    cli(obj={})


# --- subcommands, one module each in tui/commands/ ------------------------------------------

from tui.commands.backup import backup  # noqa: E402
from tui.commands.demo import demo  # noqa: E402
from tui.commands.exchange import export, import_  # noqa: E402
from tui.commands.log import log  # noqa: E402
from tui.commands.remind import remind  # noqa: E402
from tui.commands.rest import rest  # noqa: E402
from tui.commands.stats import stats_command  # noqa: E402
from tui.commands.status import status  # noqa: E402
from tui.commands.sync import sync  # noqa: E402

cli.add_command(status)
cli.add_command(log)
cli.add_command(rest)
cli.add_command(export)
cli.add_command(import_)
cli.add_command(backup)
cli.add_command(demo)
cli.add_command(stats_command)
cli.add_command(remind)
cli.add_command(sync)
