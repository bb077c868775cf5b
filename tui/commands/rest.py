"""`scalp rest`: mark planned skips (rest days), or clear them."""

from __future__ import annotations

from datetime import timedelta

import click

from tui.commands.base import db_option, fail, say
from tui.commands.common import Target, parse_day, show_day
from tui.core.validation import MAX_TEXT
from tui.store import StoreError

MAX_RANGE_DAYS = 366


@click.command("rest", short_help="Mark or clear rest days.")
@db_option
@click.option(
    "--date", "day_text", metavar="DAY", help="One day: YYYY-MM-DD, today, yesterday or tomorrow (default: today)."
)
@click.option("--from", "from_text", metavar="DAY", help="First day of a range (with --to).")
@click.option("--to", "to_text", metavar="DAY", help="Last day of a range (with --from).")
@click.option("--reason", default="", help="Why: irritation, illness, travel... (shown in the history).")
@click.option("--clear", is_flag=True, help="Remove the rest marks instead of setting them.")
@click.pass_context
def rest(
    ctx: click.Context,
    db: str | None,
    day_text: str | None,
    from_text: str | None,
    to_text: str | None,
    reason: str,
    clear: bool,
) -> None:
    """Mark rest days (planned skips that keep the streak), or clear them.

    Future days can be marked too, for a trip you know about.

    \b
    Examples:
      scalp rest --reason "scalp irritation"
      scalp rest --from 2026-12-20 --to 2026-12-27 --reason travel
      scalp rest --clear --date yesterday
    """
    if day_text and (from_text or to_text):
        fail("give either --date or --from/--to, not both")
    if bool(from_text) != bool(to_text):
        fail("a range needs both --from and --to")
    if clear and reason:
        fail("--reason goes with marking rest days, not with --clear")
    reason = reason.strip()
    if len(reason) > MAX_TEXT:
        fail(f"--reason: {len(reason)} characters; a reason holds at most {MAX_TEXT}")
    with Target(ctx, db) as target:
        today = target.today()
        if from_text and to_text:  # both or neither, as checked above
            first, last = parse_day(from_text, today, "--from"), parse_day(to_text, today, "--to")
        else:
            first = last = parse_day(day_text or "today", today)
        if last < first:
            fail(f"--to {last.isoformat()} comes before --from {first.isoformat()}")
        if (last - first).days >= MAX_RANGE_DAYS:
            fail(f"a range is at most {MAX_RANGE_DAYS} days; this one has {(last - first).days + 1}")
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        span = show_day(first) if first == last else f"{show_day(first)} to {show_day(last)}"
        if clear:
            if not target.exists:
                say(f"No rest day to clear on {span}.")
                return
            try:
                removed = target.log.clear_rest_days(days)
            except StoreError as exc:
                fail(str(exc))
            say(
                f"Cleared {_days(removed)} of rest on {span}." if removed else f"No rest day to clear on {span}."
            )
            return
        try:
            added, changed = target.log.set_rest_days(days, reason)
            practised = sorted(target.log.days_with_sessions(first, last))
        except StoreError as exc:
            fail(str(exc))
        why = f" ({reason})" if reason else ""
        parts = []
        if added:
            parts.append(f"Marked {_days(added)} of rest{why} on {span}.")
        if changed:
            rest_days = "1 rest day" if changed == 1 else f"{changed} rest days"
            parts.append(
                f"Set the reason of {rest_days} to {reason!r}." if reason else f"Cleared the reason of {rest_days}."
            )
        if not added and not changed:
            parts.append(f"Nothing to change: {span} {'is' if first == last else 'are'} already marked as rest.")
        if practised:
            parts.append(
                f"Note: {', '.join(show_day(d) for d in practised[:3])}{' ...' if len(practised) > 3 else ''}"
                f" also {'has' if len(practised) == 1 else 'have'} a session."
            )
        say(" ".join(parts))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
