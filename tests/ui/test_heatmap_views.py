"""What the heatmap shows: the last 53 weeks or a calendar year, in whole weeks from the chosen week start."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import make_app
from tui.ui.widgets.history.heatmap import legend_names, rolling_view, view_for, view_of_year, year_view

TODAY = date(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize("week_start", [0, 6])
def test_rolling_view_is_53_whole_weeks_ending_with_todays(week_start):
    view = rolling_view(TODAY, week_start)
    assert view.weeks == 53
    assert view.start.weekday() == week_start
    assert view.start <= TODAY <= view.end < view.start + timedelta(weeks=53)
    assert view.shows(TODAY) and not view.shows(TODAY + timedelta(days=1))


@pytest.mark.parametrize(("year", "week_start"), [(2024, 0), (2025, 6), (2020, 0), (2021, 4)])
def test_year_view_holds_the_whole_year_in_whole_weeks(year, week_start):
    view = year_view(year, TODAY, week_start)
    assert view.start.weekday() == week_start
    assert (view.end - view.start).days % 7 == 6
    assert view.shows(date(year, 1, 1)) and view.shows(date(year, 12, 31))
    assert not view.shows(date(year, 1, 1) - timedelta(days=1))
    assert view.weeks in (53, 54)


def test_the_view_follows_the_day():
    assert view_for(TODAY - timedelta(days=300), TODAY).title == "the last 53 weeks"
    assert view_for(date(2024, 5, 1), TODAY).title == "2024"
    assert view_of_year(2026, TODAY).title == "the last 53 weeks"
    assert view_of_year(2025, TODAY).title == "2025"


def test_legend_names_follow_the_target_passes():
    assert legend_names(3) == ("none", "1", "2", "3 full", "4+ bonus")
    assert legend_names(1) == ("none", "", "", "1 full", "2+ bonus")
    assert legend_names(5) == ("none", "1–2", "3–4", "5 full", "6+ bonus")


async def test_history_actions_are_in_the_palette(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "History: day detail" in titles and "History: shade by passes or minutes" in titles
        [detail] = [c for c in app.get_system_commands(app.screen) if c.title == "History: day detail"]
        detail.callback()
        await pilot.pause()
        assert type(app.screen).__name__ == "DayDetailScreen"


def test_history_modules_outside_the_ui_do_not_import_textual():
    import subprocess
    import sys

    code = (
        "import sys, tui.core.stats, tui.core.review_text, tui.store.history, tui.commands.stats\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
