"""Category by meaning for words the category lexicon lacks (assistant/category_model.py):
optional, only with a hybrid searcher; confident guesses are assumed and shown,
unsure ones become a question naming the two likeliest categories.

A small deterministic encoder (character trigrams) stands in for the model so
the scores are exact; tests/assistant/test_category_model.py uses the real model."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pytest

from assistant.category import what_is_bought
from assistant.category_model import Examples, classify
from assistant.dialogue import category_by_model
from assistant.session import Session

DIM = 512


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


@dataclass(eq=False)  # hashable by identity, like the real searcher (a cache key)
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
    found = classify("skylagrnig av dokumneter for 200 000", TrigramEncoder())
    assert found is not None and found.category == "tjenester" and found.decided
    assert found.assumption.startswith("tolket som tjenester: it-tjenester")


EVEN = Examples(labels=(("varer", "ting"), ("tjenester", "hjelp"), ("bygg_anlegg", "bygg")),
                texts=("greier til salgs", "greier til leie", "noe helt annet"),
                decide_from=0.6, temperature=0.05, neighbours=3)
"""Two examples as near "diverse greier" as each other: the model cannot decide."""


def test_unclear_words_are_asked_with_the_two_likeliest():
    found = classify("diverse greier", TrigramEncoder(), EVEN)
    assert found is not None and not found.decided
    assert {found.category, found.runner_up} == {"varer", "tjenester"}
    assert found.confidence >= found.runner_up_confidence
    assert "Mest sannsynlig" in found.question


@pytest.mark.parametrize("text", [
    "for 200 000 kr eks mva",
    "vi skal bruke ca 800 000 eks mva, hva slags prosedyre blir det?",
    "hvilke regler gjelder egentlig for 300 000?",
])
def test_words_that_name_no_purchase_give_no_guess(text: str):
    assert classify(text, TrigramEncoder()) is None


def test_fallback_needs_a_hybrid_searcher():
    assert category_by_model("telefonløsnig", None) is None
    lexical = FakeHybridSearcher(TrigramEncoder(), mode="lexical")
    assert category_by_model("telefonløsnig", lexical) is None


def test_session_uses_the_fallback_and_says_so():
    session = Session(FakeHybridSearcher(TrigramEncoder()))
    reply = session.respond("ny skylagrnig av dokumneter 180 000 kr eks mva ingen avtale",
                            as_of=date(2026, 3, 1))
    assert reply.facts["category"].value == "tjenester"
    assert reply.facts["category"].source.startswith("tolket som tjenester:")
    assert reply.decision is not None and reply.decision.procedure.code == "del1"


def test_session_asks_with_the_two_likeliest_when_unsure(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("assistant.category_model.load_examples", lambda: EVEN)
    session = Session(FakeHybridSearcher(TrigramEncoder()))
    reply = session.respond("diverse greier 180 000 kr eks mva ingen avtale",
                            as_of=date(2026, 3, 1))
    assert "category" not in reply.facts
    [question] = [q for q in reply.questions if q.slot == "category"]
    assert "Mest sannsynlig" in question.text and "diverse greier" in question.text


def test_example_vectors_are_stored_in_the_data_folder_and_a_damaged_file_is_redone(
        monkeypatch: pytest.MonkeyPatch):
    from assistant import category_model
    from knowledge.infra.settings import load_settings

    encoder = TrigramEncoder()
    first = classify("skylagrnig av dokumneter", encoder)
    [stored] = (load_settings().data_dir / "cache").glob(f"{category_model.CACHE_NAME}-*.npz")
    category_model._VECTORS.clear()
    calls: list[int] = []
    monkeypatch.setattr(encoder, "encode", lambda texts: calls.append(len(texts)) or
                        TrigramEncoder().encode(texts))
    again = classify("skylagrnig av dokumneter", encoder)
    assert calls == [1]  # only the description: the examples came from the file
    assert (again.category, again.confidence) == (first.category, first.confidence)
    stored.write_bytes(b"not a numpy file")
    category_model._VECTORS.clear()
    assert classify("skylagrnig av dokumneter", encoder).category == first.category
    assert sum(calls) > 1 and stored.read_bytes()[:2] == b"PK"  # a numpy archive again


def test_warming_stops_when_asked_and_stores_nothing():
    from assistant import category_model
    from knowledge.infra.settings import load_settings

    category_model.warm(TrigramEncoder(), stop=lambda: True)
    assert not list((load_settings().data_dir / "cache").glob(f"{category_model.CACHE_NAME}-*"))
