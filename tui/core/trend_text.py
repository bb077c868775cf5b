"""The Trends report as words and numbers, shared by the History screen's Trends view and `scalp stats --year`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui.core import stats
from tui.core.review_text import NONE, percent, verdict
from tui.core.trend_report import TrendReport
from tui.core.trends import WEEKDAYS

BAR_WIDTH = 20


def title(report: TrendReport) -> str:
    if report.year is not None:
        return f"Trends of {report.year}"
    return f"Trends of the 12 months to {report.end:%-d %b %Y}"


def overview_line(report: TrendReport) -> str:
    """'Strength 72% (30 days ago 68%, a year ago 51%) · since 3 Mar 2025: 287 days, 301 sessions, ...'."""
    o = report.overview
    if o.first_day is None:
        return "Nothing is logged yet: practise with the app open, or back-fill a day with scalp log."
    return (
        f"Strength {percent(o.strength)} (30 days ago {percent(o.strength_30)}, a year ago {percent(o.strength_365)})"
        f" · since {o.first_day:%-d %b %Y}: {o.days} days, {o.sessions} sessions, {o.passes} passes,"
        f" {o.minutes:.0f} min"
    )


def bar(share: float | None, width: int = BAR_WIDTH, mark: float | None = None) -> str:
    """A text bar of ``share`` (0..1) with the target ``mark`` as '|' (drawn over an empty cell)."""
    filled = round((share or 0.0) * width)
    cells = ["█"] * filled + ["·"] * (width - filled)
    if mark is not None:
        at = min(width - 1, max(0, round(mark * width) - 1))
        if cells[at] != "█":
            cells[at] = "|"
    return "".join(cells)


def consistency_lines(report: TrendReport, width: int = BAR_WIDTH) -> list[str]:
    """'Nov 2026  ███████████·······|··  22/30 due  73%' for each of the 12 months."""
    lines = []
    for month in report.consistency:
        if not month.days:
            lines.append(f"{month.month:%b %Y}  {'':{width}}  –")
            continue
        share = month.practised / month.days
        mark = month.due / month.days if month.days else None
        lines.append(
            f"{month.month:%b %Y}  {bar(share, width, mark)}  {month.practised:>2}/{month.due:<2} due"
            f"  {percent(month.consistency):>4}"
        )
    return lines


def period_label(start: date, unit: str) -> str:
    if unit == "day":
        return f"{start:%-d %b}"
    if unit == "week":
        return f"wk {start:%-d %b}"
    if unit == "month":
        return f"{start:%b %Y}"
    if unit == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def period_lines(report: TrendReport, unit: str, limit: int | None = None) -> list[str]:
    """The bar card: days practised, full days, sessions, minutes and strength per period, newest first."""
    rows = list(reversed(report.periods.get(unit, ())))[:limit]
    lines = [f"{'':<12} {'days':>4} {'full':>4} {'sess':>4} {'min':>6} {'strength':>8}"]
    for p in rows:
        lines.append(
            f"{period_label(p.start, unit):<12} {p.practised:>4} {p.full:>4} {p.sessions:>4}"
            f" {p.minutes:>6.0f} {percent(p.strength):>8}"
        )
    return lines


def streak_lines(report: TrendReport) -> list[str]:
    """The 10 best streaks, longest first, with their first and last day; the first is the all-time longest."""
    if not report.best_streaks:
        return ["No streak yet."]
    lines = []
    for rank, streak in enumerate(report.best_streaks, 1):
        mark = "  longest" if rank == 1 else ""
        lines.append(f"{rank:>2}. {streak.length:>4} days  {streak.first:%-d %b %Y} – {streak.last:%-d %b %Y}{mark}")
    return lines


def weekday_lines(report: TrendReport) -> list[str]:
    """The month x weekday grid of practised days, and the weekday missed most often."""
    pattern = report.weekdays
    lines = [f"{'':<8} " + " ".join(f"{d:>3}" for d in WEEKDAYS)]
    for month, counts in pattern.months:
        lines.append(f"{month:%b %Y} " + " ".join(f"{c:>3}" for c in counts))
    most = pattern.most_missed
    if most is None:
        lines.append("No weekday missed.")
    else:
        share = pattern.missed[most] / pattern.open_days[most]
        missed = f"{pattern.missed[most]} of {pattern.open_days[most]}"
        lines.append(f"Most often missed: {WEEKDAYS[most]} ({missed}, {share:.0%})")
    return lines


def rating_lines(report: TrendReport) -> list[str]:
    """A row a month, a column a kind: 'before→after change', the change said better or worse."""
    rated_months = [(m, ts) for m, ts in report.ratings if any(t.before_count or t.after_count for t in ts)]
    if not rated_months:
        return ["No rating in these months."]
    kinds = [t.kind for t in rated_months[0][1]]
    width = 20
    lines = [f"{'':<8}  " + " ".join(f"{kind:<{width}}" for kind in kinds).rstrip()]
    for month, trends_of_month in rated_months:
        cells = []
        for t in trends_of_month:
            if not (t.before_count or t.after_count):
                cells.append(f"{NONE:<{width}}")
                continue
            before = NONE if t.before is None else f"{t.before:.1f}"
            after = NONE if t.after is None else f"{t.after:.1f}"
            cells.append(f"{before}→{after} {verdict(t.kind, t.change)}"[:width].ljust(width))
        lines.append(f"{month:%b %Y}  " + " ".join(cells).rstrip())
    return lines


def zone_lines(report: TrendReport, zone_name: Callable[[str], str]) -> list[str]:
    """Each zone's coverage per month (a row a zone), focus against the rest, the zones neglected month after month."""
    served = [m for m in report.zones if any(z.days for z in m.zones)]
    if not served:
        return ["No session in these months."]
    lines = [f"{'':<14} " + " ".join(f"{m.month:%b}" for m in report.zones)]
    for index, zone in enumerate(report.zones[0].zones):
        cells = []
        for month in report.zones:
            coverage = month.zones[index].coverage
            cells.append(f"{coverage * 100:>3.0f}" if coverage is not None else "  –")
        lines.append(f"{zone_name(zone.zone)[:14]:<14} " + " ".join(cells))
    focus = " ".join(f"{m.focus * 100:>3.0f}" if m.focus is not None else "  –" for m in report.zones)
    others = " ".join(f"{m.others * 100:>3.0f}" if m.others is not None else "  –" for m in report.zones)
    lines.append(f"{'focus zones':<14} {focus}")
    lines.append(f"{'other zones':<14} {others}")
    if report.neglected_runs:
        runs = sorted(report.neglected_runs.items(), key=lambda item: -item[1])
        lines.append("Neglected month after month: " + ", ".join(f"{zone_name(z)} ({n} months)" for z, n in runs))
    else:
        lines.append("No zone neglected two months running.")
    return lines


def target_line(target: stats.Target) -> str:
    return f"target {target.days_per_week} of 7 days, {target.passes} passes"
