"""The embedding fallback for words the category lexicon lacks: optional, only
with a hybrid searcher, and only a clear nearest lexicon word counts.

A small deterministic encoder (character trigrams) stands in for the model so
the scores are exact; the real model is exercised by the search tests."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pytest

from assistant.category import embed_category, what_is_bought
from assistant.dialogue import category_by_model
from assistant.session import Session

DIM = 512


@pytest.fixture(autouse=True)
def trigram_threshold(monkeypatch: pytest.MonkeyPatch):
    """The cut-off is tuned for MiniLM; trigram overlap of a misspelling scores ~0.7."""
    monkeypatch.setattr("assistant.category.EMBEDDING_MIN_SIMILARITY", 0.6)


@dataclass
class TrigramEncoder:
    name: str = "trigram"
    dim: int = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                out[row, zlib.crc32(padded[i:i + 3].encode()) % DIM] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


@dataclass
class FakeHybridSearcher:
    """Only what the fallback reads: mode and encoder (no search in these tests)."""

    encoder: TrigramEncoder
    mode: str = "hybrid"

    def search_many(self, queries, k=5):
        return [[] for _ in queries]


def test_what_is_bought_drops_amounts_and_filler():
    assert what_is_bought("Vi trenger en ny telefonløsnig for 4 mill eks mva, ingen avtale") == \
        "telefonløsnig"


def test_misspelt_word_finds_its_category():
    found = embed_category("telefonløsnig for 200 000", TrigramEncoder())
    assert found is not None and found.category == "tjenester"
    assert "telefoniløsning" in found.source


def test_unclear_words_stay_unknown():
    assert embed_category("diverse greier", TrigramEncoder()) is None


def test_fallback_needs_a_hybrid_searcher():
    assert category_by_model("telefonløsnig", None) is None
    lexical = FakeHybridSearcher(TrigramEncoder(), mode="lexical")
    assert category_by_model("telefonløsnig", lexical) is None


def test_session_uses_the_fallback_and_says_so():
    session = Session(FakeHybridSearcher(TrigramEncoder()))
    reply = session.respond("ny telefonløsnig 180 000 kr eks mva ingen avtale",
                            as_of=date(2026, 3, 1))
    assert reply.facts["category"].value == "tjenester"
    assert reply.facts["category"].source.startswith("modell:")
    assert reply.decision is not None and reply.decision.procedure.code == "del1"
