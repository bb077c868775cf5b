"""The monthly review: the headline figures against last month, and each zone's coverage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.core import review_text as words
from tui.core.stats import MonthFigures, MonthReview
from tui.ui.widgets.paint import CachedLines

BAR = 10
FOCUS_MARK = "◎"
NO_SESSION = "No session this month, so no zone to score yet."
NO_LAG = "No zone lags behind the others."



def shrink_evenly(widths: list[int], excess: int) -> list[int]:
    """Take ``excess`` cells off ``widths``, an even share from each column in turn.

    Each column gives at most its own width; what a narrow column cannot give is shared
    among the columns after it; a column gives more than its share only when the columns
    after it could not make up the rest, so the whole excess is always taken.
    """
    left, givers = excess, sum(1 for width in widths if width)
    after = sum(widths)
    shrunk: list[int] = []
    for width in widths:
        after -= width
        if not width:
            shrunk.append(width)
            continue
        # An even share, but never less than the columns still to come could not give.
        share = min(width, max(round(left / givers), left - after))
        shrunk.append(width - share)
        left -= share
        givers -= 1
    return shrunk


@dataclass(frozen=True)
class Column:
    """A column of a `table_lines` table: its header, its header's style, its alignment."""

    header: str = ""
    header_style: Style = Style()
    right: bool = False
    width: int | None = None


def table_lines(columns: list[Column], rows: list[list[Text]], width: int) -> list[Text]:
    """The lines of a table drawn as Rich's Table(box=None, padding=(0, 1), pad_edge=False) draws it.

    For speed: a Rich Table measures and lays out every cell through the console
    (most of the time the History screen spent on a month change). These tables never wrap
    (one line a row, every column as wide as its widest cell), so their lines are put
    together directly: each column padded to its width, two spaces between columns, the
    header bold in its own style (padding included, as Rich's header cells are). Wider than
    ``width``, the columns give way evenly and their cells end in an ellipsis, as in Rich.
    """
    heads = [Text(column.header, style=Style(bold=True) + column.header_style) for column in columns]
    widths = [
        column.width or max(cell.cell_len for cell in (head, *(row[index] for row in rows)))
        for index, (column, head) in enumerate(zip(columns, heads, strict=True))
    ]
    # Rich's widths include the padding: a space each side, none at the table's edges.
    padding = [(index > 0) + (index < len(columns) - 1) for index in range(len(columns))]
    padded = [cells + pad for cells, pad in zip(widths, padding, strict=True)]
    if sum(padded) > width:
        padded = shrink_evenly(padded, sum(padded) - width)
        widths = [max(0, cells - pad) for cells, pad in zip(padded, padding, strict=True)]
    lines = []
    for cells, row_styles in [(heads, [head.style for head in heads])] + [(row, [None] * len(row)) for row in rows]:
        line = Text()
        for index, (column, cell, width, style) in enumerate(zip(columns, cells, widths, row_styles, strict=False)):
            if index:
                line.append(" ", style)  # the cell's left padding (the right one is the previous cell's)
            cell = cell.copy()
            cell.truncate(width, overflow="ellipsis")
            if column.right:
                cell.pad_left(width - cell.cell_len)
            else:
                cell.pad_right(width - cell.cell_len)
            line.append_text(cell)
            if index < len(columns) - 1:
                line.append(" ", style)
        lines.append(line)
    return lines


def line_segments(line: Text, console: Console) -> list[Segment]:
    """A line's segments, its own style included (Text.render leaves the whole text's style to the caller)."""
    segments = line.render(console)
    if not line.style:
        return list(segments)
    style = line.style if isinstance(line.style, Style) else console.get_style(line.style)  # a style's name
    return list(Segment.apply_style(segments, style))


class _ReviewWidget(CachedLines, Widget):
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

    def __init__(self, zone_name: Callable[[str], str], short_name: Callable[[str], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.zone_name = zone_name
        self.short_name = short_name

    @property
    def shown(self) -> MonthReview:
        """The review drawn: the lines are asked for, and counted, only once one is loaded."""
        review = self.review
        assert review is not None, "drawn and measured only with a review (_segment_lines, get_content_height)"
        return review

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"review--{name}")

    def text_lines(self, width: int) -> list[Text]:
        """What the widget shows at ``width``, a Text a line."""
        raise NotImplementedError

    def _wrap(self, text: Text, width: int) -> list[Text]:
        return list(text.wrap(self.app.console, width))

    # Drawn line by line (CachedLines), kept until the review, the width or the styles change.

    def _lines_key(self) -> tuple[object, ...]:
        return (self.review, self.size.width)

    def _segment_lines(self) -> list[list[Segment]]:
        review, width = self.review, self.size.width
        if review is None or not width:
            return []
        console = self.app.console
        return [list(Segment.simplify(line_segments(line, console))) for line in self.text_lines(width)]

    # For speed: Textual finds a widget's height by rendering it; a Rich Table is
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

    def text_lines(self, width: int) -> list[Text]:
        review = self.shown
        now, before = review.current, review.previous
        muted = self._style("muted")
        trend_style = {1: self._style("better"), -1: self._style("worse"), 0: muted}
        # Nothing to compare yet (no day of the month counts): no change column at all.
        compared = review.comparable
        columns = [
            Column(),
            Column(self._heading(review, now), self._style("heading"), right=True),
            Column(self._heading(review, before), muted, right=True),
        ]
        if compared:
            columns.append(Column("±", muted, right=True))
        rows = []
        for row in words.review_rows(review):
            cells = [Text(row.label), Text(row.now, style="bold"), Text(row.before, style=muted)]
            if compared:
                cells.append(Text(row.change, style=trend_style[row.trend]))
            rows.append(cells)
        figures = table_lines(columns, rows, width)
        lines: list[Text] = []
        if now.start is None:
            lines.extend(self._wrap(Text(self._empty_note(review), style=muted), width))
        note = words.compare_note(review)
        if note:
            lines.extend(self._wrap(Text(note, style=muted), width))
        lines.extend(figures)
        ratings = words.rating_lines(review)
        if ratings:
            lines.append(Text(""))
            columns = [Column("Ratings 1–5", self._style("heading"))]
            columns += [Column(name, muted, right=True) for name in ("before", "after", "±", f"±{before.month:%b}")]
            rows = [
                [Text(kind), Text(mean_before), Text(mean_after), self._verdict(change), Text(last, style=muted)]
                for kind, mean_before, mean_after, change, last in ratings
            ]
            lines.extend(table_lines(columns, rows, width))
        return lines

    def _empty_note(self, review: MonthReview) -> str:
        return words.empty_note(review)

    @staticmethod
    def _heading(review: MonthReview, figures: MonthFigures) -> str:
        """'Dec', or '1–5 Dec' when the month to date is compared with the same days of the one before."""
        if review.like_for_like and figures.start is not None:
            return words.span_label(figures)
        return figures.month.strftime("%b")

    def _verdict(self, change: str) -> Text:
        """A rating's change, green when better and red when worse (the word says it without colour)."""
        if change.endswith("better"):
            return Text(change, style=self._style("better"))
        if change.endswith("worse"):
            return Text(change, style=self._style("worse"))
        return Text(change)

    def line_count(self, width: int) -> int:
        review = self.shown
        lines = 1 + len(words.review_rows(review))  # the header and a line a row
        if review.current.start is None:
            lines += self._wrapped(self._empty_note(review), width)
        note = words.compare_note(review)
        if note:
            lines += self._wrapped(note, width)
        ratings = words.rating_lines(review)
        if ratings:
            lines += 2 + len(ratings)  # a blank line, the header, a line a rated kind
        return lines


class ZoneCoverageTable(_ReviewWidget):
    """Each zone's share of its passes on the days with a session; focus and neglected zones marked."""

    def text_lines(self, width: int) -> list[Text]:
        figures = self.shown.current
        muted = self._style("muted")
        warning = self._style("warning")
        if not figures.session_days:
            return self._wrap(Text(NO_SESSION, style=muted), width)
        neglected = {z.zone for z in figures.neglected}
        full_names = width >= 46
        name_width = max(len(self.zone_name(z.zone) if full_names else self.short_name(z.zone)) for z in figures.zones)
        # Mark, name, share and "missed" columns with two-space gaps; the bar takes what is left, up to BAR.
        bar = min(BAR, width - 1 - name_width - 4 - 6 - 8)
        columns = [Column(width=1), Column("Zone", self._style("heading")), Column(right=True)]
        if bar >= 4:
            columns.append(Column())
        columns.append(Column("missed", muted, right=True))
        rows = []
        for zone in figures.zones:
            name = self.zone_name(zone.zone) if full_names else self.short_name(zone.zone)
            lagging = zone.zone in neglected
            style = warning if lagging else Style()
            cells = [Text(FOCUS_MARK if zone.focus else ""), Text(name, style=style)]
            cells.append(Text(words.percent(zone.coverage), style=style))
            if bar >= 4:
                cells.append(self._bar(zone.coverage or 0.0, bar, warning if lagging else None))
            cells.append(Text(f"{zone.missed_days}" if zone.missed_days else "–", style=style or muted))
            rows.append(cells)
        lines = [*table_lines(columns, rows, width), Text("")]
        for line, lagging in self._notes(figures):
            lines.extend(self._wrap(Text(line, style=warning if lagging else muted), width))
        return lines

    def _notes(self, figures: MonthFigures) -> list[tuple[str, bool]]:
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
        figures = self.shown.current
        if not figures.session_days:
            return self._wrapped(NO_SESSION, width)
        lines = 1 + len(figures.zones) + 1  # the header, a line a zone, a blank line
        return lines + sum(self._wrapped(line, width) for line, _ in self._notes(figures))

    def _bar(self, share: float, width: int, style: Style | None) -> Text:
        filled = round(share * width)
        done = Text("█" * filled, style=style or self._style("bar"))
        return done + Text("░" * (width - filled), style=self._style("muted"))
