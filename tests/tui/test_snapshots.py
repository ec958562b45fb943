"""Snapshot tests of the main screens at 80×24 (and one wider, light theme).

Update after an intended change with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from conftest import send, settle
from records import ScriptedSession

from assistant.tui.app import create_app


def purchase_app(**fields):
    return create_app(session=ScriptedSession(), dense=False, **fields)


async def after_purchase(pilot) -> None:
    await settle(pilot.app, pilot)
    await send(pilot.app, pilot, "PC-er for 250 000 kr")


def test_main_screen_with_a_decision(snap_compare):
    assert snap_compare(purchase_app(), run_before=after_purchase)


def test_main_screen_light_theme_wide(snap_compare):
    app = purchase_app(theme="textual-light")
    assert snap_compare(app, run_before=after_purchase, terminal_size=(120, 35))


def test_why_view(snap_compare):
    assert snap_compare(purchase_app(), run_before=after_purchase, press=["f4"])


def test_help_screen(snap_compare):
    assert snap_compare(purchase_app(), press=["f1"])
