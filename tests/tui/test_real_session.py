"""The app over the real assistant, rules and lexical search (no embedding model)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tui_helpers import notifications, send, settle

from assistant.tui.app import create_app
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.settings import DEFAULT_MODEL, Settings

AS_OF = date(2026, 3, 1)


@pytest.fixture(scope="session")
def lexical_searcher(tmp_path_factory: pytest.TempPathFactory):
    """One lexical searcher (index built once) shared by these tests."""
    from index.search import open_searcher

    home: Path = tmp_path_factory.mktemp("tui_index_home")
    settings = Settings(home, DEFAULT_MODEL, KNOWLEDGE_DIR / "agreements.yaml")
    return open_searcher(settings, dense=False)


def real_app(searcher):
    return create_app(searcher=searcher, dense=False, as_of=AS_OF)


async def test_real_purchase_fills_card_sources_and_trace(lexical_searcher):
    app = real_app(lexical_searcher)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.search_mode == "lexical"
        await send(
            app, pilot,
            "Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr eks. mva. "
            "Vi har ingen avtale.",
        )
        decision = app.card.decision
        assert decision is not None
        assert decision.procedure.code == "del1"
        assert decision.authority.code == "vr_innkjop"
        assert decision.as_of == AS_OF
        assert app.sources.hits
        assert all(hit.passage.citation for hit in app.sources.hits)
        assert app.trace.shown == len(decision.trace) > 0
        codes = {duty.code for duty in decision.documentation}
        assert {"kgv", "protokoll"} <= codes
        # a follow-up changes the same card in place
        await send(app, pilot, "hva om det er 2 millioner?")
        assert app.card.decision.procedure.code == "del2"
        assert not [n for n in notifications(app) if n[1] == "error"]


async def test_real_question_shows_sources(lexical_searcher):
    app = real_app(lexical_searcher)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "må vi ha skatteattest?")
        assert app.sources.hits
        assert any("7-2" in hit.passage.citation for hit in app.sources.hits)
        assert app.query_one("#side").active == "kilder"
