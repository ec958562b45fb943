"""The dialogue's steps between understanding and answer: merging slots, the
date, the agreement register, the purchase for the rule engine, the questions
to ask and the passages to quote.

Kept apart from `session.py` (which holds the conversation's state) so each
step can be tested on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.agreements import Agreement, load_register
from assistant.extract import Understanding, understand
from assistant.intent import ADDED_RE
from assistant.model import Fact
from assistant.periods import OPEN_ENDED, find_past_date
from assistant.ports import Searcher
from assistant.quantities import same_thing
from index.model import Hit
from rules.model import Decision, Purchase, Question

VAT_CONFLICT_QUESTION = "Er beløpet inkl. eller eks. mva?"


def merge(old: dict[str, Fact], new: dict[str, Fact]) -> dict[str, Fact]:
    """Earlier slots with the newly stated ones on top: an answer never loses a slot."""
    merged = dict(old)
    restated = "value" in new and "value" in old and new["value"].value == old["value"].value
    if "value" in new and "quantity" not in new and not restated:
        merged.pop("quantity", None)  # a new amount replaces the unit price and its count
    if "value" in new and "more_lines" not in new and not restated:
        merged.pop("more_lines", None)  # ("det er 4 980 EKS mva": the same price, restated)
    merged.update(new)
    return merged


CHANGED_FACTS = ("value", "quantity", "count", "vat", "municipality", "duration", "period")


def keep_category(old: dict[str, Fact], new: dict[str, Fact]) -> dict[str, Fact]:
    """A follow-up that changes another fact keeps the purchase's category: in "nei vent,
    kalkylen fra rådgiveren sier 7,9 mill" the adviser is not what is bought. A follow-up
    about the category alone ("hva om det er brøyting i stedet?") changes it."""
    if "category" in old and "category" in new and any(s in new for s in CHANGED_FACTS):
        return {slot: fact for slot, fact in new.items() if slot != "category"}
    return new


def add_options(old: dict[str, Fact], new: dict[str, Fact], *,
                replace: bool = False) -> dict[str, Fact]:
    """A later "og med opsjon på ett år til" adds the option to the stated length; a
    correction ("nei vent, opsjon på 1 år til, ikke 2") replaces the option added before."""
    option, duration, before = new.get("option"), new.get("duration"), old.get("duration")
    if option is None or duration is None or before is None or \
            not isinstance(before.value, int) or option.value != duration.value:
        return new
    earlier = int(old["option"].value) if "option" in old else 0
    base, source = before.value, before.source
    if replace and earlier:
        base -= earlier
        earlier = 0
        source = source.rsplit(" + ", 1)[0] if " + " in source else source
    added = dict(new)
    added["duration"] = Fact("duration", base + int(option.value),
                             f"{source} + {option.source} opsjon")
    added["option"] = Fact("option", earlier + int(option.value), option.source)
    return added


def new_price(old: dict[str, Fact], understanding: Understanding) -> dict[str, Fact]:
    """A price per unit without a count in a follow-up ("timeprisen ble 1 290, antall timer
    er det samme") prices the count of the unit price on the table."""
    price = understanding.price_without_count
    if price is None or "quantity" not in old or "more_lines" in old:
        return {}
    quantity = old["quantity"].value
    understanding.notices[:] = [n for n in understanding.notices if price.source not in n]
    return {"value": Fact("value", price.amount.value, price.amount.source),
            "quantity": Fact("quantity", dict(quantity), f"{old['quantity'].source}; "
                             f"{price.source}")}


def _first_line(slots: dict[str, Fact]) -> dict[str, Any]:
    """The line of the slots' value: its count and unit, or one amount alone."""
    quantity = slots["quantity"].value if "quantity" in slots else {"count": 1.0, "unit": ""}
    return {"count": quantity["count"], "price": slots["value"].value, "unit": quantity["unit"]}


def added_lines(old: dict[str, Fact], new: dict[str, Fact], text: str) -> dict[str, Fact]:
    """A follow-up that adds priced lines ("og 2 kateter à 6 800 i tillegg") keeps the
    lines on the table and puts the new ones beside them."""
    if "value" not in new or "value" not in old or not ADDED_RE.search(text):
        return new
    first = _first_line(old)
    lines = [*(old["more_lines"].value if "more_lines" in old else []), _first_line(new),
             *(new["more_lines"].value if "more_lines" in new else [])]
    result = {slot: fact for slot, fact in new.items() if slot not in VALUE_SLOTS}
    source = " / ".join(f.source for f in (old.get("more_lines"), new["value"]) if f)
    result["value"] = old["value"]
    result["quantity"] = old.get("quantity") or Fact(
        "quantity", {"count": first["count"], "unit": first["unit"]}, old["value"].source)
    result["more_lines"] = Fact("more_lines", lines, source)
    return result


def drop_options(old: dict[str, Fact], new: dict[str, Fact],
                 understanding: Understanding) -> dict[str, Fact]:
    """"Vi dropper opsjonene likevel": the length without the options added before (or
    the length the message states)."""
    if understanding.options_dropped is None or "option" not in old:
        return new
    result = dict(new)
    duration = old.get("duration")
    if "duration" not in new and duration is not None and isinstance(duration.value, int):
        result["duration"] = Fact("duration", duration.value - int(old["option"].value),
                                  understanding.options_dropped)
    result["option"] = Fact("option", 0, understanding.options_dropped)
    return result


def _counts_the_same(count: Fact, quantity: Fact, earlier: str) -> bool:
    """The new count counts what the quantity on the table counts: the same kind of unit
    and, for pieces, a word naming a thing the conversation counted (or "stk")."""
    words = re.findall(r"[^\W\d_][\w-]*", count.source.lower())
    if count.value.get("kind") not in (None, "piece"):
        return True  # "hva om det er 400 timer?"
    if not words or words[0] in ("stk", "stykk", "stykker"):
        return True
    if re.match(r"\s*(?:en|et|ei|én)\b", count.source, re.IGNORECASE):
        return False  # an article, not a count
    named = re.findall(r"[^\W\d_][\w-]*", f"{quantity.source} {earlier}".lower())
    return any(same_thing(w, n) for w in words for n in named if len(w) >= 3 and len(n) >= 3)


def new_count(old: dict[str, Fact], new: dict[str, Fact], earlier: str = "") -> dict[str, Fact]:
    """A count alone ("hva om det er 40 nettbrett?") replaces the quantity of the unit
    price on the table; without one it means nothing for the purchase."""
    count = new.get("count")
    result = {slot: fact for slot, fact in new.items() if slot != "count"}
    if count is None or "quantity" not in old or "value" in new:
        return result
    if not _counts_the_same(count, old["quantity"], earlier):
        return result  # "vi bruker en annen leverandør": no new count of what is bought
    quantity = dict(old["quantity"].value)
    quantity["count"] = count.value["count"]
    result["quantity"] = Fact("quantity", quantity, count.source)
    return result


def yes_no_answer(understanding: Understanding, pending: Sequence[Question],
                  offered: Fact | None = None) -> dict[str, Fact]:
    """A bare "ja"/"nei" answers the open question about an existing agreement.

    "Nei" (or "vi kjøper heller lokalt") to an agreement the register offered is
    buying outside it, not the absence of one."""
    if understanding.has("framework") or not any(q.slot == "framework" for q in pending):
        return {}
    declined = understanding.yes_no is False or understanding.bypass is not None
    if offered is not None and declined:
        words = understanding.bypass or "nei"
        return {"framework": Fact("framework", True, f"avtale {offered.value['id']}"),
                "outside_agreement": Fact("outside_agreement", True, words)}
    if understanding.yes_no is None:
        return {}
    word = "ja" if understanding.yes_no else "nei"
    return {"framework": Fact("framework", understanding.yes_no, word)}


_BARE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\s*\.?\s*$")


def bare_number_answer(text: str, understanding: Understanding,
                       pending: Sequence[Question]) -> dict[str, Fact]:
    """A bare number ("36") answers the open question about the duration in months."""
    match = _BARE_NUMBER_RE.match(text)
    if not match or understanding.has("duration") or not any(q.slot == "duration"
                                                             for q in pending):
        return {}
    months = int(match.group(1))
    return {"duration": Fact("duration", months, match.group(0).strip())} if months > 0 else {}


VALUE_SLOTS = ("value", "quantity", "more_lines")


def prices_with_earlier_counts(text: str, understanding: Understanding, texts: Sequence[str],
                               pending: Sequence[Question],
                               slots: dict[str, Fact] | None = None) -> None:
    """Prices per unit that answer the open value question, or give the first amount of a
    purchase on the table, take their counts from the earlier messages ("18 apparater og
    30 varslere" ... "apparatene 1 200 kr stk og varslerne 450 kr stk"; "30 chromebooks
    …" ... "ca 4 500 stk"): the conversation is read as one text for the value."""
    asked = not understanding.has("value") and any(q.slot == "value" for q in pending)
    first_amount = understanding.has("value") and "quantity" not in understanding.facts \
        and slots is not None and "value" not in slots
    if not texts or not (asked or first_amount):
        return
    combined = understand(" ".join([*texts, text]))
    if not combined.has("value") or "quantity" not in combined.facts:
        return
    understanding.facts.update({slot: combined.facts[slot] for slot in VALUE_SLOTS
                                if slot in combined.facts})
    understanding.notices[:] = [n for n in understanding.notices if n in combined.notices]


def past_purchase_date(text: str, as_of: date | None, notices: list[str]) -> dict[str, Fact]:
    """The date of a purchase already made when the text gives a month without a year
    ("i april") or "i fjor"; said in a notice."""
    found = find_past_date(text, as_of or date.today())
    if found is None:
        return {}
    day = found.value
    assert isinstance(day, date)
    notices.append(f"«{found.source}» er lest som {day:%d.%m.%Y} (kjøpet er gjort); "
                   "skriv en dato for et annet tidspunkt.")
    return {"as_of": Fact("as_of", day.isoformat(), found.source)}


def as_of_date(slots: dict[str, Fact], as_of: date | None) -> date:
    """A date stated in the conversation, else the caller's date, else today."""
    if "as_of" in slots:
        return date.fromisoformat(str(slots["as_of"].value))
    return as_of or date.today()


@dataclass
class Lookup:
    """What the agreement register says about the purchase."""

    assumed: dict[str, Fact] = field(default_factory=dict)
    """Facts the register settles (no agreement; or one that the buyer bypasses)."""
    question: Question | None = None
    offered: Fact | None = None
    """The matching agreement (slot "agreement"), kept for the next answer."""
    notices: list[str] = field(default_factory=list)


def _agreement_fact(agreement: Agreement, example: bool) -> Fact:
    where = "eksempelregisteret" if example else "avtaleregisteret"
    return Fact("agreement", {"id": agreement.id, "agreement": agreement.agreement,
                              "supplier": agreement.supplier,
                              "valid_to": agreement.valid_to.isoformat()
                              if agreement.valid_to else None}, where)


def agreement_text(fact: Fact) -> str:
    value = fact.value
    return f"{value['id']} {value['agreement']} med {value['supplier']} ({fact.source})"


def agreement_lookup(slots: dict[str, Fact], text: str, day: date, register_path: Path | None,
                     bypass: bool = False, past: bool = False) -> Lookup:
    """When the text doesn't say whether an agreement exists, ask the register.

    A matching agreement gives a question, or, when the buyer says they buy
    elsewhere, the facts of buying outside it; an agreement that has ended is
    named with its end date, also when the buyer says they order on it; no match gives
    the stated assumption that there is none (with the category still unknown, no
    agreement of any category matches).
    """
    claimed = "framework" in slots and slots["framework"].value is True and not (
        slots.get("outside_agreement") or "agreement" in slots)
    if "framework" in slots and not claimed and not (
            slots.get("outside_agreement") and "agreement" not in slots):
        return Lookup()
    register = load_register(register_path)
    # Without a category every agreement is a candidate: none matching means none matches
    # the category either, so "no agreement" holds whatever the category turns out to be.
    category = _text_slot(slots, "category")
    municipality = _text_slot(slots, "municipality")
    matches = register.matching(text, category=category, municipality=municipality, as_of=day)
    if claimed and matches:
        return Lookup()  # "vi bestiller på avtalen": the register has it in force
    if matches:
        first = matches[0]
        offered = _agreement_fact(first, register.example)
        if bypass or slots.get("outside_agreement"):
            return Lookup({"framework": Fact("framework", True, offered.source),
                           "outside_agreement": Fact("outside_agreement", True, "kjøp utenfor")},
                          None, offered, [f"Avtalen {agreement_text(offered)} dekker kjøpet."])
        example = " i eksempelregisteret" if register.example else ""
        if past:  # a control: whether it was ordered on the agreement is the question
            return Lookup(question=Question(
                "framework",
                f"Det fantes en rammeavtale på {first.agreement.lower()} med {first.supplier} "
                f"(avtale {first.id}{example}) på kjøpsdatoen: ble kjøpet bestilt på den?"),
                offered=offered)
        # The agreement is to be used (Strategi 2.2.3): decided as a call-off on it, and the
        # buyer is asked, so that "nei" makes it a purchase outside it
        question = Question(
            "framework",
            f"Det finnes en rammeavtale på {first.agreement.lower()} med {first.supplier} "
            f"(avtale {first.id}{example}): skal du bestille på den? Vurderingen over "
            "forutsetter ja; svarer du nei, er kjøpet utenfor avtalen.")
        assumed = Fact("framework", True, f"antatt: avtale {first.id} i {offered.source}")
        return Lookup({"framework": assumed}, question=question, offered=offered)
    ended = register.expired(text, category=category, municipality=municipality, as_of=day)
    if claimed and ended and not _same_supplier(text, ended[0]):
        return Lookup()  # "avtalen med Elkjøp": another agreement than the one that ended
    if ended:  # also when the text says "utenfor avtalen" or "via IKT-avtalen": it has ended
        last = ended[0]
        assert last.valid_to is not None
        end = f"{last.valid_to:%d.%m.%Y}"
        notice = (f"Avtalen {last.id} ({last.agreement}, {last.supplier}) gikk ut {end}; "
                  "kjøpet er vurdert uten avtale. Sjekk i KAV om en ny avtale er inngått.")
        source = f"antatt: avtalen {last.id} gikk ut {end}"
        return Lookup({"framework": Fact("framework", False, source),
                       "outside_agreement": Fact("outside_agreement", False, source)},
                      notices=[notice])
    if "framework" in slots:
        return Lookup()
    source = f"antatt: ingen treff i avtaleregisteret {register.path.name}"
    return Lookup({"framework": Fact("framework", False, source)})


_SUPPLIER_NAMED_RE = re.compile(
    r"avtale\w*\s+(?:med|hos|fra)\s+(?P<name>[A-ZÆØÅ][\w&.-]*(?:\s+[A-ZÆØÅ][\w&.-]*)*)")


def _same_supplier(text: str, agreement: Agreement) -> bool:
    """The text names no supplier for its agreement, or this agreement's supplier."""
    named = _SUPPLIER_NAMED_RE.search(text)
    if named is None:
        return True
    first = named.group("name").split()[0].lower()
    return first in agreement.supplier.lower()


def category_by_model(text: str, searcher: Searcher | None) -> Fact | Question | None:
    """The embedding model's category for words the lexicon lacks (only with a dense
    searcher): a Fact when it is confident, else a question naming its two likeliest."""
    if searcher is None or searcher.mode != "hybrid" or searcher.encoder is None:
        return None
    encoder = searcher.encoder
    from assistant.category_model import classify

    guess = classify(text, encoder)
    if guess is None:
        return None
    if guess.decided:
        return Fact("category", guess.category, guess.assumption)
    return Question("category", guess.question)


def _text_slot(slots: dict[str, Fact], slot: str) -> str | None:
    return str(slots[slot].value) if slot in slots else None


def purchase_from(facts: dict[str, Fact], description: str) -> Purchase:
    """The rule engine's Purchase from the slots."""
    def get(slot: str):
        return facts[slot].value if slot in facts else None

    vat = get("vat")
    related: list[float] = []
    related_incl: list[float] = []  # the estimate takes the VAT off (rules/estimate.py)
    for item in get("related") or []:
        stated_incl = (item.get("vat") or vat) == "inkl"
        (related_incl if stated_incl else related).append(float(item["value"]))
    value = get("value")
    duration = get("duration")
    open_ended = duration == OPEN_ENDED
    quantity = get("quantity") if value is not None else None
    return Purchase(
        value=float(value) if value is not None else None,
        quantity=float(quantity["count"]) if quantity else None,
        unit=str(quantity["unit"]) if quantity else "stk",
        more_lines=tuple((float(line["count"]), float(line["price"]), str(line["unit"]))
                         for line in (get("more_lines") or [])) if quantity else (),
        option_months=int(get("option") or 0) if duration not in (None, OPEN_ENDED) else 0,
        vat=vat,
        period=get("period"),
        duration_months=None if duration is None or open_ended else int(duration),
        open_ended=open_ended,
        category=get("category"),
        municipality=get("municipality"),
        framework=get("framework"),
        outside_agreement=bool(get("outside_agreement")),
        is_framework_agreement=bool(get("new_framework")),
        related_values_excl_vat=tuple(related),
        related_values_incl_vat=tuple(related_incl),
        description=description[:500],
    )


def decide_for(facts: dict[str, Fact], description: str, day: date) -> Decision:
    from rules import decide

    return decide(purchase_from(facts, description), as_of=day)


def questions_for(decision: Decision, register_question: Question | None,
                  understanding: Understanding,
                  category_question: Question | None = None) -> list[Question]:
    """The rule engine's questions, with the register's wording for the agreement question
    and the model's likeliest categories in the category question."""
    questions = list(decision.questions)
    if category_question:
        questions = [category_question if q.slot == "category" else q for q in questions]
    if register_question:
        replaced = [register_question if q.slot == "framework" else q for q in questions]
        if replaced == questions:
            replaced.append(register_question)
        questions = replaced
    if understanding.vat_conflict and not any(q.slot == "vat" for q in questions):
        questions.insert(0, Question("vat", VAT_CONFLICT_QUESTION))
    return questions


def queries_for(text: str, decision: Decision, complete: bool) -> list[str]:
    """Search queries: the user's words and, for a decision, its procedure and authority."""
    queries = [text]
    if complete:
        queries.extend(c.text for c in (decision.procedure, decision.authority) if c is not None)
    return queries


def _citations(decision: Decision | None) -> set[str]:
    if decision is None:
        return set()
    found: set[str] = set()
    for conclusion in [decision.procedure, decision.authority, *decision.documentation]:
        if conclusion is not None:
            found.update(c.strip().lower() for c in conclusion.citations)
    return found


def _cited(hit: Hit, citations: set[str]) -> bool:
    own = hit.passage.citation.strip().lower()
    return any(own == c or own.startswith(c + " ") or c.startswith(own + " ")
               for c in citations)


def pick_passages(results: Sequence[Sequence[Hit]], k: int, decision: Decision | None
                  ) -> list[tuple[Hit, int]]:
    """The k best passages over several queries, passages the decision cites first.

    Each comes with the index of the query that found it (its sentence to mark is
    chosen against that query)."""
    citations = _citations(decision)
    ranked: list[tuple[int, int, Hit, int]] = []
    seen: set[str] = set()
    for rank in range(max((len(r) for r in results), default=0)):
        for index, result in enumerate(results):
            if rank < len(result) and result[rank].passage.id not in seen:
                hit = result[rank]
                seen.add(hit.passage.id)
                ranked.append((0 if _cited(hit, citations) else 1, len(ranked), hit, index))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [(hit, index) for _, _, hit, index in ranked[:k]]
