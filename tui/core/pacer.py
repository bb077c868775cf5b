"""The pacer: a countdown of one zone's dwell at a time, driven by an injected monotonic clock."""

from __future__ import annotations

import math
from collections.abc import Callable

from tui.core.models import Settings

#: Returns seconds from an arbitrary origin, never going back (time.monotonic in the app).
Ticker = Callable[[], float]

#: The last seconds of a dwell, shown as a warning so the hands can get ready to move on.
WARN_SECONDS = 3.0


def dwell_for(zone: str, settings: Settings) -> float:
    """Seconds to spend on a zone: the dwell, lengthened by the focus multiplier on focus zones."""
    if zone in settings.focus_zones:
        return settings.dwell_seconds * settings.focus_multiplier
    return settings.dwell_seconds


class Pacer:
    """Counts down a dwell; ``due`` turns true when it has run out.

    The pacer is *on* or *off*. While on it can be held for one or more reasons (the
    session is paused, the screen is hidden); the countdown only runs when nothing holds
    it. Nothing here sleeps or schedules: the owner polls ``due`` from a timer and calls
    ``restart`` with the next zone's dwell once it has acted on it.
    """

    def __init__(self, clock: Ticker) -> None:
        self._clock = clock
        self._on = False
        self._holds: set[str] = set()
        self._duration = 0.0
        self._spent = 0.0  # seconds run before the current stretch
        self._since: float | None = None  # clock reading when the current stretch began

    @property
    def on(self) -> bool:
        return self._on

    @property
    def holds(self) -> frozenset[str]:
        """Why the countdown is held (empty while it runs)."""
        return frozenset(self._holds)

    @property
    def running(self) -> bool:
        """On and counting down."""
        return self._on and not self._holds

    @property
    def duration(self) -> float:
        return self._duration

    def start(self, seconds: float) -> None:
        """Switch on and count ``seconds`` down from now (unless something holds the pacer)."""
        self._on = True
        self.restart(seconds)

    def stop(self) -> None:
        """Switch off; the countdown is forgotten."""
        self._on = False
        self._spent = 0.0
        self._since = None

    def restart(self, seconds: float) -> None:
        """Count a new dwell down from the start (a new zone); holds stay as they are."""
        if seconds <= 0:
            raise ValueError("a dwell must be positive")
        self._duration = float(seconds)
        self._spent = 0.0
        self._since = self._clock() if self.running else None

    def hold(self, reason: str) -> None:
        """Stop the countdown for ``reason``; it resumes when every reason is released."""
        if self.running:
            assert self._since is not None  # a running countdown always has a stretch under way
            self._spent += self._clock() - self._since
            self._since = None
        self._holds.add(reason)

    def release(self, reason: str) -> None:
        """Drop one reason to hold; the countdown resumes where it stopped when none is left."""
        self._holds.discard(reason)
        if self.running and self._since is None:
            self._since = self._clock()

    def elapsed(self) -> float:
        """Seconds counted down so far on this dwell."""
        if not self._on:
            return 0.0
        running = self._clock() - self._since if self._since is not None else 0.0
        return min(self._spent + running, self._duration)

    def remaining(self) -> float:
        """Seconds left on this dwell."""
        return self._duration - self.elapsed() if self._on else 0.0

    def remaining_whole(self) -> int:
        """Seconds left, rounded up, as a countdown shows them (15, 14, ... 1)."""
        return math.ceil(self.remaining() - 1e-9)

    def fraction(self) -> float:
        """How much of the dwell has passed, 0 to 1."""
        return self.elapsed() / self._duration if self._on and self._duration else 0.0

    @property
    def warning(self) -> bool:
        """In the last seconds of the dwell."""
        return self.running and self.remaining() <= WARN_SECONDS

    @property
    def due(self) -> bool:
        """On, not held, and the dwell has run out: time to check the zone and move on."""
        return self.running and self.remaining() <= 0
