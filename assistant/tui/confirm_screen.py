"""A small yes/no dialog (quit with a conversation open, overwrite an export)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.tui.safety import shown


class ConfirmScreen(ModalScreen[bool]):
    """Returns True for «Ja» (j, Enter on the button), False for «Nei» (n, Esc)."""

    BINDINGS = [
        Binding("j,y", "answer(True)", "Ja"),
        Binding("n,escape", "answer(False)", "Nei"),
    ]

    def __init__(self, question: str, yes: str = "Ja", no: str = "Nei") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(shown(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(shown(f"{self.yes} (j)"), id="confirm-yes", variant="primary")
                yield Button(shown(f"{self.no} (n)"), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
