"""A long word one letter off a lexicon term is read as that term when nothing else
fits (assistant/category.py: SLIP_FROM; assistant/places.py: one_edit_apart), and
the answer says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.category import match_category, parse_lexicon
from assistant.places import one_edit_apart

LEXICON = parse_lexicon({"categories": {
    "tjenester": {"strong": ["telefoniløsning", "rådgivning"], "weak": ["tjeneste"]},
    "varer": {"strong": ["kontorstol", "skrivebord", "stoler"], "weak": []},
    "bygg_anlegg": {"strong": ["takarbeid"], "weak": []},
}}, Path("lexicon.yaml"))


@pytest.mark.parametrize(("a", "b", "near"), [
    ("telefonløsning", "telefoniløsning", True),   # a letter left out
    ("rådgiving", "rådgivning", True),
    ("kontorstool", "kontorstol", True),           # a letter added
    ("skrivebrod", "skrivebord", True),            # two letters swapped
    ("skrivebxrd", "skrivebord", True),            # a letter replaced
    ("skrivbrod", "skrivebord", False),            # two slips
    ("skrivebord", "skrivebord", False),           # not a slip: the same word
])
def test_one_edit_apart(a, b, near):
    assert one_edit_apart(a, b) is near and one_edit_apart(b, a) is near


@pytest.mark.parametrize(("text", "category", "read"), [
    ("trenger en ny telefonløsning", "tjenester", "telefonløsning (lest som telefoniløsning)"),
    ("120 timer med rådgiving", "tjenester", "rådgiving (lest som rådgivning)"),
    ("nye kontorstoeler", "varer", "kontorstoeler (lest som kontorstoler)"),  # its ending kept
])
def test_a_slipped_letter_is_read_and_shown(text, category, read):
    found = match_category(text, LEXICON)
    assert found is not None and found.category == category
    assert read in found.source


def test_a_word_that_fits_is_never_corrected_and_short_words_are_not_guessed():
    assert match_category("kjøp av rådgivning", LEXICON).source == "rådgivning"
    assert match_category("nye kontorstoler", LEXICON).source == "kontorstoler"
    assert match_category("nye stoeler", LEXICON) is None  # one slip from "stoler", but short


def test_a_word_between_two_categories_is_not_guessed():
    lexicon = parse_lexicon({"categories": {
        "tjenester": {"strong": ["vaskemaskinservice"], "weak": []},
        "varer": {"strong": ["vaskemaskinserie"], "weak": []},
    }}, Path("lexicon.yaml"))
    assert match_category("kjøp av vaskemaskinservie", lexicon) is None
