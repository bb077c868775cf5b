"""The live session clock: elapsed time (pauses excluded) and a bar against the daily target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits

from tui.core.models import Session, Settings
from tui.core.summary import IN_TARGET, UNDER, format_duration, target_band

#: How far past the maximum target the bar reaches, so "over" has room to show.
BAR_HEADROOM = 1.25
#: How often the clock of a running session is redrawn.
TICK_SECONDS = 0.5


@dataclass(frozen=True)
class TimerState:
    """What the clock shows: the session (None before one starts) and the user's targets."""

    session: Session | None
    settings: Settings
    zone: tzinfo | None = None


def bar_cells(elapsed: float, low: float, high: float, width: int) -> tuple[float, list[str]]:
    """Lay out the target bar: the seconds it spans and what each cell is.

    Each cell is "fill", "part" (the cell the time is in), "track", "low" or
    "high" (the target marks, which win over the fill so they always show).
    """
    span = max(high * BAR_HEADROOM, elapsed, 1.0)
    width = max(width, 1)
    marks = {min(width - 1, round(low / span * width)): "low", min(width - 1, round(high / span * width)): "high"}
    cells = []
    for index in range(width):
        end = (index + 1) / width * span
        start = index / width * span
        if index in marks:
            cells.append(marks[index])
        elif end <= elapsed:
            cells.append("fill")
        elif start < elapsed:
            cells.append("part")
        else:
            cells.append("track")
    return span, cells


class TargetBar(Widget):
    """Three lines: what the session is doing, the bar, and the scale under it."""

    COMPONENT_CLASSES = {
        "target-bar--under",
        "target-bar--in",
        "target-bar--over",
        "target-bar--track",
        "target-bar--mark",
        "target-bar--paused",
    }

    DEFAULT_CSS = """
    TargetBar {
        height: 3;
        width: 1fr;
    }
    TargetBar > .target-bar--under { color: $primary; }
    TargetBar > .target-bar--in { color: $success; }
    TargetBar > .target-bar--over { color: $warning; }
    TargetBar > .target-bar--track { color: $text-disabled; }
    TargetBar > .target-bar--mark { color: $text; text-style: bold; }
    TargetBar > .target-bar--paused { color: $warning; text-style: bold; }
    """

    state: reactive[TimerState | None] = reactive(None)
    """The session and targets to show."""
    elapsed: reactive[timedelta] = reactive(timedelta(0))
    """Active time of the session, computed by the owner from stored timestamps."""

    def render(self) -> Text:
        state = self.state
        if state is None:
            return Text()
        width = self.content_size.width or 40
        text = self._status(state)
        text.append("\n")
        text.append_text(self._bar(state, width))
        text.append("\n")
        text.append_text(self._scale(state.settings, width))
        return text

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"target-bar--{name}")

    def _status(self, state: TimerState) -> Text:
        session, settings = state.session, state.settings
        low = timedelta(minutes=settings.target_min_minutes)
        high = timedelta(minutes=settings.target_max_minutes)
        target = f"target {settings.target_min_minutes:g}–{settings.target_max_minutes:g} min"
        text = Text(no_wrap=True, overflow="ellipsis")
        if session is None:
            text.append("Not started", style="bold")
            text.append(f" · {target} · s starts")
            return text
        elapsed = self.elapsed
        band = target_band(elapsed, settings)
        if session.ended_at is not None:  # finished
            end = session.ended_at.astimezone(state.zone).strftime("%H:%M")
            text.append(f"✓ Finished at {end}", style=self._style("in") + Style(bold=True))
        elif session.paused:
            since = session.pauses[-1].paused_at.astimezone(state.zone).strftime("%H:%M")
            text.append(f"❚❚ Paused at {since}", style=self._style("paused"))
            text.append(" · s resumes")
            return text
        else:
            text.append("● Running", style=self._style(band) + Style(bold=True))
        if band == UNDER and session.finished:
            text.append(" · under target", style=self._style("under"))
        elif band == UNDER:
            text.append(f" · {format_duration(low - elapsed)} to the {settings.target_min_minutes:g}-minute mark")
        elif band == IN_TARGET:
            text.append(" · in target", style=self._style("in"))
            if not session.finished:
                text.append(f", {format_duration(high - elapsed)} to spare")
        else:
            text.append(f" · over target by {format_duration(elapsed - high)}", style=self._style("over"))
        return text

    def _bar(self, state: TimerState, width: int) -> Text:
        settings = state.settings
        seconds = self.elapsed.total_seconds() if state.session else 0.0
        _, cells = bar_cells(seconds, settings.target_min_minutes * 60, settings.target_max_minutes * 60, width)
        band = target_band(self.elapsed, settings) if state.session else UNDER
        fill = self._style(band)
        glyphs = {"fill": ("━", fill), "part": ("╸", fill), "track": ("─", self._style("track"))}
        text = Text(no_wrap=True)
        for cell in cells:
            if cell in ("low", "high"):
                text.append("┃", style=self._style("mark"))
            else:
                glyph, style = glyphs[cell]
                text.append(glyph, style=style)
        return text

    def _scale(self, settings: Settings, width: int) -> Text:
        low, high = settings.target_min_minutes * 60, settings.target_max_minutes * 60
        span, cells = bar_cells(0, low, high, width)
        line = [" "] * width
        line[0] = "0"
        for kind, minutes in (("low", settings.target_min_minutes), ("high", settings.target_max_minutes)):
            label = f"{minutes:g} min"
            at = cells.index(kind)
            start = max(0, min(width - len(label), at - len(label) // 2))
            line[start : start + len(label)] = label
        return Text("".join(line)[:width], style=self._style("track"), no_wrap=True)


class SessionTimer(Widget):
    """Big elapsed digits beside the target bar; redrawn twice a second while the session runs."""

    DEFAULT_CSS = """
    SessionTimer {
        layout: horizontal;
        height: 3;
    }
    SessionTimer > Digits {
        width: auto;
        min-width: 14;
        margin-right: 2;
    }
    SessionTimer.-idle > Digits { color: $text-muted; }
    SessionTimer.-paused > Digits { color: $warning; }
    SessionTimer.-finished > Digits { color: $success; }
    """

    state: reactive[TimerState | None] = reactive(None)
    """The session and targets to show."""

    def __init__(self, now: Callable[[], datetime], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._now = now

    def compose(self) -> ComposeResult:
        yield Digits("0:00")
        yield TargetBar()

    def on_mount(self) -> None:
        # Twice a second, so the seconds shown never skip one as the timer drifts.
        self.set_interval(TICK_SECONDS, self._tick, name="session-clock")

    def watch_state(self, state: TimerState | None) -> None:
        session = state.session if state else None
        if session is None:
            current = "idle"
        elif session.finished:
            current = "finished"
        else:
            current = "paused" if session.paused else "running"
        for name in ("idle", "running", "paused", "finished"):
            self.set_class(name == current, f"-{name}")
        self.query_one(TargetBar).state = state
        self._show()

    def _tick(self) -> None:
        # Only a running session's time moves; the rest is redrawn when the state changes.
        if self.state and self.state.session and self.state.session.running:
            self._show()

    def _show(self) -> None:
        session = self.state.session if self.state else None
        # Always from the stored timestamps, so a crash or a pause never skews the time.
        elapsed = session.elapsed(self._now()) if session else timedelta(0)
        digits = self.query_one(Digits)
        shown = format_duration(elapsed)
        if digits.value != shown:
            digits.update(shown)
        self.query_one(TargetBar).elapsed = elapsed

    @property
    def elapsed_text(self) -> str:
        """The time as the digits show it."""
        return self.query_one(Digits).value

