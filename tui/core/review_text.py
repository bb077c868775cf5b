"""The monthly review as words and numbers, shared by the History screen and `scalp stats` so both say the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tui.core.stats import RATING_DIRECTION, MonthFigures, MonthReview

NONE = "–"

#: Figures where a rise is good news (the rest, like days due, are neutral).
_RISE_IS_GOOD = {
    "practised",
    "consistency",
    "current_streak",
    "longest_streak",
    "minutes",
    "average_minutes",
    "strength",
    "zone_coverage",
    "focus_coverage",
    "full",
}


@dataclass(frozen=True)
class Row:
    """One line of the review: this month, the month before, and the change (``trend`` +1 better, -1 worse)."""

    key: str
    label: str
    now: str
    before: str
    change: str
    trend: int = 0


def percent(value: float | None, digits: int = 0) -> str:
    return NONE if value is None else f"{value * 100:.{digits}f}%"


def signed(value: float | None, digits: int = 0, unit: str = "") -> str:
    """+3, -1.5, 0 (no sign on what is not a change; with an optional unit); the dash when unknown."""
    if value is None:
        return NONE
    rounded = round(value, digits)
    if rounded == 0:
        return f"0{unit}"
    return f"{rounded:+.{digits}f}{unit}"


def _trend(key: str, delta: float | None, digits: int = 0, scale: float = 1.0) -> int:
    """+1 better, -1 worse, 0 for a neutral figure or a change that rounds to nothing where shown."""
    if key not in _RISE_IS_GOOD or delta is None or round(delta * scale, digits) == 0:
        return 0
    return 1 if delta > 0 else -1


VERDICT = {1: "better", -1: "worse", 0: ""}


def rating_trend(kind: str, change: float | None, digits: int = 1) -> int:
    """+1 when a rating's change is good news (stress and headache falling, scalp feel rising)."""
    if change is None or round(change, digits) == 0:
        return 0
    return 1 if change * RATING_DIRECTION.get(kind, 1) > 0 else -1


def month_name(month: date) -> str:
    return month.strftime("%B %Y")


def span_label(figures: MonthFigures) -> str:
    """Which days were counted: '1–22 Nov', 'no day yet'."""
    if figures.start is None or figures.end is None:
        return "no day counted yet"
    if figures.start == figures.end:
        return figures.start.strftime("%-d %b")
    return f"{figures.start.day}–{figures.end.strftime('%-d %b')}"


def column_name(review: MonthReview, figures: MonthFigures) -> str:
    """A review column's heading: the month, or the days counted when comparing month to date."""
    if review.like_for_like and figures.start is not None:
        return f"{span_label(figures)} {figures.month:%Y}"
    return month_name(figures.month)


def change_cell(row: Row) -> str:
    """The change as plain text says it: with 'better' or 'worse' where it is one (no colour to tell)."""
    return f"{row.change} {VERDICT[row.trend]}" if row.trend else row.change


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def review_rows(review: MonthReview) -> list[Row]:
    """The headline figures of the review, each with last month's value and the change."""
    now, before = review.current, review.previous

    def row(
        key: str,
        label: str,
        show: Callable[[MonthFigures], str],
        delta: float | None,
        change: str,
        digits: int = 0,
        scale: float = 1.0,
    ) -> Row:
        trend = _trend(key, delta, digits, scale)
        if not review.comparable:
            change, trend = NONE, 0
        return Row(key, label, show(now), show(before), change, trend)

    def diff(key: str) -> float | None:
        return review.change(key)

    full_delta = (now.full_days + now.bonus_days) - (before.full_days + before.bonus_days)
    pts = 100.0  # a share shown in percentage points
    return [
        row(
            "practised",
            "Practised",
            lambda f: f"{f.practised} of {f.due} due",
            diff("practised"),
            signed(diff("practised")),
        ),
        row(
            "consistency",
            "Consistency",
            lambda f: percent(f.consistency),
            diff("consistency"),
            signed(_scaled(diff("consistency")), unit=" pts"),
            scale=pts,
        ),
        row("rest", "Rest days", lambda f: str(f.rest), None, signed(now.rest - before.rest)),
        row("full", "Full days", _full_label, full_delta, signed(full_delta)),
        row(
            "partial",
            "Partial days",
            lambda f: str(f.partial_days),
            None,
            signed(now.partial_days - before.partial_days),
        ),
        row(
            "current_streak",
            "Streak",
            lambda f: days(f.current_streak),
            diff("current_streak"),
            signed(diff("current_streak")),
        ),
        row(
            "longest_streak",
            "Longest streak",
            lambda f: days(f.longest_streak),
            diff("longest_streak"),
            signed(diff("longest_streak")),
        ),
        row("minutes", "Minutes", lambda f: f"{f.minutes:.0f}", diff("minutes"), signed(diff("minutes"))),
        row(
            "average_minutes",
            "Per session day",
            _average_label,
            diff("average_minutes"),
            signed(diff("average_minutes"), 1),
            1,
        ),
        row(
            "strength",
            "Habit strength",
            lambda f: percent(f.strength, 1),
            diff("strength"),
            signed(_scaled(diff("strength")), 1, " pts"),
            1,
            100.0,
        ),
        row(
            "zone_coverage",
            "Zone coverage",
            lambda f: percent(f.zone_coverage),
            diff("zone_coverage"),
            signed(_scaled(diff("zone_coverage")), unit=" pts"),
            scale=pts,
        ),
        row(
            "focus_coverage",
            "Focus zones",
            _focus_label,
            diff("focus_coverage"),
            signed(_scaled(diff("focus_coverage")), unit=" pts"),
            scale=pts,
        ),
    ]


def _scaled(delta: float | None) -> float | None:
    return None if delta is None else delta * 100


def _full_label(f: MonthFigures) -> str:
    full = f.full_days + f.bonus_days
    return f"{full} ({f.bonus_days} bonus)" if f.bonus_days else str(full)


def _average_label(f: MonthFigures) -> str:
    return NONE if f.average_minutes is None else f"{f.average_minutes:.1f} min"


def _focus_label(f: MonthFigures) -> str:
    if not f.focus_zones:
        return "none set"
    return percent(f.focus_coverage)


def neglected_lines(figures: MonthFigures, zone_name: Callable[[str], str]) -> list[str]:
    """'Left temple: missed on 6 of 22 days, 71% of its passes', worst first."""
    best = max((z.coverage for z in figures.zones if z.coverage is not None), default=None)
    lines = []
    for z in figures.neglected:
        if z.missed_days:
            missed = f"missed on {z.missed_days} of {days(z.days)}"
            lines.append(f"{zone_name(z.zone)}: {missed}, {percent(z.coverage)} of its passes")
        else:
            behind = round(((best or 0) - (z.coverage or 0)) * 100)
            lines.append(f"{zone_name(z.zone)}: {percent(z.coverage)} of its passes, {behind} pts behind the best zone")
    return lines


def focus_lines(figures: MonthFigures, zone_name: Callable[[str], str]) -> list[str]:
    """Each focus zone's coverage, in routine order."""
    lines = []
    for z in figures.focus_zones:
        missed = f"missed on {z.missed_days} of {days(z.days)}" if z.missed_days else f"never missed in {days(z.days)}"
        lines.append(f"{zone_name(z.zone)}: {percent(z.coverage)} of its passes, {missed}")
    return lines


def rating_lines(review: MonthReview) -> list[tuple[str, str, str, str, str]]:
    """(kind, before, after, change, last month's change) per rated kind; empty when nothing was rated.

    A change says whether it is better or worse: stress and headache improve downward, scalp feel upward.
    """
    lines = []
    previous = {t.kind: t for t in review.previous.ratings}
    for trend in review.current.ratings:
        if not (trend.before_count or trend.after_count):
            continue
        last = previous.get(trend.kind)
        lines.append(
            (
                trend.kind,
                _mean(trend.before, trend.before_count),
                _mean(trend.after, trend.after_count),
                verdict(trend.kind, trend.change),
                verdict(trend.kind, last.change) if last else NONE,
            )
        )
    return lines


def verdict(kind: str, change: float | None) -> str:
    """'-0.8 better', '+0.5 worse', '0' for one rating kind's change."""
    word = VERDICT[rating_trend(kind, change)]
    return f"{signed(change, 1)} {word}" if word else signed(change, 1)


def compare_note(review: MonthReview) -> str | None:
    """What the month is compared with, when it is not simply the whole month before."""
    before = review.previous.month.strftime("%B")
    if not review.comparable and review.first_day is not None and review.first_day < review.current.month:
        return f"{before} in full for reference; the change shows once a day of {review.current.month:%B} counts."
    if review.like_for_like:
        return f"Month to date against the same days of {before} ({span_label(review.previous)})."
    return None


def _mean(value: float | None, count: int) -> str:
    return NONE if value is None else f"{value:.1f} ({count})"


def empty_note(review: MonthReview) -> str:
    """Why a month has no counted day: an empty log, a month before it began, or a month just begun."""
    month = month_name(review.current.month)
    if review.first_day is None:
        return "Nothing is logged yet: practise with the app open, or back-fill a day with scalp log."
    if review.first_day > review.current.as_of:
        return f"Nothing to review: the log begins on {review.first_day:%-d %B %Y}."
    return (
        f"No day of {month} counts yet (today counts once practised); "
        f"the streak and strength stand as of {review.current.as_of:%-d %b}."
    )
