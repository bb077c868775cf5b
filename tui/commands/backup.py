"""`scalp backup`: a consistent copy of the log through SQLite's online backup."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click

from tui.commands.base import db_option, fail, say
from tui.commands.common import Target, check_destination
from tui.store import StoreError
from tui.store.backup import backup_log, manual_backup_path


@click.command("backup", short_help="Copy the log safely, even while the app runs.")
@db_option
@click.argument("dest", required=False, metavar="[DEST]", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace DEST if it already exists.")
@click.pass_context
def backup(ctx: click.Context, db: str | None, dest: Path | None, force: bool) -> None:
    """Make a consistent copy of the log, safe while the app is open.

    DEST is a file in an existing folder, or a folder to put a timestamped file in.
    Without DEST the copy goes to a timestamped file in the `backups` folder beside the
    database. The app also makes one by itself at most once a day and keeps the last 5.
    """
    with Target(ctx, db) as target:
        if not target.exists:
            fail(f"there is no log at {target.path} yet; nothing to back up")
        if dest is not None and not dest.is_dir() and dest.resolve() != target.path.resolve():
            check_destination(dest, force=force)
        now = datetime.fromtimestamp(target.clock().timestamp(), timezone.utc)
        path = manual_backup_path(target.path, dest, now)
        try:
            size = backup_log(target.path, target.log.conn, path, overwrite=force)
        except StoreError as exc:
            fail(str(exc))
        say(f"Backed up {target.path} to {path} ({_size(size)}, checked).")


def _size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"
