"""`scalp sync`: one log on every computer, through a folder a file-sync tool shares."""

from __future__ import annotations

import click

from tui.commands.base import db_option, fail
from tui.commands.common import Target
from tui.store import Log, StoreError


@click.command("sync", short_help="Sync the log with your other computers through a shared folder.")
@db_option
@click.option(
    "--dir",
    "folder",
    metavar="FOLDER",
    help="The folder your sync tool shares (remembered after the first time).",
)
@click.option(
    "--status", "show_status", is_flag=True, help="List the devices seen and what is pending; change nothing."
)
@click.pass_context
def sync(ctx: click.Context, db: str | None, folder: str | None, show_status: bool) -> None:
    """Publish this computer's changes and apply the other computers' ones.

    Each computer appends only to its own file, FOLDER/scalp/<device>.jsonl; any tool
    that copies files moves them (Syncthing, Dropbox, a network share, git). Never put
    the database itself in the folder.

    \b
    Examples:
      scalp sync --dir ~/Sync      # the first time
      scalp sync                   # later: the folder is remembered
      scalp sync --status
    """
    from pathlib import Path

    from tui.store.sync import SyncRefused, remembered_folder, status
    from tui.store.sync import sync as run_sync

    with Target(ctx, db) as target:
        target.sync_after = False  # this command syncs itself
        if folder is not None and not folder.strip():
            fail("--dir: give a folder")
        if folder is None and not target.exists:
            fail(f"no log at {target.path} yet; on a new computer, give the folder: scalp sync --dir FOLDER")
        log = target.log
        chosen = Path(folder) if folder else remembered_folder(log)
        if chosen is None:
            fail("no sync folder yet; give one with --dir FOLDER (the folder your sync tool shares)")
        try:
            if show_status:
                for line in status(log, chosen):
                    click.echo(line)
                return
            report = run_sync(log, chosen)
        except SyncRefused as exc:
            fail(str(exc))
        except StoreError as exc:
            fail(str(exc), 1)
        except OSError as exc:
            fail(f"cannot sync through {chosen}: {exc.strerror or exc}", 1)
        for note in report.notes:
            click.echo(f"scalp: {note}", err=True)
        applied = report.applied
        click.echo(
            f"Synced through {report.folder}: "
            f"published {report.published} change{'s' if report.published != 1 else ''}, "
            f"applied {applied.added} from other computers"
            + (f" ({applied.waiting} waiting for their session)" if applied.waiting else "")
            + "."
        )


def sync_after_write(log: Log) -> None:
    """After a command wrote to the log: sync when a folder is set; a failure is one line, never fatal."""
    from tui.store.sync import remembered_folder
    from tui.store.sync import sync as run_sync

    try:
        if remembered_folder(log) is None:
            return
        report = run_sync(log)
    except (StoreError, OSError) as exc:
        click.echo(f"scalp: saved here, but not synced: {exc}", err=True)
        return
    for note in report.notes:
        click.echo(f"scalp: {note}", err=True)
