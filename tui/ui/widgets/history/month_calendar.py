"""The month calendar: the cursor's month as day numbers, shaded like the heatmap."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.events import Click

from tui.core.calendar import month_end, month_start
from tui.ui.widgets.history.heatmap import WEEKDAYS, ShadedDays

CELL = 3


class MonthCalendar(ShadedDays):
    """The cursor's month, a row per week; shares the heatmap's data and shading."""

    DEFAULT_CSS = """
    MonthCalendar {
        width: 21;
        height: 7;
    }
    """

    def _first_cell(self) -> date:
        first = month_start(self.cursor)
        week_start = self.data.week_start if self.data else 0
        return first - timedelta(days=(first.weekday() - week_start) % 7)

    def render(self) -> Text:
        data = self.data
        if data is None:
            return Text("")
        label = self._style("label")
        lines = [Text("".join(f"{WEEKDAYS[(data.week_start + i) % 7][:2]:>{CELL}}" for i in range(7)), style=label)]
        day = self._first_cell()
        last = month_end(self.cursor)
        while day <= last:
            line = Text()
            for _ in range(7):
                if day.month != self.cursor.month:
                    line.append(" " * CELL)
                elif day > data.today:
                    line.append(f"{day.day:>{CELL}}", self._style("before"))
                else:
                    _, style = self.shade(day)
                    line.append(" ")
                    line.append(f"{day.day:>{CELL - 1}}", style)
                day += timedelta(days=1)
            lines.append(line)
        return Text("\n").join(lines)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or self.data is None:
            return
        day = self._first_cell() + timedelta(weeks=offset.y - 1, days=min(6, offset.x // CELL))
        if day.month == self.cursor.month and day <= self.data.today:
            self.post_message(self.DayClicked(day))
