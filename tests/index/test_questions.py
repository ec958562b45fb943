"""Questions a passage answers (knowledge/passage_questions.yaml, index/questions.py)."""

from __future__ import annotations

import numpy as np
import pytest

from index.model import Passage
from index.questions import QUESTIONS_PATH, lexical_texts, load_questions, questions_of
from index.search import open_searcher
from index.store import build_index, load_index
from knowledge.infra.errors import DataFileError
from knowledge.infra.settings import load_settings


def _passage(pid: str, text: str) -> Passage:
    return Passage(pid, text, "Strategi", "1 Innledning", "Strategi 1")


def test_every_question_group_names_a_built_in_passage_and_every_strategy_passage_has_some():
    passages = open_searcher(dense=False).passages
    table = load_questions()
    ids = {p.id for p in passages}
    assert set(table) <= ids, sorted(set(table) - ids)[:3]
    strategy = [p.id for p in passages if p.citation.startswith("Strategi")]
    assert strategy and all(len(table.get(pid, ())) >= 2 for pid in strategy)


def test_questions_are_paraphrases_not_copies_of_their_passage():
    by_id = {p.id: p.text.lower() for p in open_searcher(dense=False).passages}
    copied = [q for pid, questions in load_questions().items() for q in questions
              if len(q.split()) >= 6 and q.lower().rstrip("?. ") in by_id[pid]]
    assert not copied


def test_questions_of_keeps_passage_order_and_warns_about_unknown_ids():
    passages = [_passage("a", "A"), _passage("b", "B")]
    table = {"b": ("hva med b?",), "a": ("hva med a?", "og a?"), "gone": ("borte?",)}
    texts, owner, warnings = questions_of(passages, table)
    assert texts == ["hva med a?", "og a?", "hva med b?"] and owner.tolist() == [0, 0, 1]
    assert len(warnings) == 1 and "gone" in warnings[0]
    assert lexical_texts(passages, table) == ["A\nhva med a?\nog a?", "B\nhva med b?"]


@pytest.mark.parametrize("content, key", [
    ("passages: [1, 2]", "passages"),
    ("passages:\n  a: hva?", "passages.a"),
    ("passages:\n  a: []", "passages.a"),
    ("passages:\n  a: ['  ']", "passages.a"),
])
def test_a_broken_questions_file_names_the_key(tmp_path, content, key):
    path = tmp_path / "passage_questions.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_questions(path)
    assert key in str(error.value)


def test_questions_are_saved_loaded_and_searched_with_the_index(hash_encoder):
    settings = load_settings()
    built = build_index(settings, hash_encoder)
    table = load_questions()
    assert built.manifest["questions"] == sum(len(q) for q in table.values()) > 0
    assert "knowledge/passage_questions.yaml" in built.manifest["sources"]
    loaded = load_index(settings.index_dir)
    np.testing.assert_array_equal(loaded.units.question_owner, built.units.question_owner)
    # A question's own words find its passage, lexically and densely.
    pid, questions = next(iter(table.items()))
    searcher = open_searcher(encoder=hash_encoder)
    for method in ("lexical", "dense"):
        hits = searcher.search_many([questions[0]], 5, method=method)[0]
        assert pid in [hit.passage.id for hit in hits], method


def test_a_changed_questions_file_rebuilds_the_index(hash_encoder, tmp_path, monkeypatch):
    import index.questions
    import index.sources

    copy = tmp_path / "passage_questions.yaml"
    copy.write_bytes(QUESTIONS_PATH.read_bytes())
    for module in (index.questions, index.sources):
        monkeypatch.setattr(module, "QUESTIONS_PATH", copy)
    first = open_searcher(encoder=hash_encoder).index
    pid = first.passages[0].id
    copy.write_text(f"passages:\n  {pid}:\n  - et helt nytt spørsmål om noe\n",
                    encoding="utf-8")
    second = open_searcher(encoder=hash_encoder).index
    assert second.folder != first.folder and second.manifest["questions"] == 1
