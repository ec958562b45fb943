"""Facts from Norwegian text: VAT, period, duration, category, municipality,
agreements, related purchases and dates, each with the words it came from."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.extract import understand
from assistant.periods import OPEN_ENDED, find_date, find_duration, find_period
from assistant.places import find_municipality


def facts(text: str) -> dict:
    return {slot: fact.value for slot, fact in understand(text).facts.items()}


@pytest.mark.parametrize(("text", "vat"), [
    ("8 000 kr inkl. mva", "inkl"), ("8 000 kr inkl mva", "inkl"), ("inklusive mva", "inkl"),
    ("180 000 kr eks. mva", "eks"), ("ekskl. mva", "eks"), ("uten mva", "eks"),
    ("eks mva", "eks"), ("eks.", "eks"), ("inkl", "inkl"), ("m/mva", "inkl"),
    ("250 000 + mva", "eks"), ("mva kommer i tillegg", "eks"), ("200 000 mva inkludert", "inkl"),
])
def test_vat(text: str, vat: str):
    assert facts(text)["vat"] == vat


def test_contradictory_vat_is_reported_not_guessed():
    understanding = understand("PC-er for 300 000 kr inkl. og eks. mva")
    assert "vat" not in understanding.facts
    assert understanding.vat_conflict
    assert understanding.notices


@pytest.mark.parametrize(("text", "period"), [
    ("12 000 kr per måned", "month"), ("12 000 pr mnd", "month"), ("månedlig 5000 kr", "month"),
    ("600 000 kr i året", "year"), ("årlig 200 000", "year"), ("per år", "year"),
    ("50 000 kr per sesong", "year"),
])
def test_period(text: str, period: str):
    found = find_period(text)
    assert found is not None and found.value == period


@pytest.mark.parametrize(("text", "months"), [
    ("i 4 år", 48), ("36 måneder", 36), ("2+1+1 år", 48), ("over tre år", 36),
    ("2 år med opsjon på 1 + 1 år", 48), ("avtale i 2 år pluss opsjon på 2 år", 48),
    ("6 mnd", 6), ("4 års avtale", 48), ("treårig avtale", 36), ("4-årig kontrakt", 48),
])
def test_duration_includes_options(text: str, months: int):
    found = find_duration(text)
    assert found is not None and found.value == months


@pytest.mark.parametrize("text", ["konsulent 1 200 kr per time", "tolk 900 kr timen",
                                  "vikar 4 500 kr per dag", "dagpris 9 000 kr"])
def test_a_rate_without_its_count_is_asked_about_not_taken_as_a_total(text: str):
    understanding = understand(text)
    assert "value" not in understanding.facts
    assert any("hvor mange" in n for n in understanding.notices)


@pytest.mark.parametrize(("text", "period"), [
    ("vask 5 000 kr i uka", "week"), ("leie 20 000 kr per kvartal", "quarter"),
    ("5000 kr mnd eks mva", "month"), ("4000 kr/mnd", "month"), ("7 500 kr mndl.", "month"),
    ("60 000 kr i kvartalet", "quarter"), ("150 tusen pr vinter", "year"),
    ("45 000 kr årlig", "year"), ("90 000 kr i året", "year"), ("månedsleie 4 000 kr", "month"),
])
def test_periods_as_orderers_write_them(text: str, period: str):
    assert facts(text)["period"] == period


def test_period_and_duration_together():
    got = facts("Transporttjenester, 600 000 kr i året eks. mva i 3 år")
    assert (got["value"], got["period"], got["duration"]) == (600_000, "year", 36)


@pytest.mark.parametrize(("text", "name"), [
    ("i Stjørdal", "Stjørdal"), ("Selbu kommune trenger", "Selbu"),
    ("Meråker kommunes skoler", "Meråker"), ("til stjordal", "Stjørdal"),
    ("holtaalen", "Holtålen"), ("for Frosta.", "Frosta"), ("Tydals rådhus", "Tydal"),
    ("MERÅKER", "Meråker"),
])
def test_municipality_with_inflections(text: str, name: str):
    found = find_municipality(text)
    assert found is not None and found.name == name


@pytest.mark.parametrize(("text", "category"), [
    ("to kaffetraktere", "varer"), ("ny telefoniløsning", "tjenester"),
    ("ombygging av kontorer", "bygg_anlegg"), ("avlastningstjenester", "helse_sosial"),
    ("leasing av tjenestebiler", "varer"), ("transporttjenester for skoleelever", "tjenester"),
    ("ny svømmehall", "bygg_anlegg"), ("konsulenttjenester", "tjenester"),
    ("hjemmesykepleie", "helse_sosial"), ("asfaltering av vei", "bygg_anlegg"),
])
def test_category_from_lexicon(text: str, category: str):
    assert facts(text)["category"] == category


@pytest.mark.parametrize(("text", "framework"), [
    ("Ingen avtale.", False), ("vi har ingen rammeavtale", False), ("uten avtale", False),
    ("vi har ikke avtale", False), ("på rammeavtalen", True), ("avrop på kontorrekvisita", True),
    ("ja, vi har avtale", True), ("bestiller fra avtalen", True), ("avtale mangler", False),
    ("på avtale med leverandøren", True),
])
def test_existing_agreement(text: str, framework: bool):
    assert facts(text)["framework"] is framework


def test_new_framework_agreement_is_not_an_existing_one():
    got = facts("Vi skal inngå en ny rammeavtale på arbeidstøy, 2 mill over 4 år")
    assert got["new_framework"] is True
    assert got["framework"] is False


def test_related_purchase_is_kept_apart_from_the_value():
    got = facts("Vi trenger stoler for 60 000 kr, vi kjøpte det samme for 80 000 i mars")
    assert got["value"] == 60_000
    assert got["related"] == [{"value": 80_000, "vat": None}]


@pytest.mark.parametrize(("text", "day"), [
    ("samme, men i 2024", date(2024, 7, 1)), ("per 1. mars 2026", date(2026, 3, 1)),
    ("fra 2026-07-01", date(2026, 7, 1)), ("den 15.1.2024", date(2024, 1, 15)),
])
def test_date(text: str, day: date):
    found = find_date(text)
    assert found is not None and found.value == day


def test_for_example_is_not_vat():
    assert "vat" not in facts("f.eks. mva-pliktige varer")


def test_year_is_not_taken_for_an_amount():
    got = facts("kontorstoler for 90 000 kr i 2024")
    assert got["value"] == 90_000
    assert got["as_of"] == "2024-07-01"


def test_every_fact_keeps_its_words():
    understanding = understand("Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr "
                               "eks. mva. Vi har ingen avtale.")
    sources = {slot: fact.source for slot, fact in understanding.facts.items()}
    assert sources["value"] == "180 000 kr"
    assert sources["vat"] == "eks. mva"
    assert sources["municipality"] == "Selbu kommune"
    assert sources["category"] == "telefoniløsning"
    assert sources["framework"] == "ingen avtale"


@pytest.mark.parametrize(("text", "category"), [
    ("ny skolebuss", "varer"), ("renhold av kommunale bygg", "tjenester"),
    ("kjøp av bleier til sykehjemmet", "varer"), ("ny barnehage", "bygg_anlegg"),
])
def test_category_head_word_wins(text: str, category: str):
    assert facts(text)["category"] == category


@pytest.mark.parametrize(
    "text",
    ["serviceavtale 5000 kr i måneden uten sluttdato", "løpende avtale, 5000 per måned",
     "abonnement 5000 kr mnd inntil videre", "leie på ubestemt tid, 5000 kr per måned"],
)
def test_open_ended_contract_is_read_as_no_end_date(text: str):
    facts = understand(text).facts
    assert facts["duration"].value == OPEN_ENDED
