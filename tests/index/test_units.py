"""Sentence units for dense scoring (index/units.py) and their place in the persistent index."""

from __future__ import annotations

import numpy as np
import pytest

from index.model import Passage
from index.search import open_searcher
from index.store import build_index, load_index
from index.units import UNIT_SHARE, UnitScorer, sentence_units
from knowledge.infra.settings import load_settings


def _passage(pid: str, text: str) -> Passage:
    return Passage(pid, text, "Strategi", "2.2.4 Delmål 4", "Strategi 2.2.4")


def test_units_are_sentences_and_list_items_without_the_heading():
    passages = [
        _passage("a", "2.2.4 Delmål 4\nTiltak:\n- Faste brukergrupper opprettes for flest mulig "
                      "kategorier\n- Profesjonalisering av bestillerrollen"),
        _passage("b", "1.2 Prosessen\nDen første setningen er her. "
                      "Den andre setningen følger. Ok."),
    ]
    texts, owner = sentence_units(passages)
    assert texts == [
        "- Faste brukergrupper opprettes for flest mulig kategorier",
        "- Profesjonalisering av bestillerrollen",
        "Den første setningen er her.",
        "Den andre setningen følger.",
    ]
    assert owner.tolist() == [0, 0, 1, 1]


def test_a_passage_without_a_long_sentence_keeps_its_whole_text():
    passages = [_passage("a", "3 Kort\nJa."), _passage("b", "4 Lang\nEn setning med ord.")]
    texts, owner = sentence_units(passages)
    assert texts[0] == "3 Kort\nJa." and owner.tolist() == [0, 1]


def test_unit_scorer_mixes_the_best_unit_with_the_whole_passage():
    passages = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    units = np.array([[0.0, 1.0], [0.6, 0.8], [1.0, 0.0]], dtype=np.float32)
    scorer = UnitScorer(passages, units, np.array([0, 0, 1]))
    scores = scorer.scores(np.array([0.0, 1.0], dtype=np.float32))
    assert scores[0] == pytest.approx(UNIT_SHARE * 1.0 + (1 - UNIT_SHARE) * 0.0)
    assert scores[1] == pytest.approx(UNIT_SHARE * 0.0 + (1 - UNIT_SHARE) * 1.0)


def test_unit_scorer_refuses_a_passage_without_units():
    with pytest.raises(ValueError):
        UnitScorer(np.eye(3, dtype=np.float32), np.eye(3, dtype=np.float32)[:2], np.array([0, 2]))


def test_units_are_saved_and_loaded_with_the_index(hash_encoder):
    settings = load_settings()
    built = build_index(settings, hash_encoder)
    assert built.units is not None and built.manifest["units"] == len(built.units.owner)
    assert len(built.units.owner) > len(built.passages)
    loaded = load_index(settings.index_dir)
    np.testing.assert_array_equal(loaded.units.owner, built.units.owner)
    np.testing.assert_allclose(loaded.units.unit_vectors, built.units.unit_vectors)
    assert load_index(settings.index_dir, dense=False).units is None


def test_dense_search_ranks_a_passage_by_its_best_sentence(hash_encoder):
    searcher = open_searcher(encoder=hash_encoder)
    sentence = "Alle anskaffelser over kr. 100 000,- skal gjennomføres av kompetente innkjøpere"
    top = searcher.search_many([sentence], 1, method="dense")[0][0]
    assert sentence.lower() in top.passage.text.lower()


def test_a_passage_with_questions_takes_its_best_question_at_the_question_share():
    passages = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    units = passages.copy()
    questions = np.array([[0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    scorer = UnitScorer(passages, units, np.array([0, 1]), questions, np.array([0, 0]))
    query = np.array([0.0, 1.0], dtype=np.float32)
    scores = scorer.scores(query, UNIT_SHARE, 0.5)
    assert scores[0] == pytest.approx(0.5 * 0.0 + 0.5 * 1.0)
    assert scores[1] == pytest.approx(1.0), "a passage without questions keeps its own score"
    assert scorer.scores(query, UNIT_SHARE, 0.0)[0] == pytest.approx(0.0)


@pytest.mark.parametrize("owner", [[1, 0], [0, 5], [-1, 0]])
def test_unit_scorer_refuses_questions_out_of_passage_order(owner):
    eye = np.eye(2, dtype=np.float32)
    with pytest.raises(ValueError):
        UnitScorer(eye, eye, np.array([0, 1]), eye, np.array(owner))
