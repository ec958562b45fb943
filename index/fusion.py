"""Fusion of lexical (BM25) and dense (cosine) scores into one ranking.

    fused = bm25 / max(bm25) + dense_weight * clip((cos - floor) / (top - floor), 0, 1)

over the union of both methods' top `CANDIDATES`, where `top` and `floor` are
the best and the `normalise_over`-th best dense score of the query (min-max
over the dense top N). When BM25 finds nothing (every score 0), the dense
ranking is used alone. With `protected` > 0, BM25's top `protected` hits always
stay within the fused top 5 (`keep_in_front`): a guard built for the English
MiniLM, whose mistakes pushed good BM25 hits out. The parameters are data
(knowledge/search.yaml, index/tuning.py), chosen by the grid in
`benchmarks/bench_search.py --tune` on the dev sets only; the figures are
printed by that benchmark and summarised in README.md. `rrf` is kept for the
comparison there.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from index.tuning import FusionParams, load_tuning

CANDIDATES = 50
PROTECT_WITHIN = 5
"""BM25's top PROTECTED hits always stay within the fused top PROTECT_WITHIN."""
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
    params: FusionParams | None = None,
) -> list[tuple[int, float]]:
    """Top k (passage id, fused score).

    `dense_ids`/`dense_scores`: the dense top candidates (best first);
    `dense_of(ids)`: cosine of the query with any passages (for lexical candidates).
    """
    params = params or load_tuning().fusion
    lex_top = top_ids(lexical, CANDIDATES)
    lex_top = lex_top[lexical[lex_top] > 0]
    valid = dense_ids >= 0
    dense_ids, dense_scores = dense_ids[valid], dense_scores[valid]
    if len(lex_top) == 0:
        return [(int(i), float(s)) for i, s in zip(dense_ids[:k], dense_scores[:k], strict=True)]
    candidates = np.unique(np.concatenate([lex_top, dense_ids]))
    cos = np.asarray(dense_of(candidates), dtype=np.float32)
    top = float(dense_scores[0]) if len(dense_scores) else float(cos.max())
    floor_at = min(params.normalise_over, len(dense_scores)) - 1
    floor = float(dense_scores[floor_at]) if floor_at >= 0 else float(cos.min())
    spread = max(top - floor, 1e-6)
    dense_norm = np.clip((cos - floor) / spread, 0.0, 1.0)
    lex_norm = lexical[candidates] / float(lexical[lex_top[0]])
    fused = lex_norm + params.dense_weight * dense_norm
    order = np.argsort(-fused, kind="stable")
    if params.protected:
        protected = np.searchsorted(candidates, lex_top[:params.protected])
        order = keep_in_front(order, protected, min(PROTECT_WITHIN, k))
    order = order[:k]
    return [(int(candidates[i]), float(fused[i])) for i in order]


def keep_in_front(order: np.ndarray, protected: np.ndarray, window: int) -> np.ndarray:
    """`order` with every `protected` entry within its first `window` places.

    A protected entry missing from the window takes the place of the window's
    last unprotected entry, which moves just behind the window; the rest keeps
    its order. (So a fused list may show a lower score above a higher one.)
    """
    head = [int(i) for i in order[:window]]
    keep = {int(i) for i in protected}
    bumped: list[int] = []
    for pid in protected:
        if int(pid) in head:
            continue
        for slot in range(len(head) - 1, -1, -1):
            if head[slot] not in keep:
                bumped.insert(0, head[slot])
                head[slot] = int(pid)
                break
    head_set = set(head)
    tail = [int(i) for i in order[window:] if int(i) not in head_set]
    return np.asarray(head + bumped + tail, dtype=np.int64)


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


def prefer(ranked: list[tuple[int, float]], preferred: Callable[[int], bool],
           k: int) -> list[tuple[int, float]]:
    """The top k of `ranked` with the preferred passages first, each group in its order."""
    first = [item for item in ranked if preferred(item[0])]
    rest = [item for item in ranked if not preferred(item[0])]
    return (first + rest)[:k]
