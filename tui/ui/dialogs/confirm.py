"""A yes/no question that only a deliberate y answers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something done by accident would be a nuisance; y confirms, n or escape declines.

    Enter does not confirm: a second press of the key that opened the dialog, or a
    stray enter, must never be taken for a yes.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes, go ahead"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No, leave things as they are"),
    ]

    def __init__(self, title: str, question: str, yes: str = "y  yes", no: str = "n  no") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            yield Static(f"[b]{self.yes}[/b]     [b]{self.no}[/b]", id="confirm-keys")

    def on_mount(self) -> None:
        self.query_one("#confirm-box").border_title = self.title_text

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
