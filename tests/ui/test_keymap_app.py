"""The keys file in the running app: remaps apply everywhere they show, a bad file changes nothing."""

from __future__ import annotations

from tests.conftest import make_app
from tests.ui.test_settings import plain
from tui.ui.bindings import binding_catalog
from tui.ui.dialogs.help import HelpScreen
from tui.ui.dialogs.settings import SettingsScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.today import TodayScreen
from tui.ui.screens.zones import ZonesScreen
from tui.ui.widgets.keys_panel import KeysPanel
from tui.ui.widgets.modebar import ModeBar

SIZE = (110, 36)


def write_keys(tmp_path, text: str):
    (tmp_path / "keys.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_catalog_lists_every_binding_id():
    import tui.ui.app  # noqa: F401  (the catalog sees the classes that are imported, as in the running app)

    ids = set(binding_catalog())
    expected = {"app.today", "app.zones", "app.history", "app.help", "app.settings", "app.quit"}
    assert expected | {"help.close", "settings.close"} <= ids
    assert list(binding_catalog())[0].startswith("app.")


async def test_a_remapped_key_works_and_the_old_one_does_not(log, tmp_path):
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.zones = "f2"\napp.settings = ["f4", "comma"]\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ZonesScreen)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert not app._notifications  # a good file says nothing


async def test_help_the_mode_bar_and_settings_show_the_remapped_keys(log, tmp_path):
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.history = "f3"\n'))
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(ModeBar)
        assert "History (f3)" in bar.render().plain
        help_keys = {b.id: b.key for _, bindings in app.help_sections() for b in bindings}
        assert help_keys["app.history"] == "f3" and help_keys["app.today"] == "t"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "comma")
        await pilot.pause()
        panel = app.screen.query_one(KeysPanel)
        intro = plain(panel.query_one("#keys-intro"))
        assert str(tmp_path / "keys.toml") in intro and "1 binding remapped" in intro
        table = plain(panel.query_one("#keys-table"))
        assert "app.history" in table and "f3" in table and "settings.close" in table


async def test_a_malformed_file_gets_a_notice_and_the_defaults(log, tmp_path, capsys):
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.zones = "f2\n'))  # unterminated string
    assert "using the default keys" in capsys.readouterr().err
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = [n for n in app._notifications if n.title == "Keys file not used"]
        assert len(notices) == 1 and "not valid TOML" in notices[0].message
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ZonesScreen)  # the default key still works


async def test_an_unknown_id_gets_a_notice_and_nothing_of_the_file_is_applied(log, tmp_path):
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.history = "f3"\napp.zoens = "f2"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = " ".join(n.message for n in app._notifications)
        assert "unknown binding id 'app.zoens' (did you mean app.zones?)" in message
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_a_clash_is_applied_with_a_warning(log, tmp_path):
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.today = "h"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert warnings and "h is bound to both app.today and app.history" in warnings[0].message


async def test_a_key_taken_from_a_mode_screen_is_a_clash(log, tmp_path):
    """The Today screen's own keys count: o is its oil key, so giving it to the settings warns."""
    app = make_app(log, config_dir=write_keys(tmp_path, 'app.settings = "o"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert warnings and "o is bound to both app.settings and today.oil" in warnings[0].message


async def test_without_a_config_dir_no_file_is_read(log):
    app = make_app(log)
    async with app.run_test(size=SIZE) as pilot:
        assert app.keymap_report is None and app.keymap() == {}
        await pilot.press("comma")
        await pilot.pause()
        intro = plain(app.screen.query_one("#keys-intro"))
        assert "No keys file is read" in intro


def test_the_readme_documents_every_binding_id():
    """The README's table of ids is the user's only reference for keys.toml: it must not drift."""
    import re
    from pathlib import Path

    import tui.ui.app  # noqa: F401

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Keys and remapping", 1)[1]
    documented = set(re.findall(r"^\| `([a-z_]+(?:\.[a-z_0-9]+)+)` \|", section, flags=re.M))
    assert documented == set(binding_catalog())
