"""Retrieval evaluation: Recall@k and MRR@10 over question sets with gold phrases.

A question set is JSON lines `{"q": question, "gold": [phrases]}`. A passage
answers a question when its text, lower-cased with runs of white space folded
to one space, contains one of the phrases (as in shared/eval/README.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.model import Hit


@dataclass(frozen=True)
class Question:
    q: str
    gold: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    recall_at_5: float
    mrr_at_10: float
    n: int
    misses: tuple[str, ...]
    """Questions with no gold passage in the top 5."""

    def line(self, label: str) -> str:
        return (
            f"{label:<34} Recall@5 {self.recall_at_5:5.3f}   "
            f"MRR@10 {self.mrr_at_10:5.3f}   (n={self.n})"
        )


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def load_questions(path: Path) -> list[Question]:
    questions: list[Question] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            questions.append(Question(record["q"], tuple(record["gold"])))
    return questions


def is_gold(text: str, gold: Sequence[str]) -> bool:
    folded = fold(text)
    return any(fold(phrase) in folded for phrase in gold)


def evaluate(
    questions: Sequence[Question], search_many: Callable[[list[str], int], list[list[Hit]]]
) -> Scores:
    """Recall@5 and MRR@10 of a search function over the questions."""
    results = search_many([q.q for q in questions], 10)
    recall = 0
    rr = 0.0
    misses: list[str] = []
    for question, hits in zip(questions, results, strict=True):
        ranks = [
            i for i, hit in enumerate(hits[:10], start=1)
            if is_gold(hit.passage.text, question.gold)
        ]
        if ranks and ranks[0] <= 5:
            recall += 1
        else:
            misses.append(question.q)
        if ranks:
            rr += 1.0 / ranks[0]
    n = max(len(questions), 1)
    return Scores(recall / n, rr / n, len(questions), tuple(misses))
