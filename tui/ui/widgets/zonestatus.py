"""The one-line displays around the checklist: progress, the current zone's note, and the pacer."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from tui.core.checklist import Checklist
from tui.core.pacer import Pacer
from tui.core.routine import Technique, Zone

BAR_FULL, BAR_HALF, BAR_EMPTY = "━", "╸", "─"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """A bar ``width`` cells long, in half-cell steps: the filled part and the rest."""
    width = max(width, 0)
    halves = round(min(max(fraction, 0.0), 1.0) * width * 2)
    full, half = divmod(halves, 2)
    filled = BAR_FULL * full + (BAR_HALF if half else "")
    return filled, BAR_EMPTY * (width - len(filled))


class ProgressLine(Widget):
    """Where the session stands ("Pass 2 of 3 · 7/11 zones", or complete), and a line on its state."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 2;
        width: 1fr;
    }
    ProgressLine.-complete { color: $success; }
    ProgressLine.-celebrate { background: $success 30%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._variants: list[str] = [""]
        self._note = ""

    def show(self, checklist: Checklist, note: str = "") -> None:
        """Describe the checklist and the session's state in ``note``; repaints, no layout."""
        passes, size = checklist.passes, checklist.size
        current = checklist.current_pass
        done = checklist.done_in_pass(current)
        if checklist.complete:
            self._variants = [
                f"✓ {passes} of {passes} passes done · bonus pass {current} · {done}/{size} zones",
                f"✓ {passes}/{passes} passes · bonus {current}: {done}/{size}",
            ]
        else:
            self._variants = [f"Pass {current} of {passes} · {done}/{size} zones", f"Pass {current}/{passes} · {done}/{size}"]
        self._note = note
        self.set_class(checklist.complete, "-complete")
        self.refresh()

    @property
    def text(self) -> str:
        """The progress as shown (the longest form that fits)."""
        width = self.content_size.width or 80
        return next((text for text in self._variants if len(text) <= width), self._variants[-1])

    def render(self) -> Content:
        return Content.assemble((self.text, "bold"), "\n", (self._note, "italic $text-muted"))


class ZoneNote(Widget):
    """The zone under the cursor: its name, its dwell, and how to work it."""

    DEFAULT_CSS = """
    ZoneNote {
        height: 1fr;
        min-height: 1;
        width: 1fr;
        color: $text-muted;
        padding: 1 0 0 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Content()
        self._short = Content()

    def show(self, zone: Zone, dwell: float, focus: bool, technique: Technique | None = None) -> None:
        """The zone's name, dwell and description, then the session's technique where there is room."""
        parts: list = [(zone.name, "bold $text"), f" · {dwell:g} s a pass\n"]
        if focus:
            parts.append(("◆ a focus zone: it gets a longer dwell\n", "bold $primary-lighten-2"))
        parts.append(zone.description)
        self._short = Content.assemble(*parts)
        if technique is not None:
            parts += ["\n\n", (technique.name, "bold $text"), f"\n{technique.how}"]
            if technique.caution:
                parts.append((f"\n{technique.caution}", "italic"))
        self._content = Content.assemble(*parts)
        self.refresh()

    def render(self) -> Content:
        # The technique only where it fits whole: a heading cut off below its first line reads as a glitch.
        width, height = self.content_size
        if width and len(self._content.wrap(width)) > height:
            return self._short
        return self._content


class PacerLine(Widget):
    """The pacer: off, counting down the current zone's dwell with a bar, or waiting."""

    DEFAULT_CSS = """
    PacerLine {
        height: 1;
        width: 1fr;
        color: $text-muted;
    }
    PacerLine.-on { color: $accent; }
    PacerLine.-warning { color: $warning; text-style: bold; }
    PacerLine.-held { color: $text-muted; text-style: italic; }
    PacerLine.-cue { background: $accent 40%; color: $text; text-style: bold; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._pacer: Pacer | None = None
        self._idle: tuple[str, ...] = ("",)
        self._held = ""
        self._shown: tuple | None = None

    def show(self, pacer: Pacer, idle: Sequence[str], held: str = "") -> None:
        """Follow ``pacer``; ``idle`` (longest first) is shown while it is off, ``held`` while it waits."""
        self._pacer, self._idle, self._held = pacer, tuple(idle), held
        self.set_class(pacer.on and not pacer.running, "-held")
        self.set_class(pacer.running, "-on")
        self._shown = None
        self.tick()

    def tick(self) -> None:
        """Repaint if the countdown shows something new (a second or a bar step has passed)."""
        pacer = self._pacer
        if pacer is None:
            return
        key = (pacer.on, pacer.running, pacer.remaining_whole(), round(pacer.fraction() * 2 * self.size.width))
        self.set_class(pacer.warning, "-warning")
        if key != self._shown:
            self._shown = key
            self.refresh()

    def render(self) -> Content:
        pacer = self._pacer
        if pacer is None or not pacer.on:
            width = self.content_size.width
            return Content(next((text for text in self._idle if len(text) <= width), self._idle[-1]))
        if not pacer.running:
            return Content(f"⏸ {self._held}")
        label = f"⏱ {pacer.remaining_whole():>2} s "
        filled, rest = bar(pacer.fraction(), self.size.width - len(label) - 1)
        return Content.assemble((label, "bold"), filled, (rest, "dim"))
