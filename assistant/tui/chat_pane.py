"""The chat pane: the conversation as Markdown answers, the input at the bottom.

Each answer is one Static rendering Rich's Markdown: Textual's Markdown widget
builds a widget per block, which made a long answer with quotes take a second
to lay out on a busy machine.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from assistant.tui.chat_input import ChatInput
from assistant.tui.messages import ChatSubmitted
from assistant.tui.safety import shown
from knowledge.infra.terminal import safe_text

WELCOME = Text.assemble(
    ("Velkommen til innkjop.", "bold"),
    " Beskriv et kjøp eller still et spørsmål om anskaffelsesreglene og strategien, "
    "for eksempel:\n\n",
    "  • ", ("Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva", "italic"),
    "\n  • ", ("Må vi ha skatteattest?", "italic"),
    "\n\nF1 viser hjelp, Ctrl+P viser alle kommandoer.",
)
"""Plain styled text, so that the first screen needs no Markdown parser."""
PLACEHOLDER = "Beskriv et kjøp eller still et spørsmål, og trykk Enter"
SHOWN_MESSAGE_CHARS = 2000
"""A longer message is shown cut (the assistant still reads it, with its own notice)."""


def reply_widget(markdown: str) -> Static:
    """An answer rendered as Markdown in one widget."""
    from rich.markdown import Markdown  # not needed for the first screen

    return Static(Markdown(safe_text(markdown), hyperlinks=True), classes="chat-reply")


class ChatPane(Vertical):
    """Messages above, a one-line input below; posts `ChatSubmitted` on Enter."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="chat-log"):
            yield Static(WELCOME, classes="chat-reply")
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
        self._append(Static(shown(f"Du: {text}", SHOWN_MESSAGE_CHARS), classes="chat-user"))

    def add_reply(self, markdown: str) -> None:
        """Append an answer and scroll so that its beginning is in view."""
        self._append(reply_widget(markdown), show_top=True)

    def add_note(self, text: str) -> None:
        self._append(Static(shown(text, SHOWN_MESSAGE_CHARS), classes="chat-note"))

    def clear(self) -> None:
        log = self.query_one("#chat-log", VerticalScroll)
        log.remove_children()
        log.mount(Static(WELCOME, classes="chat-reply"))

    def _append(self, widget: Static, show_top: bool = False) -> None:
        log = self.query_one("#chat-log", VerticalScroll)
        log.mount(widget)
        if show_top:
            log.call_after_refresh(log.scroll_to_widget, widget, top=True, animate=False)
        else:
            log.call_after_refresh(log.scroll_end, animate=False)
