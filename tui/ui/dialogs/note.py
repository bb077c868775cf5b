"""The note dialog: one line of free text on the session, saved when enter is pressed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.store import StoreError

NOTE_MAX_LENGTH = 500


class NoteDialog(ModalScreen[bool]):
    """Edit a session's note: enter saves it (empty clears it), escape leaves it as it was.

    Dismissed with True once the note is saved, False otherwise.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without changing the note"),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        note = self.app.store.session(self.session_id).note
        with Vertical(id="note-box", classes="dialog"):
            yield Input(
                note,
                placeholder="How did it go? Anything you noticed?",
                max_length=NOTE_MAX_LENGTH,
                id="note-input",
            )
            yield Static("[b]enter[/b] save   [b]esc[/b] cancel", id="note-keys")

    def on_mount(self) -> None:
        self.query_one("#note-box").border_title = "Note on this session"
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.app.store.update_session(self.session_id, note=event.value.strip())
        except StoreError as err:
            # Keep the dialog open with the text, so nothing typed is lost.
            self.app.report_store_error(err)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
