"""The one driver for the real `scalp` command in a detached tmux session (every e2e test uses it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SCALP = [sys.executable, "-m", "tui"]
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One detached tmux server+session running a command, read with capture-pane."""

    def __init__(
        self,
        command: list[str],
        width: int = 100,
        height: int = 30,
        env: dict | None = None,
        *,
        exec_: bool = False,
    ) -> None:
        """Start ``command``; with ``exec_`` it replaces the pane's shell (a kill reaches the program itself,
        and the session ends with it: no exit status to read, `alive` says when it is gone)."""
        self.socket = f"scalp-test-{uuid.uuid4().hex[:8]}"
        self.name = "scalp"
        exports = " ".join(f"{k}={_quote(str(v))}" for k, v in (env or {}).items())
        line = " ".join(_quote(part) for part in command)
        run = f"env -u COLUMNS -u LINES TERM=xterm-256color {exports} {line}"
        # Keep the pane open after the program exits so its last screen and status can be read.
        shell = f"exec {run}" if exec_ else f"{run}; echo EXIT=$?; sleep 30"
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), shell)
        # Some tmux versions keep the 80x24 default for detached sessions; size the window explicitly.
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def _tmux(self, *args: str) -> str:
        proc = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return proc.stdout

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, *keys: str, pause: float = 0.0) -> None:
        """Type keys (tmux key names: Space, Enter, Escape, F4...); ``pause`` seconds after each.

        A pause keeps a lone Escape from merging with the next key into alt+key.
        """
        for key in keys if pause else [keys]:
            self._tmux("send-keys", "-t", self.name, *([key] if pause else key))
            if pause:
                time.sleep(pause)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text not in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not go away; the screen shows:\n{self.screen()}")

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Wait until the command has ended; its exit status."""
        shown = self.wait_for("EXIT=", timeout)
        return int(shown.split("EXIT=", 1)[1].split()[0])

    def alive(self) -> bool:
        """The tmux session still runs (with ``exec_``: the program has not ended)."""
        return subprocess.run(["tmux", "-L", self.socket, "has-session"], capture_output=True).returncode == 0

    def pane_pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'" if any(c in part for c in " '\"$") else part


def scalp_command(db: Path) -> list[str]:
    return [*SCALP, "--db", str(db)]
