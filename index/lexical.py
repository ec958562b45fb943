"""BM25 over Norwegian terms (stems and compound parts), with numpy/scipy.

The index is a sparse passage x term matrix of precomputed BM25 term weights,
so a query is one sparse column slice and a dot product. Query terms the
corpus has never seen fall back to vocabulary terms that start or end with
them ("konkurranse" -> "konkurransegjennomføringssystem", "verktøy" ->
"innkjøpsanalyseverktøy") or, for typos, to the closest spelling
("skatteatest" -> "skatteattest"). A spoken particle verb in the query ("gått
gjennom", "følge opp") also looks for the written compound ("gjennomgås",
"oppfølging"), see `particle_verbs`; on own dev this moved "kor ofte blir
strategien gått gjennom" from rank 13 to the top 5 and changed nothing else.
"""

from __future__ import annotations

import bisect
import difflib
import json
from array import array
from pathlib import Path

import numpy as np
from scipy import sparse

from index.text import PART_WEIGHT, Analyzer, stem, stopwords, tokenize

K1 = 1.2
B = 0.75
PREFIX_WEIGHT = 0.6
FUZZY_WEIGHT = 0.7
MAX_PREFIX_TERMS = 8
PARTICLES = frozenset(
    "gjennom opp ut inn av over til fram frem med på ned bort sammen".split()
)
"""Adverbs of Norwegian particle verbs: spoken "gå gjennom", written "gjennomgås"."""
QUERY_IDF_POWER = 0.5
"""Extra idf**power on query terms (0 = plain BM25); rare words count for more when > 0."""


class LexicalIndex:
    """BM25 weights for every (passage, term); `scores(text)` ranks passages."""

    def __init__(self, vocab: list[str], weights: sparse.csc_matrix, lexicon: set[str]) -> None:
        self.vocab = vocab
        self.term_ids = {t: i for i, t in enumerate(vocab)}
        self.weights = weights
        self.analyzer = Analyzer(lexicon)
        self._sorted_terms = sorted(vocab)
        n_docs = max(weights.shape[0], 1)
        df = np.diff(weights.indptr).astype(np.float32)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        self._sorted_reversed = sorted(t[::-1] for t in vocab)

    @property
    def size(self) -> int:
        return self.weights.shape[0]

    @classmethod
    def build(cls, texts: list[str], extra_lexicon: list[str] = ()) -> LexicalIndex:  # type: ignore[assignment]
        shared: dict[str, str] = {}  # one string object per distinct token (memory at scale)
        token_lists = [[shared.setdefault(t, t) for t in tokenize(text)] for text in texts]
        lexicon = Analyzer.lexicon_from_tokens(token_lists, extra_lexicon)
        analyzer = Analyzer(lexicon)
        vocab: dict[str, int] = {}
        rows = array("i")
        cols = array("i")
        tfs = array("f")
        lengths = np.zeros(len(texts), dtype=np.float32)
        for row, tokens in enumerate(token_lists):
            terms = analyzer.terms_of_tokens(tokens)
            lengths[row] = sum(terms.values())
            for term, tf in terms.items():
                rows.append(row)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(tf)
        n_docs = max(len(texts), 1)
        tf = np.frombuffer(tfs, dtype=np.float32)
        col = np.frombuffer(cols, dtype=np.int32).astype(np.int64)
        row_ids = np.frombuffer(rows, dtype=np.int32).astype(np.int64)
        df = np.bincount(col, minlength=len(vocab)).astype(np.float32)
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.mean()) if len(texts) else 1.0
        norm = K1 * (1 - B + B * lengths[row_ids] / max(avgdl, 1e-9))
        values = idf[col] * tf * (K1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix(
            (values.astype(np.float32), (row_ids, col)),
            shape=(len(texts), len(vocab)),
        )
        ordered = sorted(vocab, key=vocab.__getitem__)
        return cls(ordered, matrix, lexicon)

    def query_terms(self, text: str, extra: dict[str, float] | None = None) -> dict[int, float]:
        """Term id -> query weight, with fallbacks for unknown terms."""
        weights = self.analyzer.terms(text)
        ids: dict[int, float] = {}
        for joined, particle in particle_verbs(text):
            for fallback in self._joined_matches(joined, len(particle) + 2):
                tid = self.term_ids[fallback]
                ids[tid] = max(ids.get(tid, 0.0), PART_WEIGHT * PREFIX_WEIGHT)
        for term, weight in (extra or {}).items():
            weights[term] = max(weights.get(term, 0.0), weight)
        for term, weight in weights.items():
            if term in self.term_ids:
                tid = self.term_ids[term]
                ids[tid] = ids.get(tid, 0.0) + weight
                continue
            for fallback, factor in self._fallbacks(term):
                tid = self.term_ids[fallback]
                ids[tid] = max(ids.get(tid, 0.0), weight * factor)
        return ids

    def _joined_matches(self, joined: str, shortest: int) -> list[str]:
        """Vocabulary terms for a joined particle verb ("gjennomgått" -> "gjennomgås").

        The joined word is cut back a letter at a time (inflection endings differ
        between the spoken and the written form) until vocabulary terms start with it.
        """
        for end in range(len(joined), max(shortest, 6) - 1, -1):
            head = joined[:end]
            if head in self.term_ids:
                return [head]
            found = _with_prefix(self._sorted_terms, head)
            if found:
                return found
        return []

    def _fallbacks(self, term: str) -> list[tuple[str, float]]:
        """Vocabulary terms that start or end with an unknown term, else its closest spelling."""
        if len(term) < 5 or not term.isalpha():
            return []
        affixed = _with_prefix(self._sorted_terms, term)
        affixed += [t[::-1] for t in _with_prefix(self._sorted_reversed, term[::-1])]
        if affixed:
            return [(t, PREFIX_WEIGHT) for t in dict.fromkeys(affixed)]
        lo = bisect.bisect_left(self._sorted_terms, term[:2])
        hi = bisect.bisect_left(self._sorted_terms, term[:2] + "\uffff")
        pool = [t for t in self._sorted_terms[lo:hi] if abs(len(t) - len(term)) <= 2]
        close = difflib.get_close_matches(term, pool, n=2, cutoff=0.85)
        return [(t, FUZZY_WEIGHT) for t in close]

    def scores(self, text: str, extra: dict[str, float] | None = None) -> np.ndarray:
        """BM25 score of every passage for the query `text` (zeros where nothing matches)."""
        ids = self.query_terms(text, extra)
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        cols = np.fromiter(ids.keys(), dtype=np.int64)
        qw = np.fromiter(ids.values(), dtype=np.float32)
        if QUERY_IDF_POWER:
            qw = qw * self.idf[cols] ** QUERY_IDF_POWER
        return np.asarray(self.weights[:, cols] @ qw, dtype=np.float32).ravel()

    def save(self, folder: Path) -> None:
        sparse.save_npz(folder / "lexical.npz", self.weights.tocsc(), compressed=False)
        data = {"vocab": self.vocab, "lexicon": sorted(self.analyzer.lexicon)}
        (folder / "lexical.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        matrix = sparse.load_npz(folder / "lexical.npz").tocsc()
        data = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
        return cls(data["vocab"], matrix, set(data["lexicon"]))


def particle_verbs(text: str) -> list[tuple[str, str]]:
    """(particle + verb stem, particle) for each verb followed by a particle.

    "følge opp" -> ("oppfølg", "opp").
    """
    tokens = tokenize(text)
    joined: list[tuple[str, str]] = []
    for verb, particle in zip(tokens, tokens[1:], strict=False):
        if particle in PARTICLES and verb.isalpha() and verb not in stopwords() \
                and verb not in PARTICLES:
            joined.append((particle + stem(verb), particle))
    return joined


def _with_prefix(ordered: list[str], prefix: str) -> list[str]:
    start = bisect.bisect_left(ordered, prefix)
    found: list[str] = []
    for candidate in ordered[start:start + MAX_PREFIX_TERMS]:
        if not candidate.startswith(prefix):
            break
        found.append(candidate)
    return found
