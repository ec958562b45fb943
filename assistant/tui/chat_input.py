"""The chat input: one line at the bottom of the chat, with history on up/down."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

MAX_HISTORY = 200


class ChatInput(Input):
    """An Input that remembers what was sent; up/down walk the history."""

    BINDINGS = [
        Binding("up", "history(-1)", "Forrige", show=False),
        Binding("down", "history(1)", "Neste", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.history: list[str] = []
        self._position: int = 0
        self._draft: str = ""

    def remember(self, text: str) -> None:
        """Add a sent message to the history and reset the cursor to the end."""
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
            del self.history[:-MAX_HISTORY]
        self._position = len(self.history)
        self._draft = ""

    def action_history(self, direction: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.value
        position = max(0, min(len(self.history), self._position + direction))
        if position == self._position:
            return
        self._position = position
        self.value = self._draft if position == len(self.history) else self.history[position]
        self.cursor_position = len(self.value)
