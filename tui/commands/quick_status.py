"""`scalp status` without click: the status line, its JSON form and a fast argument check.

It runs on every shell prompt, so it imports the standard library and the light store
reader only; the click command in tui.commands.status calls the same `run`.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, tzinfo

from tui.core.safe_text import safe_text
from tui.store.errors import StoreError
from tui.store.glance import Glance, glance

ENV_DB = "SCALP_DB"  # as tui.paths.ENV_DB (a test keeps them equal); that module costs pathlib
# `typing` costs this command (run at every prompt) a few ms: its types exist for mypy only,
# which reads this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, TypedDict

    Flag = Literal["as_json", "check", "quiet"]

    class FastOptions(TypedDict):
        db_before: str | None  # --db before the command
        db: str | None  # --db after it
        as_json: bool
        check: bool
        quiet: bool


FLAGS: dict[str, Flag] = {"--json": "as_json", "--check": "check", "-q": "quiet", "--quiet": "quiet"}


def parse_fast(argv: list[str]) -> FastOptions | None:
    """The options of a plain `[--db P] status [--db P] [--json] [--check] [-q]`, else None.

    Anything else (help, a typo, another command) returns None and is left to click,
    which gives the full messages.
    """
    options: FastOptions = {"db_before": None, "db": None, "as_json": False, "check": False, "quiet": False}
    seen_command = False
    args = iter(argv)
    for arg in args:
        if arg == "status" and not seen_command:
            seen_command = True
        elif arg == "--db" or arg.startswith("--db="):
            value = arg[5:] if arg.startswith("--db=") else next(args, None)
            if value is None or value.startswith("-"):
                return None
            options["db" if seen_command else "db_before"] = value
        elif seen_command and arg in FLAGS:
            options[FLAGS[arg]] = True
        else:
            return None
    return options if seen_command else None


def fast_main(argv: list[str]) -> int | None:
    """Answer `scalp status ...` and return its exit code, or None when click should handle argv."""
    options = parse_fast(argv)
    if options is None:
        return None
    # As in click: the --db given after the command wins over the one before it.
    db = options["db"] if options["db"] is not None else options["db_before"]
    return run(db, as_json=options["as_json"], check=options["check"], quiet=options["quiet"])


def run(
    db: str | None,
    *,
    as_json: bool = False,
    check: bool = False,
    quiet: bool = False,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> int:
    """Print the status (unless quiet); the exit code is 1 with ``check`` while today is not done."""
    try:
        state = glance(_db_location(db), now=now, zone=zone)
    except StoreError as exc:
        print(f"scalp: {safe_text(str(exc))}", file=sys.stderr)
        return 2
    if not quiet:
        try:
            print(render_json(state) if as_json else render_line(state), flush=True)
        except BrokenPipeError:
            # The reader went away (`scalp status | head -0`): end quietly, as click does.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    return 1 if check and not (state.done or state.rest) else 0


def _db_location(db: str | None) -> str:
    """As tui.paths.resolve_db_path, but without pathlib when --db or $SCALP_DB says where."""
    explicit, where = (db, "--db") if db is not None else (os.environ.get(ENV_DB), f"${ENV_DB}")
    if explicit is not None:
        if not explicit.strip():  # as tui.paths: an unset shell variable never means the default log
            raise StoreError(f"{where} is empty; give the database file (or leave {where} out for the default log)")
        return os.path.expanduser(explicit)
    from tui.paths import default_db_path  # platformdirs, only for the default location

    return str(default_db_path())


def state_name(g: Glance) -> str:
    """done, rest, in_progress, partial (some full passes, fewer than a session) or not_done."""
    if g.done:
        return "done"
    if g.in_progress:
        return "in_progress"
    if g.rest:
        return "rest"
    return "partial" if g.passes else "not_done"


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _minutes(minutes: float) -> str:
    # Rounded half up (round() would give 6 for 6.5), and never "0 min" for some practice.
    return f"{max(1, int(minutes + 0.5))} min" if minutes > 0 else "0 min"


def render_line(g: Glance) -> str:
    """One line for a prompt or a motd."""
    streak = f"streak {_count(g.streak, 'day', 'days')}" if g.streak else ""
    name = state_name(g)
    if name == "done":
        head = f"done today, {_count(g.passes, 'pass', 'passes')} in {_minutes(g.minutes)}"
    elif name == "in_progress":
        head = f"session in progress, {g.passes} of {_count(g.target, 'pass', 'passes')} ({_minutes(g.minutes)})"
    elif name == "rest":
        # The reason is the user's own text, and this line is printed at every shell prompt.
        head = f"rest day today ({safe_text(g.rest_reason)})" if g.rest_reason else "rest day today"
    elif name == "partial":
        # The words of the README's Definitions, as the finish question and the summary say them.
        head = f"partial session today, {g.passes} of {_count(g.target, 'pass', 'passes')} ({_minutes(g.minutes)})"
    elif g.streak:
        # The streak is at risk: today is not kept yet and yesterday was.
        started = f"no full pass yet today ({_minutes(g.minutes)})" if g.minutes > 0 else "not done yet today"
        return f"scalp: {started}, {g.streak}-day streak at risk"
    elif g.minutes > 0:
        head = f"no full pass yet today ({_minutes(g.minutes)})"
    else:
        head = "not done yet today"
    return f"scalp: {head}" + (f", {streak}" if streak else "")


def render_json(g: Glance) -> str:
    """The same facts as one JSON object."""
    import json

    return json.dumps(
        {
            "day": g.day.isoformat(),
            "state": state_name(g),
            "done": g.done,
            "passes": g.passes,
            "target_passes": g.target,
            "minutes": round(g.minutes, 1),
            "in_progress": g.in_progress,
            "rest": g.rest,
            "rest_reason": g.rest_reason,
            "streak": g.streak,
            "at_risk": g.streak > 0 and not g.kept,
        }
    )
