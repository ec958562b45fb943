"""Sentence units for dense scoring: each passage split into sentences and list items.

A passage often mixes several points (a list of Tiltak, a paragraph of three
claims); its single embedding blurs them, and a short question then matches
none of them. So every passage is also embedded as
units: each sentence or list item of its body, with the passage's heading line
in front (the section keeps its context). A passage's dense score is

    unit_share * max(cosine of its units) + (1 - unit_share) * cosine of the passage

(`unit_share` in knowledge/search.yaml, default `UNIT_SHARE`)

and the passage (not the unit) is what search returns; the gain is printed by
benchmarks/bench_search.py and summarised in README.md. Units are kept for
corpora up to `MAX_UNIT_PASSAGES` passages (they multiply the vectors by ~6);
larger corpora score whole passages only.
"""

from __future__ import annotations

import numpy as np

from index.chunking import split_sentences
from index.model import Passage

UNIT_SHARE = 0.7
MIN_UNIT_WORDS = 3
MAX_UNIT_PASSAGES = 20_000


def sentence_units(passages: list[Passage]) -> tuple[list[str], np.ndarray]:
    """(unit texts, owning passage id of each unit); units of one passage are consecutive.

    Every passage has at least one unit (its whole text when no sentence is long enough).
    """
    texts: list[str] = []
    owner: list[int] = []
    for pid, passage in enumerate(passages):
        _, _, body = passage.text.partition("\n")
        found = [
            sentence
            for line in body.split("\n")
            for sentence in split_sentences(line)
            if len(sentence.split()) >= MIN_UNIT_WORDS
        ]
        for text in found or [passage.text]:
            texts.append(text)
            owner.append(pid)
    return texts, np.asarray(owner, dtype=np.int64)


class UnitScorer:
    """Per-passage dense scores from passage vectors and their sentence-unit vectors."""

    def __init__(self, passage_vectors: np.ndarray, unit_vectors: np.ndarray,
                 owner: np.ndarray) -> None:
        self.passage_vectors = np.ascontiguousarray(passage_vectors, dtype=np.float32)
        self.unit_vectors = np.ascontiguousarray(unit_vectors, dtype=np.float32)
        self.owner = np.asarray(owner, dtype=np.int64)
        self.starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]])
        if len(self.starts) != len(self.passage_vectors):
            raise ValueError("every passage needs at least one unit, in passage order")

    def scores(self, vector: np.ndarray, share: float = UNIT_SHARE) -> np.ndarray:
        """Dense score of every passage for one normalized query vector."""
        best_unit = np.maximum.reduceat(self.unit_vectors @ vector, self.starts)
        whole = self.passage_vectors @ vector
        return (share * best_unit + (1.0 - share) * whole).astype(np.float32)
