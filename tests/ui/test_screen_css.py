"""Each screen's CSS file is read while the app is idle, so showing the screen re-parses nothing."""

from __future__ import annotations

from tests.conftest import make_app
from tui.ui.lazy_screens import SCREENS, read_screen_css, screen_class
from tui.ui.screens.history import HistoryScreen


def test_the_app_stylesheet_holds_only_the_shared_and_today_rules(log):
    app = make_app(log)
    (app_css,) = app.css_path
    text = app_css.read_text()
    for selector in ("HistoryScreen", "#heatmap-box", "ZonesScreen", "#zones-columns", "SettingsScreen", "#help-box"):
        assert selector not in text
    stylesheet = app.stylesheet
    for name in SCREENS:
        read_screen_css(stylesheet, screen_class(name))
    read = {path.rsplit("/", 1)[-1] for path, _ in stylesheet.source}
    assert read == {"help.tcss", "settings.tcss", "history.tcss", "zones.tcss"}


async def test_a_screen_whose_css_was_read_opens_without_a_reparse(log):
    app = make_app(log)
    async with app.run_test(size=(100, 30)) as pilot:
        for name in SCREENS:
            read_screen_css(app.stylesheet, screen_class(name))
        reparsed = []
        original = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (reparsed.append(True), original())[1]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        # Textual's own check finds the file known: the same path key as read_screen_css's.
        assert all(app.stylesheet.has_source(str(path)) for path in app.screen.css_path)
        assert reparsed == []
