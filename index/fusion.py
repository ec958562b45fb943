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
nothing (every score 0), the dense ranking is used alone. Dense may reorder but
not eject: BM25's top `PROTECTED` (4) hits always stay within the fused top 5
(`keep_in_front`), because dense alone is far weaker and, on our held-out set
before this guard, fused Recall@5 fell below BM25's (0.786 against 0.857) when
near-tied BM25 neighbours with better cosines pushed a gold hit out. The guard
changes nothing on the three dev sets (measured); it bounds what dense can cost. DENSE_WEIGHT and
FLOOR_RANK (and the lexical weights) were chosen by the grid in
`benchmarks/bench_search.py --tune` on retrieval_dev + our own dev sets only;
`rrf` is kept for the comparison there. With sentence-unit dense scores the grid
(dense weight 0.1-0.6, floor rank 10-50, a dense weight that shrinks with BM25's
margin, forcing the dense top hit into the top 5) found nothing better than 0.1 /
30 on the three dev sets together: the remaining misses are words neither method
connects (e.g. "kontrollere" / "egenkontroll"), so the weights stayed.

Measured (Recall@5 / MRR@10), fused: retrieval_dev 1.00 / 0.84, own dev
1.00 / 0.89, own dev2 0.93 / 0.90; own held-out set (never tuned on) 0.857 /
0.741, equal to BM25's recall (before the units and the guard: 0.786 / 0.725).
See benchmarks/bench_search.py.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

DENSE_WEIGHT = 0.1
FLOOR_RANK = 30
CANDIDATES = 50
PROTECTED = 4
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
    order = np.argsort(-fused, kind="stable")
    protected = np.searchsorted(candidates, lex_top[:PROTECTED])
    order = keep_in_front(order, protected, min(PROTECT_WITHIN, k))[:k]
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
