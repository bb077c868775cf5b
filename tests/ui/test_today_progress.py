"""Today keeps progress in sight at 80x24: one line with the streak, this week and this month."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import make_app
from tui.store import Log
from tui.ui.widgets.today.progress_strip import ProgressStrip, progress_line
from tui.ui.widgets.today.week_strip import WeekStrip

TODAY = date(2026, 11, 22)  # a Sunday: the week is Mon 16 to Sun 22


def test_progress_counts_practised_days_of_the_week_and_month_so_far(log: Log):
    for back in (0, 1, 3, 10):  # Sun 22, Sat 21, Thu 19, Thu 12
        log.log_session(TODAY - timedelta(days=back), passes=3, minutes=8)
    log.log_session(TODAY - timedelta(days=2), passes=0, minutes=2)  # no full pass: not practised
    log.set_rest_days([TODAY - timedelta(days=4)], "travel")  # rest: not practised
    summaries = log.day_summaries(TODAY.replace(day=1), TODAY)
    assert progress_line(TODAY, 2, summaries) == "Streak 2 days · week 3/7 · month 4/22"
    assert progress_line(TODAY.replace(day=1), 1, {}) == "Streak 1 day · week 0/7 · month 0/1"


async def test_the_line_is_on_screen_at_80x24_and_the_week_box_at_tall_sizes(log: Log):
    log.log_session(TODAY - timedelta(days=1), passes=3, minutes=8)
    app = make_app(log)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(ProgressStrip)
        assert strip.display and not app.screen.query_one("#today-week-box").display
        assert strip.region.bottom <= 23 and strip.region.width >= 38  # above the footer, whole
        assert strip.render_line(0).text.strip() == "Streak 1 day · week 1/7 · month 1/22"
    async with make_app(log).run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query_one(ProgressStrip).display
        assert pilot.app.screen.query_one(WeekStrip).region.height > 0
