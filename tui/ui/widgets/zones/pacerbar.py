"""The pacer on screen: a countdown bar for the zone under the hands, which says when a dwell is over."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from tui.core.pacer import Pacer

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp

TICK_SECONDS = 0.2  # fine enough for a smooth bar and a prompt cue
BEAT_SECONDS = 1.0  # how often the owner hears a Beat (to re-read the session while pacing)
HANDOVER = "handover"  # the hold between "dwell over" and the owner's restart or stop
BAR_FULL, BAR_HALF, BAR_EMPTY = "━", "╸", "─"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """A bar ``width`` cells long, in half-cell steps: the filled part and the rest."""
    width = max(width, 0)
    halves = round(min(max(fraction, 0.0), 1.0) * width * 2)
    full, half = divmod(halves, 2)
    filled = BAR_FULL * full + (BAR_HALF if half else "")
    return filled, BAR_EMPTY * (width - len(filled))


class PacerBar(Widget):
    """Runs a Pacer on the app's monotonic clock and shows it: off, counting down, or waiting.

    When a dwell runs out it rings (unless ``sound`` is off), flashes, and posts ``DwellEnded``;
    the countdown then waits until the owner calls ``restart`` (next zone) or ``stop``.
    """

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    DEFAULT_CSS = """
    PacerBar {
        height: 1;
        width: 1fr;
        color: $text-muted;
    }
    PacerBar.-on { color: $accent; }
    PacerBar.-warning { color: $warning; text-style: bold; }
    PacerBar.-held { color: $text-muted; text-style: italic; }
    PacerBar.-cue { background: $accent 40%; color: $text; text-style: bold; }
    """

    class DwellEnded(Message):
        """The dwell of the zone under the cursor is over: check it and move on."""

    class Beat(Message):
        """About a second of pacing has passed (while on, held or not)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pacer: Pacer | None = None
        self.sound = True
        """Ring the terminal bell when a dwell ends."""
        self._idle: tuple[str, ...] = ("",)
        self._held = ""
        self._shown: tuple[bool, bool, int, int] | None = None
        self._last_beat = 0.0

    @property
    def pacer(self) -> Pacer:
        """The countdown, on the app's clock; made on mount, before the owner's first call."""
        pacer = self._pacer
        assert pacer is not None, "the owner drives the pacer once the bar is mounted"
        return pacer

    def on_mount(self) -> None:
        self._pacer = Pacer(self.app.monotonic)
        self._timer = self.set_interval(TICK_SECONDS, self.tick, pause=True)

    # --- what the owner calls ----------------------------------------------------------------

    def texts(self, idle: Sequence[str], held: str) -> None:
        """What to show while off (the longest of ``idle`` that fits) and while waiting."""
        self._idle, self._held = tuple(idle), held
        self._repaint()

    def start(self, seconds: float) -> None:
        self.pacer.start(seconds)
        self._last_beat = self.app.monotonic()
        self._timer.resume()
        self._repaint()

    def stop(self) -> None:
        self.pacer.stop()
        self.pacer.release(HANDOVER)
        self._timer.pause()
        self._repaint()

    def restart(self, seconds: float) -> None:
        """Count a new dwell (the next zone) from the start."""
        self.pacer.release(HANDOVER)
        self.pacer.restart(seconds)
        self._repaint()

    def hold(self, reason: str) -> None:
        self.pacer.hold(reason)
        self._repaint()

    def release(self, reason: str) -> None:
        self.pacer.release(reason)
        self._repaint()

    def tick(self) -> None:
        """Bring the pacer up to now (the timer calls this; tests call it after moving the clock)."""
        pacer = self._pacer
        if pacer is None or not pacer.on:
            return
        now = self.app.monotonic()
        if now - self._last_beat >= BEAT_SECONDS:
            self._last_beat = now
            self.post_message(self.Beat())
        if pacer.due:
            pacer.hold(HANDOVER)  # so the same dwell is never reported twice
            self._cue()
            self.post_message(self.DwellEnded())
        self.set_class(pacer.warning, "-warning")
        key = (pacer.on, pacer.running, pacer.remaining_whole(), round(pacer.fraction() * 2 * self.size.width))
        if key != self._shown:
            self._shown = key
            self.refresh()

    # --- showing -------------------------------------------------------------------------------

    def _cue(self) -> None:
        """The dwell is over: a flash always, the terminal bell unless the sound is off."""
        if self.sound:
            self.app.bell()
        self.add_class("-cue")
        self.set_timer(0.8, lambda: self.remove_class("-cue"))

    def _repaint(self) -> None:
        pacer = self._pacer
        if pacer is None:
            return
        self.set_class(pacer.on and not pacer.running and HANDOVER not in pacer.holds, "-held")
        self.set_class(pacer.running, "-on")
        self.set_class(pacer.warning, "-warning")
        self._shown = None
        self.refresh()

    def render(self) -> Content:
        pacer = self._pacer
        if pacer is None or not pacer.on:
            width = self.content_size.width
            return Content(next((text for text in self._idle if len(text) <= width), self._idle[-1]))
        if not pacer.running and HANDOVER not in pacer.holds:
            return Content(self._held)
        label = f"Pacer {pacer.remaining_whole():>2} s "
        filled, rest = bar(pacer.fraction(), self.size.width - len(label) - 1)
        return Content.assemble((label, "bold"), filled, (rest, "dim"))
