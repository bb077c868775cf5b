"""The last seven practice days at a glance, with the current streak (shown when the screen is tall)."""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.safe_text import safe_text
from tui.ui.state.today_view import TodayView
from tui.ui.widgets.today.step_guide import pass_meter

WEEK_DAYS = 7


class WeekStrip(Widget):
    """One line per day of the last week: passes, minutes or the rest reason; then the streak."""

    COMPONENT_CLASSES = {"week-strip--today", "week-strip--muted", "week-strip--done"}

    DEFAULT_CSS = """
    WeekStrip {
        height: auto;
    }
    WeekStrip > .week-strip--today { text-style: bold; }
    WeekStrip > .week-strip--muted { color: $text-muted; }
    WeekStrip > .week-strip--done { color: $success; }
    """

    view: reactive[TodayView | None] = reactive(None)
    """What the Today screen shows."""

    def render(self) -> Text:
        view = self.view
        if view is None:
            return Text()
        muted = self.get_component_rich_style("week-strip--muted")
        done = self.get_component_rich_style("week-strip--done")
        target = view.settings.passes
        text = Text(no_wrap=True, overflow="ellipsis")
        practised = 0
        for offset in range(WEEK_DAYS - 1, -1, -1):
            day = view.day - timedelta(days=offset)
            summary = view.week.get(day)
            label = f"{day:%a %-d %b}"
            style = self.get_component_rich_style("week-strip--today") if offset == 0 else ""
            text.append(f"{label:<11}", style=style)
            if summary is not None and summary.passes:
                practised += 1
            if summary is None or (not summary.sessions and not summary.rest):
                text.append("  ·", style=muted)
            elif summary.sessions:
                full = min(summary.passes, max(target, summary.passes))
                text.append(f"  {pass_meter(full, target)}", style=done if summary.passes >= target else "")
                text.append(f"  {summary.minutes:.0f} min", style=muted)
            if summary is not None and summary.rest:
                reason = f": {safe_text(summary.rest_reason)}" if summary.rest_reason else ""
                text.append(f"  rest{reason}", style=muted)
            text.append("\n")
        days = "day" if view.streak == 1 else "days"
        text.append(f"Streak {view.streak} {days}", style="bold")
        text.append(f" · {practised} of {WEEK_DAYS} days practised", style=muted)
        return text
