"""Run a full-screen program in a pseudo-terminal and time what it paints (for benchmarks and crash tests)."""

from __future__ import annotations

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

    def __init__(self, argv: list[str], width: int = 100, height: int = 30, env: dict | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        child_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        child_env.update({"TERM": "xterm-256color", **(env or {})})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=child_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.output = bytearray()
        self.plain = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.output += chunk
        self.plain += ANSI.sub(b"", chunk)
        return bool(chunk)

    def wait_for(self, marker: bytes, timeout: float = 30.0, since: int = 0) -> float:
        """Wait until ``marker`` shows in the text painted after offset ``since``; returns perf_counter()."""
        deadline = time.perf_counter() + timeout
        while True:
            if marker in self.plain[since:]:
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self.proc.poll() is not None and not self._read(0):
                tail = bytes(self.plain[-2000:]).decode(errors="replace")
                raise TimeoutError(f"{marker!r} never appeared; last output:\n{tail}")
            self._read(min(remaining, 0.05))

    def drain(self, quiet: float = 0.2) -> None:
        """Read until the program has been silent for ``quiet`` seconds."""
        while self._read(quiet):
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
        try:
            os.close(self.master)
        except OSError:
            pass
