"""Session notes: the one length rule for the app and the command line, and how a note is shown."""

from __future__ import annotations

from tui.core.safe_text import safe_text

#: The longest note, in characters, that the app and `scalp log --note` accept. Longer is
#: refused with a message, never cut short: a note is the user's own words.
NOTE_MAX_CHARS = 10_000


def note_too_long(note: str) -> str | None:
    """Why `note` cannot be saved (it is over NOTE_MAX_CHARS), or None when it can."""
    if len(note) <= NOTE_MAX_CHARS:
        return None
    return f"the note has {len(note):,} characters; a note is at most {NOTE_MAX_CHARS:,}"


def note_lines(note: str, indent: str) -> str:
    """The note made safe to show, its second and later lines indented by `indent`.

    Tabs become spaces so the indent holds; every other control is shown inert.
    """
    lines = safe_text(note, multiline=True).expandtabs(4).split("\n")
    return ("\n" + indent).join(lines)
