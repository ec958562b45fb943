"""The chat pane: the conversation as Markdown answers, the input at the bottom."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Markdown, Static

from assistant.tui.chat_input import ChatInput
from assistant.tui.messages import ChatSubmitted

WELCOME = (
    "**Velkommen til innkjop.** Beskriv et kjøp eller still et spørsmål om "
    "anskaffelsesreglene og strategien, for eksempel:\n\n"
    "- *Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva*\n"
    "- *Må vi ha skatteattest?*\n\n"
    "F1 viser hjelp, Ctrl+P viser alle kommandoer."
)
PLACEHOLDER = "Beskriv et kjøp eller still et spørsmål, og trykk Enter"


class ChatPane(Vertical):
    """Messages above, a one-line input below; posts `ChatSubmitted` on Enter."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="chat-log"):
            yield Markdown(WELCOME, classes="chat-reply")
        yield ChatInput(placeholder=PLACEHOLDER, id="chat-input")

    @property
    def input(self) -> ChatInput:
        return self.query_one(ChatInput)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.app.notify(
                "Skriv et spørsmål eller beskriv et kjøp før du trykker Enter.",
                title="Tom melding",
                severity="warning",
            )
            return
        self.input.remember(text)
        self.input.value = ""
        self.post_message(ChatSubmitted(text))

    def add_user(self, text: str) -> None:
        self._append(Static(f"Du: {text}", markup=False, classes="chat-user"))

    def add_reply(self, markdown: str) -> None:
        self._append(Markdown(markdown, classes="chat-reply"))

    def add_note(self, text: str) -> None:
        self._append(Static(text, markup=False, classes="chat-note"))

    def clear(self) -> None:
        log = self.query_one("#chat-log", VerticalScroll)
        log.remove_children()
        log.mount(Markdown(WELCOME, classes="chat-reply"))

    def _append(self, widget: Static | Markdown) -> None:
        log = self.query_one("#chat-log", VerticalScroll)
        log.mount(widget)
        log.call_after_refresh(log.scroll_end, animate=False)
