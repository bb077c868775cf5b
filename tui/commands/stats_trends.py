"""`scalp stats --year YYYY` / `--trends`: the Trends of History as text or JSON (every series)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui.core import trend_text as words
from tui.core.trend_report import TrendReport


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def trends_json(report: TrendReport, names: dict[str, str]) -> dict[str, object]:
    """Every series of the report as plain JSON values (ratios 0..1)."""
    o = report.overview
    return {
        "today": report.today.isoformat(),
        "end": report.end.isoformat(),
        "year": report.year,
        "target": {"days_per_week": report.target.days_per_week, "passes": report.target.passes},
        "overview": {
            "strength": _round(o.strength),
            "strength_30_days_ago": _round(o.strength_30),
            "strength_365_days_ago": _round(o.strength_365),
            "first_day": _iso(o.first_day),
            "days": o.days,
            "sessions": o.sessions,
            "passes": o.passes,
            "minutes": _round(o.minutes, 2),
        },
        "months": [
            {
                "month": f"{m.month:%Y-%m}",
                "days": m.days,
                "practised": m.practised,
                "due": m.due,
                "consistency": _round(m.consistency),
            }
            for m in report.consistency
        ],
        "periods": {
            unit: [
                {
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "practised": p.practised,
                    "full": p.full,
                    "sessions": p.sessions,
                    "minutes": _round(p.minutes, 2),
                    "strength": _round(p.strength),
                }
                for p in periods
            ]
            for unit, periods in report.periods.items()
        },
        "best_streaks": [
            {"first": s.first.isoformat(), "last": s.last.isoformat(), "length": s.length} for s in report.best_streaks
        ],
        "longest_streak": report.longest.length if report.longest else 0,
        "weekdays": {
            "months": [{"month": f"{m:%Y-%m}", "practised": list(counts)} for m, counts in report.weekdays.months],
            "missed": list(report.weekdays.missed),
            "open_days": list(report.weekdays.open_days),
            "most_missed": report.weekdays.most_missed,
        },
        "ratings": [
            {
                "month": f"{month:%Y-%m}",
                "kinds": [
                    {
                        "kind": t.kind,
                        "before": _round(t.before, 3),
                        "after": _round(t.after, 3),
                        "change": _round(t.change, 3),
                        "before_count": t.before_count,
                        "after_count": t.after_count,
                        "paired": t.paired,
                    }
                    for t in kinds
                ],
            }
            for month, kinds in report.ratings
        ],
        "zones": [
            {
                "month": f"{m.month:%Y-%m}",
                "focus_coverage": _round(m.focus),
                "other_coverage": _round(m.others),
                "neglected": list(m.neglected),
                "zones": [
                    {"zone": z.zone, "name": names.get(z.zone, z.zone), "coverage": _round(z.coverage), "days": z.days}
                    for z in m.zones
                ],
            }
            for m in report.zones
        ],
        "neglected_month_after_month": dict(report.neglected_runs),
    }


def trends_text(report: TrendReport, zone_name: Callable[[str], str]) -> str:
    """The report as plain text, the same sections as the Trends view."""
    sections = [
        (f"{words.title(report)}  ·  {words.target_line(report.target)}", [words.overview_line(report)]),
        ("Consistency per month (bar: practised days, | the days due)", words.consistency_lines(report)),
        ("By month", words.period_lines(report, "month")),
        ("By quarter", words.period_lines(report, "quarter")),
        ("By year", words.period_lines(report, "year")),
        ("Best streaks", words.streak_lines(report)),
        ("Practised days by weekday", words.weekday_lines(report)),
        ("Ratings 1-5 per month: before→after, mean change", words.rating_lines(report)),
        ("Zone coverage per month (%)", words.zone_lines(report, zone_name)),
    ]
    lines: list[str] = []
    for heading, body in sections:
        if lines:
            lines.append("")
        lines.append(heading)
        lines.extend(body if heading.startswith("Trends") else [f"  {line}" for line in body])
    return "\n".join(lines)
