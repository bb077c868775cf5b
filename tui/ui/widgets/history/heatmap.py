"""The year heatmap: one column per week, one row per weekday, each day shaded by its depth or minutes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from rich.segment import Segment
from rich.style import Style
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.core import stats
from tui.core.calendar import year_window
from tui.core.models import DaySummary
from tui.ui.widgets.paint import CachedLines

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4
ROLLING_WEEKS = 53
#: Columns the heatmap leaves for its frame and the month calendar before it takes two columns a day.
ROOM_BESIDE = 30

GLYPH_DAY = "■"
GLYPH_EMPTY = "·"
GLYPH_REST = "○"
GLYPH_TODAY = "◆"
GLYPH_TODAY_EMPTY = "◇"


@dataclass(frozen=True)
class HeatmapView:
    """What the heatmap shows: whole weeks from ``start`` to ``end``, drawing the days ``shown_from``..``shown_to``."""

    start: date
    end: date
    shown_from: date
    shown_to: date
    title: str

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 1) // 7

    def shows(self, day: date) -> bool:
        return self.shown_from <= day <= self.shown_to


def rolling_view(today: date, week_start: int = 0) -> HeatmapView:
    """The last 53 weeks up to today."""
    start, _ = year_window(today, ROLLING_WEEKS, week_start)
    return HeatmapView(start, start + timedelta(weeks=ROLLING_WEEKS, days=-1), start, today, "the last 53 weeks")


def year_view(year: int, today: date, week_start: int = 0) -> HeatmapView:
    """One calendar year, in whole weeks (the days of the years around it are left blank)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    start = first - timedelta(days=(first.weekday() - week_start) % 7)
    end = last + timedelta(days=(week_start - 1 - last.weekday()) % 7)
    return HeatmapView(start, end, first, min(last, today), str(year))


def view_for(day: date, today: date, week_start: int = 0) -> HeatmapView:
    """The view that shows ``day``: the last 53 weeks when they hold it, else its calendar year."""
    rolling = rolling_view(today, week_start)
    return rolling if rolling.shows(day) else year_view(day.year, today, week_start)


def view_of_year(year: int, today: date, week_start: int = 0) -> HeatmapView:
    """The view of a whole year; for the current year, the last 53 weeks (they hold all of it so far)."""
    if year >= today.year:
        return rolling_view(today, week_start)
    return year_view(year, today, week_start)


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def legend_names(target_passes: int) -> tuple[str, str, str, str, str]:
    """Legend labels of the five levels by passes ('' for a level that cannot occur)."""
    half = target_passes // 2
    low = _span(1, half) if half >= 1 and target_passes > 1 else ""
    high = _span(half + 1, target_passes - 1) if half + 1 <= target_passes - 1 else ""
    return ("none", low, high, f"{target_passes} full", f"{target_passes + 1}+ bonus")


@dataclass(frozen=True)
class HeatmapData:
    """Everything the heatmap draws, handed down by the History screen."""

    view: HeatmapView
    days: Mapping[date, DaySummary] = field(default_factory=dict)
    today: date = date.min
    first_day: date | None = None
    week_start: int = 0
    target_passes: int = 3
    target_minutes: tuple[float, float] = (5.0, 10.0)
    passes_on: Callable[[date], int] | None = None
    """The target passes in force on a day (a changed target never reshades the past); None: target_passes."""


class ShadedDays(Widget):
    """What the heatmap and the month calendar share: the data, the cursor and the shading of a day."""

    DEFAULT_CSS = """
    ShadedDays > .heatmap--level-0 { color: $text-muted; }
    ShadedDays > .heatmap--level-1 { color: $success 40%; }
    ShadedDays > .heatmap--level-2 { color: $success 70%; }
    ShadedDays > .heatmap--level-3 { color: $success; }
    ShadedDays > .heatmap--level-4 { color: $success-lighten-3; text-style: bold; }
    ShadedDays > .heatmap--before { color: $text-disabled; }
    ShadedDays > .heatmap--rest { color: $accent; text-style: bold; }
    ShadedDays > .heatmap--today { text-style: bold underline; }
    ShadedDays > .heatmap--cursor { text-style: reverse bold; }
    ShadedDays > .heatmap--label { color: $text-muted; }
    """

    COMPONENT_CLASSES = {
        "heatmap--level-0",
        "heatmap--level-1",
        "heatmap--level-2",
        "heatmap--level-3",
        "heatmap--level-4",
        "heatmap--before",
        "heatmap--rest",
        "heatmap--today",
        "heatmap--cursor",
        "heatmap--label",
    }

    data: reactive[HeatmapData | None] = reactive(None, layout=True)
    """The days to draw and how."""
    cursor: reactive[date] = reactive(date.min)
    """The highlighted day."""
    by_minutes: reactive[bool] = reactive(False)
    """Shade by minutes instead of by passes."""

    class DayClicked(Message):
        """A day was clicked: the History screen moves the cursor there."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"heatmap--{name}")

    @property
    def shown(self) -> HeatmapData:
        """The data drawn: a day is shaded only once there is some (the drawing returns early before)."""
        data = self.data
        assert data is not None, "days are shaded only once the data is set"
        return data

    def level(self, summary: DaySummary | None, day: date | None = None) -> int:
        """The day's shade, 0 (none) to 4, by passes or by minutes (against the target of ``day``)."""
        data = self.shown
        if summary is None:
            return stats.MISSED
        if self.by_minutes:
            low, high = data.target_minutes
            return stats.minutes_level(summary.minutes, low, high)
        want = data.passes_on(day) if data.passes_on is not None and day is not None else data.target_passes
        return stats.depth_level(summary.passes, want)

    def shade(self, day: date) -> tuple[str, Style]:
        """The glyph and style of a day that lies within what is shown."""
        data = self.shown
        summary = data.days.get(day)
        if data.first_day is None or day < data.first_day:
            glyph, style = GLYPH_EMPTY, self._style("before")
        elif stats.is_rest(summary):
            glyph, style = GLYPH_REST, self._style("rest")
        else:
            level = self.level(summary, day)
            glyph = GLYPH_DAY if level else GLYPH_EMPTY
            style = self._style(f"level-{level}")
        if day == data.today:
            glyph = GLYPH_TODAY if glyph == GLYPH_DAY else GLYPH_TODAY_EMPTY
            style += self._style("today")
        if day == self.cursor:
            style += self._style("cursor")
        return glyph, style


class Heatmap(CachedLines, ShadedDays):
    """A GitHub-style heatmap. The History screen moves the cursor; a click asks it to."""

    DEFAULT_CSS = """
    Heatmap {
        width: auto;
        height: auto;
    }
    """

    def cell_width(self, width: int | None = None) -> int:
        """Two columns a day when they fit, else one."""
        if self.data is None:
            return 1
        width = self.size.width if width is None else width
        return 2 if width >= LABEL_WIDTH + 2 * self.data.view.weeks else 1

    def first_week(self, cell: int) -> int:
        """The first week drawn: when the widget is narrower than the view, the oldest weeks give way."""
        if self.data is None or not self.size.width:
            return 0
        fits = max(1, (self.size.width - LABEL_WIDTH) // cell)
        return max(0, self.data.view.weeks - fits)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        weeks = self.data.view.weeks if self.data else ROLLING_WEEKS
        # Wide cells only when the whole screen leaves room for them and for what sits beside.
        wide = viewport.width >= LABEL_WIDTH + 2 * weeks + ROOM_BESIDE
        return LABEL_WIDTH + weeks * (2 if wide else 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 9

    # --- drawing -------------------------------------------------------------------------
    # For speed: the lines are Segments kept (CachedLines) until the data, the
    # cursor, the shading, the width or the styles change. Laying out a Rich Text of ~400
    # styled cells took most of the time a cursor move or History's first frame spent here.

    def _lines_key(self) -> tuple[object, ...]:
        return (self.data, self.cursor, self.by_minutes, self.size.width)

    def _segment_lines(self) -> list[list[Segment]]:
        """The heatmap's lines: months, a line a weekday, the legend."""
        data = self.data
        if data is None:
            return []
        view = data.view
        cell = self.cell_width()
        label = self._style("label")
        skip = self.first_week(cell)
        lines = [self._month_line(cell, label, skip)]
        blank = Style()
        for row in range(7):
            line = [Segment(f"{WEEKDAYS[(data.week_start + row) % 7]:<{LABEL_WIDTH}}", label)]
            for week in range(skip, view.weeks):
                day = view.start + timedelta(weeks=week, days=row)
                glyph, style = self.shade(day) if view.shows(day) else (" ", blank)
                if cell == 2:
                    # The cursor covers both columns so it stands out; other days keep a gap.
                    if day == self.cursor:
                        line.append(Segment(glyph + " ", style))
                    else:
                        line += (Segment(glyph, style), Segment(" ", blank))
                else:
                    line.append(Segment(glyph, style))
            lines.append(list(Segment.apply_style(line, label)))  # the label's style under every day's
        lines.append(self._legend(label))
        return lines

    def _month_line(self, cell: int, style: Style, skip: int = 0) -> list[Segment]:
        view = self.shown.view
        chars = [" "] * ((view.weeks - skip) * cell)
        taken_to = -1
        for week in range(skip, view.weeks):
            first = view.start + timedelta(weeks=week)
            # A month is labelled over the first week that holds its 1st day.
            firsts = [first + timedelta(days=d) for d in range(7) if (first + timedelta(days=d)).day == 1]
            if not firsts or not view.shows(firsts[0]):
                continue
            name = firsts[0].strftime("%b")
            at = (week - skip) * cell
            if at <= taken_to or at + len(name) > len(chars):
                continue
            chars[at : at + len(name)] = name
            taken_to = at + len(name)
        return [Segment(" " * LABEL_WIDTH + "".join(chars), style)]

    def _legend(self, label: Style) -> list[Segment]:
        data = self.shown
        if self.by_minutes:
            low, high = data.target_minutes
            names = ("none", f"<{low / 2:g}", f"<{low:g}", f"{low:g}–{high:g}", f">{high:g} min")
        else:
            names = legend_names(data.target_passes)
        line: list[Segment] = []
        for level, name in enumerate(names):
            if not name:
                continue
            line.append(Segment(GLYPH_DAY if level else GLYPH_EMPTY, label + self._style(f"level-{level}")))
            line.append(Segment(f" {name}  ", label))
        line.append(Segment(GLYPH_REST, label + self._style("rest")))
        line.append(Segment(" rest  ", label))
        # The legend shows today as the heatmap draws it: filled once practised, hollow before.
        practised_today = stats.is_practised(data.days.get(data.today))
        line.append(Segment(GLYPH_TODAY if practised_today else GLYPH_TODAY_EMPTY, label + self._style("today")))
        line.append(Segment(" today", label))
        return line

    # --- mouse ---------------------------------------------------------------------------

    def day_at(self, x: int, y: int) -> date | None:
        """The day drawn at content offset (x, y), if any."""
        if self.data is None or not 1 <= y <= 7 or x < LABEL_WIDTH:
            return None
        cell = self.cell_width()
        week = (x - LABEL_WIDTH) // cell + self.first_week(cell)
        if week >= self.data.view.weeks:
            return None
        day = self.data.view.start + timedelta(weeks=week, days=y - 1)
        return day if self.data.view.shows(day) else None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        day = self.day_at(offset.x, offset.y)
        if day is not None:
            self.post_message(self.DayClicked(day))
