"""The review panels as Rich Tables drew them before they were line-drawn for speed: the reference their line-drawn tables must match."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tui.core import review_text as words
from tui.ui.widgets.history.month_review import BAR, FOCUS_MARK, NO_SESSION


def rich_figures(self):
    review = self.review
    if review is None:
        return Text("")
    now, before = review.current, review.previous
    muted = self._style("muted")
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False, expand=False)
    table.add_column(no_wrap=True)
    table.add_column(self._heading(review, now), justify="right", no_wrap=True, header_style=self._style("heading"))
    table.add_column(self._heading(review, before), justify="right", no_wrap=True, header_style=muted)
    if review.comparable:
        table.add_column("±", justify="right", no_wrap=True, header_style=muted)
    trend_style = {1: self._style("better"), -1: self._style("worse"), 0: muted}
    for row in words.review_rows(review):
        cells = [row.label, Text(row.now, style="bold"), Text(row.before, style=muted)]
        if review.comparable:
            cells.append(Text(row.change, style=trend_style[row.trend]))
        table.add_row(*cells)
    parts: list = []
    if now.start is None:
        parts.append(Text(words.empty_note(review), style=muted))
    if words.compare_note(review):
        parts.append(Text(words.compare_note(review), style=muted))
    parts.append(table)
    ratings = words.rating_lines(review)
    if ratings:
        parts.append(Text(""))
        rated = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
        rated.add_column("Ratings 1–5", no_wrap=True, header_style=self._style("heading"))
        for name in ("before", "after", "±", f"±{before.month:%b}"):
            rated.add_column(name, justify="right", no_wrap=True, header_style=muted)
        for kind, mean_before, mean_after, change, last in ratings:
            rated.add_row(kind, mean_before, mean_after, self._verdict(change), Text(last, style=muted))
        parts.append(rated)
    return Group(*parts)


def rich_coverage(self, width):
    review = self.review
    if review is None:
        return Text("")
    figures = review.current
    muted = self._style("muted")
    warning = self._style("warning")
    if not figures.session_days:
        return Text(NO_SESSION, style=muted)
    neglected = {z.zone for z in figures.neglected}
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
            cells.append(_rich_bar(self, zone.coverage or 0.0, bar, warning if lagging else None))
        cells.append(Text(f"{zone.missed_days}" if zone.missed_days else "–", style=style or muted))
        table.add_row(*cells)
    notes: list = [table, Text("")]
    notes.extend(Text(line, style=warning if lagging else muted) for line, lagging in self._notes(figures))
    return Group(*notes)



def _rich_bar(self, share: float, width: int, style: Style | None) -> Text:
    filled = round(share * width)
    done = Text("█" * filled, style=style or self._style("bar"))
    return done + Text("░" * (width - filled), style=self._style("muted"))
