"""`decide(purchase, as_of)`: the Decision for a purchase, with missing facts handled.

When facts are missing (value, VAT, category, framework, municipality)
the decision evaluates every possible answer, not special cases:

1. A slot whose facts no rule condition reads cannot change the outcome (e.g.
   the municipality today): it is assumed and the assumption stated.
2. Otherwise all combinations of the missing slots' possible answers are
   evaluated (value: just below and at each threshold in force). A slot is
   *relevant* if changing only its answer changes the outcome (procedure,
   authority, documentation). Relevant slots become questions and the
   procedure is None; irrelevant ones become stated assumptions, and the
   decision is made on the safest reading (excl. VAT, no end date, ...).

A periodic value with no duration is a missing fact like the others: its
answers are "no end date" (FOA § 5-4: × 48 months) and shorter terms. When they
all give the same outcome, the decision is made on the open-ended reading and
says so; otherwise it asks how long the contract runs.

A date where a needed threshold has no registered value raises InputError
(Norwegian message naming the registered period): innkjop never guesses a
threshold.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from knowledge.infra.errors import InnkjopError, InputError
from knowledge.infra.inputs import parse_date
from knowledge.municipalities import MUNICIPALITIES
from rules.estimate import related_excl_vat
from rules.evaluate import Evaluator, Outcome, evaluator_for
from rules.formatting import plain
from rules.model import (
    CATEGORIES,
    Conclusion,
    Decision,
    Purchase,
    PurchaseUsed,
    Question,
    ThresholdSetInfo,
    TraceStep,
)
from rules.reliance import Reliance, assess
from rules.titles import title
from rules.validate import validate_purchase

SLOT_ORDER = ("value", "vat", "category", "duration", "framework", "municipality")
SLOT_FACTS = {
    "value": {"value"},
    "vat": {"value"},
    "duration": {"value", "duration_months"},
    "category": {"category"},
    "framework": {"framework", "call_off"},
    "municipality": {"municipality"},
}
SLOT_NAMES = {
    "value": "verdi", "vat": "mva", "category": "kategori", "duration": "varighet",
    "framework": "om avtale finnes", "municipality": "kommune",
}
QUESTIONS = {
    "value": "Hva er den anslåtte verdien av kjøpet for hele avtaleperioden, med opsjoner og "
             "forlengelser?",
    "vat": "Er beløpet inkludert eller eksklusive mva? Det avgjør hvilken terskelverdi kjøpet "
           "havner under.",
    "category": "Hva slags kjøp er det: varer, tjenester, bygg og anlegg, eller helse- og "
                "sosialtjenester?",
    "duration": "Hvor lenge skal avtalen vare, i måneder, med opsjoner og forlengelser?",
    "framework": "Finnes det en rammeavtale eller annen avtale som kjøpet kan avropes på?",
    "municipality": "Hvilken kommune gjelder kjøpet (" + ", ".join(MUNICIPALITIES) + ")?",
}
ASSUMPTIONS = {
    "value": "Verdien er ikke oppgitt, men utfallet er det samme for alle verdier.",
    "vat": "Mva er ikke oppgitt: utfallet er det samme med og uten mva, så beløpet er regnet "
           "som eks. mva (den høyeste verdien).",
    "category": "Kategori er ikke oppgitt: utfallet er det samme for varer, tjenester, bygg og "
                "anlegg og helse- og sosialtjenester.",
    "duration": "Varigheten er ikke oppgitt, men utfallet er det samme for alle varigheter.",
    "framework": "Det er ikke oppgitt om det finnes en avtale: utfallet er det samme med og "
                 "uten avtale, så kjøpet er behandlet som kjøp uten avtale.",
    "municipality": "Kommune er ikke oppgitt: ingen regel avhenger av kommunen, så svaret "
                    "gjelder alle seks kommunene (" + ", ".join(MUNICIPALITIES) + ").",
}
DURATION_ALTERNATIVES = {"month": (None, 1, 12, 24, 36), "year": (None, 12, 24, 36)}
"""None (no end date, × 48 months) first: it is the reading used when duration is irrelevant."""


def decide(purchase: Purchase, as_of: date | None = None) -> Decision:
    """What the purchase requires on `as_of` (default today). Thread-safe."""
    as_of = as_of or date.today()
    if isinstance(as_of, datetime):
        as_of = as_of.date()
    elif isinstance(as_of, str):
        as_of = parse_date(as_of, "as_of")
    if not isinstance(as_of, date):
        raise InputError(f"ugyldig dato «{as_of}»: bruk ÅÅÅÅ-MM-DD.")
    purchase = validate_purchase(purchase)
    evaluator = evaluator_for(as_of)
    read = evaluator.read_fact_keys()
    slots = _missing_slots(purchase, evaluator)
    assumed = [slot for slot, _ in slots if not SLOT_FACTS[slot] & read]
    open_slots = [(slot, alts) for slot, alts in slots if slot not in assumed]
    names = [slot for slot, _ in open_slots]
    memo: dict[tuple, Outcome] | None = {} if open_slots or purchase.period else None
    outcomes: dict[tuple, Outcome | InnkjopError] = {}
    for combination in itertools.product(*(alts for _, alts in open_slots)):
        candidate = _apply(purchase, dict(zip(names, combination, strict=True)))
        try:
            outcomes[combination] = evaluator.evaluate(candidate, memo)
        except InputError as error:
            outcomes[combination] = error
    relevant = _relevant_slots(names, outcomes)
    first = next(iter(outcomes))
    if not relevant:
        outcome = outcomes[first]
        if isinstance(outcome, InnkjopError):
            raise outcome
        assumptions = outcome.estimate.assumptions + [
            ASSUMPTIONS[slot] for slot in SLOT_ORDER if slot in names or slot in assumed
        ]
        candidate = _apply(purchase, dict(zip(names, first, strict=True)))
        return _decision(purchase, evaluator, outcome, assumptions, candidate)
    return _open_decision(purchase, evaluator, outcomes, relevant, assumed)


def _missing_slots(purchase: Purchase, evaluator: Evaluator) -> list[tuple[str, tuple]]:
    slots: list[tuple[str, tuple]] = []
    if purchase.value is None:
        limits = sorted({v.value for v in evaluator.set.values.values()})
        slots.append(("value", tuple(sorted({1.0, *limits, *(x - 1 for x in limits)}))))
    else:
        if purchase.vat is None:
            slots.append(("vat", ("eks", "inkl")))
        if (purchase.period is not None and purchase.duration_months is None
                and not purchase.open_ended):
            slots.append(("duration", DURATION_ALTERNATIVES.get(
                purchase.period, DURATION_ALTERNATIVES["month"])))
    if purchase.category is None:
        slots.append(("category", CATEGORIES))
    if purchase.framework is None:
        slots.append(("framework", (False, True)))
    if purchase.municipality is None:
        slots.append(("municipality", MUNICIPALITIES))
    return slots


def _apply(purchase: Purchase, answers: dict[str, Any]) -> Purchase:
    if not answers:
        return purchase
    changes: dict[str, Any] = {}
    for slot, answer in answers.items():
        if slot == "value":
            changes.update(value=answer, vat="eks", period=None, quantity=None)
        elif slot == "duration":
            changes["duration_months"] = answer
        elif slot == "municipality":
            pass  # read by no rule today; kept for when one does
        else:
            changes[slot] = answer
    return replace(purchase, **changes)


def _relevant_slots(names: list[str], outcomes: dict[tuple, Any]) -> list[str]:
    def key(outcome: Any) -> tuple:
        return ("feil", str(outcome)) if isinstance(outcome, InnkjopError) else outcome.key()

    relevant = []
    for index, slot in enumerate(names):
        groups: dict[tuple, set] = defaultdict(set)
        for combination, outcome in outcomes.items():
            groups[combination[:index] + combination[index + 1:]].add(key(outcome))
        if any(len(keys) > 1 for keys in groups.values()):
            relevant.append(slot)
    return relevant


def _purchase_used(purchase: Purchase, outcome: Outcome | None, day: date,
                   alternatives: tuple[str, ...] = ()) -> PurchaseUsed:
    related = tuple(related_excl_vat(purchase, day))
    if outcome is None:
        return PurchaseUsed(purchase, related, arithmetic_alternatives=alternatives)
    est = outcome.estimate
    return PurchaseUsed(
        purchase, related, value_excl_vat=est.value_excl_vat, arithmetic=est.arithmetic,
        months_counted=est.months,
        combined_value_excl_vat=est.combined_excl_vat if related else None,
        arithmetic_alternatives=alternatives)


def _thresholds_info(evaluator: Evaluator, relied_on: list[str] | None = None
                     ) -> ThresholdSetInfo:
    step = _thresholds_step(evaluator)
    return ThresholdSetInfo(
        set=evaluator.set.name,
        verified=not evaluator.set.unverified,
        values=dict(step.facts),
        unverified=list(evaluator.set.unverified),
        status={name: value.status for name, value in evaluator.set.values.items()},
        relied_on=list(relied_on or []),
    )


def _setup_trace(evaluator: Evaluator, outcome: Outcome | None) -> list[TraceStep]:
    steps = []
    if outcome is not None:
        steps.append(TraceStep(
            rule="verdiberegning",
            because=f"Verdien beregnes eks. mva for hele avtaleperioden: "
                    f"{outcome.estimate.arithmetic}.",
            citation="FOA § 5-4",
            facts={"value_excl_vat": plain(outcome.estimate.value_excl_vat),
                   "combined_value_excl_vat": plain(outcome.estimate.combined_excl_vat)},
        ))
    step = _thresholds_step(evaluator)  # copied: callers may keep and change decisions
    steps.append(TraceStep(step.rule, step.because, step.citation, dict(step.facts)))
    return steps


@lru_cache(maxsize=64)
def _thresholds_step(evaluator: Evaluator) -> TraceStep:
    """The trace step naming the threshold set (the same for every decision on a date)."""
    unconfirmed = [
        f"{evaluator.thresholds[name].label} ({title('status', evaluator.set.status(name))})"
        for name in evaluator.set.unverified
    ]
    return TraceStep(
        rule="terskelverdier",
        because=f"Bruker {evaluator.set.name}"
                + (f"; ikke bekreftet i forskriften: {', '.join(unconfirmed)}." if unconfirmed
                   else f"; alle {title('status', 'verified')}."),
        citation="; ".join(dict.fromkeys(
            part.strip() for v in evaluator.set.values.values() for part in v.reference.split(";")
        )),
        facts={name: plain(v.value) for name, v in evaluator.set.values.items()},
    )


def _decision(purchase: Purchase, evaluator: Evaluator, outcome: Outcome,
              assumptions: list[str], candidate: Purchase) -> Decision:
    """`candidate`: the purchase as evaluated (missing facts filled in)."""
    warnings = list(outcome.warnings)
    reliance: Reliance = assess(evaluator, candidate, outcome)
    if reliance.warning:
        warnings.append(reliance.warning)
    value_known = purchase.value is not None  # else the outcome holds for every value
    return Decision(
        as_of=evaluator.as_of,
        purchase=_purchase_used(purchase, outcome if value_known else None, evaluator.as_of),
        procedure=outcome.procedure,
        authority=outcome.authority,
        documentation=list(outcome.documentation),
        warnings=warnings,
        questions=[],
        thresholds=_thresholds_info(evaluator, reliance.relied_on),
        trace=(_setup_trace(evaluator, outcome if value_known else None) + list(outcome.trace)
               + reliance.trace),
        assumptions=list(dict.fromkeys(assumptions)),
    )


def _open_decision(purchase: Purchase, evaluator: Evaluator, outcomes: dict,
                   relevant: list[str], assumed: list[str]) -> Decision:
    """Facts are missing that change the outcome: questions, no procedure."""
    valid = [o for o in outcomes.values() if isinstance(o, Outcome)]
    authority_codes = {o.authority.code if o.authority else None for o in valid}
    authority = valid[0].authority if valid and len(authority_codes) == 1 else None
    documentation: list[Conclusion] = []
    if valid:
        common = set.intersection(*({d.code for d in o.documentation} for o in valid))
        documentation = [d for d in valid[0].documentation if d.code in common]
    value_known = not {"value", "vat", "duration"} & set(relevant) and purchase.value is not None
    shown = valid[0] if value_known and valid else None
    missing = ", ".join(SLOT_NAMES[slot] for slot in relevant)
    trace = _setup_trace(evaluator, shown) + [TraceStep(
        rule="manglende_fakta",
        because=f"Utfallet avhenger av fakta som mangler ({missing}); alle mulige svar er "
                "vurdert, og svaret venter på disse.",
        citation="FOA § 5-4",
        facts={"mangler": list(relevant)},
    )]
    alternatives = tuple(dict.fromkeys(o.estimate.arithmetic for o in valid)) if (
        shown is None and purchase.value is not None) else ()
    shown_purchase = _purchase_used(purchase, shown, evaluator.as_of, alternatives)
    return Decision(
        as_of=evaluator.as_of,
        purchase=shown_purchase,
        procedure=None,
        authority=authority,
        documentation=documentation,
        warnings=[],
        questions=[Question(slot, QUESTIONS[slot]) for slot in SLOT_ORDER if slot in relevant],
        thresholds=_thresholds_info(evaluator),
        trace=trace,
        assumptions=[ASSUMPTIONS[s] for s in SLOT_ORDER if s in assumed],
    )
