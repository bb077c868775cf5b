"""The real `scalp` in tmux: a remapped key opens the settings, changes land in the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import timezone

import pytest

from tui.store import Log

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")]


class Tmux:
    """One private tmux server running one command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)
        time.sleep(0.3)  # a lone escape must not merge with the next key into alt+key

    def wait_for(self, text: str, deadline: float = 20.0) -> str:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_gone(self, deadline: float = 20.0) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if subprocess.run(["tmux", "-L", self.socket, "has-session"], capture_output=True).returncode:
                return
            time.sleep(0.2)
        raise AssertionError("scalp did not quit")


def test_settings_by_a_remapped_key_in_a_real_terminal(tmp_path):
    db = tmp_path / "scalp.db"
    config = tmp_path / "config"
    (config / "scalp").mkdir(parents=True)
    (config / "scalp" / "keys.toml").write_text('app.settings = "f4"\n', encoding="utf-8")
    command = f"env XDG_CONFIG_HOME={config} {sys.executable} -m tui --db {db}"
    tmux = Tmux(f"scalp-settings-e2e-{os.getpid()}")
    tmux.run("new-session", "-d", "-x", "100", "-y", "30", command)
    try:
        tmux.wait_for("Ready for today's session")
        tmux.keys("F4")
        tmux.wait_for("Focus zones")
        tmux.keys("Down")
        tmux.keys("Space")  # the left temple
        tmux.wait_for("Saved: focus zones L temple")
        tmux.keys("Tab")
        tmux.keys("2", "0", "Enter")  # seconds per zone
        tmux.wait_for("Saved: seconds per zone 20")
        tmux.keys("Escape")
        tmux.wait_for("Ready for today's session")
        tmux.keys("z")
        tmux.wait_for("p counts 20 s a zone")  # the Zones pacer follows the new pace
        tmux.wait_for("◆ Left temple")  # and the checklist marks the focus zone
        tmux.keys("q")
        tmux.wait_gone()
    finally:
        tmux.run("kill-server")
    log = Log.open(db, zone=timezone.utc)
    try:
        assert log.settings().focus_zones == {"temple_left"}
        assert log.settings().dwell_seconds == 20.0
        assert {c.key for c in log.settings_changes()} == {"focus_zones", "dwell_seconds"}
    finally:
        log.close()
