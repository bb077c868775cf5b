"""The text around the checklist: the progress line and the note on the zone under the cursor."""

from __future__ import annotations

from typing import Any, TypeAlias

from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from tui.core.checklist import Checklist
from tui.core.routine import Technique, Zone
from tui.ui.state.zone_session import ZonesView

#: What a zone note shows: the zone, its dwell, whether it is a focus zone, the session's technique.
NoteKey: TypeAlias = tuple[Zone, float, bool, Technique | None]


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

    view: reactive[ZonesView | None] = reactive(None, repaint=False)
    """What the Zones screen shows (bound to the screen's view)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._variants: list[str] = [""]
        self._note = ""

    def watch_view(self, view: ZonesView | None) -> None:
        if view is not None:
            self.show(view.checklist, view.status)

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
            self._variants = [
                f"Pass {current} of {passes} · {done}/{size} zones",
                f"Pass {current}/{passes} · {done}/{size}",
            ]
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
        min-height: 0;
        width: 1fr;
        color: $text-muted;
        padding: 1 0 0 0;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._content = Content()
        self._short = Content()
        self._compact = Content()
        self._key: NoteKey | None = None
        self._lines: dict[tuple[NoteKey | None, int, int], list[Strip]] = {}
        """Rendered notes by (what they show, size): a check moves the note on to the next zone."""

    view: reactive[ZonesView | None] = reactive(None, repaint=False)
    """What the Zones screen shows (bound to the screen's view): the note is its zone's."""

    def watch_view(self, view: ZonesView | None) -> None:
        if view is not None:
            note = view.note
            self.show(note.zone, note.dwell, note.focus, note.technique)

    def show(self, zone: Zone, dwell: float, focus: bool, technique: Technique | None = None) -> None:
        """The zone's name, dwell and description, then the session's technique where there is room."""
        key: NoteKey = (zone, dwell, focus, technique)
        if key == self._key:
            return  # the same note: nothing to repaint
        width, height = self.size
        before = self._lines.get((self._key, width, height))
        self._key = key
        parts: list[str | tuple[str, str]] = [(zone.name, "bold $text"), f" · {dwell:g} s a pass\n"]
        if focus:
            parts.append(("◆ a focus zone: it gets a longer dwell\n", "bold $primary-lighten-2"))
        parts.append(zone.description)
        self._short = Content.assemble(*parts)
        # Where even that is cut (80x24 with a focus zone): the same words as one paragraph.
        focus_words = ", ◆ a focus zone" if focus else ""
        self._compact = Content.assemble(
            (zone.name, "bold $text"), f" ({dwell:g} s a pass{focus_words}): ", zone.description
        )
        if technique is not None:
            parts += ["\n\n", (technique.name, "bold $text"), f"\n{technique.how}"]
            if technique.caution:
                parts.append((f"\n{technique.caution}", "italic"))
        self._content = Content.assemble(*parts)
        if before is None or self.text_selection is not None:
            self.refresh()
            return
        # Only the lines that differ: the technique below the description is the same for every zone.
        after = self._rendered()
        changed = [y for y in range(height) if y >= len(before) or y >= len(after) or before[y] != after[y]]
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def render(self) -> Content:
        # The technique only where it fits whole: a heading cut off below its first line reads as a glitch.
        width, height = self.content_size
        if not width:
            return self._content
        for content in (self._content, self._short):
            if len(content.wrap(width)) <= height:
                return content
        return self._compact

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        # Performance: wrapping a note costs ~1.5 ms; each zone's note is wrapped once
        # per size and theme. A selection is drawn by Textual's own path (it changes the lines).
        if self.text_selection is not None:
            return super().render_line(y)
        lines = self._rendered()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.visual_style.rich_style)

    def _rendered(self) -> list[Strip]:
        """The note's lines at the current size, from the cache when this zone was shown before."""
        width, height = self.size
        key = (self._key, width, height)
        lines = self._lines.get(key)
        if lines is None:
            if self._lines and next(iter(self._lines))[1:] != (width, height):
                self._lines.clear()  # resized: the old size's notes will not be shown again
            lines = Visual.to_strips(self, visualize(self, self.render()), width, height, self.visual_style)
            self._lines[key] = lines
        return lines
