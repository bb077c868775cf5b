"""The day's detail: its sessions with times, passes, techniques, left-out zones, notes and ratings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core import stats
from tui.core.models import Check, DaySummary, Session
from tui.core.notes import note_lines
from tui.core.safe_text import safe_text
from tui.store.log import RATING_KINDS

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp

MARK_DONE = "✓"
MARK_MISSED = "✗"


def zones_by_pass(checks: list[Check]) -> dict[int, set[str]]:
    """Pass number -> the zones checked in it (one session's checks)."""
    passes: dict[int, set[str]] = {}
    for check in checks:
        passes.setdefault(check.pass_no, set()).add(check.zone)
    return passes


class DetailBox(VerticalScroll, can_focus=False):
    """The scrolling box of the detail; the arrow keys step through the days instead."""


class DayDetailScreen(ModalScreen[date]):
    """One practice day in full; left and right step through the days. Dismissed with the day shown last."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    CSS_PATH = "../screens/history.tcss"  # its box is styled with the History screen's rules
    DEFAULT_CSS = """
    DayDetailScreen > .day--done { color: $success; }
    DayDetailScreen > .day--missed { color: $warning; }
    DayDetailScreen > .day--muted { color: $text-muted; }
    """

    COMPONENT_CLASSES = {"day--done", "day--missed", "day--muted"}

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="day.close", tooltip="Close the day's detail"),
        Binding("left,up", "step(-1)", "Previous day", id="day.previous", tooltip="Show the day before"),
        Binding("right,down", "step(1)", "Next day", id="day.next", tooltip="Show the day after (up to today)"),
        # The arrows step through the days: a long note or a later session is reached by these.
        Binding(
            "pagedown",
            "scroll_detail('page_down')",
            "Scroll down",
            show=False,
            id="day.page_down",
            tooltip="Scroll the day's text down a page",
        ),
        Binding(
            "pageup",
            "scroll_detail('page_up')",
            "Scroll up",
            show=False,
            id="day.page_up",
            tooltip="Scroll the day's text up a page",
        ),
        Binding(
            "home",
            "scroll_detail('scroll_home')",
            "Top",
            show=False,
            id="day.top",
            tooltip="Go to the top of the day's text",
        ),
        Binding(
            "end",
            "scroll_detail('scroll_end')",
            "Bottom",
            show=False,
            id="day.bottom",
            tooltip="Go to the end of the day's text",
        ),
    ]

    def __init__(self, day: date, earliest: date, latest: date) -> None:
        super().__init__()
        self.day = day
        self.earliest = earliest
        self.latest = latest

    def compose(self) -> ComposeResult:
        with DetailBox(id="day-box"):
            yield Static(id="day-detail")

    def on_mount(self) -> None:
        box = self.query_one("#day-box")
        box.border_subtitle = "← → other days · esc closes"
        self.show_day()

    def action_close(self) -> None:
        self.dismiss(self.day)

    def action_scroll_detail(self, how: str) -> None:
        box = self.query_one("#day-box", DetailBox)
        if how in ("page_down", "page_up"):
            getattr(box, f"action_{how}")()
        else:
            getattr(box, how)(animate=False)

    def action_step(self, days: int) -> None:
        day = min(self.latest, max(self.earliest, self.day + timedelta(days=days)))
        if day != self.day:
            self.day = day
            self.show_day()

    def show_day(self) -> None:
        self.query_one("#day-box").border_title = self.day.strftime("%A %-d %B %Y")
        self.query_one("#day-detail", Static).update(self.describe())

    # --- what the day holds --------------------------------------------------------------

    def describe(self) -> Group:
        store = self.app.store
        day = self.day
        target = stats.Target.from_settings(store.settings())
        summary = store.day_summaries(day, day).get(day)
        sessions = store.sessions_between(day, day)
        checks = store.checks_between(day, day)
        parts: list[RenderableType] = [self._headline(summary, target)]
        if summary is not None and summary.rest:
            reason = safe_text(summary.rest_reason) if summary.rest_reason else "no reason given"
            practised = " (practised all the same)" if stats.is_practised(summary) else ""
            parts.append(Text(f"Marked as a rest day: {reason}{practised}.", style="italic"))
        by_session: dict[str, list[Check]] = {}
        for check in checks:
            by_session.setdefault(check.session_id, []).append(check)
        for number, session in enumerate(sessions, 1):
            parts.append(Text(""))
            parts.append(self._session(number, session, by_session.get(session.id, []), target))
        if checks:
            parts.append(Text(""))
            complete = all(
                len({c.zone for c in checks if c.pass_no == p}) >= len(store.routine.zone_ids)
                for checks in by_session.values()
                for p in {c.pass_no for c in checks}
            )
            if complete:
                parts.append(Text("Every zone was covered in every pass.", style=self._style("done")))
            else:
                parts.append(self._zone_grid(sessions, by_session))
        return Group(*parts)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"day--{name}")

    def _headline(self, summary: DaySummary | None, target: stats.Target) -> Text:
        if summary is not None and stats.is_rest(summary) and not summary.sessions:
            return Text("A planned rest day: not due, and the streak holds.", style="bold")
        if summary is None or (summary.sessions == 0 and not summary.checks):
            return Text("Nothing logged on this day.", style="bold")
        level = stats.depth_level(summary.passes, target.passes)
        depth = {stats.FULL: "full", stats.BONUS: "bonus"}.get(level, "partial" if summary.passes else "no full pass")
        plural = "es" if summary.passes != 1 else ""
        sessions = f"{summary.sessions} session{'s' if summary.sessions != 1 else ''}"
        line = f"{summary.passes} full pass{plural} ({depth}) · {summary.minutes:.0f} min · {sessions}"
        return Text(line, style="bold")

    def _session(self, number: int, session: Session, checks: list[Check], target: stats.Target) -> Text:
        store = self.app.store
        routine = store.routine
        zone = store.zone
        text = Text()
        minutes = session.elapsed(store.now()).total_seconds() / 60
        if session.source == "app":
            start = session.started_at.astimezone(zone).strftime("%H:%M")
            end = session.ended_at.astimezone(zone).strftime("%H:%M") if session.ended_at else "still open"
            text.append(f"Session {number}  {start}–{end}", style="bold")
        else:
            text.append(f"Session {number}  {'back-filled' if session.source == 'log' else 'imported'}", style="bold")
        paused = (
            sum(
                ((p.resumed_at or session.ended_at or store.now()) - p.paused_at).total_seconds()
                for p in session.pauses
            )
            / 60
        )
        text.append(f" · {minutes:.0f} min")
        if paused >= 0.5:
            text.append(f" (paused {paused:.0f} min)")
        if session.technique:
            try:
                text.append(f" · {routine.technique(session.technique).name}")
            except KeyError:
                text.append(f" · {safe_text(session.technique)}")
        if session.oil:
            text.append(" · oil")
        passes = zones_by_pass(checks)
        full = sum(1 for zones in passes.values() if len(zones) >= len(routine.zone_ids))
        text.append(f"\n  {full} full pass{'es' if full != 1 else ''} of {target.passes}")
        left_out = [
            f"{routine.zone(z).name} (pass {p})"
            for p, zones in sorted(passes.items())
            for z in routine.zone_ids
            if z not in zones
        ]
        if not checks:
            text.append("; no zone checked")
        elif left_out:
            text.append("; left out: " + ", ".join(left_out))
        if session.note:
            text.append(f"\n  Note: {note_lines(session.note, '        ')}", style="italic")
        ratings = store.ratings(session.id)
        if ratings:
            shown = []
            for kind in RATING_KINDS:
                before, after = ratings.get(("before", kind)), ratings.get(("after", kind))
                if before is None and after is None:
                    continue
                shown.append(f"{kind} {before or '–'} → {after or '–'}")
            text.append("\n  Ratings (1–5): " + " · ".join(shown))
        return text

    def _zone_grid(self, sessions: list[Session], by_session: dict[str, list[Check]]) -> Table:
        routine = self.app.store.routine
        columns: list[tuple[str, int]] = []
        for session in sessions:
            for pass_no in sorted({c.pass_no for c in by_session.get(session.id, [])}):
                columns.append((session.id, pass_no))
        several = len(sessions) > 1
        table = Table(box=None, padding=(0, 1), show_edge=False)
        table.add_column("Zone", no_wrap=True, header_style="bold")
        index = {s.id: n for n, s in enumerate(sessions, 1)}
        for sid, pass_no in columns:
            table.add_column(f"{index[sid]}·{pass_no}" if several else f"P{pass_no}", justify="center")
        done = {(c.session_id, c.pass_no, c.zone) for checks in by_session.values() for c in checks}
        for zone in routine.zones:
            marks = [
                Text(MARK_DONE, style=self._style("done"))
                if (sid, p, zone.id) in done
                else Text(MARK_MISSED, style=self._style("missed"))
                for sid, p in columns
            ]
            table.add_row(zone.name, *marks)
        return table
