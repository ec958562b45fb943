"""Questions a passage answers (knowledge/passage_questions.yaml): loading and validation.

A user's question is often worded nothing like the passage that answers it
("hvem passer på at firmaet leverer det som er avtalt?" for a passage on
kontraktsoppfølging). So every built-in passage carries questions it answers,
written as buyers and orderers ask them; the index embeds them like queries
(e5's "query: " prefix: a question is compared with questions) and adds their
words to the passage's BM25 text (doc2query). How much a passage's best
question counts is `question_share` in knowledge/search.yaml (index/units.py).

    .venv/bin/python -m index.questions --ids     # passage ids and their question counts
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.model import Passage
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import load_parsed

QUESTIONS_PATH = KNOWLEDGE_DIR / "passage_questions.yaml"
PassageQuestions = dict[str, tuple[str, ...]]


def parse_questions(data: object, path: Path) -> PassageQuestions:
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("passages", {}), dict):
        raise DataFileError(path, "passages", "må være en tabell passasje-id -> spørsmål")
    table: PassageQuestions = {}
    for key, questions in (data.get("passages") or {}).items():
        if not isinstance(key, str) or not key.strip():
            raise DataFileError(path, f"passages.{key}", "må være en passasje-id (tekst)")
        if not isinstance(questions, list) or not questions or \
                not all(isinstance(q, str) and q.strip() for q in questions):
            raise DataFileError(path, f"passages.{key}", "må være en liste med spørsmål")
        table[key] = tuple(" ".join(q.split()) for q in questions)
    return table


def load_questions(path: Path | None = None) -> PassageQuestions:
    """Passage id -> its questions (empty when the file is absent)."""
    path = path or QUESTIONS_PATH
    if not path.is_file():
        return {}
    return load_parsed(path, parse_questions)


def questions_of(
    passages: Sequence[Passage], table: PassageQuestions
) -> tuple[list[str], np.ndarray, list[str]]:
    """(question texts, owning passage of each, warnings for ids that name no passage).

    Questions of one passage are consecutive, in passage order."""
    texts: list[str] = []
    owner: list[int] = []
    for pid, passage in enumerate(passages):
        for question in table.get(passage.id, ()):
            texts.append(question)
            owner.append(pid)
    known = {p.id for p in passages}
    stale = [key for key in table if key not in known]
    warnings = ([f"{QUESTIONS_PATH.name}: {len(stale)} spørsmålsgrupper gjelder passasjer "
                 f"som ikke finnes lenger (f.eks. {stale[0]}) og er hoppet over"]
                if stale else [])
    return texts, np.asarray(owner, dtype=np.int64), warnings


def lexical_texts(passages: Sequence[Passage], table: PassageQuestions) -> list[str]:
    """Each passage's text for BM25: the passage followed by its questions."""
    return ["\n".join((p.text, *table.get(p.id, ()))) for p in passages]


def main(argv: Sequence[str]) -> int:
    if list(argv) != ["--ids"]:
        print("Bruk: python -m index.questions --ids", file=sys.stderr)
        return 2
    from index.search import open_searcher

    table = load_questions()
    for passage in open_searcher(dense=False).passages:
        print(f"{len(table.get(passage.id, ())):3d}  {passage.id}  ({passage.citation})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
