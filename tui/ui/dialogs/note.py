"""The note dialog: several lines of free text on the session, saved with ctrl+s."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.core.notes import NOTE_MAX_CHARS, note_too_long
from tui.core.safe_text import safe_text
from tui.store import StoreError
from tui.ui.dialogs.confirm import ConfirmDialog

if TYPE_CHECKING:
    from textual import getters

    from tui.ui.app import ScalpApp


def _one_glyph(char: str) -> str:
    shown = safe_text(char, multiline=True)  # a tab stays a tab: the editor lays it out
    return shown if len(shown) == 1 else "\ufffd"  # a code-point form would shift the cursor


class NoteEditor(TextArea):
    """A TextArea that shows a control character in the note as one inert glyph.

    The document keeps the note's characters exactly; only what is drawn changes, one
    glyph per character, so the cursor and the selection stay where they belong.
    """

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if safe_text(line.plain, multiline=True) == line.plain:
            return line
        return Text("".join(_one_glyph(char) for char in line.plain), end="", no_wrap=True)


class NoteDialog(ModalScreen[bool]):
    """Edit a session's note: ctrl+s saves it (empty clears it), escape leaves it as it was.

    The editor opens with the cursor after the last character, never with the note
    selected, so the first key typed adds to the note instead of replacing it. Enter
    starts a new line. Escape with unsaved edits asks before throwing them away.
    Dismissed with True once the note is saved (and committed), False otherwise.
    """

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    BINDINGS = [
        # A ctrl key, so priority is safe: no letter is taken from the editor.
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True, tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without changing the note"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.stored = ""

    def compose(self) -> ComposeResult:
        self.stored = self.app.store.session(self.session_id).note
        with Vertical(id="note-box", classes="dialog"):
            yield NoteEditor(self.stored, soft_wrap=True, tab_behavior="focus", id="note-input")
            yield Static("", id="note-status")
            yield Static(self._keys(), id="note-keys")

    def _keys(self) -> Content:
        save = self.app.key_display("note.save", "ctrl+s")
        return Content.assemble(
            (save, "bold"), " save   ", ("enter", "bold"), " new line   ", ("esc", "bold"), " close"
        )

    def on_mount(self) -> None:
        self.query_one("#note-box").border_title = "Note on this session"
        editor = self.query_one(TextArea)
        editor.move_cursor(editor.document.end)
        editor.focus()
        self._show_count()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._show_count()

    def _show_count(self, problem: str | None = None) -> None:
        length = len(self.query_one(TextArea).text)
        status = self.query_one("#note-status", Static)
        problem = problem or note_too_long(self.query_one(TextArea).text)
        status.set_class(problem is not None, "note--refused")
        count = f"{length:,} of {NOTE_MAX_CHARS:,} characters"
        status.update(Content(f"Not saved: {problem}." if problem else count))

    @property
    def edited(self) -> bool:
        return self.query_one(TextArea).text.strip() != self.stored.strip()

    def action_save(self) -> None:
        note = self.query_one(TextArea).text.strip()
        problem = note_too_long(note)
        if problem:
            # Refused whole: nothing is cut short, and the text stays in the editor.
            self._show_count(problem)
            return
        try:
            self.app.store.update_session(self.session_id, note=note)
        except StoreError as err:
            # Keep the dialog open with the text, so nothing typed is lost.
            self.app.report_store_error(err)
            return
        # Said only now that the write is committed.
        self.notify("Note saved." if note else "Note cleared.", timeout=2)
        self.dismiss(True)

    def action_cancel(self) -> None:
        if not self.edited:
            self.dismiss(False)
            return
        question = ConfirmDialog(
            "Unsaved note",
            "Close without saving? Your edits to the note will be lost.",
            yes="y  close, lose the edits",
            no="n  keep editing",
        )

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(question, answered)
