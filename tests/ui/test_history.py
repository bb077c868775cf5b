"""The History screen: cursor, month and year keys, shading toggle, day detail, and figures read from the log."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta

import pytest
from rich.console import Console
from rich.style import Style

from tests.conftest import make_app
from tests.history_data import history_template
from tests.ui.rich_review import rich_coverage, rich_figures
from tui.core.calendar import add_months, add_years, month_start
from tui.store import Log
from tui.store.history import load_month_review
from tui.ui.dialogs.day_detail import DayDetailScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.widgets.history.heatmap import Heatmap
from tui.ui.widgets.history.month_calendar import MonthCalendar
from tui.ui.widgets.history.month_review import ReviewFigures, ZoneCoverageTable, line_segments

TODAY = date(2026, 11, 22)  # the fake clock's practice day


def plain(renderable) -> str:
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """A year and a half of seeded history, written once per module."""
    return history_template(tmp_path_factory.mktemp("history"), date(2025, 3, 1), TODAY - timedelta(days=1), seed=2)




async def open_history(app, pilot):
    await pilot.press("h")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_opens_on_today_with_the_months_review_from_the_log(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.cursor == TODAY
        review = app.screen.query_one(ReviewFigures).review
        assert review == load_month_review(history_log, TODAY)
        assert app.screen.query_one(ZoneCoverageTable).review is review
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.data.view.title == "the last 53 weeks"
        assert heatmap.cursor == TODAY
        assert heatmap.data.days == history_log.day_summaries(heatmap.data.view.start, TODAY)


async def test_arrows_move_by_day_and_week_and_stop_at_today(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("down", "right")
        assert screen.cursor == TODAY
        await pilot.press("up")
        assert screen.cursor == TODAY - timedelta(days=1)
        await pilot.press("left", "left")
        assert screen.cursor == TODAY - timedelta(days=15)
        await pilot.press("right")
        assert screen.cursor == TODAY - timedelta(days=8)
        assert app.screen.query_one(Heatmap).cursor == screen.cursor
        assert app.screen.query_one(MonthCalendar).cursor == screen.cursor


async def test_month_keys_change_the_reviewed_month(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.cursor == add_months(TODAY, -2)
        review = app.screen.query_one(ReviewFigures).review
        assert review.current.month == month_start(add_months(TODAY, -2))
        assert review == load_month_review(history_log, add_months(TODAY, -2))
        await pilot.press("right_square_bracket")
        assert app.screen.query_one(ReviewFigures).review.current.month == month_start(add_months(TODAY, -1))
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.cursor == TODAY  # never beyond today


async def test_year_keys_show_calendar_years_and_come_back_to_the_last_53_weeks(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        await pilot.press("left_curly_bracket")
        assert screen.cursor == add_years(TODAY, -1)
        assert heatmap.data.view.title == "2025"
        assert heatmap.data.view.shown_from == date(2025, 1, 1)
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert screen.cursor == date(2025, 1, 1)  # the log starts in 2025: no further back
        await pilot.press("right_curly_bracket")
        assert heatmap.data.view.title == "the last 53 weeks"
        await pilot.press("up", "home")
        assert screen.cursor == TODAY


async def test_m_shades_by_minutes(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        await pilot.press("m")
        assert screen.by_minutes and heatmap.by_minutes
        assert "by minutes" in app.screen.query_one("#heatmap-box").border_title
        await pilot.press("m")
        assert not heatmap.by_minutes


async def test_clicking_a_day_moves_the_cursor(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        heatmap = app.screen.query_one(Heatmap)
        view = heatmap.data.view
        # Column 4 + week 10, row 1 + weekday 2 (Wednesday).
        await pilot.click(Heatmap, offset=(4 + 10, 1 + 2))
        assert screen.cursor == view.start + timedelta(weeks=10, days=2)


async def test_day_detail_shows_the_sessions_of_the_day(log, clock):
    day = TODAY - timedelta(days=3)
    clock.now = datetime.combine(day, time(7, 5), tzinfo=UTC)
    session = log.start_session()
    log.set_rating(session.id, "before", "stress", 4)
    for pass_no in (1, 2):
        for zone in log.routine.zone_ids:
            if (pass_no, zone) != (2, "crown"):
                clock.advance(15)
                log.add_check(session.id, pass_no, zone)
    log.set_rating(session.id, "after", "stress", 2)
    log.update_session(session.id, note="slow and firm", oil=True)
    log.finish_session(session.id, at=datetime.combine(day, time(7, 17), tzinfo=UTC))
    log.log_session(day - timedelta(days=1), passes=3, minutes=9)
    log.set_rest(day - timedelta(days=2), "travel")
    clock.now = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("up", "up", "up", "enter")
        detail = app.screen
        assert isinstance(detail, DayDetailScreen) and detail.day == day
        text = plain(detail.describe())
        assert "1 full pass (partial)" in text
        assert "07:05–07:17" in text and "12 min" in text and "oil" in text
        assert "left out: Crown (pass 2)" in text
        assert "slow and firm" in text
        assert "stress 4 → 2" in text
        await pilot.press("left")
        assert detail.day == day - timedelta(days=1)
        assert "back-filled" in plain(detail.describe())
        await pilot.press("left")
        text = plain(detail.describe())
        assert "A planned rest day" in text and "rest day: travel" in text
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.cursor == day - timedelta(days=2)  # the cursor follows the detail


async def test_the_screen_rereads_the_log_when_it_comes_back(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.query_one(ReviewFigures).review.current.practised == 0
        await pilot.press("t")
        log.log_session(TODAY - timedelta(days=1), passes=3, minutes=9)
        await pilot.press("h")
        await pilot.pause()
        review = screen.query_one(ReviewFigures).review
        assert review.current.practised == 1 and review.current.current_streak == 1
        assert screen.query_one(Heatmap).data.days[TODAY - timedelta(days=1)].passes == 3


async def test_an_empty_log_opens_and_navigates(log):
    app = make_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("left_curly_bracket", "up", "enter")
        assert isinstance(app.screen, DayDetailScreen)
        assert "Nothing logged" in plain(app.screen.describe())
        await pilot.press("escape")
        assert screen.cursor.year == TODAY.year
        assert screen.query_one(ReviewFigures).review.current.consistency is None


async def test_narrow_terminal_stacks_the_panels_and_pages_them(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.has_class("-narrow")
        assert not screen.query_one("#calendar-box").display
        bottom = screen.query_one("#history-bottom")
        assert bottom.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert bottom.scroll_y > 0


async def test_a_write_from_another_process_is_read_and_nothing_is_reread_otherwise(file_log, clock):
    app = make_app(file_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        reader = screen.reader
        await pilot.press("enter", "escape")  # back from the detail: nothing changed, nothing re-read
        assert screen.reader is reader
        other = Log.open(file_log.path, clock=clock, zone=UTC)
        try:
            other.log_session(TODAY - timedelta(days=2), passes=3, minutes=7)
        finally:
            other.close()
        await pilot.press("t", "h")
        await pilot.pause()
        assert screen.reader is not reader
        assert screen.query_one(Heatmap).data.days[TODAY - timedelta(days=2)].passes == 3


async def test_clicking_a_day_of_the_month_calendar_moves_the_cursor(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        # November 2026 starts on a Sunday: the last cell of the first row; the row below is 2-8 Nov.
        await pilot.click(MonthCalendar, offset=(6 * 3 + 1, 1))
        assert screen.cursor == date(2026, 11, 1)
        await pilot.click(MonthCalendar, offset=(2 * 3 + 1, 2))
        assert screen.cursor == date(2026, 11, 4)
        await pilot.click(MonthCalendar, offset=(6 * 3 + 1, 5))  # 29 November: still to come
        assert screen.cursor == date(2026, 11, 4)


async def test_review_panels_draw_what_rich_tables_drew(history_log):
    """The panels draw their tables line by line, as Rich's Tables drew them (tests/ui/rich_review.py).

    Their heights are counted without drawing; the count must match too.
    """
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(app, pilot)
        figures, coverage = app.screen.query_one(ReviewFigures), app.screen.query_one(ZoneCoverageTable)
        months = [add_months(month_start(TODAY), -n) for n in range(22)]  # before the log began, too
        size = app.size
        console = app.console
        checked = 0
        for month in months:
            review = load_month_review(history_log, month)
            for widget in (figures, coverage):
                widget.review = review
                # The narrowest each panel gets (at 60 columns, or 96 side by side) and wider.
                for width in (26 if widget is coverage else 40, 46, 53, 60, 75, 90):
                    drawn = [line_segments(line, console) for line in widget.text_lines(width)]
                    assert widget.get_content_height(size, size, width) == len(drawn)
                    # The reference, as Textual drew a Rich renderable: its lines at that width.
                    reference = rich_figures(widget) if widget is figures else rich_coverage(widget, width)
                    options = app.console_options.update_width(width).update(highlight=False)
                    lines = console.render_lines(reference, options, pad=False)
                    assert cells(drawn) == cells(lines), (type(widget).__name__, month, width)
                    checked += 1
        assert checked == len(months) * 2 * 6


def cells(lines) -> list[list[tuple[str, object]]]:
    """Each line as its characters and their styles (however the segments are split), trailing blanks dropped."""
    out = []
    for line in lines:
        chars = [(char, segment.style or Style.null()) for segment in line for char in segment.text]
        while chars and chars[-1][0] == " " and not chars[-1][1].bgcolor:
            chars.pop()
        out.append(chars)
    return out


async def test_v_switches_to_the_trends_and_back_and_the_cards_show_the_logs_report(history_log):
    from tui.store.trends import load_trends
    from tui.ui.widgets.history.trends import TrendCard

    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        # Read ahead (a worker, its own connection) once the review has been on screen without a key.
        await pilot.pause(app.IDLE_AFTER_KEY_S + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.trends == load_trends(history_log) and screen.showing == "review"
        await pilot.press("v")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.showing == "trends"
        expected = load_trends(history_log)
        assert screen.trends == expected
        cards = list(screen.query(TrendCard))
        assert cards and all(card.trends is screen.trends for card in cards)
        streaks = screen.query_one("#trend-streaks", TrendCard)
        best = expected.best_streaks[0]
        assert f"{best.length} days" in str(streaks.render())
        await pilot.press("u")
        assert screen.trend_unit == "month" and all(card.trend_unit == "month" for card in cards)
        await pilot.press("v")
        assert screen.showing == "review"
        assert screen.query_one("#history-views").current == "history-review"


async def test_each_view_has_its_own_keys(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)

        def footer_actions() -> set[str]:
            return {binding.action for _ns, binding, enabled, _tip in screen.active_bindings.values() if enabled}

        assert {"month(-1)", "detail", "toggle_minutes"} <= footer_actions()
        assert "cycle_unit" not in footer_actions()
        await pilot.press("u")  # the trends' unit: nothing to change on the review
        assert screen.trend_unit == "week"
        await pilot.press("v")
        await pilot.pause()
        cursor = screen.cursor
        # The heatmap's keys do nothing behind the cards, and the footer offers the unit instead.
        await pilot.press("left_square_bracket", "left", "m")
        assert screen.cursor == cursor and not screen.by_minutes
        assert "cycle_unit" in footer_actions()
        assert not {"month(-1)", "detail", "toggle_minutes", "move(-7)"} & footer_actions()
        await pilot.press("v", "left_square_bracket")
        assert screen.cursor == add_months(cursor, -1)


async def test_trends_are_read_again_after_the_log_changes(history_log):
    app = make_app(history_log)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        before = screen.trends.overview.sessions
        history_log.log_session(TODAY - timedelta(days=40), passes=3, minutes=5)
        screen.refresh_data()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.trends.overview.sessions == before + 1


async def test_the_day_detail_scrolls_by_keyboard(history_log):
    from tui.ui.dialogs.day_detail import DetailBox

    history_log.update_session(history_log.log_session(TODAY - timedelta(days=1), passes=3, minutes=5).id, note="\n".join(f"line {n}" for n in range(60)))
    app = make_app(history_log)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("up", "enter")
        await pilot.pause()
        box = app.screen.query_one(DetailBox)
        assert box.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0
