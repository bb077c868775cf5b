"""The session's record on the Today screen: technique (keys 1-4), oil, note and self-ratings."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.safe_text import safe_text
from tui.ui.state.today_view import TodayView

#: The three self-ratings, in the order they are shown and asked, with a short label.
RATING_LABELS = (("stress", "stress"), ("headache", "head"), ("scalp", "scalp"))

#: The most of a note the one-line preview takes (a panel is never wider than this).
PREVIEW_CHARS = 400


def ratings_line(ratings: dict[tuple[str, str], int], phase: str) -> str:
    """"stress 3 · headache – · scalp 4" for one phase."""
    return " · ".join(f"{label} {ratings.get((phase, kind), '–')}" for kind, label in RATING_LABELS)


class SessionDetails(Widget):
    """What is recorded on the session, each line with the key that changes it."""

    COMPONENT_CLASSES = {
        "session-details--chosen",
        "session-details--key",
        "session-details--muted",
        "session-details--caution",
    }

    DEFAULT_CSS = """
    SessionDetails {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SessionDetails > .session-details--chosen { color: $accent; text-style: bold; }
    SessionDetails > .session-details--key { color: $text-muted; text-style: bold; }
    SessionDetails > .session-details--muted { color: $text-muted; }
    SessionDetails > .session-details--caution { color: $warning; }
    """

    view: reactive[TodayView | None] = reactive(None, layout=True)
    """What the Today screen shows."""

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"session-details--{name}")

    def render(self) -> Text:
        view = self.view
        if view is None:
            return Text()
        text = Text(no_wrap=True, overflow="ellipsis")
        # The whole technique list when the screen is tall enough, else just the one in use.
        if self.screen.has_class("-tall"):
            self._techniques(text, view)
        else:
            technique = view.routine.technique(view.technique)
            self._line(text, technique.key, "Technique", "")
            text.append(technique.name, style=self._style("chosen"))
            text.append("  (1–4)", style=self._style("muted"))
            text.append("\n")
        session = view.session
        if session is None:
            text.append("Oil, note, ratings: after s", style=self._style("muted"))
            return text
        self._line(text, "o", "Oil/serum", "used" if session.oil else "not used")
        text.append("\n")
        # One line, cut by the panel's width: the whole note is in the note dialog and the day detail.
        preview = session.note[:PREVIEW_CHARS].replace("\n", " ")
        self._line(text, "n", "Note", safe_text(preview) or "–")
        text.append("\n")
        self._ratings(text, view.ratings)
        return text

    def _techniques(self, text: Text, view: TodayView) -> None:
        for technique in view.routine.techniques:
            chosen = technique.id == view.technique
            text.append(f"{technique.key} ", style=self._style("key"))
            text.append(technique.name, style=self._style("chosen") if chosen else "")
            if technique.caution:
                text.append("  nails: optional", style=self._style("caution"))
            if chosen:
                text.append("  ◂", style=self._style("chosen"))
            text.append("\n")

    def _line(self, text: Text, key: str, label: str, value: str) -> None:
        text.append(f"{key} ", style=self._style("key"))
        text.append(f"{label:<10}", style=self._style("muted"))
        text.append(value)

    def _ratings(self, text: Text, ratings: dict[tuple[str, str], int]) -> None:
        self._line(text, "r", "Feel", "")
        text.append(" ".join(f"{label:^6}" for _, label in RATING_LABELS), style=self._style("muted"))
        for phase in ("before", "after"):
            text.append("\n")
            self._line(text, " ", f"  {phase}", "")
            text.append(" ".join(f"{ratings.get((phase, kind), '–')!s:^6}" for kind, _ in RATING_LABELS))
