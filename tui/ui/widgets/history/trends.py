"""The Trends view of History: cards drawn from one TrendReport that the screen holds in a reactive.

Each card is bound to the screen's ``trends`` (and ``trend_unit``) with data_bind, so the screen
sets one immutable report and every card redraws itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from tui.core import trend_text as words
from tui.core.review_text import percent
from tui.core.trend_report import TrendReport
from tui.core.trends import UNITS

CHART_HEIGHT = 5
EIGHTHS = " ▁▂▃▄▅▆▇█"
LOADING = "Reading the whole log…"


def strength_chart(values: list[float | None], width: int, height: int = CHART_HEIGHT) -> list[str]:
    """Columns of eighth blocks on a fixed 0-100% scale, newest on the right, with a scale on the left.

    Drawn by hand: Textual's Sparkline scales between the data's own minimum and maximum (a
    strength moving from 80% to 85% would fill its whole height) and is one row high.
    """
    values = values[-max(1, width - 5) :]
    rows = []
    for row in range(height, 0, -1):
        cells = []
        for value in values:
            if value is None:
                cells.append(" ")
                continue
            eighths = round(value * height * 8) - (row - 1) * 8
            cells.append(EIGHTHS[max(0, min(8, eighths))])
        label = "100%" if row == height else (" 50%" if row == (height + 1) // 2 else "    ")
        rows.append(f"{label} {''.join(cells)}")
    rows.append("  0% " + "─" * len(values))
    return rows


class TrendCard(Static):
    """One card of the Trends view: a titled box of lines made from the report."""

    DEFAULT_CSS = """
    TrendCard {
        height: auto;
        border: round $primary 50%;
        border-title-color: $primary;
        padding: 0 1;
    }
    """

    trends: reactive[TrendReport | None] = reactive(None)
    trend_unit: reactive[str] = reactive("week")

    def __init__(self, title: str, lines: Callable[[TrendReport, str, int], list[str]], **kwargs: Any) -> None:
        super().__init__(LOADING, **kwargs)
        self.border_title = title
        self.make_lines = lines

    def watch_trends(self) -> None:
        self._redraw()

    def watch_trend_unit(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        report = self.trends
        if report is None:
            self.update(LOADING)
            return
        width = max(10, self.content_size.width or 40)
        self.update(Text("\n".join(self.make_lines(report, self.trend_unit, width)), no_wrap=False))


def card_specs(zone_name: Callable[[str], str]) -> list[tuple[str, str, Callable[[TrendReport, str, int], list[str]]]]:
    """(id, title, lines) of every card, in reading order."""

    def strength(report: TrendReport, unit: str, width: int) -> list[str]:
        values = [p.strength for p in report.periods.get(unit, ())]
        if not values:
            return ["No strength yet."]
        now = percent(values[-1])
        return [f"by {unit} (u) · now {now}", *strength_chart(values, width)]

    def bars(report: TrendReport, unit: str, width: int) -> list[str]:
        return words.period_lines(report, unit, limit=12)

    return [
        ("trend-overview", "Overview", lambda r, u, w: [words.overview_line(r)]),
        (
            "trend-consistency",
            "Consistency per month · █ practised · | days due",
            lambda r, u, w: words.consistency_lines(r, max(6, min(words.BAR_WIDTH, w - 30))),
        ),
        ("trend-strength", "Habit strength", strength),
        ("trend-bars", "Practised days, full days, sessions, minutes", bars),
        ("trend-streaks", "Best streaks", lambda r, u, w: words.streak_lines(r)),
        ("trend-weekdays", "Practised days by weekday", lambda r, u, w: words.weekday_lines(r)),
        ("trend-ratings", "Ratings 1–5: before→after, mean change", lambda r, u, w: words.rating_lines(r)),
        ("trend-zones", "Zone coverage per month (%)", lambda r, u, w: words.zone_lines(r, zone_name)),
    ]


def next_unit(unit: str) -> str:
    return UNITS[(UNITS.index(unit) + 1) % len(UNITS)]
