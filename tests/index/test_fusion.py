"""Weighted fusion of BM25 and dense scores (index/fusion.py): BM25 leads, dense reorders."""

from __future__ import annotations

import numpy as np

from index import fusion


def _fuse(lexical: list[float], cosines: list[float], k: int = 5, weight: float = 0.1):
    lex = np.asarray(lexical, dtype=np.float32)
    cos = np.asarray(cosines, dtype=np.float32)
    dense_ids = np.argsort(-cos, kind="stable")
    return [pid for pid, _ in fusion.weighted(
        lex, dense_ids, cos[dense_ids], lambda ids: cos[ids], k, weight)]


def test_keep_in_front_moves_protected_entries_into_the_window():
    order = np.array([5, 6, 7, 8, 9, 1, 2, 3])
    assert fusion.keep_in_front(order, np.array([1, 5]), 5).tolist() == [5, 6, 7, 8, 1, 9, 2, 3]
    assert fusion.keep_in_front(order, np.array([5, 6]), 5).tolist() == order.tolist()
    assert fusion.keep_in_front(np.array([5, 6]), np.array([5, 6]), 5).tolist() == [5, 6]


def test_dense_breaks_ties_between_equal_bm25_hits():
    assert _fuse([1.0, 1.0, 0.2], [0.1, 0.9, 0.5], k=2) == [1, 0]


def test_dense_cannot_push_bm25_top_four_out_of_the_top_five(monkeypatch):
    # passages 0-3 lead BM25 narrowly; 4-9 score a little less but are the dense favourites
    lexical = [1.0, 0.99, 0.98, 0.97, 0.96, 0.96, 0.96, 0.96, 0.96, 0.96]
    cosines = [0.0, 0.0, 0.0, 0.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
    top = _fuse(lexical, cosines, k=5, weight=1.0)
    assert set(top) == {0, 1, 2, 3, 4}
    monkeypatch.setattr(fusion, "PROTECTED", 0)
    assert set(_fuse(lexical, cosines, k=5, weight=1.0)) == {4, 5, 6, 7, 8}


def test_without_any_bm25_hit_the_dense_ranking_is_used():
    assert _fuse([0.0, 0.0, 0.0], [0.2, 0.9, 0.5], k=3) == [1, 2, 0]
