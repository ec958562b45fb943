"""The sources panel: the passages behind an answer, with document, section and page.

Enter on a passage opens it whole in a `PassageScreen`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.passage_screen import PassageScreen
from index.model import Hit

SNIPPET_CHARS = 160
EMPTY_TEXT = "Ingen kilder ennå. Still et spørsmål eller beskriv et kjøp."


def hit_location(hit: Hit) -> str:
    passage = hit.passage
    parts = [passage.document, passage.section]
    if passage.page is not None:
        parts.append(f"s. {passage.page}")
    return " · ".join(part for part in parts if part)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def hit_prompt(number: int, hit: Hit) -> Text:
    text = Text()
    text.append(f"{number}. {hit.passage.citation}", style="bold")
    text.append(f"\n{hit_location(hit)}", style="italic")
    text.append(f"\n{snippet(hit.passage.text)}")
    return text


class SourcesPanel(Vertical):
    """A list of passages; Enter opens one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_TEXT, classes="sources-empty")
        yield OptionList(classes="sources-list")

    def on_mount(self) -> None:
        self.query_one(".sources-list").display = False

    def show(self, hits: list[Hit]) -> None:
        self.hits = list(hits)
        option_list = self.query_one(".sources-list", OptionList)
        option_list.clear_options()
        option_list.add_options(
            [Option(hit_prompt(i, hit), id=str(i - 1)) for i, hit in enumerate(self.hits, 1)]
        )
        option_list.display = bool(self.hits)
        self.query_one(".sources-empty").display = not self.hits
        if self.hits:
            option_list.highlighted = 0

    def focus_list(self) -> None:
        if self.hits:
            self.query_one(".sources-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open(event.option_index)

    def open(self, index: int) -> None:
        """Open passage number `index` (0-based) whole."""
        if 0 <= index < len(self.hits):
            self.app.push_screen(PassageScreen(self.hits[index]))
