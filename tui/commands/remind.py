"""`scalp remind`: a daily desktop reminder while today's massage is neither done nor a rest day.

`install` sets up a per-user timer (a systemd user timer where systemd runs, a launchd agent
on macOS, a crontab line elsewhere) that runs `scalp remind notify`; what it installed is
written to `remind.json` in scalp's config folder, so `uninstall` removes exactly that and
`status` can show it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from tui.commands.base import db_option, fail, resolve_db
from tui.commands.common import clock_and_zone
from tui.core.remind import (
    LAUNCHD_LABEL,
    UNIT,
    Reminder,
    ReminderError,
    cron_line,
    days_text,
    launchd_plist,
    parse_at,
    parse_days,
    reminder_text,
    systemd_units,
    without_our_lines,
)
from tui.paths import config_dir, resolve_db_path
from tui.store.errors import StoreError

STATE_FILE = "remind.json"
VIA = ("systemd", "launchd", "cron")
# Looked up with the state's "via" too, which a hand-edited remind.json may lack (None).
VIA_WORDS: dict[str | None, str] = {
    "systemd": "a systemd user timer",
    "launchd": "a launchd agent",
    "cron": "a line in your crontab",
}


@click.group("remind", short_help="A daily desktop reminder while today is not done.")
def remind() -> None:
    """A daily desktop reminder while today's massage is neither done nor a rest day.

    \b
    Examples:
      scalp remind install --at 20:30
      scalp remind install --at 07:15 --days mon,tue,wed,thu,fri
      scalp remind status
      scalp remind uninstall
    """


#: remind.json: what `install` set up (via, at, days, db, and files or line), as JSON gives it back.
ReminderState = dict[str, Any]


def _state_path() -> Path:
    return config_dir() / STATE_FILE


def _read_state() -> ReminderState | None:
    try:
        state = json.loads(_state_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        fail(f"cannot read {_state_path()}: {exc}")
    if not isinstance(state, dict):
        fail(f"cannot read {_state_path()}: not what `scalp remind install` writes (a JSON object)")
    problem = _state_problem(state)
    if problem:
        fail(f"cannot read {_state_path()}: not what `scalp remind install` writes ({problem})")
    return state


def _state_problem(state: ReminderState) -> str | None:
    """What in a read remind.json breaks the shape install writes, or None: each field is used as that type."""

    def texts(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    if state.get("via") not in VIA_WORDS:
        return f"via must be one of {', '.join(str(name) for name in VIA_WORDS)}"
    for key in ("at", "db", "line"):
        if key in state and not isinstance(state[key], str):
            return f"{key} must be a text"
    days = state.get("days", [])
    if not isinstance(days, list) or not all(type(day) is int and 0 <= day <= 6 for day in days):
        return "days must be a list of weekdays 0 to 6"
    if not texts(state.get("files", [])):
        return "files must be a list of paths"
    return None


def _run(*argv: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(list(argv), input=input, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReminderError(f"cannot run {argv[0]}: {exc}") from None
    if check and done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise ReminderError(f"`{' '.join(argv)}` failed: {reason[0] if reason else f'exit status {done.returncode}'}")
    return done


def _detect() -> str:
    """systemd where a user manager runs, launchd on macOS, cron elsewhere."""
    if sys.platform == "darwin" and shutil.which("launchctl"):
        return "launchd"
    if shutil.which("systemctl") and _run("systemctl", "--user", "show-environment", check=False).returncode == 0:
        return "systemd"
    if shutil.which("crontab"):
        return "cron"
    raise ReminderError("found no systemd user manager, launchd or crontab here to run a daily reminder")


def _systemd_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


@remind.command("install", short_help="Set up the daily reminder.")
@db_option
@click.option("--at", "at_text", required=True, metavar="HH:MM", help="The time of day, 00:00 to 23:59.")
@click.option("--days", "days_option", metavar="mon,tue,...", help="Only on these weekdays (default: every day).")
@click.option("--via", type=click.Choice(VIA), help="The scheduler (default: systemd, launchd on macOS, else cron).")
@click.pass_context
def install(ctx: click.Context, db: str | None, at_text: str, days_option: str | None, via: str | None) -> None:
    """Set up a per-user timer that runs `scalp remind notify` at --at, replacing an earlier one."""
    try:
        at, days = parse_at(at_text), parse_days(days_option)
        db_path = resolve_db_path(resolve_db(ctx, db)).resolve()
        via = via or _detect()
    except (ReminderError, StoreError) as exc:
        fail(str(exc))
    reminder = Reminder(at, days, (sys.executable, "-m", "tui", "remind", "notify", "--db", str(db_path)))
    replaced = _read_state()
    try:
        if replaced:
            _remove(replaced)
        state: ReminderState = {"via": via, "at": f"{at:%H:%M}", "days": list(days), "db": str(db_path)}
        state.update(_INSTALL[via](reminder))
        _state_path().parent.mkdir(parents=True, exist_ok=True)
        _state_path().write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    except (ReminderError, OSError) as exc:
        fail(str(exc))
    again = " (it replaces the one installed before)" if replaced else ""
    click.echo(f"Reminder set: {_when(state)}, by {VIA_WORDS[via]}{again}.")
    click.echo(_where(state))
    click.echo("Remove it with `scalp remind uninstall`.")


def _install_systemd(reminder: Reminder) -> ReminderState:
    folder = _systemd_folder()
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in systemd_units(reminder).items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(str(folder / name))
    _run("systemctl", "--user", "daemon-reload")
    _run("systemctl", "--user", "enable", "--now", f"{UNIT}.timer")
    return {"files": files}


def _install_launchd(reminder: Reminder) -> ReminderState:
    folder = Path.home() / "Library" / "LaunchAgents"
    folder.mkdir(parents=True, exist_ok=True)
    plist = folder / f"{LAUNCHD_LABEL}.plist"
    plist.write_text(launchd_plist(reminder), encoding="utf-8")
    _run("launchctl", "load", "-w", str(plist))
    return {"files": [str(plist)]}


def _install_cron(reminder: Reminder) -> ReminderState:
    # cron runs with almost no environment: give notify-send the user's session bus.
    env = {}
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    if os.environ.get("DISPLAY"):
        env["DISPLAY"] = os.environ["DISPLAY"]
    line = cron_line(reminder, env)
    current = _current_crontab()
    text = without_our_lines(current) + line + "\n"
    _run("crontab", "-", input=text)
    return {"line": line, "files": []}


def _current_crontab() -> str:
    listed = _run("crontab", "-l", check=False)
    return listed.stdout if listed.returncode == 0 else ""  # "no crontab for user" is exit 1


_INSTALL = {"systemd": _install_systemd, "launchd": _install_launchd, "cron": _install_cron}


def _remove(state: ReminderState) -> None:
    via = state.get("via")
    if via == "systemd":
        _run("systemctl", "--user", "disable", "--now", f"{UNIT}.timer", check=False)
    elif via == "launchd":
        for file in state.get("files", []):
            _run("launchctl", "unload", "-w", file, check=False)
    elif via == "cron":
        current = _current_crontab()
        kept = without_our_lines(current)
        if kept != current:
            _run("crontab", "-", input=kept)
    for file in state.get("files", []):
        Path(file).unlink(missing_ok=True)
    if via == "systemd":
        _run("systemctl", "--user", "daemon-reload", check=False)
    _state_path().unlink(missing_ok=True)


@remind.command("uninstall", short_help="Remove the daily reminder.")
def uninstall() -> None:
    """Remove exactly what `scalp remind install` set up."""
    state = _read_state()
    if state is None:
        click.echo("No reminder is installed by scalp; nothing to remove.")
        return
    try:
        _remove(state)
    except (ReminderError, OSError) as exc:
        fail(str(exc))
    removed = ", ".join(state.get("files", [])) or "its crontab line"
    click.echo(f"Removed the reminder ({VIA_WORDS.get(state.get('via'), 'a timer')}: {removed}).")


@remind.command("status", short_help="Show the reminder and whether today needs one.")
@db_option
@click.pass_context
def status(ctx: click.Context, db: str | None) -> None:
    """Show the installed reminder, and what it would say now."""
    state = _read_state()
    if state is None:
        click.echo("No reminder installed. Set one with `scalp remind install --at HH:MM`.")
    else:
        click.echo(f"Reminder: {_when(state)}, by {VIA_WORDS.get(state.get('via'), state.get('via'))}.")
        click.echo(_where(state))
        missing = [f for f in state.get("files", []) if not Path(f).exists()]
        if state.get("via") == "cron" and state.get("line") not in _current_crontab().splitlines():
            missing.append("the crontab line")
        if missing:
            click.echo(f"Missing since: {', '.join(missing)}; run `scalp remind install` again.")
        db = db or state.get("db")
    text = _text_now(ctx, db)
    click.echo(f"Now it would say: {text}" if text else "Today needs no reminder (done, or a rest day).")


def _when(state: ReminderState) -> str:
    return f"{days_text(tuple(state.get('days', range(7))))} at {state.get('at')}"


def _where(state: ReminderState) -> str:
    if state.get("via") == "cron":
        return f"Crontab line: {state.get('line')}"
    return "Files: " + ", ".join(state.get("files", []))


def _text_now(ctx: click.Context, db: str | None) -> str | None:
    from tui.store.glance import glance

    clock, zone = clock_and_zone(ctx)
    try:
        seen = glance(resolve_db_path(resolve_db(ctx, db)), now=clock(), zone=zone)
    except StoreError as exc:
        fail(str(exc))
    return reminder_text(done=seen.done, rest=seen.rest, passes=seen.passes, target=seen.target, streak=seen.streak)


@remind.command("notify", short_help="Send the reminder now, if today still needs it.")
@db_option
@click.pass_context
def notify(ctx: click.Context, db: str | None) -> None:
    """Send one desktop notification while today is neither done nor a rest day (what the timer runs).

    It uses notify-send, else osascript (macOS), else rings the terminal bell.
    """
    text = _text_now(ctx, db)
    if text is None:
        click.echo("Nothing to remind: today is done or a rest day.")
        return
    how = _send(text)
    click.echo(f"Reminded ({how}): {text}")


def _send(text: str) -> str:
    if shutil.which("notify-send"):
        done = _run("notify-send", "--app-name=scalp", "scalp", text, check=False)
        if done.returncode == 0:
            return "notify-send"
    if shutil.which("osascript"):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        done = _run("osascript", "-e", f'display notification "{quoted}" with title "scalp"', check=False)
        if done.returncode == 0:
            return "osascript"
    click.echo("\a", nl=False)
    return "terminal bell"
