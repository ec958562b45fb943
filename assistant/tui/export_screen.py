"""A small dialog asking where to save the decision record (default: the data folder)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class ExportScreen(ModalScreen[Path | None]):
    """Enter saves to the path in the field; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt")]

    def __init__(self, default_path: Path) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Eksporter vurderingen som Markdown", id="export-title")
            yield Static("Filnavn (Enter lagrer, Esc avbryter):")
            yield Input(str(self.default_path), id="export-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.app.notify("Oppgi et filnavn.", title="Eksport", severity="error")
            return
        self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
