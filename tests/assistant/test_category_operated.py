"""A machine or vehicle hired with its operator is a service, or works when it does
works (knowledge/category_grammar.yaml: operated_hire)."""

from __future__ import annotations

import pytest

from assistant.category import match_category


@pytest.mark.parametrize(("text", "category"), [
    ("leie av lastebil med sjåfør til snøkjøring", "tjenester"),
    ("traktor med fører til brøyting av skolegården", "tjenester"),
    ("buss med sjåfør til skoleturen", "tjenester"),
    ("leie av gravemaskin med fører til grøfting langs veien", "bygg_anlegg"),
    ("gravemaskin med fører til asfaltering av parkeringsplassen", "bygg_anlegg"),
    ("leie av gravemaskin", "varer"),           # without its operator: hiring goods
    ("kjøp av ny lastebil", "varer"),
])
def test_operated_hire(text, category):
    found = match_category(text)
    assert found is not None and found.category == category


def test_the_operator_is_named_in_the_source():
    assert "med fører" in match_category("gravemaskin med fører").source


def test_a_grammar_without_operated_hire_names_the_key(tmp_path):
    from assistant.category_grammar import GRAMMAR_PATH, parse_grammar
    from knowledge.infra.errors import DataFileError
    from knowledge.infra.yamlfile import read_yaml

    data = read_yaml(GRAMMAR_PATH)
    data["operated_hire"] = {"category": "tjenester"}
    with pytest.raises(DataFileError, match="operated_hire"):
        parse_grammar(data, tmp_path / "category_grammar.yaml")
