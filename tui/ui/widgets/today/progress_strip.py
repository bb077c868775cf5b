"""One line of progress for a short Today screen: the streak, this week and this month."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual.widget import Widget

from tui.core import stats
from tui.core.models import DaySummary


def progress_line(day: date, streak: int, summaries: dict[date, DaySummary]) -> str:
    """ "Streak 4 days · week 3/4 · month 18/22": practised days of the days so far, up to `day`.

    The week runs from Monday and the month from the 1st, both through today; a rest day
    is not a practised day (it is not due either, and the streak shows it kept). Short, so
    it fits the left column at 80x24.
    """
    week_start = day - timedelta(days=day.weekday())
    month_start = day.replace(day=1)

    def practised(start: date) -> int:
        return sum(1 for d, s in summaries.items() if start <= d <= day and stats.is_practised(s))

    days = "day" if streak == 1 else "days"
    week = f"{practised(week_start)}/{(day - week_start).days + 1}"
    month = f"{practised(month_start)}/{(day - month_start).days + 1}"
    return f"Streak {streak} {days} · week {week} · month {month}"


class ProgressStrip(Widget):
    """The progress line, shown where the week's box has no room (the screen's CSS decides)."""

    DEFAULT_CSS = """
    ProgressStrip {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._line = ""
        self.tooltip = (
            "The current streak; days practised this week (from Monday) and this month, of days so far"
        )

    def show(self, day: date, streak: int, summaries: dict[date, DaySummary]) -> None:
        line = progress_line(day, streak, summaries)
        if line != self._line:
            self._line = line
            self.refresh()

    def render(self) -> Text:
        return Text(self._line, no_wrap=True, overflow="ellipsis")
