"""History: the year heatmap, the month calendar and the monthly consistency review."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.reactive import reactive
from textual.widgets import ContentSwitcher

from tui.core import stats
from tui.core.calendar import add_months, add_years, month_end, month_start
from tui.core.models import DaySummary
from tui.core.review_text import month_name, span_label
from tui.core.safe_text import safe_text
from tui.core.trend_report import TrendReport
from tui.store.history import HistoryReader
from tui.ui.dialogs.day_detail import DayDetailScreen
from tui.ui.screens.base import ModeScreen
from tui.ui.screens.history_trends import TrendsReading
from tui.ui.widgets.history.heatmap import Heatmap, HeatmapData, HeatmapView, ShadedDays, view_for, view_of_year
from tui.ui.widgets.history.month_calendar import MonthCalendar
from tui.ui.widgets.history.month_review import ReviewFigures, ZoneCoverageTable
from tui.ui.widgets.history.trends import TrendCard, card_specs, next_unit


class Panel(VerticalScroll, can_focus=False):
    """A scrolling panel that never takes the focus, so the arrow keys stay with the cursor."""


#: Below this width the month calendar is left out and the two review panels are stacked.
NARROW_WIDTH = 96
#: From this width the Trends cards sit in two columns (each needs about 60).
TWO_COLUMNS_WIDTH = 120


class HistoryScreen(TrendsReading, ModeScreen):
    """Move a cursor over the days; the review follows the cursor's month."""

    MODE = "history"

    # For speed: this screen's rules, parsed after Today's first frame (lazy_screens.preload_steps).
    CSS_PATH = "history.tcss"

    BINDINGS = [
        Binding(
            "v",
            "toggle_view",
            "Trends/Review",
            id="history.trends",
            tooltip="Switch between the month's review and the trends of 12 months",
        ),
        Binding(
            "u",
            "cycle_unit",
            "Trend unit",
            id="history.trend_unit",
            tooltip="Show the trends' strength and bars by day, week, month, quarter or year",
        ),
        Binding(
            "left",
            "move(-7)",
            "Week back",
            show=False,
            id="history.week_back",
            tooltip="Cursor to the same weekday a week earlier",
        ),
        Binding(
            "right",
            "move(7)",
            "Week on",
            show=False,
            id="history.week_on",
            tooltip="Cursor to the same weekday a week later",
        ),
        Binding("up", "move(-1)", "Day back", show=False, id="history.day_back", tooltip="Cursor to the day before"),
        Binding("down", "move(1)", "Day on", show=False, id="history.day_on", tooltip="Cursor to the day after"),
        Binding(
            "left_square_bracket",
            "month(-1)",
            "Month",
            key_display="[ ]",
            id="history.month_back",
            tooltip="Review the month before",
        ),
        Binding(
            "right_square_bracket",
            "month(1)",
            "Next month",
            show=False,
            id="history.month_on",
            tooltip="Review the month after",
        ),
        Binding(
            "left_curly_bracket",
            "year(-1)",
            "Year",
            key_display="{ }",
            id="history.year_back",
            tooltip="Show the year before",
        ),
        Binding(
            "right_curly_bracket",
            "year(1)",
            "Next year",
            show=False,
            id="history.year_on",
            tooltip="Show the year after",
        ),
        Binding("enter", "detail", "Day", id="history.detail", tooltip="Open the cursor day's detail"),
        Binding(
            "m",
            "toggle_minutes",
            "Passes/min",
            id="history.minutes",
            tooltip="Shade the days by minutes instead of passes (and back)",
        ),
        Binding(
            "pagedown",
            "scroll_review(1)",
            "Scroll down",
            show=False,
            id="history.scroll_down",
            tooltip="Scroll the review and zone panels down",
        ),
        Binding(
            "pageup",
            "scroll_review(-1)",
            "Scroll up",
            show=False,
            id="history.scroll_up",
            tooltip="Scroll the review and zone panels up",
        ),
        Binding(
            "home",
            "go_today",
            "Today",
            show=False,
            id="history.today",
            tooltip="Cursor back to today and the last 53 weeks",
        ),
    ]

    cursor: reactive[date] = reactive(date.min, init=False)
    """The day under the cursor; the review shows its month."""
    by_minutes: reactive[bool] = reactive(False, init=False)
    """Shade the days by minutes rather than passes."""
    heat: reactive[HeatmapData | None] = reactive(None, init=False)
    """What the heatmap and the month calendar draw (bound to both with data_bind)."""
    review: reactive[stats.MonthReview | None] = reactive(None, init=False)
    """The cursor month's review (bound to both review panels with data_bind)."""
    showing: reactive[str] = reactive("review", init=False, bindings=True)
    """Which view is shown: "review" (the month) or "trends" (12 months); each has its own keys."""
    trends: reactive[TrendReport | None] = reactive(None, init=False)
    """The Trends report the cards draw (bound to each with data_bind); None while it is read."""
    trend_unit: reactive[str] = reactive("week", init=False)
    """The period of the trends' strength chart and bars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reader: HistoryReader | None = None
        self.view: HeatmapView | None = None
        self._reviews: dict[date, stats.MonthReview] = {}
        self._stamp: tuple[Any, ...] | None = None
        self._trends_stamp: tuple[Any, ...] | None = None
        self._fitted_width = 0

    # --- layout --------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        routine = self.store.routine
        names = {z.id: z.name for z in routine.zones}
        shorts = {z.id: z.short for z in routine.zones}

        def name(zone: str) -> str:
            return names.get(zone, zone)  # the routine names every zone a review holds

        def short(zone: str) -> str:
            return shorts.get(zone, zone)

        with ContentSwitcher(initial="history-review", id="history-views"):
            with Vertical(id="history-review"):
                with Horizontal(id="history-top"):
                    with Vertical(id="heatmap-box", classes="box"):
                        yield Heatmap(id="heatmap").data_bind(
                            data=HistoryScreen.heat, cursor=HistoryScreen.cursor, by_minutes=HistoryScreen.by_minutes
                        )
                    with Vertical(id="calendar-box", classes="box"):
                        yield MonthCalendar(id="month-calendar").data_bind(
                            data=HistoryScreen.heat, cursor=HistoryScreen.cursor, by_minutes=HistoryScreen.by_minutes
                        )
                with Container(id="history-bottom"):
                    with Panel(id="review-box", classes="box"):
                        yield ReviewFigures(name, short, id="review-figures").data_bind(
                            HistoryScreen.review
                        )
                    with Panel(id="coverage-box", classes="box"):
                        yield ZoneCoverageTable(name, short, id="zone-coverage").data_bind(
                            HistoryScreen.review
                        )
            with Panel(id="history-trends"):
                for card_id, title, lines in card_specs(name):
                    card = TrendCard(title, lines, id=card_id)
                    yield card.data_bind(HistoryScreen.trends, HistoryScreen.trend_unit)

    def _fit(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.set_class(width >= TWO_COLUMNS_WIDTH, "-wide")
        # The heatmap's width follows the terminal's (wide cells when there is room), but Textual
        # keeps the arrangement of its auto-width box by the box's own size, not the terminal's:
        # asking for a new layout of the heatmap lays its box out again as well. Only when the
        # width changed, so that showing History again (`h`) costs no extra layout.
        if width != self._fitted_width:
            self._fitted_width = width
            for heatmap in self.query(Heatmap):
                heatmap.refresh(layout=True)

    def on_resize(self, event: Resize) -> None:
        # ModeScreen's own on_resize runs as well (Textual calls the handler of every class).
        self._fit(event.size.width)

    def on_screen_resume(self, event: ScreenResume) -> None:
        # ModeScreen's handler runs next (re-reads the data; skips Textual's restyle when needless).
        # A screen first shown after start-up gets no Resize: take the terminal's width here too.
        self._fit(self.app.size.width)
        self._read_ahead_when_quiet()

    def prepare_offscreen(self) -> None:
        """Read and draw what the screen shows before it is shown (it is built ahead, tui/ui/prebuild.py).

        Resuming it later re-reads only if the log, the day or (with a session open) the
        minute changed since, and its layout follows the terminal's size then.
        """
        self._fit(self.app.size.width)
        self.refresh_data()
        self.remember_styling()

    # --- data ----------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Re-read the log when it may have changed (on another screen, in another process) and redraw."""
        store = self.store
        # Minutes of an open session grow with the clock: then re-read at least once a minute.
        # Without one, nothing shown depends on the time of day (a screen built ahead while the
        # app sat idle stays current across minutes).
        minute = int(store.now().timestamp() // 60) if store.active_session() is not None else None
        stamp = (store.change_stamp(), store.today(), minute)
        if self.reader is not None and stamp == self._stamp:
            return
        self._stamp = stamp
        self.reader = HistoryReader(store)
        self._reviews.clear()
        today = self.reader.today
        cursor = today if self.cursor == date.min else self._clamp(self.cursor)
        self.set_reactive(HistoryScreen.cursor, cursor)
        self.view = None
        self._draw()
        self._cursor_drawn()
        if self.showing == "trends":
            self._load_trends()
        else:
            self._read_ahead_when_quiet()

    #: Actions that act on the heatmap and the month's review, hidden with them in the Trends view.
    REVIEW_ACTIONS = frozenset({"move", "month", "year", "detail", "toggle_minutes", "go_today"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Each view's keys only: the footer, the help and the key itself follow what is shown.
        if action in self.REVIEW_ACTIONS:
            return self.showing == "review"
        if action == "cycle_unit":
            return self.showing == "trends"
        return True

    def watch_showing(self, value: str) -> None:
        self.query_one(ContentSwitcher).current = f"history-{value}"
        if value == "trends":
            self._load_trends()

    def action_toggle_view(self) -> None:
        self.showing = "trends" if self.showing == "review" else "review"

    def action_cycle_unit(self) -> None:
        self.trend_unit = next_unit(self.trend_unit)

    @property
    def loaded(self) -> HistoryReader:
        """The reader of the last refresh_data: the screen is read when it is shown or built, before any key."""
        reader = self.reader
        assert reader is not None, "refresh_data runs before the screen takes keys or draws"
        return reader

    @property
    def earliest(self) -> date:
        """The first day the cursor may reach: 1 January of the first logged year."""
        reader = self.loaded
        first = min(reader.first_day or reader.today, reader.today)
        return date(first.year, 1, 1)

    def _clamp(self, day: date) -> date:
        return min(self.loaded.today, max(self.earliest, day))

    def _draw(self, view: HeatmapView | None = None) -> None:
        reader = self.reader
        if reader is None:
            return
        week_start = reader.settings.week_start
        if view is not None:
            self.view = view
        elif self.view is None or not self.view.shows(self.cursor):
            self.view = view_for(self.cursor, reader.today, week_start)
        view = self.view
        first_shown = min(view.start, month_start(self.cursor))
        last_shown = max(view.end, month_end(self.cursor))
        reader.prefetch(first_shown, last_shown, self.cursor)
        settings = reader.settings
        data = HeatmapData(
            view=view,
            days=reader.summaries(first_shown, last_shown),
            today=reader.today,
            first_day=reader.first_day,
            week_start=week_start,
            target_passes=reader.target.passes,
            passes_on=reader.targets.passes_on,
            target_minutes=(settings.target_min_minutes, settings.target_max_minutes),
        )
        self.heat = data
        self._draw_titles()
        self._draw_review()

    def _draw_titles(self) -> None:
        summary = self.loaded.summary(self.cursor)
        view = self.view
        assert view is not None, "drawn with the reader (_draw sets the view)"
        box = self.query_one("#heatmap-box")
        box.border_title = f"{view.title.capitalize()} · by {'minutes' if self.by_minutes else 'passes'}"
        box.border_subtitle = Content(self._day_line(self.cursor, summary))  # plain: it holds a rest reason
        self.query_one("#calendar-box").border_title = self.cursor.strftime("%B %Y")

    def _day_line(self, day: date, summary: DaySummary | None) -> str:
        label = day.strftime("%a %-d %b")
        if summary is None or (not summary.sessions and not summary.rest):
            return f"{label}: nothing logged"
        if stats.is_rest(summary):
            return f"{label}: rest ({safe_text(summary.rest_reason) if summary.rest_reason else 'no reason'})"
        plural = "es" if summary.passes != 1 else ""
        return f"{label}: {summary.passes} pass{plural}, {summary.minutes:.0f} min"

    def _draw_review(self) -> None:
        month = month_start(self.cursor)
        review = self._reviews.get(month)
        if review is None:
            review = self._reviews[month] = self.loaded.month_review(month)
        self.review = review
        target = self.loaded.targets.on(review.current.as_of)
        days = review.current.session_days
        self.query_one("#coverage-box").border_title = f"Zones · {days} session day{'s' if days != 1 else ''}"
        self.query_one(
            "#review-box"
        ).border_title = f"{month_name(month)} · {span_label(review.current)} · target {target.days_per_week}/7"

    # --- the cursor ----------------------------------------------------------------------

    def _cursor_drawn(self) -> None:
        """Hand a cursor set without its watcher (the view was drawn for it already) to the bound widgets."""
        self.mutate_reactive(HistoryScreen.cursor)

    def watch_cursor(self, old: date, new: date) -> None:
        if self.reader is None:
            return
        if self.view is not None and self.view.shows(new) and month_start(old) == month_start(new):
            # Same month, same view: only the highlight (bound) and the day line change.
            self._draw_titles()
            return
        self._draw()

    def watch_by_minutes(self, value: bool) -> None:
        if self.reader is not None:
            self._draw_titles()

    def action_move(self, days: int) -> None:
        self.cursor = self._clamp(self.cursor + timedelta(days=days))

    def action_month(self, months: int) -> None:
        self.cursor = self._clamp(add_months(self.cursor, months))

    def action_year(self, years: int) -> None:
        reader = self.loaded
        day = self._clamp(add_years(self.cursor, years))
        view = view_of_year(day.year, reader.today, reader.settings.week_start)
        if not view.shows(day):
            day = self._clamp(min(view.shown_to, max(view.shown_from, day)))
        self.set_reactive(HistoryScreen.cursor, day)
        self._draw(view)
        self._cursor_drawn()

    def action_go_today(self) -> None:
        reader = self.loaded
        self.set_reactive(HistoryScreen.cursor, reader.today)
        self._draw(view_of_year(reader.today.year, reader.today, reader.settings.week_start))
        self._cursor_drawn()

    def action_scroll_review(self, direction: int) -> None:
        for box in (self.query_one("#history-bottom"), *self.query(Panel)):
            if not box.display or (self.showing == "trends") != (box.id == "history-trends"):
                continue
            if box.max_scroll_y:
                page = max(1, box.scrollable_content_region.height - 2)
                box.scroll_to(y=box.scroll_y + direction * page, animate=False)

    def action_toggle_minutes(self) -> None:
        self.by_minutes = not self.by_minutes

    def action_detail(self) -> None:
        def back(day: date | None) -> None:
            if day is not None:
                self.cursor = self._clamp(day)

        self.app.push_screen(DayDetailScreen(self.cursor, self.earliest, self.loaded.today), back)

    @on(ShadedDays.DayClicked)
    def _clicked(self, event: ShadedDays.DayClicked) -> None:
        self.cursor = self._clamp(event.day)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "History: trends or review",
            "Switch between the month's review and 12 months of trends",
            self.action_toggle_view,
        )
        yield SystemCommand("History: day detail", "Open the detail of the day under the cursor", self.action_detail)
        yield SystemCommand(
            "History: shade by passes or minutes", "Switch the heatmap's shading", self.action_toggle_minutes
        )
        yield SystemCommand("History: back to today", "Cursor to today, the last 53 weeks", self.action_go_today)
        yield SystemCommand("History: month before", "Review the month before", lambda: self.action_month(-1))
        yield SystemCommand("History: month after", "Review the month after", lambda: self.action_month(1))
        yield SystemCommand("History: year before", "Show the year before", lambda: self.action_year(-1))
        yield SystemCommand("History: year after", "Show the year after", lambda: self.action_year(1))
