"""The command palette (ctrl+p): scalp's own actions only, worded as scalp's.

Textual's built-in entries ("Keys", "Screenshot", "Quit the application as soon as
possible", maximize) are left out: the keys panel squeezes the screens and does not close
with esc, and scalp has its own help (?) and quit (q). Everything opened from here closes
with esc. The screen in front adds its own actions (its ``palette_commands``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.core.safe_text import safe_text
from tui.store import StoreError
from tui.store.onboarding import is_new_log, mark_welcome_seen, welcome_seen

if TYPE_CHECKING:
    from tui.ui.app import ScalpApp

#: Where the palette's "Export the log" writes, beside the database.
EXPORT_FOLDER = "exports"


def app_commands(app: ScalpApp) -> Iterable[SystemCommand]:
    yield SystemCommand("Today", "Open the Today screen: the session and its steps", lambda: app.switch_mode("today"))
    yield SystemCommand("Zones", "Open the Zones checklist", lambda: app.switch_mode("zones"))
    yield SystemCommand("History", "Open the History screen: past days and reviews", lambda: app.switch_mode("history"))
    yield SystemCommand("Help", "Show every key", app.action_help)
    yield SystemCommand(
        "Settings", "Focus zones, pace, passes, targets, day start, theme and keys", app.action_settings
    )
    yield SystemCommand("Theme", "Pick scalp's colours (stored with your log)", app.search_themes)
    yield SystemCommand(
        "Welcome", "Focus zones, the daily time window and the keys, as on the first start", lambda: show_welcome(app)
    )
    yield SystemCommand(
        "Back up the log", "A checked copy in the backups folder beside the log", lambda: backup_now(app)
    )
    yield SystemCommand(
        "Export the log", "The whole log as JSON, for `scalp import`, beside the log", lambda: export_now(app)
    )
    # Sync: once the app has a sync action (`scalp sync` in the app), it is listed here.
    sync = getattr(app, "action_sync", None)
    if sync is not None:
        yield SystemCommand("Sync", "Merge this log with your other computers", sync)
    yield SystemCommand("Quit", "Quit scalp (everything is already saved)", app.action_quit)


def show_welcome(app: ScalpApp) -> None:
    from tui.ui.dialogs.welcome import WelcomeScreen

    if not isinstance(app.screen, WelcomeScreen):
        app.push_screen(WelcomeScreen())


def offer_welcome(app: ScalpApp) -> None:
    """On a brand-new log, show the welcome once: its mark is committed before it is shown."""
    store = app.store
    if welcome_seen(store) or not is_new_log(store):
        return
    try:
        mark_welcome_seen(store)
    except StoreError:
        return  # a log that cannot be written to: the welcome waits for a start that can mark it
    show_welcome(app)


def _now(app: ScalpApp) -> datetime:
    return app.store.now()


def backup_now(app: ScalpApp) -> None:
    """The palette's backup: what `scalp backup` does, told as a notice."""
    from tui.store.backup import backup_log, manual_backup_path

    store = app.store
    if store.path is None:
        app.notify("This log is kept in memory only; there is no file to back up.", title="Backup")
        return
    dest = manual_backup_path(store.path, None, _now(app))
    try:
        backup_log(store.path, store.conn, dest)
    except StoreError as err:
        app.notify(safe_text(str(err)), title="Backup failed", severity="error", timeout=10, markup=False)
        return
    app.notify(f"Backed up to {safe_text(str(dest))}", title="Backup", timeout=8, markup=False)


def export_now(app: ScalpApp) -> None:
    """The palette's export: what `scalp export -o FILE` does, into an exports folder beside the log."""
    from tui.store.backup import stamp
    from tui.store.exchange import export_json

    store = app.store
    if store.path is None:
        app.notify("This log is kept in memory only; use `scalp export` on a log file.", title="Export")
        return
    folder = store.path.parent / EXPORT_FOLDER
    dest = folder / f"scalp-export-{stamp(_now(app))}.json"
    temp = dest.with_name(f".{dest.name}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with temp.open("w", encoding="utf-8", newline="\n") as handle:
            export_json(store, handle)
        os.replace(temp, dest)
    except (OSError, StoreError) as err:
        temp.unlink(missing_ok=True)
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        message = safe_text(f"cannot write {dest}: {reason.lower()}")
        app.notify(message, title="Export failed", severity="error", timeout=10, markup=False)
        return
    app.notify(f"Exported to {safe_text(str(dest))}", title="Export", timeout=8, markup=False)
