"""What a message is: a question, a purchase description, an answer to the
assistant's last question, or a what-if on the last purchase.

Decided from the words of the message, what was read from it, and the state of
the conversation (is there a purchase on the table, which questions are open).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.extract import Understanding
from assistant.model import Intent

PURCHASE_SLOTS = ("value", "quantity", "more_lines", "count", "vat", "period", "duration", "option",
                  "category", "municipality", "framework", "outside_agreement", "new_framework",
                  "related", "as_of", "retrospective")
WHAT_IF_RE = re.compile(
    r"^\s*(?:og\s+|men\s+)?(?:hva|enn|hvordan)\s+(?:om|hvis|med)\b"
    r"|^\s*(?:og|men)\s+(?:med|uten)\b"
    r"|^\s*(?:og\s+|men\s+)?(?:om|hvis)\s+(?:det|verdien|beløpet|prisen|kjøpet|vi)\b"
    r"|\bsamme\b[^.?!]*\bmen\b|^\s*samme\b|\bi\s+stedet\b|\bendre[rs]?\b.*\btil\b",
    re.IGNORECASE)
CORRECTION_RE = re.compile(
    r"\b(?:rettelse|korrigering|feil\s+av\s+meg|(?:jeg\s+)?tok\s+feil|skulle\s+(?:stått|vært)|"
    r"nei\s+vent|beklager|jeg\s+mente|mente\s+å\s+skrive|det\s+riktige\s+er|skrev\s+feil)\b"
    r"|,\s*ikke\s+\S", re.IGNORECASE)
"""A message that corrects a fact of the purchase on the table ("Rettelse: det er Selbu
kommune som kjøper den, ikke Tydal")."""
QUESTION_START_RE = re.compile(
    r"^\s*(?:hva|hvem|hvordan|hvorfor|når|hvilke|hvilken|hvilket|hvor|hvis\s+jeg|"
    r"(?:må|skal|kan|trenger|bør|får|gjelder|er|finnes|blir|holder)\s+"
    r"(?:jeg|vi|man|det|dere|kommunen|enheten|den|de|vår|min)\b)",
    re.IGNORECASE)
DECISION_CUE_RE = re.compile(
    r"\b(?:koster|kostnad\w*|pris\w*|anbud\w*|kunngjøre|utlyse|lyse\s+ut|direkte|kjøpe|"
    r"bestille|handle|hva\s+(?:krever|kreves)|hvilken\s+prosedyre)\b"
    r"|\b(?:må|trenger|skal|bør|kan)\s+(?:jeg|vi|man|dere|enheten)\b", re.IGNORECASE)
"""Words of a question that asks what a purchase requires (not what a term means)."""
ENGLISH_RE = re.compile(
    r"\b(?:the|and|what|how|need|want|buy|should|would|is|are|we|you|do|does|please|"
    r"which|with|for\s+the|tender|procurement|i)\b", re.IGNORECASE)
NORWEGIAN_RE = re.compile(
    r"\b(?:og|jeg|vi|det|er|på|til|av|som|en|et|å|ikke|med|hva|hvordan|må|skal|kan|kjøp\w*|"
    r"trenger|kr|mva|kommune|avtale\w*|for)\b|[æøå]", re.IGNORECASE)


def looks_english(text: str) -> bool:
    english = len(ENGLISH_RE.findall(text))
    norwegian = len(NORWEGIAN_RE.findall(text))
    return english >= 2 and english > norwegian


def is_question(text: str) -> bool:
    return "?" in text or bool(QUESTION_START_RE.match(text))


def implies_decision(text: str, understanding: Understanding) -> bool:
    """A question that asks what a purchase requires ("må jeg ha anbud for PC-er til 150k?").

    A kind of purchase alone ("Hvor lenge kan en rammeavtale vare?") is a knowledge
    question: answered from the sources, with no purchase prompt after it."""
    return bool(understanding.has("value") or DECISION_CUE_RE.search(text))


ADDED_RE = re.compile(r"^\s*(?:og|pluss|\+|samt)\b|\bi\s+tillegg\b", re.IGNORECASE)
""""og 2 kateter à 6 800 i tillegg": lines added to the purchase on the table."""


def is_correction(text: str) -> bool:
    """The message corrects a fact it restates ("nei vent, opsjon på 1 år til, ikke 2")."""
    return bool(CORRECTION_RE.search(text))


CONTRACT_TERMS = frozenset({"duration", "option", "vat", "period", "framework",
                            "outside_agreement"})
"""Facts that change the terms of the purchase on the table, not what is bought
("kan vi bruke arbeidstøyavtalen til dette?" asks about its agreement)."""
NEW_AMOUNT = frozenset({"value", "quantity", "more_lines", "count"})


def _changes_terms(understanding: Understanding, facts: set[str],
                   current_category: str | None) -> bool:
    """The message changes the terms of the purchase on the table and names nothing else
    bought: "kan vi legge inn opsjon på 2 år til?", "institusjonen vil ha inn opsjon på 6
    mnd forlengelse" (the purchase's own kind), "så det blir 165 stoler totalt" (a new
    count), "timeprisen ble 1 290" (a new price for the count), "vi dropper opsjonene"."""
    changes = bool(facts & (CONTRACT_TERMS | {"count"})) or \
        understanding.price_without_count is not None or understanding.options_dropped
    if not changes or facts & (NEW_AMOUNT - {"count"}):
        return False
    category = understanding.facts.get("category")
    return category is None or category.value == current_category


def classify(text: str, understanding: Understanding, *, has_purchase: bool,
             pending: Collection[str], current_category: str | None = None) -> Intent:
    """The intent of one message."""
    facts = {s for s in understanding.facts if s in PURCHASE_SLOTS}
    if has_purchase and (WHAT_IF_RE.search(text) or CORRECTION_RE.search(text)) and (
            facts or understanding.yes_no is not None):
        return "what_if"
    if has_purchase and pending:
        answers_pending = bool(facts & set(pending)) or (
            understanding.yes_no is not None and "framework" in pending)
        new_purchase = understanding.has("value") and understanding.has("category") and \
            "value" not in pending and "category" not in pending
        if answers_pending and not new_purchase and not is_question(text):
            return "answer"
    if has_purchase and _changes_terms(understanding, facts, current_category):
        return "what_if"
    if has_purchase and "value" in facts and ADDED_RE.search(text):
        return "what_if"  # "og 2 kateter à 6 800 i tillegg": more of the same purchase
    if has_purchase and understanding.bypass is not None and not facts & NEW_AMOUNT:
        return "answer"  # "vi kjøper heller på butikken i Ålen": about the agreement offered
    if is_question(text):
        return "question"
    if has_purchase and understanding.yes_no is not None and \
            not (understanding.has("value") or understanding.has("category")):
        return "answer"  # "nei, vi vil heller kjøpe lokalt": about this purchase, not a new one
    if has_purchase and facts and len(text.split()) <= 6 and not (
            understanding.has("value") and understanding.has("category")):
        return "answer"
    if understanding.buying or facts & {"value", "category"}:
        return "purchase"
    if has_purchase and facts:
        return "answer"
    return "unknown"
