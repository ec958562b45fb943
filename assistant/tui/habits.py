"""Everyday habits of the app (a mixin of InnkjopApp): quitting asks first when a
conversation is on the screen, and keys typed elsewhere go to the message field."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class HabitsMixin:
    """Ctrl+Q / Ctrl+C with a confirmation; printable keys always reach the chat input."""

    async def action_quit(self) -> None:
        """Quit; with a conversation on the screen, ask first."""
        from assistant.tui.confirm_screen import ConfirmScreen

        if not self.messages_sent:
            self.exit()
            return
        if isinstance(self.screen, ConfirmScreen):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen("Avslutte innkjop? Samtalen går tapt (eksporter med Ctrl+S først "
                          "om du vil ta vare på vurderingen).", yes="Avslutt", no="Fortsett"),
            answered,
        )

    def on_key(self, event: events.Key) -> None:
        """A printable key typed elsewhere on the main screen goes to the message field."""
        if self.screen is not self.screen_stack[0] or not event.is_printable:
            return
        if isinstance(self.focused, Input) or event.character in (None, " "):
            return
        field = self.chat.input
        field.focus()
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

