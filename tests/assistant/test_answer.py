"""Answers hold only rule outcomes, quoted passages, the user's own words and
fixed labels; passages carry their citation; the relevant sentence is marked."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.answer import SLOT_LABELS, best_sentence_index, sentences
from assistant.extract import understand
from assistant.intent import classify
from assistant.render import decision_markdown
from assistant.session import Session

DAY = date(2026, 3, 1)
FIXED = {"**Kilder:**", "**Opplysninger:**", ">"}


def _unquote(line: str) -> str:
    return re.sub(r"\*\*|…", "", line.lstrip("> ")).strip()


def _assert_only_sourced_lines(reply) -> None:
    card = set(decision_markdown(reply.decision).splitlines()) if reply.decision else set()
    passages = " ".join(" ".join(h.passage.text.split()) for h in reply.passages)
    questions = {f"**Spørsmål:** {q.text}" for q in reply.questions}
    notices = {f"*{n}*" for n in reply.notices}
    labels = tuple(f"- {label}:" for label in SLOT_LABELS.values())
    cited = {c for d in ([reply.decision.procedure, reply.decision.authority,
                          *reply.decision.documentation] if reply.decision else []) if d
             for c in d.citations}
    for line in reply.markdown.splitlines():
        if not line.strip() or line in card or line in FIXED or line in questions \
                or line in notices or line.startswith(labels):
            continue
        if reply.lead and line in reply.lead.splitlines():  # a direct answer, with its source
            assert any(c in reply.lead for c in cited) or "Kilde:" in reply.lead, line
            continue
        if line.startswith("> — "):
            assert any(h.passage.citation in line for h in reply.passages), line
            continue
        if line.startswith(">"):
            for part in _unquote(line).split("  "):
                assert " ".join(part.split()) in passages, line
            continue
        pytest.fail(f"unsourced line: {line!r}")


@pytest.mark.parametrize("text", [
    "Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr eks. mva. Ingen avtale.",
    "Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva",
    "må jeg ha anbud for konsulenttjenester til 2 mill eks mva uten avtale?",
    "hvor gammel kan skatteattesten være?",
    "Hva koster det?",
    "PC-er for 300 000 kr inkl. og eks. mva",
    "Må vi bruke KGV?",
    "Hva er EØS-terskelverdien for varer og tjenester nå?",
    "Vi kjøpte møbler for 150 000 kr eks mva i april 2026, ingen avtale. Var det riktig?",
])
def test_every_line_is_a_rule_outcome_a_quote_or_a_label(lexical_searcher, text: str):
    reply = Session(lexical_searcher).respond(text, as_of=DAY)
    _assert_only_sourced_lines(reply)


def test_purchase_answer_has_card_and_two_or_three_cited_passages(lexical_searcher):
    reply = Session(lexical_searcher).respond(
        "Transporttjenester for skoleelever i Meråker, 600 000 kr i året eks. mva i 3 år, "
        "ingen avtale.", as_of=DAY)
    assert reply.decision.procedure.code == "del2"
    assert 2 <= len(reply.passages) <= 3
    assert reply.markdown.count("> — ") == len(reply.passages)
    assert decision_markdown(reply.decision) in reply.markdown


def test_question_answer_marks_the_most_relevant_sentence(lexical_searcher):
    reply = Session(lexical_searcher).respond("hvor gammel kan skatteattesten være?", as_of=DAY)
    assert reply.intent == "question"
    assert reply.decision is None
    assert re.search(r"\*\*[^*]*seks måneder[^*]*\*\*", reply.markdown)


def test_best_sentence_prefers_shared_words_and_skips_a_passage_question():
    parts = sentences("Hvem betaler for miljøkrav? Kommunen tar merkostnaden i budsjettet. "
                      "Annet stoff her.")
    assert parts[best_sentence_index(parts, "hvem betaler miljøkrav")].startswith("Kommunen")


@pytest.mark.parametrize(("text", "has_purchase", "pending", "intent"), [
    ("Hva er KGV?", False, [], "question"),
    ("Kjøp av skolemøbler for 2 mill", False, [], "purchase"),
    ("eks. mva", True, ["vat"], "answer"),
    ("4 år", True, ["duration"], "answer"),
    ("ja, vi har avtale", True, ["framework"], "answer"),
    ("ja", True, ["framework"], "answer"),
    ("hva om det er 2 millioner?", True, [], "what_if"),
    ("samme, men i 2024", True, [], "what_if"),
    ("Nye stoler for 80 000 kr", True, ["framework"], "purchase"),
    ("asdf qwerty", False, [], "unknown"),
])
def test_intent(text: str, has_purchase: bool, pending: list[str], intent: str):
    assert classify(text, understand(text), has_purchase=has_purchase, pending=pending) == intent
