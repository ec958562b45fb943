"""Vectors already embedded are reused by the next build (index/vector_cache.py)."""

from __future__ import annotations

import numpy as np
import pytest

from index import store
from index.questions import load_questions, questions_of
from index.store import build_index
from index.units import sentence_units
from index.vector_cache import BUNDLED, VectorCache, model_digest, text_key
from knowledge.infra.settings import load_settings


def _cache_file(settings, encoder):
    return settings.data_dir / "cache" / f"vectors-{model_digest(encoder)}.npz"


def test_a_second_build_encodes_nothing_and_gives_the_same_vectors(hash_encoder):
    settings = load_settings()
    first = build_index(settings, hash_encoder)
    calls = hash_encoder.calls
    assert calls > 0 and _cache_file(settings, hash_encoder).is_file()
    second = build_index(settings, hash_encoder)
    assert hash_encoder.calls == calls
    np.testing.assert_array_equal(second.units.unit_vectors, first.units.unit_vectors)
    np.testing.assert_array_equal(second.units.question_vectors, first.units.question_vectors)


def test_a_new_document_encodes_only_its_own_texts(hash_encoder):
    settings = load_settings()
    build_index(settings, hash_encoder)
    settings.user_documents_dir.mkdir(parents=True, exist_ok=True)
    (settings.user_documents_dir / "rutine.md").write_text(
        "# Rutine for innkjøp\n\nBestillinger over 50 000 kroner godkjennes av enhetsleder.\n",
        encoding="utf-8")
    sizes: list[int] = []
    original = hash_encoder.encode

    def counting(texts):
        sizes.append(len(texts))
        return original(texts)

    hash_encoder.encode = counting
    built = build_index(settings, hash_encoder)
    assert 0 < sum(sizes) <= 3, sizes
    assert any("enhetsleder" in p.text for p in built.passages)


@pytest.mark.parametrize("damage", [b"", b"not a numpy file", None])
def test_a_damaged_or_foreign_cache_is_encoded_again(hash_encoder, damage):
    settings = load_settings()
    first = build_index(settings, hash_encoder)
    path = _cache_file(settings, hash_encoder)
    if damage is None:  # a cache of another model under this name
        data = dict(np.load(path))
        data["digest"] = np.asarray("another-model")
        with open(path, "wb") as out:
            np.savez(out, **data)
    else:
        path.write_bytes(damage)
    calls = hash_encoder.calls
    second = build_index(settings, hash_encoder)
    assert hash_encoder.calls > calls
    np.testing.assert_array_equal(second.units.passage_vectors, first.units.passage_vectors)


def test_an_unwritable_cache_only_costs_time(hash_encoder):
    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "cache").write_text("a file where the folder belongs", encoding="utf-8")
    built = build_index(settings, hash_encoder)
    assert built.units is not None and len(built.passages) > 0


def test_vectors_are_kept_per_role(hash_encoder, tmp_path):
    cache = VectorCache(hash_encoder, tmp_path)
    cache.vectors(["samme tekst"], "passage")
    assert text_key("query", "samme tekst") != text_key("passage", "samme tekst")
    calls = hash_encoder.calls
    cache.vectors(["samme tekst"], "query")
    assert hash_encoder.calls == calls + 1
    assert cache.vectors([], "query").shape == (0, hash_encoder.dim)


@pytest.mark.model
def test_the_shipped_vectors_cover_every_built_in_text_for_the_default_model(tmp_path):
    """Stale after a change of a source, the chunker or the passage questions:
    run scripts/builtin_vectors.py."""
    from index.dense import load_encoder
    from knowledge.infra.settings import DEFAULT_MODEL

    encoder = load_encoder(DEFAULT_MODEL)
    cache = VectorCache(encoder, None)
    passages, _, _ = store._read_passages(load_settings(), lambda message, done: None)
    units, _ = sentence_units(passages)
    questions, _, _ = questions_of(passages, load_questions())
    wanted = [("passage", t) for t in [p.text for p in passages] + units]
    wanted += [("query", q) for q in questions]
    missing = [text for role, text in wanted if not cache.has(role, text)]
    assert BUNDLED.is_file() and not missing, f"{len(missing)} texts lack a shipped vector"
    # And they are the model's own vectors.
    sample = [passages[0].text, units[1]]
    shipped = cache.vectors(sample, "passage")
    np.testing.assert_allclose(shipped, encoder.encode(sample), atol=1e-4)
    np.testing.assert_allclose(cache.vectors(questions[:2], "query"),
                               encoder.encode_queries(questions[:2]), atol=1e-4)
