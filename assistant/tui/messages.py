"""Messages the app's background workers and widgets post to each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from assistant.model import Reply


class SearcherProgress(Message):
    """The search index or embedding model is loading: a status line and a fraction 0..1."""

    def __init__(self, text: str, fraction: float | None = None) -> None:
        super().__init__()
        self.text = text
        self.fraction = fraction


class SessionReady(Message):
    """The assistant is ready to answer (`mode` is the searcher's mode: lexical or hybrid)."""

    def __init__(self, mode: str) -> None:
        super().__init__()
        self.mode = mode


class ReplyReady(Message):
    """An answer to one chat message (an `assistant.model.Reply`)."""

    def __init__(self, text: str, reply: Reply) -> None:
        super().__init__()
        self.text = text
        self.reply = reply


class ChatSubmitted(Message):
    """The user pressed Enter in the chat input with non-empty text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
