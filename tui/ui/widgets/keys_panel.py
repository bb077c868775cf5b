"""The keys part of the settings: where the keys file lives, whether it was used, and every binding id."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Static

from tui.core.safe_text import safe_text
from tui.ui.state.keymap import KeymapReport


def plain(text: str) -> str:
    """Text from a file or the user, as markup that shows it literally and inert."""
    return escape(safe_text(text))


def key_label(app: App[Any], keys: str) -> str:
    """Keys as the footer shows them (``question_mark`` -> ``?``)."""
    return safe_text(", ".join(app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",")))


class KeysPanel(Vertical):
    """Explains the keys file and lists every binding id with the key it has now."""

    DEFAULT_CSS = """
    KeysPanel {
        height: auto;
    }
    KeysPanel > Static {
        height: auto;
    }
    """

    def __init__(
        self, report: KeymapReport | None, catalog: dict[str, Binding], keymap: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.report = report
        self.catalog = catalog
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        yield Static(self.intro(), id="keys-intro")
        yield Static(self.table(), id="keys-table")

    def intro(self) -> str:
        """What the file is and how it went, in markup (theme colours for problems)."""
        lines = []
        if self.report is None:
            lines.append("[i]No keys file is read in this session.[/i]")
        else:
            lines.append(f"[b]File[/b]   {plain(str(self.report.path))}")
            colour = "$error" if self.report.ignored else "$success" if self.report.keymap else "$text-muted"
            lines.append(f"[b]Status[/b] [{colour}]{plain(self.report.summary())}[/]")
            lines.extend(f"  [$error]• {plain(problem)}[/]" for problem in self.report.problems)
            lines.extend(f"  [$warning]• {plain(warning)}[/]" for warning in self.report.warnings)
        lines.append(
            plain('One line per key to change, like app.today = "f1" or app.history = ["h", "f3"]; ')
            + "restart scalp to apply. The ids and their keys now (remapped keys in [b]bold[/b]):"
        )
        return "\n".join(lines)

    def table(self) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, expand=False)
        table.add_column("Id", no_wrap=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("Does")
        for binding_id, binding in self.catalog.items():
            keys = self.keymap.get(binding_id, binding.key)
            table.add_row(
                binding_id,
                Text(key_label(self.app, keys), style="bold" if binding_id in self.keymap else ""),
                binding.tooltip or binding.description,
            )
        return table
