"""Fixtures of the assistant tests: one lexical searcher (no model) per session."""

from __future__ import annotations

import pytest

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.settings import DEFAULT_MODEL, Settings


@pytest.fixture(scope="session")
def lexical_searcher(tmp_path_factory: pytest.TempPathFactory):
    from index.search import open_searcher

    home = tmp_path_factory.mktemp("assistant_index_home")
    return open_searcher(Settings(home, DEFAULT_MODEL, KNOWLEDGE_DIR / "agreements.yaml"),
                         dense=False)
