"""Fusion of lexical (BM25) and dense (cosine) scores into one ranking.

The bundled MiniLM is an English model and weak on Norwegian. Scored on whole
passages it reached Recall@5 0.35 on shared retrieval_dev, 0.54 on our own dev
set and 0.37 on own dev2; scored on each passage's best sentence (index/units.py)
0.85 / 0.76 / 0.67, still well below BM25 (1.00 / 0.98 / 0.93). Plain
reciprocal-rank fusion lets its mistakes push good BM25 hits out of the top 5
(RRF: 0.80 against BM25's 1.00 on retrieval_dev). So fusion is a weighted sum of
normalized scores in which BM25 leads and the dense score mostly breaks ties:

    fused = bm25 / max(bm25) + DENSE_WEIGHT * clip((cos - floor) / (top - floor), 0, 1)

over the union of both methods' top `CANDIDATES`, where `top` and `floor` are
the best and the `FLOOR_RANK`-th best cosine of the query. When BM25 finds
nothing (every score 0), the dense ranking is used alone. DENSE_WEIGHT and
FLOOR_RANK (and the lexical weights) were chosen by the grid in
`benchmarks/bench_search.py --tune` on retrieval_dev + our own dev sets only;
`rrf` is kept for the comparison there. With sentence-unit dense scores the grid
(dense weight 0.1-0.6, floor rank 10-50, a dense weight that shrinks with BM25's
margin, forcing the dense top hit into the top 5) found nothing better than 0.1 /
30 on the three dev sets together: the remaining misses are words neither method
connects (e.g. "kontrollere" / "egenkontroll"), so the weights stayed.

Measured (Recall@5 / MRR@10), fused: retrieval_dev 1.00 / 0.84, own dev
0.98 / 0.87, own dev2 0.93 / 0.90.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

DENSE_WEIGHT = 0.1
FLOOR_RANK = 30
CANDIDATES = 50
RRF_K = 60


def top_ids(scores: np.ndarray, n: int) -> np.ndarray:
    n = min(n, len(scores))
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, n - 1)[:n]
    return part[np.argsort(-scores[part], kind="stable")]


def weighted(
    lexical: np.ndarray,
    dense_ids: np.ndarray,
    dense_scores: np.ndarray,
    dense_of: Callable[[np.ndarray], np.ndarray],
    k: int,
    weight: float | None = None,
) -> list[tuple[int, float]]:
    """Top k (passage id, fused score).

    `dense_ids`/`dense_scores`: the dense top candidates (best first);
    `dense_of(ids)`: cosine of the query with any passages (for lexical candidates).
    """
    lex_top = top_ids(lexical, CANDIDATES)
    lex_top = lex_top[lexical[lex_top] > 0]
    valid = dense_ids >= 0
    dense_ids, dense_scores = dense_ids[valid], dense_scores[valid]
    if len(lex_top) == 0:
        return [(int(i), float(s)) for i, s in zip(dense_ids[:k], dense_scores[:k], strict=True)]
    candidates = np.unique(np.concatenate([lex_top, dense_ids]))
    cos = np.asarray(dense_of(candidates), dtype=np.float32)
    top = float(dense_scores[0]) if len(dense_scores) else float(cos.max())
    floor_at = min(FLOOR_RANK, len(dense_scores)) - 1
    floor = float(dense_scores[floor_at]) if floor_at >= 0 else float(cos.min())
    spread = max(top - floor, 1e-6)
    dense_norm = np.clip((cos - floor) / spread, 0.0, 1.0)
    lex_norm = lexical[candidates] / float(lexical[lex_top[0]])
    fused = lex_norm + (DENSE_WEIGHT if weight is None else weight) * dense_norm
    order = np.argsort(-fused, kind="stable")[:k]
    return [(int(candidates[i]), float(fused[i])) for i in order]


def rrf(lexical: np.ndarray, dense_ids: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of the two rankings (for comparison only)."""
    scores: dict[int, float] = {}
    lex_top = top_ids(lexical, CANDIDATES)
    for rank, pid in enumerate(lex_top[lexical[lex_top] > 0], start=1):
        scores[int(pid)] = scores.get(int(pid), 0.0) + 1.0 / (RRF_K + rank)
    for rank, pid in enumerate(dense_ids[dense_ids >= 0], start=1):
        scores[int(pid)] = scores.get(int(pid), 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: -item[1])[:k]


def lexical_only(lexical: np.ndarray, k: int) -> list[tuple[int, float]]:
    top = top_ids(lexical, k)
    return [(int(i), float(lexical[i])) for i in top if lexical[i] > 0]
