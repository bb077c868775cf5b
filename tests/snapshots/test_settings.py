"""Snapshots of the settings screen at a fixed date, theme and size."""

from tests.conftest import make_app


def test_settings_screen(snap_compare, log):
    log.save_settings(focus_zones={"temple_left", "temple_right", "top"}, passes=2)
    assert snap_compare(make_app(log), terminal_size=(110, 36), press=["comma"])


async def _open_settings(pilot):
    # Settled before the picture: the long form's scrollbar thumb is drawn from its full height.
    await pilot.press("comma")
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_settings_screen_small(snap_compare, log):
    assert snap_compare(make_app(log), terminal_size=(80, 24), run_before=_open_settings)


def test_settings_screen_refused_value(snap_compare, log, tmp_path):
    """A refused value is flagged beside its field and in the status line; the keys file is shown."""
    (tmp_path / "keys.toml").write_text('app.history = "f3"\n', encoding="utf-8")

    async def run_before(pilot):
        await pilot.press("comma")
        await pilot.pause()
        pilot.app.screen.query_one("#set-days_per_week").focus()
        await pilot.pause()
        await pilot.press("9", "enter")
        await pilot.pause()

    app = make_app(log, config_dir=tmp_path)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
