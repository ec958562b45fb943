"""Weighted fusion of BM25 and dense scores (index/fusion.py): BM25 leads, dense reorders."""

from __future__ import annotations

import numpy as np

from index import fusion
from index.tuning import FusionParams


def _fuse(lexical: list[float], cosines: list[float], k: int = 5, weight: float = 0.1,
          protected: int = 4):
    lex = np.asarray(lexical, dtype=np.float32)
    cos = np.asarray(cosines, dtype=np.float32)
    dense_ids = np.argsort(-cos, kind="stable")
    params = FusionParams(dense_weight=weight, normalise_over=30, protected=protected)
    return [pid for pid, _ in fusion.weighted(
        lex, dense_ids, cos[dense_ids], lambda ids: cos[ids], k, params)]


def test_keep_in_front_moves_protected_entries_into_the_window():
    order = np.array([5, 6, 7, 8, 9, 1, 2, 3])
    assert fusion.keep_in_front(order, np.array([1, 5]), 5).tolist() == [5, 6, 7, 8, 1, 9, 2, 3]
    assert fusion.keep_in_front(order, np.array([5, 6]), 5).tolist() == order.tolist()
    assert fusion.keep_in_front(np.array([5, 6]), np.array([5, 6]), 5).tolist() == [5, 6]


def test_dense_breaks_ties_between_equal_bm25_hits():
    assert _fuse([1.0, 1.0, 0.2], [0.1, 0.9, 0.5], k=2) == [1, 0]


def test_the_guard_keeps_bm25_top_four_in_the_top_five():
    # passages 0-3 lead BM25 narrowly; 4-9 score a little less but are the dense favourites
    lexical = [1.0, 0.99, 0.98, 0.97, 0.96, 0.96, 0.96, 0.96, 0.96, 0.96]
    cosines = [0.0, 0.0, 0.0, 0.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
    top = _fuse(lexical, cosines, k=5, weight=1.0)
    assert set(top) == {0, 1, 2, 3, 4}
    assert set(_fuse(lexical, cosines, k=5, weight=1.0, protected=0)) == {4, 5, 6, 7, 8}


def test_the_default_weights_let_a_clear_dense_winner_lead():
    """The tuned default (knowledge/search.yaml): a strong model may overrule a narrow BM25 lead."""
    assert _fuse_default([1.0, 0.9], [0.1, 0.9], k=2)[0] == 1


def _fuse_default(lexical: list[float], cosines: list[float], k: int):
    lex = np.asarray(lexical, dtype=np.float32)
    cos = np.asarray(cosines, dtype=np.float32)
    dense_ids = np.argsort(-cos, kind="stable")
    return [pid for pid, _ in fusion.weighted(lex, dense_ids, cos[dense_ids],
                                              lambda ids: cos[ids], k)]


def test_prefer_puts_the_named_source_first_in_order():
    ranked = [(7, 3.0), (2, 2.5), (9, 2.0), (4, 1.0)]
    assert fusion.prefer(ranked, lambda pid: pid % 2 == 0, 3) == [(2, 2.5), (4, 1.0), (7, 3.0)]


def test_without_any_bm25_hit_the_dense_ranking_is_used():
    assert _fuse([0.0, 0.0, 0.0], [0.2, 0.9, 0.5], k=3) == [1, 2, 0]
