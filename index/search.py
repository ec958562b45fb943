"""Hybrid search over the knowledge base: the public API of index/.

    searcher = open_searcher()                 # builds or loads the persistent index
    hits = searcher.search("skatteattest", k=5)
    searcher.mode                              # "hybrid" or "lexical"

`open_searcher(dense=False)` never imports torch or sentence-transformers (the
TUI starts with it and attaches the dense model later). Queries are checked:
an empty or symbols-only query is an InputError in Norwegian; a very long one
is cut to `MAX_QUERY_CHARS` (see `prepare_query` for the notice).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import numpy as np

from index import fusion
from index.dense import Encoder
from index.encoders import encode_queries
from index.glossary import Glossary, load_glossary
from index.model import Hit, Passage
from index.store import LoadedIndex, Notice, Progress, load_or_build
from index.text import tokenize
from index.tuning import FusionParams, load_tuning
from knowledge.infra.errors import InputError, SearchIndexError
from knowledge.infra.settings import Settings, load_settings

MAX_QUERY_CHARS = 1000
EXPANSION_WEIGHT = 0.2
DENSE_CANDIDATES = 50
Method = Literal["fused", "lexical", "dense", "rrf"]


def prepare_query(text: str) -> tuple[str, str | None]:
    """(query to search, a notice or None). InputError for an empty or symbols-only query."""
    query = " ".join(str(text).split())
    if not query:
        raise InputError("Søket er tomt. Skriv noen ord, for eksempel «skatteattest».")
    if not tokenize(query):
        raise InputError(
            f"Søket «{query[:40]}» har ingen ord eller tall å søke etter. Skriv noen ord."
        )
    if len(query) > MAX_QUERY_CHARS:
        notice = (
            f"Søket var {len(query)} tegn langt; bare de første {MAX_QUERY_CHARS} tegnene er brukt."
        )
        return query[:MAX_QUERY_CHARS], notice
    return query, None


class Searcher:
    """Searches the loaded index; thread-safe for concurrent queries."""

    def __init__(
        self, loaded: LoadedIndex, encoder: Encoder | None = None, glossary: Glossary | None = None
    ) -> None:
        self.index = loaded
        self.encoder = encoder if loaded.dense is not None else None
        self.glossary = glossary if glossary is not None else load_glossary()
        self._encode_lock = threading.Lock()
        self._pool_lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._kinds: list[str | None] | None = None

    @property
    def mode(self) -> Literal["hybrid", "lexical"]:
        return "hybrid" if self.encoder is not None else "lexical"

    @property
    def passages(self) -> list[Passage]:
        return self.index.passages

    @property
    def manifest(self) -> dict:
        return self.index.manifest

    def _expansion(self, query: str) -> dict[str, float]:
        extra: dict[str, float] = {}
        analyzer = self.index.lexical.analyzer
        for phrase in self.glossary.expansions(query):
            for term, weight in analyzer.terms(phrase).items():
                extra[term] = max(extra.get(term, 0.0), EXPANSION_WEIGHT * min(weight, 1.0))
        return extra

    def lexical_scores(self, query: str) -> np.ndarray:
        return self.index.lexical.scores(query, self._expansion(query))

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return self.search_many([query], k)[0]

    def search_many(
        self, queries: Sequence[str], k: int = 5, method: Method | None = None
    ) -> list[list[Hit]]:
        """Top k hits for each query (one batch through the model).

        A query that names a source (the strategy, the law: knowledge/search.yaml)
        is scored without its cue words and ranks that source's passages first.
        """
        tuning = load_tuning()
        prepared = [prepare_query(q)[0] for q in queries]
        named = [tuning.source_of(q) for q in prepared]
        prepared = [tuning.strip_cues(q, kind) if kind else q
                    for q, kind in zip(prepared, named, strict=True)]
        method = method or ("fused" if self.mode == "hybrid" else "lexical")
        if method != "lexical" and self.encoder is None:
            raise SearchIndexError(
                "Semantisk søk er ikke lastet (bare leksikalsk søk er tilgjengelig)."
            )
        vectors = None
        lexical: list[np.ndarray | None] = [None] * len(prepared)
        if method != "lexical":
            # The model's forward pass releases the GIL: score BM25 meanwhile.
            pending = self._pool().submit(self._encode, prepared)
            if method != "dense":
                lexical = [self.lexical_scores(q) for q in prepared]
            vectors = pending.result()
        results: list[list[Hit]] = []
        for row, query in enumerate(prepared):
            vector = None if vectors is None else vectors[row]
            kind = named[row]
            if kind is None:
                ranked = self._rank(query, vector, k, method, lexical[row])
            else:
                ranked = fusion.prefer(
                    self._rank(query, vector, max(k, fusion.CANDIDATES), method, lexical[row]),
                    lambda pid, kind=kind: self._kind(pid) == kind, k)
            label = "fused" if method in ("fused", "rrf") else method
            results.append([Hit(self.passages[i], score, label) for i, score in ranked])
        return results

    @property
    def fusion_params(self) -> FusionParams:
        """The fusion measured for this searcher's model (knowledge/search.yaml)."""
        return load_tuning().fusion_for(self.encoder.name if self.encoder is not None else None)

    def _kind(self, pid: int) -> str | None:
        """The source kind of a passage ("strategy", "regulation" or None), cached."""
        if self._kinds is None:
            tuning = load_tuning()
            self._kinds = [tuning.kind_of(p.citation, p.document) for p in self.passages]
        return self._kinds[pid]

    def _pool(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
            return self._executor

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._encode_lock:
            return encode_queries(self.encoder, texts)

    def _rank(
        self, query: str, vector: np.ndarray | None, k: int, method: Method,
        lexical: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        k = max(1, int(k))
        if lexical is None and method != "dense":
            lexical = self.lexical_scores(query)
        if method == "lexical":
            return fusion.lexical_only(lexical, k)
        dense = self.index.dense
        assert dense is not None and vector is not None
        units = self.index.units
        if units is not None:
            params = self.fusion_params
            every = units.scores(vector, params.unit_share, params.question_share)
            dense_ids = fusion.top_ids(every, max(DENSE_CANDIDATES, k))
            dense_scores = every[dense_ids]
        else:
            scores, ids = dense.search(vector[None, :], max(DENSE_CANDIDATES, k))
            dense_ids, dense_scores = ids[0], scores[0]
        if method == "dense":
            return [(int(i), float(s)) for i, s in zip(dense_ids, dense_scores, strict=True)
                    if i >= 0][:k]
        assert lexical is not None
        if method == "rrf":
            return fusion.rrf(lexical, dense_ids, k)

        def dense_of(ids: np.ndarray) -> np.ndarray:
            if units is not None:
                return every[ids]
            vectors = dense.index.reconstruct_batch(ids.astype(np.int64))  # type: ignore[attr-defined]
            return vectors @ vector

        return fusion.weighted(lexical, dense_ids, dense_scores, dense_of, k, self.fusion_params)


def open_searcher(
    settings: Settings | None = None,
    *,
    dense: bool = True,
    progress: Progress | None = None,
    encoder: Encoder | None = None,
    notice: Notice | None = None,
) -> Searcher:
    """Load the persistent index, (re)building it first when sources or model changed.

    `dense=False`: lexical only, without importing torch. `encoder`: use this
    encoder instead of loading `settings.embedding_model` (tests). `notice`
    receives Norwegian notices (waiting for another build, damage rebuilt).
    """
    from index.glossary import GLOSSARY_PATH
    from index.sources import fingerprints

    settings = settings or load_settings()
    if dense and encoder is None:
        from index.dense import load_encoder

        if progress:
            progress("Laster språkmodellen", 0.0)
        encoder = load_encoder(settings.embedding_model, settings.query_prefix,
                               settings.passage_prefix)
    prints = fingerprints(settings, GLOSSARY_PATH)
    loaded = load_or_build(settings, prints, encoder, dense=dense, progress=progress,
                           notice=notice)
    return Searcher(loaded, encoder if dense else None)
