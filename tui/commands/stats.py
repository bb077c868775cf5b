"""`scalp stats`: a month's consistency review as text or JSON (the figures of the History screen)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import click

from tui.paths import ENV_DB, resolve_db_path

if TYPE_CHECKING:  # imported where used, so the command group loads without them
    from tui.core.routine import Routine
    from tui.core.stats import MonthFigures, MonthReview
    from tui.store.history import HistoryReader


@click.command("stats")
@click.option("--month", "month", metavar="YYYY-MM", help="The month to review (default: the current one).")
@click.option("--year", "year", type=int, metavar="YYYY", help="Show the trends of a calendar year instead.")
@click.option("--trends", "trends", is_flag=True, help="Show the trends of the last 12 months instead.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--db", "db", metavar="PATH", help=f"The database file (default: ${ENV_DB}, else the user data folder).")
@click.pass_context
def stats_command(
    ctx: click.Context, month: str | None, year: int | None, trends: bool, as_json: bool, db: str | None
) -> None:
    """Review a month: practised and due days, consistency, streaks, minutes, habit strength, zones.

    With --year or --trends: the Trends of History (12 months of consistency, strength and bars
    by period, best streaks, weekdays, ratings and zones per month, the overview).
    """
    from tui.commands.base import fail, open_log, resolve_db, say
    from tui.commands.common import tell_left_out
    from tui.core.calendar import month_start, parse_month
    from tui.core.validation import month_problem
    from tui.store.history import HistoryReader

    path = resolve_db_path(resolve_db(ctx, db))
    if not path.exists():
        fail(f"no log at {path} yet: open scalp (or use `scalp log`) to start one")
    log = open_log(str(path))
    try:
        reader = HistoryReader(log)
        today = reader.today
        if month is not None and (problem := month_problem(month)):
            fail(f"--month: {month!r} is not {problem}")
        if year is not None or trends:
            if month is not None:
                fail("--month and --year/--trends do not go together: give one")
            if year is not None and not 1900 <= year <= today.year:
                fail(f"{year} is not a year to review; the latest is {today.year}")
            from tui.commands.stats_trends import trends_json, trends_text
            from tui.store.trends import load_trends

            report = load_trends(log, year, reader)
            names = {z.id: z.name for z in log.routine.zones}
            if as_json:
                say(json.dumps(trends_json(report, names), indent=2))
            else:
                say(trends_text(report, lambda z: names.get(z, z)))
            return
        try:
            chosen = parse_month(month) if month is not None else month_start(today)
        except ValueError as exc:
            fail(str(exc))
        if chosen > month_start(today):
            fail(f"{chosen:%Y-%m} has not begun yet; the latest month to review is {today:%Y-%m}")
        review = reader.month_review(chosen)
        if as_json:
            say(json.dumps(review_json(review, reader, log.routine), indent=2))
        else:
            say(review_text(review, reader, log.routine))
    finally:
        tell_left_out(log)
        log.close()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def figures_json(figures: MonthFigures, routine: Routine) -> dict[str, object]:
    """One month's figures as plain JSON values (ratios 0..1, six decimals)."""
    names = {z.id: z.name for z in routine.zones}
    return {
        "month": f"{figures.month:%Y-%m}",
        "start": _iso(figures.start),
        "end": _iso(figures.end),
        "as_of": _iso(figures.as_of),
        "days": figures.days,
        "practised": figures.practised,
        "rest": figures.rest,
        "due": figures.due,
        "consistency": _round(figures.consistency),
        "depth": {"partial": figures.partial_days, "full": figures.full_days, "bonus": figures.bonus_days},
        "passes": figures.passes,
        "complete": figures.complete,
        "current_streak": figures.current_streak,
        "longest_streak": figures.longest_streak,
        "minutes": _round(figures.minutes, 2),
        "session_days": figures.session_days,
        "average_minutes": _round(figures.average_minutes, 2),
        "strength": _round(figures.strength),
        "zone_coverage": _round(figures.zone_coverage),
        "focus_coverage": _round(figures.focus_coverage),
        "zones": [
            {
                "zone": z.zone,
                "name": names.get(z.zone, z.zone),
                "focus": z.focus,
                "passes": z.passes,
                "passes_due": z.passes_due,
                "coverage": _round(z.coverage),
                "missed_days": z.missed_days,
                "days": z.days,
            }
            for z in figures.zones
        ],
        "neglected": [z.zone for z in figures.neglected],
        "ratings": [
            {
                "kind": t.kind,
                "before": _round(t.before, 3),
                "after": _round(t.after, 3),
                "change": _round(t.change, 3),
                "before_count": t.before_count,
                "after_count": t.after_count,
                "paired": t.paired,
            }
            for t in figures.ratings
        ],
    }


def review_json(review: MonthReview, reader: HistoryReader, routine: Routine) -> dict[str, object]:
    """The whole review: both months, the change between them, and what it was measured against."""
    target = reader.targets.on(review.current.as_of)
    return {
        "today": reader.today.isoformat(),
        "first_day": _iso(reader.first_day),
        "target": {"days_per_week": target.days_per_week, "passes": target.passes},
        "month": figures_json(review.current, routine),
        "previous": figures_json(review.previous, routine),
        "like_for_like": review.like_for_like,
        "comparable": review.comparable,
        "change": {key: _round(value) for key, value in review.changes().items()},
    }


def review_text(review: MonthReview, reader: HistoryReader, routine: Routine) -> str:
    """The review as aligned plain text, the same rows as the History screen."""
    from tui.core import review_text as words

    names = {z.id: z.name for z in routine.zones}
    now, before = review.current, review.previous
    target = reader.targets.on(now.as_of)
    lines = [
        f"{words.month_name(now.month)} ({words.span_label(now)})"
        f"  ·  target {target.days_per_week} of 7 days, {target.passes} passes",
    ]
    if now.start is None:
        lines.append(words.empty_note(review))
    note = words.compare_note(review)
    if note:
        lines.append(note)
    rows = words.review_rows(review)
    header = ("", words.column_name(review, now), words.column_name(review, before), "change")
    # The change says 'better' or 'worse' in words (plain text has no colour); none when nothing compares.
    table: list[tuple[str, ...]] = [header]
    table.extend((r.label, r.now, r.before, words.change_cell(r)) for r in rows)
    if not review.comparable:
        table = [cells[:3] for cells in table]
    widths = [max(len(cells[i]) for cells in table) for i in range(len(table[0]))]
    for cells in table:
        rest = zip(cells[1:], widths[1:], strict=False)
        aligned = [f"{cells[0]:<{widths[0]}}"] + [f"{cell:>{width}}" for cell, width in rest]
        lines.append("  ".join(aligned).rstrip())
    if not now.session_days:
        return "\n".join(lines)
    neglected = words.neglected_lines(now, lambda z: names.get(z, z))
    lines.append("")
    lines.append("Most neglected zones:" if neglected else "Most neglected zones: none, every zone kept up.")
    lines.extend(f"  {line}" for line in neglected)
    focus = words.focus_lines(now, lambda z: names.get(z, z))
    if focus:
        lines.append("Focus zones:")
        lines.extend(f"  {line}" for line in focus)
    ratings = words.rating_lines(review)
    if ratings:
        lines.append("Ratings 1-5 (mean, how many): before -> after, change; last month's change")
        for kind, mean_before, mean_after, change, last in ratings:
            lines.append(f"  {kind:<9} {mean_before:>8} -> {mean_after:<8} {change:>11}; {last}")
    return "\n".join(lines)
