"""The TUI spend screen (Pilot): open a folder, see findings, drill down to invoices and trace."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widgets import Input, OptionList, Static

from assistant.tui.app import InnkjopApp
from assistant.tui.spend_screen import SpendScreen


class _Host(App[None]):
    def __init__(self, screen: SpendScreen) -> None:
        super().__init__()
        self._spend = screen

    def on_mount(self) -> None:
        self.push_screen(self._spend)


def test_open_folder_list_findings_and_drill_down(demo_year):
    asyncio.run(_drill_down(demo_year[0]))


async def _drill_down(folder):
    screen = SpendScreen(agreements=folder / "avtaler.yaml")
    app = _Host(screen)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen.query_one("#spend-path", Input).value = str(folder / "ehf")
        await pilot.press("enter")
        for _ in range(300):
            await pilot.pause(0.1)
            if screen.analysis is not None:
                break
        assert screen.analysis is not None
        findings = screen.query_one("#spend-findings", OptionList)
        assert findings.option_count == len(screen.analysis.findings) > 0
        codes = [f.code for f in screen.analysis.findings]
        findings.highlighted = codes.index("mulig_ulovlig_direkteanskaffelse")
        await pilot.pause()
        detail = str(screen.query_one("#spend-detail-text", Static).render())
        assert "Regelspor:" in detail and "FOA § 5-4" in detail and "Fakturaer" in detail


def test_app_has_the_spend_binding():
    assert any(b.key == "f6" and b.action == "spend" for b in InnkjopApp.BINDINGS)
