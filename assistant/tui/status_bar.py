"""The status line at the top: app name, search mode and model loading progress."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class StatusBar(Static):
    """One line: `innkjop · <status>`; `busy` adds 'svarer …' while an answer is on its way."""

    status: reactive[str] = reactive("Starter …")
    busy: reactive[bool] = reactive(False)

    def render(self) -> Text:
        text = Text()
        text.append("innkjop", style="bold")
        text.append(f" · {self.status}")
        if self.busy:
            text.append(" · svarer …", style="italic")
        hint = "Ctrl+P kommandoer · F1 hjelp"
        room = self.content_region.width - len(text) - len(hint)
        if room >= 2:
            text.append(" " * room)
            text.append(hint, style="dim")
        return text
