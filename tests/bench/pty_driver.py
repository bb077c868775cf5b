"""Run a full-screen program in a pseudo-terminal and time what it paints (for benchmarks and crash tests)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


class PtyApp:
    """A child process on a pseudo-terminal of a fixed size; its output is kept and searchable."""

    def __init__(
        self, argv: list[str], width: int = 100, height: int = 30, env: dict[str, str | None] | None = None
    ) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        child_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        child_env.update({"TERM": "xterm-256color", **(env or {})})
        child_env = {k: v for k, v in child_env.items() if v is not None}  # None unsets a variable
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=child_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.output = bytearray()
        self.plain = bytearray()
        self._partial = b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.output += chunk
        text = self._partial + chunk
        # An escape sequence cut at the chunk's end is kept for the next read, so none leaks into the text.
        cut = text.rfind(b"\x1b", max(0, len(text) - 64))
        if cut >= 0 and not ANSI.match(text, cut):
            text, self._partial = text[:cut], text[cut:]
        else:
            self._partial = b""
        self.plain += ANSI.sub(b"", text)
        return bool(chunk)

    def shows(self, *markers: bytes, since: int = 0) -> bool:
        """True when every marker is in the text painted after offset ``since``."""
        painted = self.plain[since:]
        return all(marker in painted for marker in markers)

    def poll(self, timeout: float = 0.0) -> bool:
        """Read what the program painted, waiting at most ``timeout`` seconds; True if anything came."""
        return self._read(timeout)

    def wait_for(self, *markers: bytes, timeout: float = 30.0, since: int = 0) -> float:
        """Wait until every marker shows in the text painted after offset ``since``; returns perf_counter()."""
        deadline = time.perf_counter() + timeout
        while True:
            if self.shows(*markers, since=since):
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self.proc.poll() is not None and not self._read(0):
                tail = bytes(self.plain[-2000:]).decode(errors="replace")
                raise TimeoutError(f"{markers!r} never appeared; last output:\n{tail}")
            self._read(min(remaining, 0.05))

    def drain(self, quiet: float = 0.2, limit: float = 10.0) -> None:
        """Read until the program has been silent for ``quiet`` seconds (at most ``limit`` seconds)."""
        deadline = time.perf_counter() + limit
        while self._read(quiet) and time.perf_counter() < deadline:
            pass

    def mark(self) -> int:
        """An offset into the painted text; pass it to wait_for(since=) to look only at newer output."""
        return len(self.plain)

    def send(self, data: bytes) -> float:
        """Type bytes into the terminal; returns the perf_counter() just before writing."""
        now = time.perf_counter()
        os.write(self.master, data)
        return now

    def peak_rss_kib(self) -> int:
        """The child's peak resident memory (VmHWM), Linux only."""
        with open(f"/proc/{self.proc.pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=10)

    def close(self) -> None:
        self.kill()
        with contextlib.suppress(OSError):
            os.close(self.master)
