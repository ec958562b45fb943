"""A conversation with the assistant: memory of the purchase, one question at a
time, and a reply built from the rule engine and the search.

    session = Session(searcher)             # searcher optional (no passages without)
    reply = session.respond("Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr")
    reply = session.respond("inkl. mva")    # an answer: earlier slots are kept
    reply = session.respond("hva om det er 2 millioner?")   # a what-if on the last purchase

Slots carry over between turns; an answer only adds or replaces the slots it
states. The rule engine says which missing facts change the outcome (its
questions); the agreement register is asked when the text does not say whether
an agreement exists.
"""

from __future__ import annotations

import re
import time
import weakref
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant import dialogue, direct
from assistant.answer import compose
from assistant.extract import Understanding, understand
from assistant.intent import (
    PURCHASE_SLOTS,
    classify,
    implies_decision,
    is_correction,
    looks_english,
)
from assistant.model import Fact, Intent, Reply
from assistant.ports import Searcher
from index.model import Hit
from knowledge.infra.errors import InputError
from rules.model import Decision, Question

MAX_CHARS = 2000
"""Longer messages are cut; the reply says so."""
PASSAGES_FOR_PURCHASE = 3
PASSAGES_FOR_QUESTION = 3

NOTHING_FOUND = "Jeg fant ikke noe om dette i strategien eller regelverket."
HELP_TEXT = (
    "Skriv et spørsmål om regelverket eller strategien, eller beskriv et kjøp, for eksempel "
    "«Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva»."
)


@dataclass
class Timings:
    """Seconds spent in the last reply, by part (for benchmarks)."""

    understanding: float = 0.0
    rules: float = 0.0
    search: float = 0.0


@dataclass
class _State:
    slots: dict[str, Fact] = field(default_factory=dict)
    pending: list[Question] = field(default_factory=list)
    has_purchase: bool = False
    texts: list[str] = field(default_factory=list)


class Session:
    """One user's conversation. Not thread-safe: one session per conversation."""

    def __init__(self, searcher: Searcher | None = None, *,
                 agreements_path: Path | None = None) -> None:
        self.searcher = searcher
        self.agreements_path = agreements_path
        self.state = _State()
        self.timings = Timings()

    def attach_searcher(self, searcher: Searcher | None) -> None:
        """Use this searcher from the next message on (e.g. hybrid once the model is loaded)."""
        self.searcher = searcher

    def reset(self) -> None:
        """Forget the purchase and the open questions."""
        self.state = _State()

    @property
    def slots(self) -> dict[str, Fact]:
        return dict(self.state.slots)

    def respond(self, text: str, as_of: date | None = None) -> Reply:
        """Answer one message."""
        self.timings = Timings()
        notices: list[str] = []
        text = _clean(text if isinstance(text, str) else str(text))
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS]
            notices.append(f"Meldingen var lang; jeg leste de første {MAX_CHARS} tegnene.")
        if not re.search(r"[0-9A-Za-zÆØÅæøå]", text):
            return self._help("unknown", notices)

        started = time.perf_counter()
        understanding = understand(text)
        understanding.facts.update(
            dialogue.bare_number_answer(text, understanding, self.state.pending))
        if self.state.has_purchase:
            dialogue.prices_with_earlier_counts(text, understanding, self.state.texts,
                                                self.state.pending, self.state.slots)
        current = self.state.slots.get("category")
        intent = classify(text, understanding, has_purchase=self.state.has_purchase,
                          pending=[q.slot for q in self.state.pending],
                          current_category=str(current.value) if current else None)
        if looks_english(text):  # English words in Norwegian text are read; say it all the same
            notices.append("Jeg forstår bare norsk (bokmål).")
        self.timings.understanding = time.perf_counter() - started
        notices.extend(understanding.notices)

        if intent == "unknown":
            return self._search_only(intent, text, notices, help_first=True)
        answer = None if intent != "question" or understanding.has("value") else \
            direct.threshold_answer(text, dialogue.as_of_date(understanding.facts, as_of))
        if answer or (intent == "question" and not implies_decision(text, understanding)):
            return self._search_only(intent, text, notices, lead=answer)
        return self._decide(intent, text, understanding, notices, as_of)

    # ---- the parts of a reply ------------------------------------------------------------

    def _help(self, intent: Intent, notices: list[str]) -> Reply:
        markdown = "\n\n".join([*(f"*{n}*" for n in notices), HELP_TEXT])
        return Reply(intent, {}, None, [], [], markdown, [*notices, HELP_TEXT])

    def _search_only(self, intent: Intent, text: str, notices: list[str],
                     help_first: bool = False, lead: str | None = None) -> Reply:
        hits, _ = self._search([text], PASSAGES_FOR_QUESTION, notices)
        if lead:
            markdown = compose(intent="question", facts={}, decision=None, questions=[],
                               hits=hits, notices=notices, query=text, decision_card=None,
                               lead=lead)
            return Reply(intent, {}, None, [], hits, markdown, notices, lead)
        if not hits:
            if not help_first:
                notices = [*notices, NOTHING_FOUND]
            return self._help(intent, notices)
        if help_first:
            notices = [*notices, HELP_TEXT]
        markdown = compose(intent="question", facts={}, decision=None, questions=[], hits=hits,
                           notices=notices, query=text, decision_card=None)
        return Reply(intent, {}, None, [], hits, markdown, notices)

    def _decide(self, intent: Intent, text: str, understanding: Understanding,
                notices: list[str], as_of: date | None) -> Reply:
        started = time.perf_counter()
        state = self.state
        new_facts = {s: f for s, f in understanding.facts.items() if s in PURCHASE_SLOTS}
        follows = intent in ("answer", "what_if")
        new_facts = dialogue.new_count(state.slots if follows else {}, new_facts,
                                       " ".join(state.texts))
        if follows:
            new_facts.update(dialogue.yes_no_answer(understanding, state.pending,
                                                    state.slots.get("agreement")))
            new_facts.update(dialogue.new_price(state.slots, understanding))
            new_facts = dialogue.add_options(state.slots, new_facts,
                                             replace=is_correction(text))
            new_facts = dialogue.drop_options(state.slots, new_facts, understanding)
            new_facts = dialogue.added_lines(state.slots, new_facts, text)
            new_facts = dialogue.keep_category(state.slots, new_facts)
            slots = dialogue.merge(state.slots, new_facts)
            texts = [*state.texts, text]
        elif intent == "question" and not (understanding.has("value")
                                           or understanding.has("category")):
            slots, texts = dict(state.slots), list(state.texts)  # about the current purchase
        else:
            slots, texts = dict(new_facts), [text]
        if understanding.vat_conflict:
            slots.pop("vat", None)
        category_question = None
        if "category" not in slots and intent in ("purchase", "question") and \
                understanding.has("value"):
            guessed = dialogue.category_by_model(text, self.searcher)
            if isinstance(guessed, Fact):
                slots["category"] = guessed
            else:
                category_question = guessed
        if understanding.retrospective:
            slots["retrospective"] = Fact("retrospective", True, "kjøpet er gjort")
            if "as_of" not in slots:
                slots.update(dialogue.past_purchase_date(text, as_of, notices))
        day = dialogue.as_of_date(slots, as_of)
        purchase_facts = dict(slots)
        lookup = dialogue.agreement_lookup(slots, " ".join(texts), day, self.agreements_path,
                                           bypass=understanding.bypass is not None,
                                           past="retrospective" in slots)
        if lookup.offered is not None:
            slots["agreement"] = lookup.offered
            purchase_facts["agreement"] = lookup.offered
        purchase_facts.update(lookup.assumed)
        notices.extend(lookup.notices)
        if slots.get("outside_agreement") and "agreement" in slots and not lookup.notices:
            notices.append(f"Avtalen {dialogue.agreement_text(slots['agreement'])} dekker kjøpet.")
        register_question = lookup.question
        self.timings.understanding += time.perf_counter() - started

        started = time.perf_counter()
        try:
            decision = dialogue.decide_for(purchase_facts, " ".join(texts), day)
        except InputError as error:
            self.timings.rules = time.perf_counter() - started
            notices.append(str(error))
            return self._store(intent, slots, texts, [], Reply(
                intent, purchase_facts, None, [], [], "\n\n".join(f"*{n}*" for n in notices),
                notices))
        self.timings.rules = time.perf_counter() - started

        questions = dialogue.questions_for(decision, register_question, understanding,
                                           category_question)
        complete = decision.procedure is not None
        queries = dialogue.queries_for(text, decision, complete)
        hits, hit_queries = self._search(queries, PASSAGES_FOR_PURCHASE, notices,
                                         decision if complete else None)
        card = _decision_card(decision) if complete else None
        lead = _lead(text, understanding, decision, slots)
        markdown = compose(intent=intent, facts=purchase_facts,
                           decision=decision if complete else None, questions=questions,
                           hits=hits, notices=notices, query=text, decision_card=card,
                           hit_queries=hit_queries, lead=lead)
        reply = Reply(intent, purchase_facts, decision if complete else None, questions, hits,
                      markdown, notices, lead)
        return self._store(intent, slots, texts, questions, reply)

    def _store(self, intent: Intent, slots: dict[str, Fact], texts: list[str],
               questions: list[Question], reply: Reply) -> Reply:
        if intent == "question" and not slots:
            return reply  # a question with no purchase facts leaves the conversation as it was
        self.state = _State(slots=slots, pending=list(questions), has_purchase=True, texts=texts)
        return reply

    def _search(self, queries: list[str], k: int, notices: list[str],
                decision: Decision | None = None) -> tuple[list[Hit], list[str]]:
        """The passages to quote and, for each, the query whose words mark its sentence."""
        if self.searcher is None:
            return [], []
        started = time.perf_counter()
        try:
            results = self._cached_search(queries, k + 2)
        except InputError:
            return [], []
        finally:
            self.timings.search = time.perf_counter() - started
        picked = dialogue.pick_passages(results, k, decision)
        return [hit for hit, _ in picked], [queries[index] for _, index in picked]

    def _cached_search(self, queries: list[str], k: int) -> list[list[Hit]]:
        """search_many, with the fixed queries of rule conclusions remembered per searcher."""
        searcher = self.searcher
        assert searcher is not None  # _search returns early without one
        cache = _QUERY_CACHE.setdefault(searcher, {})
        if len(cache) > QUERY_CACHE_SIZE:
            cache.clear()
        missing = [q for q in dict.fromkeys(queries[1:]) if (q, k) not in cache]
        fresh = searcher.search_many([queries[0], *missing], k=k)
        for query, hits in zip(missing, fresh[1:], strict=True):
            cache[(query, k)] = hits
        return [fresh[0], *(cache[(q, k)] for q in queries[1:])]


_QUERY_CACHE: weakref.WeakKeyDictionary[Searcher, dict[tuple[str, int], list[Hit]]] = (
    weakref.WeakKeyDictionary())
"""Per searcher object (gone with it), shared by the sessions that use it."""
QUERY_CACHE_SIZE = 256
"""Results for conclusion texts (few and fixed) are kept; the user's words are always searched."""


def _clean(text: str) -> str:
    text = text.replace("\x00", " ")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _lead(text: str, understanding: Understanding, decision: Decision,
          slots: dict[str, Fact]) -> str | None:
    """A direct answer before the card: a control verdict on a past purchase, or Ja/Nei."""
    if understanding.retrospective or "retrospective" in slots:
        stated = slots["as_of"].source if "as_of" in slots else None
        return direct.retrospective_lead(text, decision, stated)
    return direct.yes_no_lead(text, decision)


def _decision_card(decision: Decision) -> str:
    from assistant.render import decision_markdown

    return decision_markdown(decision)
