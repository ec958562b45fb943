"""A modal screen that shows one passage whole, with its document, section, page and link."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from index.model import Hit, Passage


def passage_heading(passage: Passage) -> Text:
    """Document · section · page, the citation, validity and official link."""
    text = Text()
    text.append(passage.citation, style="bold")
    text.append("\n")
    parts = [passage.document, passage.section]
    if passage.page is not None:
        parts.append(f"s. {passage.page}")
    text.append(" · ".join(part for part in parts if part))
    if passage.valid_from or passage.valid_to:
        text.append(
            f"\nGjelder fra {passage.valid_from or 'ukjent'} til {passage.valid_to or 'i dag'}",
            style="dim",
        )
    if passage.url:
        text.append(f"\nOffisiell tekst: {passage.url}", style="dim")
    return text


class PassageScreen(ModalScreen[None]):
    """The whole text of a passage. Escape closes it."""

    BINDINGS = [
        Binding("escape,q", "close", "Lukk"),
    ]

    def __init__(self, hit: Hit) -> None:
        super().__init__()
        self.hit = hit

    def compose(self) -> ComposeResult:
        with Vertical(id="passage-dialog"):
            yield Static(passage_heading(self.hit.passage), id="passage-heading")
            with VerticalScroll(id="passage-scroll"):
                yield Static(Text(self.hit.passage.text), id="passage-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passage-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
