"""`scalp log`: back-fill a session done without the app."""

from __future__ import annotations

import click

from tui.commands.base import db_option, fail, say
from tui.commands.common import Target, parse_day, show_day
from tui.core.notes import note_too_long
from tui.core.pace import session_minutes
from tui.core.validation import MAX_TEXT, minutes_problem
from tui.store import StoreError

MAX_PASSES = 20
MAX_MINUTES = 240


@click.command("log", short_help="Back-fill a session done without the app.")
@db_option
@click.option(
    "--date",
    "day_text",
    metavar="DAY",
    default="today",
    show_default=True,
    help="The practice day: YYYY-MM-DD, today or yesterday; never in the future.",
)
@click.option(
    "--passes",
    type=click.IntRange(1, MAX_PASSES),
    metavar="N",
    help="Full passes over every zone (default: a full session, as set; 3 unless changed).",
)
@click.option(
    "--minutes",
    type=click.FloatRange(0, MAX_MINUTES, min_open=True),
    metavar="MIN",
    help="How long it took (default: the time your pace gives for those passes).",
)
@click.option("--technique", metavar="ID", help="press_lift, circles, kneading or raking (default: your usual one).")
@click.option("--note", default="", help="A note for the session.")
@click.pass_context
def log(
    ctx: click.Context,
    db: str | None,
    day_text: str,
    passes: int | None,
    minutes: float | None,
    technique: str | None,
    note: str,
) -> None:
    """Back-fill a session done without the app (a full one unless told otherwise).

    \b
    Examples:
      scalp log                          a full session today
      scalp log --date yesterday --passes 2 --minutes 6
    """
    note = note.strip()
    problem = note_too_long(note)
    if problem:
        fail(f"--note: {problem}; nothing was logged")
    with Target(ctx, db) as target:
        today = target.today()
        day = parse_day(day_text, today, past_only=True)
        if day > today:
            fail(f"--date {day.isoformat()} is in the future (today is {today.isoformat()}); log it once it is done")
        settings = target.settings()
        technique = technique or settings.technique
        try:
            name = target.routine.technique(technique).name
        except KeyError as exc:
            fail(f"--technique: {exc.args[0]}")
        passes = passes or settings.passes
        if len(note) > MAX_TEXT:
            fail(f"--note: {len(note)} characters; a note holds at most {MAX_TEXT}")
        if minutes is not None and (problem := minutes_problem(minutes)):
            fail(f"--minutes: {minutes!r} is not {problem}")  # click's range lets nan through
        minutes = minutes if minutes is not None else session_minutes(settings, target.routine.zone_ids, passes)
        before = len(target.log.sessions_between(day, day))
        try:
            target.log.log_session(day, passes=passes, minutes=minutes, technique=technique, note=note)
        except StoreError as exc:
            fail(str(exc))
        extra = f" That day now has {before + 1} sessions." if before else ""
        word = "pass" if passes == 1 else "passes"
        say(f"Logged {passes} {word} ({minutes:g} min, {name.lower()}) on {show_day(day)}.{extra}")
