"""Norwegian lexical search: stemming, compounds, references, glossary, typos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.glossary import load_glossary, parse_glossary
from index.lexical import LexicalIndex, particle_verbs
from index.text import Analyzer, tokenize
from knowledge.infra.errors import DataFileError

TEXTS = [
    "Alle anskaffelser over 100.000,- eks. mva skal gjennomføres i kommunenes "
    "konkurransegjennomføringssystem (KGV)",
    "FOA § 7-2 Skatteattest. Kommunen skal kreve skatteattest for kontrakter over 500 000 kroner.",
    "Innkjøpsanalyseverktøy anskaffes og brukes til fakturakontroll/analyse",
    "Anbudskonkurranser og konkurransedyktig næringsliv gir bedre priser.",
    "VR Innkjøp utarbeider rutiner for evaluering av anskaffelse",
    "Avrop på rammeavtaler gjøres av den enkelte enhet i eHandel-systemet.",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(TEXTS)


def best(index: LexicalIndex, query: str, extra=None) -> int:
    scores = index.scores(query, extra)
    assert scores.max() > 0, query
    return int(np.argmax(scores))


def test_references_stay_whole():
    assert "7-2" in tokenize("jf. § 7-2 og §§ 13-2 – 13-4")
    assert "13-4" in tokenize("§§ 13-2 – 13-4")
    assert "5b" in tokenize("LOA § 5b")


def test_hyphenated_words_give_parts_and_joined_form():
    tokens = tokenize("e-læring i kontrakts-administrasjonsverktøy")
    assert {"læring", "elæring", "kontraktsadministrasjonsverktøy"} <= set(tokens)


@pytest.mark.parametrize("query", ["§ 7-2", "7-2", "FOA 7-2"])
def test_paragraph_reference_is_searchable(index, query):
    assert best(index, query) == 1


def test_compound_head_finds_long_compound(index):
    assert best(index, "konkurranse") == 0 or index.scores("konkurranse")[0] > 0
    scores = index.scores("konkurranse")
    assert scores[0] > 0, "konkurranse must find konkurransegjennomføringssystem"


def test_compound_tail_and_middle(index):
    assert best(index, "verktøy") == 2
    assert best(index, "analyse av innkjøp") == 2


def test_compound_splitting_against_lexicon():
    analyzer = Analyzer(Analyzer.build_lexicon(TEXTS + ["system for kontroll"]))
    parts = analyzer.compound_parts("konkurransegjennomføringssystem")
    assert "konkurrans" in parts and "system" in parts
    assert analyzer.compound_parts("skatt") == ()


def test_verbal_noun_matches_verb(index):
    assert best(index, "skal anskaffelsen evalueres") == 4


def test_inflection_via_stemming(index):
    assert best(index, "rammeavtalen") == 5


def test_typo_falls_back_to_closest_word(index):
    assert best(index, "skatteatest") == 1


def test_unknown_words_score_nothing(index):
    assert index.scores("xyzzy qwerty").max() == 0


def test_save_and_load_roundtrip(index, tmp_path: Path):
    index.save(tmp_path)
    loaded = LexicalIndex.load(tmp_path)
    np.testing.assert_allclose(loaded.scores("konkurranse KGV"), index.scores("konkurranse KGV"))


def test_glossary_expands_abbreviations():
    glossary = load_glossary()
    assert "konkurransegjennomføringssystem" in " ".join(glossary.expansions("hva er kgv"))
    assert glossary.lookup("Rammeavtalen") is not None
    terms = {e.term.lower() for e in glossary.entries}
    assert {"kgv", "kav", "mva", "ehf", "rammeavtale", "avrop"} <= terms


def test_glossary_validation_names_file_and_key(tmp_path: Path):
    path = tmp_path / "glossary.yaml"
    with pytest.raises(DataFileError, match=r"glossary\.yaml:\[0\]\(KGV\)\.definition:"):
        parse_glossary([{"term": "KGV", "expansions": []}], path)
    with pytest.raises(DataFileError, match=r"\[1\]\.term"):
        parse_glossary([{"term": "A", "expansions": [], "definition": "x"}, {"expansions": []}],
                       path)
    with pytest.raises(DataFileError, match=r"\(rot\)"):
        parse_glossary({"KGV": "x"}, path)


def test_spoken_particle_verb_finds_the_written_compound():
    texts = [
        "Anskaffelsesstrategien gjennomgås årlig, og status presenteres for fagrådet.",
        "Strategien skal gjennomføres av VR Innkjøp, som har ansvar for oppfølging.",
        "Kontraktseiere har ansvar for oppfølging av kontraktene.",
    ]
    small = LexicalIndex.build(texts)
    assert particle_verbs("kor ofte blir strategien gått gjennom") == [("gjennomgått", "gjennom")]
    scores = small.scores("kor ofte blir strategien gått gjennom")
    assert scores[0] > 0 and scores[2] == 0
    without = small.scores("kor ofte blir strategien")
    assert scores[0] > 2 * without[0]
    assert int(np.argmax(small.scores("hvem skal følge opp kontraktene"))) == 2


def test_particle_needs_a_verb_before_it():
    assert particle_verbs("kjøp av kaffe til kantina") == [("avkjøp", "av"), ("tilkaff", "til")]
    small = LexicalIndex.build(["Avkjøling av rom.", "Kaffe til kantina."])
    # a joined form shorter than particle + 2 letters of the verb never falls back
    assert small._joined_matches("avkjøp", len("av") + 2) == []
