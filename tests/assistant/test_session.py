"""The conversation: slots carry over, one question at a time, answers and
what-ifs change only what they state, and bad input gets a helpful reply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.session import HELP_TEXT, MAX_CHARS, Session
from knowledge.infra.errors import DataFileError

DAY = date(2026, 3, 1)


def test_answers_fill_the_missing_facts_and_keep_the_rest():
    session = Session()
    first = session.respond("Vi skal kjøpe kontorstoler til Selbu", as_of=DAY)
    assert first.decision is None
    assert first.questions[0].slot == "value"
    second = session.respond("ca 300 000 kr eks mva", as_of=DAY)
    assert second.intent == "answer"
    assert second.facts["category"].value == "varer"
    assert second.facts["municipality"].value == "Selbu"
    assert second.decision is not None
    assert second.decision.procedure.code == "del1"


def test_a_bare_number_answers_only_an_open_duration_question():
    from assistant.dialogue import bare_number_answer
    from assistant.extract import understand
    from rules.model import Question

    duration = [Question("duration", "Hvor lenge skal avtalen vare, i måneder?")]
    assert bare_number_answer("24", understand("24"), duration)["duration"].value == 24
    assert bare_number_answer("24", understand("24"), [Question("value", "?")]) == {}
    assert bare_number_answer("24 stoler", understand("24 stoler"), duration) == {}


def test_yes_answers_the_register_question():
    session = Session()
    first = session.respond("Vi trenger rengjøringsmidler for 30 000", as_of=DAY)
    assert [q.slot for q in first.questions] == ["framework"]
    assert "Eksempel Renhold AS" in first.questions[0].text
    assert "Det finnes en rammeavtale" in first.markdown
    second = session.respond("ja", as_of=DAY)
    assert second.intent == "answer"
    assert second.decision.procedure.code == "avrop"
    assert second.facts["value"].value == 30_000


def test_no_agreement_answer_gives_the_decision():
    session = Session()
    first = session.respond("Vi trenger tørkepapir til skolen i Tydal, ca. 250 000 kr inkl. mva",
                            as_of=DAY)
    assert first.questions[0].slot == "framework"
    reply = session.respond("nei, vi har ingen avtale", as_of=DAY)
    assert reply.decision.procedure.code == "del1"
    assert reply.decision.purchase.value_excl_vat == 200_000


def test_register_offers_only_agreements_valid_on_the_date():
    text = "Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva"
    in_force = Session().respond(text, as_of=date(2024, 6, 1))
    assert "EKS-2022-003" in in_force.questions[0].text
    expired = Session().respond(text, as_of=DAY)
    assert expired.decision is not None
    assert expired.facts["framework"].source.startswith("antatt")


def test_what_if_changes_only_the_stated_fact():
    session = Session()
    session.respond("Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr eks. mva. "
                    "Vi har ingen avtale.", as_of=DAY)
    reply = session.respond("hva om det er 2 millioner?", as_of=DAY)
    assert reply.intent == "what_if"
    assert reply.decision.procedure.code == "del2"
    assert reply.facts["category"].value == "tjenester"
    assert reply.facts["vat"].value == "eks"


def test_what_if_on_the_date():
    session = Session()
    session.respond("Kjøp av skolemøbler for 2,25 millioner eks. mva, ingen avtale.", as_of=DAY)
    reply = session.respond("samme, men i 2024", as_of=DAY)
    assert reply.intent == "what_if"
    assert reply.decision.as_of == date(2024, 7, 1)


def test_reset_forgets_the_purchase():
    session = Session()
    session.respond("Kjøp av skolemøbler for 2,25 millioner eks. mva, ingen avtale.", as_of=DAY)
    session.reset()
    assert session.slots == {}


def test_a_knowledge_question_does_not_touch_the_purchase():
    session = Session()
    session.respond("Kjøp av skolemøbler for 2,25 millioner eks. mva, ingen avtale.", as_of=DAY)
    before = session.slots
    reply = session.respond("hva er KGV?", as_of=DAY)
    assert reply.intent == "question"
    assert session.slots == before


def test_contradictory_vat_is_asked_not_guessed():
    reply = Session().respond("PC-er for 2 000 000 kr inkl. og eks. mva, ingen avtale", as_of=DAY)
    assert reply.questions[0].slot == "vat"
    assert reply.notices


@pytest.mark.parametrize("text", ["", "   ", "😀🎉👍", "!!!???", "\x00\x00"])
def test_empty_or_symbols_give_help(text: str):
    reply = Session().respond(text, as_of=DAY)
    assert reply.decision is None
    assert HELP_TEXT in reply.markdown


def test_english_gets_a_norwegian_reply():
    reply = Session().respond("I want to buy some computers, what should I do", as_of=DAY)
    assert "Jeg forstår bare norsk" in reply.markdown


def test_very_long_input_is_cut_with_a_notice():
    text = "Kjøp av skolemøbler for 2,25 millioner eks. mva, ingen avtale. " + "bla " * 25_000
    reply = Session().respond(text[:100_000], as_of=DAY)
    assert any(str(MAX_CHARS) in n for n in reply.notices)
    assert reply.decision is not None


def test_mistyped_amount_is_asked_again():
    reply = Session().respond("Kjøp av stoler for 60 00 kr eks mva ingen avtale", as_of=DAY)
    assert reply.decision is None
    assert reply.questions[0].slot == "value"
    assert "60 00 kr" in reply.markdown


def test_related_purchases_count_for_splitting():
    reply = Session().respond("Vi trenger stoler for 60 000 kr eks mva, vi kjøpte det samme for "
                              "80 000 i mars. Ingen avtale.", as_of=DAY)
    assert reply.decision.purchase.related_excl_vat == (80_000,)


def test_own_register_and_malformed_register(tmp_path: Path):
    own = tmp_path / "avtaler.yaml"
    own.write_text(
        "agreements:\n  - id: X-1\n    agreement: Stoler\n    supplier: Stolfabrikken AS\n"
        "    category: varer\n    municipalities: alle\n    valid_from: 2025-01-01\n"
        "    valid_to: 2027-01-01\n    keywords: [kontorstoler, stoler]\n", encoding="utf-8")
    reply = Session(agreements_path=own).respond("Vi trenger kontorstoler for 50 000 kr",
                                                 as_of=DAY)
    assert "Stolfabrikken AS" in reply.questions[0].text
    bad = tmp_path / "bad.yaml"
    bad.write_text("agreements:\n  - id: X-1\n    category: mat\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.yaml:agreements\[0\]\.category"):
        Session(agreements_path=bad).respond("Vi trenger kontorstoler for 50 000 kr", as_of=DAY)


_ANSWERS = st.sampled_from([
    "eks. mva", "inkl. mva", "4 år", "36 måneder", "ja", "nei", "ja, vi har avtale",
    "ingen avtale", "i Stjørdal", "Frosta", "varer", "tjenester", "bygg og anlegg",
    "300 000 kr", "2,5 mill", "per måned", "i året", "hva om det er 2 millioner?",
    "samme, men i 2024", "hva er KGV?", "😀", "", "en halv million",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ANSWERS, min_size=1, max_size=5))
def test_an_answer_never_loses_an_earlier_slot(answers: list[str]):
    session = Session()
    session.respond("Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr", as_of=DAY)
    for answer in answers:
        before = session.slots
        reply = session.respond(answer, as_of=DAY)
        assert reply.intent != "purchase", answer
        assert set(before) <= set(session.slots), (answer, before, session.slots)


_WORDS = st.sampled_from(
    "kjøp av PC-er for 0 kr 999999999999999 kr -5 000 inkl eks mva i 0 år 2+1 år per måned "
    "ingen avtale avrop ja nei hva om samme men i 1900 i 2099 31. februar 2026 stjordal 😀 ? , "
    "' k mill en halv million tjenester bygg helse 1.2.3.4 ,- NaN".split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_WORDS, max_size=12).map(" ".join), min_size=1, max_size=3))
def test_odd_input_always_gets_a_reply(messages: list[str]):
    session = Session()
    for text in messages:
        reply = session.respond(text, as_of=DAY)
        assert reply.markdown.strip()
