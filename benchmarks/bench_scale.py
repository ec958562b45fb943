"""Scale benchmark: a synthetic corpus of 100 000 passages.

    .venv/bin/python benchmarks/bench_scale.py [--passages 100000]

Passages are sampled from the real knowledge base's words (so the Norwegian
analyzer, stemming and compound splitting do real work). Embedding 100 000
passages with MiniLM on this CPU takes far longer than a benchmark should, so
the dense side uses synthetic clustered unit vectors (384 dimensions, like
MiniLM) and the real model's throughput is measured separately and
extrapolated. Reports: build times, index sizes, query p50/p95 for lexical,
dense (IVF past APPROXIMATE_FROM) and fused, the approximate index's recall
against exact search, peak memory, and exact vs HNSW latency and build time at
several sizes (the basis of index.dense.APPROXIMATE_FROM and the choice of IVF).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_ms(function, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def knowledge_words() -> list[str]:
    from index.ingest import load_document
    from index.sources import list_sources
    from knowledge.infra.settings import load_settings

    words: list[str] = []
    for source in list_sources(load_settings())[0]:
        for passage in load_document(source.path, source.info).passages:
            words.extend(passage.text.split())
    return words


def synthetic_texts(n: int, words: list[str], rng: np.random.Generator) -> list[str]:
    vocab, counts = np.unique(np.asarray(words), return_counts=True)
    probs = counts / counts.sum()
    lengths = rng.integers(40, 110, size=n)
    picks = rng.choice(len(vocab), size=int(lengths.sum()), p=probs)
    texts, start = [], 0
    for length in lengths:
        texts.append(" ".join(vocab[picks[start:start + length]]))
        start += length
    return texts


def clustered_vectors(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    centers = rng.standard_normal((max(n // 100, 10), dim)).astype(np.float32)
    labels = rng.integers(0, len(centers), size=n)
    vectors = centers[labels] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _query_p50(index, queries: np.ndarray) -> float:
    rows = iter(range(10**9))
    return timed_ms(lambda: index.search(queries[next(rows) % len(queries)][None], 50), 100)[0]


def cutover(vectors: np.ndarray, queries: np.ndarray) -> None:
    import faiss

    print("\nexact vs HNSW (M=32, efSearch=256) per size (top-50 search, one query):")
    for size in (10_000, 25_000, 50_000):
        if size > len(vectors):
            continue
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors[:size])
        hnsw = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        start = time.perf_counter()
        hnsw.add(vectors[:size])
        build = time.perf_counter() - start
        hnsw.hnsw.efSearch = 256
        faiss.omp_set_num_threads(1)  # as DenseIndex.search does for single queries
        flat_ms = _query_p50(flat, queries)
        hnsw_ms = _query_p50(hnsw, queries)
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        print(f"  n={size:>7}: exact p50 {flat_ms:6.2f} ms | HNSW p50 {hnsw_ms:6.2f} ms "
              f"(HNSW build {build:5.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--no-model", action="store_true", help="skip the real-model throughput")
    args = parser.parse_args()
    os.environ["INNKJOP_HOME"] = tempfile.mkdtemp(prefix="innkjop-scale-")
    import faiss

    from index.dense import APPROXIMATE_FROM, DenseIndex
    from index.glossary import load_glossary
    from index.lexical import LexicalIndex
    from index.model import Passage
    from index.search import Searcher
    from index.store import LoadedIndex

    faiss.omp_set_num_threads(os.cpu_count() or 1)
    rng = np.random.default_rng(7)
    n = args.passages
    print(f"synthetic corpus: {n} passages; cpu cores: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    texts = synthetic_texts(n, knowledge_words(), rng)
    print(f"  words: {sum(len(t.split()) for t in texts)}; rss after corpus {rss_mb():.0f} MB")

    start = time.perf_counter()
    lexical = LexicalIndex.build(texts, load_glossary().words())
    lexical_build = time.perf_counter() - start
    print(f"lexical build {lexical_build:6.1f} s  ({len(lexical.vocab)} terms, "
          f"{lexical.weights.nnz} postings); rss {rss_mb():.0f} MB")

    vectors = clustered_vectors(n, 384, rng)
    start = time.perf_counter()
    dense = DenseIndex.build(vectors)
    dense_build = time.perf_counter() - start
    print(f"dense build   {dense_build:6.1f} s  ({dense.kind}, "
          f"APPROXIMATE_FROM={APPROXIMATE_FROM}); rss {rss_mb():.0f} MB")
    exact = faiss.IndexFlatIP(384)
    exact.add(vectors)

    passages = [Passage(id=str(i), text=t, document="syntetisk", section=str(i),
                        citation=f"syntetisk {i}") for i, t in enumerate(texts)]
    query_texts = [" ".join(t.split()[:6]) for t in texts[:: max(n // 200, 1)]][:200]
    query_vectors = clustered_vectors(len(query_texts), 384, rng)

    class FixedEncoder:
        name, dim = "synthetic", 384

        def __init__(self) -> None:
            self.table = dict(zip(query_texts, query_vectors, strict=True))

        def encode(self, batch: list[str]) -> np.ndarray:
            return np.stack([self.table[q] for q in batch])

    loaded = LoadedIndex(Path("."), {}, passages, lexical, dense)
    searcher = Searcher(loaded, FixedEncoder())
    it = iter(range(10**9))

    def query() -> str:
        return query_texts[next(it) % len(query_texts)]

    print("\nwarm query latency (top 5):")
    for method in ("lexical", "dense", "fused"):
        p50, p95 = timed_ms(lambda m=method: searcher.search_many([query()], 5, method=m), 200)
        print(f"  {method:<8} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
    _, approx_ids = dense.search(query_vectors, 10)
    _, exact_ids = exact.search(query_vectors, 10)
    overlap = np.mean([len(set(a) & set(b)) / 10
                       for a, b in zip(approx_ids, exact_ids, strict=True)])
    print(f"  {dense.kind} recall@10 against exact search: {overlap:.3f}")
    faiss.omp_set_num_threads(1)
    exact_p50 = _query_p50(exact, query_vectors)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    print(f"  exact search alone at this size: p50 {exact_p50:.2f} ms")
    print(f"peak memory (max rss): {rss_mb():.0f} MB")

    with tempfile.TemporaryDirectory() as folder:
        lexical.save(Path(folder))
        dense.save(Path(folder) / "dense.faiss")
        sizes = {p.name: p.stat().st_size / 1e6 for p in Path(folder).iterdir()}
    print("index files: " + ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(sizes.items())))

    cutover(vectors, query_vectors)

    if not args.no_model:
        from index.dense import load_encoder

        encoder = load_encoder()
        sample = texts[:256]
        start = time.perf_counter()
        encoder.encode(sample)
        rate = len(sample) / (time.perf_counter() - start)
        q50, _ = timed_ms(lambda: encoder.encode([query()]), 50)
        print(f"\nreal MiniLM: {rate:.0f} passages/s embedding -> {n / rate / 60:.0f} min "
              f"for {n} passages (extrapolated); query encoding p50 {q50:.1f} ms")


if __name__ == "__main__":
    main()
