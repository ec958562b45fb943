"""Sentence units for dense scoring: each passage split into sentences and list items.

A passage often mixes several points (a list of Tiltak, a paragraph of three
claims); its single embedding blurs them, and a short question then matches
none of them. So every passage is also embedded as
units: each sentence or list item of its body, with the passage's heading line
in front (the section keeps its context). A passage's dense score is

    text = unit_share * max(cosine of its units) + (1 - unit_share) * cosine of the passage
    score = (1 - question_share) * text + question_share * max(cosine of its questions)

(`unit_share`, `question_share` in knowledge/search.yaml; a passage without
questions of its own, e.g. a user's document, scores `text` alone; the questions
come from knowledge/passage_questions.yaml, index/questions.py)

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
QUESTION_SHARE = 0.5
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
                 owner: np.ndarray, question_vectors: np.ndarray | None = None,
                 question_owner: np.ndarray | None = None) -> None:
        self.passage_vectors = np.ascontiguousarray(passage_vectors, dtype=np.float32)
        self.unit_vectors = np.ascontiguousarray(unit_vectors, dtype=np.float32)
        self.owner = np.asarray(owner, dtype=np.int64)
        self.starts = _starts(self.owner)
        if len(self.starts) != len(self.passage_vectors) or \
                np.any(self.owner[self.starts] != np.arange(len(self.starts))):
            raise ValueError("every passage needs at least one unit, in passage order")
        dim = self.passage_vectors.shape[1] if self.passage_vectors.ndim == 2 else 0
        if question_vectors is None or question_owner is None or len(question_owner) == 0:
            question_vectors = np.zeros((0, dim), dtype=np.float32)
            question_owner = np.zeros(0, dtype=np.int64)
        self.question_vectors = np.ascontiguousarray(question_vectors, dtype=np.float32)
        self.question_owner = np.asarray(question_owner, dtype=np.int64)
        if len(self.question_vectors) != len(self.question_owner) or (
            len(self.question_owner) and (
                np.any(np.diff(self.question_owner) < 0) or self.question_owner[0] < 0
                or self.question_owner[-1] >= len(self.passage_vectors))):
            raise ValueError("questions need an owning passage each, in passage order")
        self.question_starts = _starts(self.question_owner)
        self.asked = self.question_owner[self.question_starts]
        """The passages that have questions."""

    def scores(self, vector: np.ndarray, share: float = UNIT_SHARE,
               question_share: float = QUESTION_SHARE) -> np.ndarray:
        """Dense score of every passage for one normalized query vector."""
        best_unit = np.maximum.reduceat(self.unit_vectors @ vector, self.starts)
        whole = self.passage_vectors @ vector
        score = (share * best_unit + (1.0 - share) * whole).astype(np.float32)
        if len(self.asked) and question_share > 0:
            best_question = np.maximum.reduceat(self.question_vectors @ vector,
                                                self.question_starts)
            score[self.asked] = ((1.0 - question_share) * score[self.asked]
                                 + question_share * best_question)
        return score


def _starts(owner: np.ndarray) -> np.ndarray:
    """Where each run of equal owners begins."""
    if len(owner) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
