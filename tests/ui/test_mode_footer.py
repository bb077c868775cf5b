"""The mode screens' footer: rebuilt only when what it shows changed, and always showing the keys in force."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tui.ui.widgets.mode_footer import ModeFooter


def keys_shown(footer: ModeFooter) -> list[str]:
    """The footer's keys as drawn: key display and description."""
    return [
        f"{key.key_display} {key.description}".strip()
        for key in footer.query("FooterKey")
        if not key.has_class("-command-palette")
    ]


def expected_keys(screen) -> list[str]:
    """The keys the screen's active bindings say the footer should show (what Textual's footer shows)."""
    app = screen.app
    shown = [
        f"{app.get_key_display(binding)} {binding.description}".strip()
        for _ns, binding, _enabled, _tooltip in screen.active_bindings.values()
        if binding.show
    ]
    return list(dict.fromkeys(shown))


@pytest.fixture
def recomposed(monkeypatch):
    """The footers recomposed, in order."""
    seen = []
    recompose = ModeFooter.recompose

    async def counting(self):
        seen.append(self)
        await recompose(self)

    monkeypatch.setattr(ModeFooter, "recompose", counting)
    return seen


async def test_switching_modes_rebuilds_no_footer_whose_keys_are_unchanged(log, recomposed):
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press("z")
        await pilot.pause()
        zones_footer = app.screen.query_one(ModeFooter)
        await pilot.press("t")
        await pilot.pause()
        today_footer = app.screen.query_one(ModeFooter)
        recomposed.clear()
        await pilot.press("z", "t", "z", "t")
        await pilot.pause()
        assert recomposed == []
        assert keys_shown(today_footer) == expected_keys(app.screen)
        assert keys_shown(zones_footer)  # composed while shown, kept while hidden


async def test_the_footer_follows_the_keys_that_change(log):
    app = make_app(log)
    async with app.run_test(size=(110, 32)) as pilot:
        footer = app.screen.query_one(ModeFooter)
        assert any(text.endswith("Start") for text in keys_shown(footer))
        await pilot.press("s")  # the session starts: s now pauses it
        await pilot.pause()
        assert any(text.endswith("Pause") for text in keys_shown(footer))
        assert keys_shown(footer) == expected_keys(app.screen)


async def test_the_palette_hint_follows_the_width(log):
    app = make_app(log)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(ModeFooter)
        assert footer.query(".-command-palette")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not footer.query(".-command-palette")  # narrow: help lists ctrl+p instead
        await pilot.resize_terminal(120, 32)
        await pilot.pause()
        assert footer.query(".-command-palette")
