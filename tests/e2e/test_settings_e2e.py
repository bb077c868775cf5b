"""The real `scalp` in tmux: a remapped key opens the settings, changes land in the database."""

from __future__ import annotations

from datetime import UTC

import pytest

from tests.e2e.tmux import Tmux, needs_tmux, scalp_command
from tui.store import Log

pytestmark = [pytest.mark.e2e, needs_tmux]

#: Seconds after each key: a lone escape must not merge with the next key into alt+key.
KEY_GAP = 0.3


def test_settings_by_a_remapped_key_in_a_real_terminal(tmp_path):
    db = tmp_path / "scalp.db"
    config = tmp_path / "config"
    (config / "scalp").mkdir(parents=True)
    (config / "scalp" / "keys.toml").write_text('app.settings = "f4"\n', encoding="utf-8")
    with Tmux(scalp_command(db), env={"XDG_CONFIG_HOME": str(config)}) as tmux:
        tmux.wait_for("Ready for today's session")
        tmux.send("F4", pause=KEY_GAP)
        tmux.wait_for("Focus zones")
        tmux.send("Down", "Space", pause=KEY_GAP)  # the left temple
        tmux.wait_for("Saved: focus zones L temple")
        tmux.send("Tab", "2", "0", "Enter", pause=KEY_GAP)  # seconds per zone
        tmux.wait_for("Saved: seconds per zone 20")
        tmux.send("Escape", pause=KEY_GAP)
        tmux.wait_for("Ready for today's session")
        tmux.send("z", pause=KEY_GAP)
        tmux.wait_for("p counts 20 s a zone")  # the Zones pacer follows the new pace
        tmux.wait_for("◆ Left temple")  # and the checklist marks the focus zone
        tmux.send("q")
        assert tmux.wait_exit() == 0
    log = Log.open(db, zone=UTC)
    try:
        assert log.settings().focus_zones == {"temple_left"}
        assert log.settings().dwell_seconds == 20.0
        assert {c.key for c in log.settings_changes()} == {"focus_zones", "dwell_seconds"}
    finally:
        log.close()
