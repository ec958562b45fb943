"""Snapshot tests of the main screens at 80×24, dark and light.

Update after an intended change with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from tui_helpers import send, settle
from tui_records import ScriptedSession

from assistant.tui.app import create_app


def purchase_app(**fields):
    return create_app(session=ScriptedSession(), dense=False, **fields)


async def steady(pilot) -> None:
    """Start-up done and the input cursor not blinking (a blink makes snapshots flaky)."""
    await settle(pilot.app, pilot)
    pilot.app.chat.input.cursor_blink = False
    await pilot.pause()


async def after_purchase(pilot) -> None:
    await steady(pilot)
    await send(pilot.app, pilot, "PC-er for 250 000 kr")


def test_main_screen_with_a_decision(snap_compare):
    assert snap_compare(purchase_app(), run_before=after_purchase)


def test_sources_light_theme(snap_compare):
    app = purchase_app(theme="textual-light")
    assert snap_compare(app, run_before=after_purchase, press=["f3"])


def test_why_view(snap_compare):
    assert snap_compare(purchase_app(), run_before=after_purchase, press=["f4"])


def test_help_screen(snap_compare):
    assert snap_compare(purchase_app(), run_before=steady, press=["f1"])
