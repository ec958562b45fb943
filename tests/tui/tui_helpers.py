"""Helpers of the TUI tests: drive the chat and read notifications."""

from __future__ import annotations


def notifications(app) -> list[tuple[str, str]]:
    """(message, severity) of every notification the app has shown."""
    return [(n.message, n.severity) for n in app._notifications]


async def settle(app, pilot) -> None:
    """Let workers finish and the screen catch up."""
    from textual.worker import WorkerFailed

    await pilot.pause()
    try:
        await app.workers.wait_for_complete()
    except WorkerFailed:
        pass  # the app reports a failed worker itself (a notification); tests check that
    await pilot.pause()
    await pilot.pause()


async def send(app, pilot, text: str) -> None:
    """Type a chat message, press Enter and wait for the answer."""
    app.chat.input.focus()
    await pilot.pause()
    app.chat.input.value = text
    await pilot.press("enter")
    await settle(app, pilot)


async def open_first_scenario(app, pilot):
    """Open the trainer (F5) on its first scenario and return the trainer screen."""
    await settle(app, pilot)
    await pilot.press("f5")
    await pilot.pause()
    screen = app.screen
    screen.query_one("#scenario-list").highlighted = 0
    await pilot.press("enter")
    await pilot.pause()
    return screen


async def export_to(app, pilot, target) -> None:
    """Open the export dialog (Ctrl+S), give it `target` as the path, press Enter and wait."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    app.screen.query_one("#export-path").value = str(target)
    await pilot.press("enter")
    await settle(app, pilot)
