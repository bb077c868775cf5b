"""The monthly review: the headline figures against last month, and each zone's coverage."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.core import review_text as words
from tui.core.stats import MonthReview

BAR = 10
FOCUS_MARK = "◎"
NO_SESSION = "No session this month, so no zone to score yet."
NO_LAG = "No zone lags behind the others."


class _ReviewWidget(Widget):
    DEFAULT_CSS = """
    _ReviewWidget {
        height: auto;
    }
    _ReviewWidget > .review--better { color: $success; }
    _ReviewWidget > .review--worse { color: $error; }
    _ReviewWidget > .review--muted { color: $text-muted; }
    _ReviewWidget > .review--heading { text-style: bold; color: $primary; }
    _ReviewWidget > .review--warning { color: $warning; }
    _ReviewWidget > .review--bar { color: $success; }
    """

    COMPONENT_CLASSES = {
        "review--better",
        "review--worse",
        "review--muted",
        "review--heading",
        "review--warning",
        "review--bar",
    }

    review: reactive[MonthReview | None] = reactive(None, layout=True)
    """The review to show (None until loaded)."""

    def __init__(self, zone_name: Callable[[str], str], short_name: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.zone_name = zone_name
        self.short_name = short_name

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"review--{name}")

    # Performance (issue 8): Textual finds a widget's height by rendering it; a Rich Table is
    # laid out in full for that (several ms each time, and layout asks more than once). The
    # tables here never wrap (every column is no_wrap, one line a row), so the height is
    # counted: the table's lines plus the wrapped lines of the texts around them.

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return 0
        if self.review is None:
            return super().get_content_height(container, viewport, width)
        return self.line_count(width)

    def line_count(self, width: int) -> int:
        """The number of lines ``render`` gives at ``width`` (without laying out its tables)."""
        raise NotImplementedError

    def _wrapped(self, text: str, width: int) -> int:
        return len(Text(text).wrap(self.app.console, width))


class ReviewFigures(_ReviewWidget):
    """This month's figures beside last month's, with the change; then the ratings."""

    def render(self) -> Table | Group | Text:
        review = self.review
        if review is None:
            return Text("")
        now, before = review.current, review.previous
        muted = self._style("muted")
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False)
        table.add_column(no_wrap=True)
        table.add_column(now.month.strftime("%b"), justify="right", no_wrap=True, header_style=self._style("heading"))
        table.add_column(before.month.strftime("%b"), justify="right", no_wrap=True, header_style=muted)
        table.add_column("±", justify="right", no_wrap=True, header_style=muted)
        trend_style = {1: self._style("better"), -1: self._style("worse"), 0: muted}
        for row in words.review_rows(review):
            table.add_row(
                row.label,
                Text(row.now, style="bold"),
                Text(row.before, style=muted),
                Text(row.change, style=trend_style[row.trend]),
            )
        parts: list = []
        if now.start is None:
            parts.append(Text(self._empty_note(review), style=muted))
        parts.append(table)
        ratings = words.rating_lines(review)
        if ratings:
            parts.append(Text(""))
            rated = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
            rated.add_column("Ratings 1–5", no_wrap=True, header_style=self._style("heading"))
            for name in ("before", "after", "±", f"±{before.month:%b}"):
                rated.add_column(name, justify="right", no_wrap=True, header_style=muted)
            for kind, mean_before, mean_after, change, last in ratings:
                rated.add_row(kind, mean_before, mean_after, change, Text(last, style=muted))
            parts.append(rated)
        return Group(*parts)

    def _empty_note(self, review: MonthReview) -> str:
        return words.empty_note(review)

    def line_count(self, width: int) -> int:
        review = self.review
        lines = 1 + len(words.review_rows(review))  # the header and a line a row
        if review.current.start is None:
            lines += self._wrapped(self._empty_note(review), width)
        ratings = words.rating_lines(review)
        if ratings:
            lines += 2 + len(ratings)  # a blank line, the header, a line a rated kind
        return lines


class ZoneCoverageTable(_ReviewWidget):
    """Each zone's share of its passes on the days with a session; focus and neglected zones marked."""

    def render(self) -> Group | Text:
        review = self.review
        if review is None:
            return Text("")
        figures = review.current
        muted = self._style("muted")
        warning = self._style("warning")
        if not figures.session_days:
            return Text(NO_SESSION, style=muted)
        neglected = {z.zone for z in figures.neglected}
        width = self.size.width
        full_names = width >= 46
        name_width = max(len(self.zone_name(z.zone) if full_names else self.short_name(z.zone)) for z in figures.zones)
        # Mark, name, share and "missed" columns with two-space gaps; the bar takes what is left, up to BAR.
        bar = min(BAR, width - 1 - name_width - 4 - 6 - 8)
        table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False)
        table.add_column("", no_wrap=True, width=1)
        table.add_column("Zone", no_wrap=True, header_style=self._style("heading"))
        table.add_column("", justify="right", no_wrap=True)
        if bar >= 4:
            table.add_column("", no_wrap=True)
        table.add_column("missed", justify="right", no_wrap=True, header_style=muted)
        for zone in figures.zones:
            name = self.zone_name(zone.zone) if full_names else self.short_name(zone.zone)
            lagging = zone.zone in neglected
            style = warning if lagging else Style()
            cells = [Text(FOCUS_MARK if zone.focus else ""), Text(name, style=style)]
            cells.append(Text(words.percent(zone.coverage), style=style))
            if bar >= 4:
                cells.append(self._bar(zone.coverage or 0.0, bar, warning if lagging else None))
            cells.append(Text(f"{zone.missed_days}" if zone.missed_days else "–", style=style or muted))
            table.add_row(*cells)
        notes: list = [table, Text("")]
        notes.extend(Text(line, style=warning if lagging else muted) for line, lagging in self._notes(figures))
        return Group(*notes)

    def _notes(self, figures) -> list[tuple[str, bool]]:
        """The lines below the table, each with whether it warns of a lagging zone."""
        if figures.neglected:
            notes = [("! " + line, True) for line in words.neglected_lines(figures, self.zone_name)]
        else:
            notes = [(NO_LAG, False)]
        if figures.focus_zones:
            share = words.percent(figures.focus_coverage)
            notes.append((f"{FOCUS_MARK} focus zones: {share} of their passes", False))
        return notes

    def line_count(self, width: int) -> int:
        figures = self.review.current
        if not figures.session_days:
            return self._wrapped(NO_SESSION, width)
        lines = 1 + len(figures.zones) + 1  # the header, a line a zone, a blank line
        return lines + sum(self._wrapped(line, width) for line, _ in self._notes(figures))

    def _bar(self, share: float, width: int, style: Style | None) -> Text:
        filled = round(share * width)
        done = Text("█" * filled, style=style or self._style("bar"))
        return done + Text("░" * (width - filled), style=self._style("muted"))
