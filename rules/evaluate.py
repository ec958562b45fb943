"""One complete evaluation: estimate the value, run both rule layers, collect conclusions.

`Evaluator` holds what a decision date needs (the threshold set, the compiled
engine, the rulebooks). `Evaluator.evaluate(purchase)` takes a purchase whose
facts are all known and returns an `Outcome`: the estimate, the regime, the
conclusions (procedure, authority, documentation, warnings) and the trace.
National law runs first; its regime is a fact for the strategy layer.

An evaluator can be made with some threshold values replaced (`overrides`):
the decision re-runs a purchase on it to see whether an unconfirmed value
matters (rules/reliance.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge.infra.errors import InputError, RuleEngineError
from knowledge.parameters import load_parameters
from knowledge.thresholds import (
    THRESHOLDS_ENV,
    Threshold,
    ThresholdSet,
    load_thresholds,
    threshold_set,
    thresholds_dir,
)
from rules.engine import Firing, RuleEngine, get_engine, parameter_constants
from rules.estimate import Estimate, estimate
from rules.formatting import kr, plain
from rules.model import CATEGORIES, Conclusion, Purchase, TraceStep, Warning
from rules.rulebook import Rulebook, load_rulebook
from rules.titles import check_titles
from rules.validate import MAX_AMOUNT

LAYERS = ("nasjonal", "strategi")


@dataclass
class Outcome:
    estimate: Estimate
    regime: str
    procedure: Conclusion | None
    authority: Conclusion | None
    documentation: list[Conclusion]
    warnings: list[Warning]
    trace: list[TraceStep]
    used_thresholds: list[str] = field(default_factory=list)

    def key(self) -> tuple:
        """What counts as the outcome when comparing alternatives."""
        return (
            self.procedure.code if self.procedure else None,
            self.authority.code if self.authority else None,
            tuple(d.code for d in self.documentation),
        )


class Evaluator:
    """Everything needed to evaluate purchases on one date."""

    def __init__(self, as_of: date, thresholds_path: str,
                 overrides: tuple[tuple[str, float], ...] = ()) -> None:
        """`overrides`: (threshold, value) pairs that replace the values in force."""
        self.as_of = as_of
        self.thresholds: dict[str, Threshold] = load_thresholds(Path(thresholds_path))
        self.set: ThresholdSet = threshold_set(as_of, Path(thresholds_path))
        if overrides:
            values = dict(self.set.values)
            for name, amount in overrides:
                values[name] = replace(values[name], value=amount)
            self.set = ThresholdSet(as_of=as_of, values=values, thresholds=self.thresholds)
        self.rulebooks = _rulebooks(tuple(sorted(self.thresholds)))
        limits = {
            name: (self.thresholds[name].comparison, value.value)
            for name, value in self.set.values.items()
        }
        self.engine: RuleEngine = get_engine(list(self.rulebooks.values()), limits,
                                             parameter_constants(as_of))
        self.read_keys = frozenset(
            key for book in self.rulebooks.values() for rule in book.rules
            for key in rule.fact_keys()
        )
        self._coverage: dict[str, InputError | None] = {}
        self._threshold_facts = {f"th_{n}": plain(v.value) for n, v in self.set.values.items()}
        self._text_values = {name: "(ikke registrert)" for name in self.thresholds}
        self._text_values.update({n: kr(v.value) for n, v in self.set.values.items()})
        self._text_values.update({
            name: parameter.display(as_of) if parameter.at(as_of) else "(ikke registrert)"
            for name, parameter in load_parameters().items()
        })

    def read_fact_keys(self) -> frozenset[str]:
        """Every purchase fact some rule condition reads."""
        return self.read_keys

    def check_coverage(self, category: str) -> None:
        """InputError when a threshold the rules need for this category has no value on the date."""
        if category not in self._coverage:
            self._coverage[category] = self._coverage_error(category)
        error = self._coverage[category]
        if error is not None:
            raise InputError(str(error))

    def _coverage_error(self, category: str) -> InputError | None:
        missing = {}
        for book in self.rulebooks.values():
            for rule in book.rules:
                categories = rule.when.get("category")
                if categories and category not in categories:
                    continue
                for name in rule.thresholds():
                    if name not in self.set.values:
                        missing[name] = self.thresholds[name]
        if missing:
            listing = "; ".join(
                f"{t.label} er registrert fra {t.first_start.isoformat()}"
                for t in missing.values()
            )
            return InputError(
                f"ingen terskelverdi er registrert for {self.as_of.isoformat()} "
                f"({listing}). innkjop gjetter ikke: velg en dato i den registrerte perioden, "
                f"eller legg inn verdien med kilde i knowledge/thresholds/."
            )
        return None

    def evaluate(self, purchase: Purchase, memo: dict[tuple, Outcome] | None = None) -> Outcome:
        """Evaluate a purchase whose facts are known; `memo` reuses runs on identical facts."""

        est = estimate(purchase, self.as_of)
        if est.combined_excl_vat >= MAX_AMOUNT:
            raise InputError(
                f"beregnet verdi {kr(est.combined_excl_vat)} er urimelig stor: "
                "sjekk beløp, periode og varighet."
            )
        assert purchase.category is not None and purchase.framework is not None
        self.check_coverage(purchase.category)
        call_off = bool(purchase.framework and not purchase.is_framework_agreement)
        facts: dict[str, Any] = {
            "value": plain(est.combined_excl_vat),
            "own_value": plain(est.value_excl_vat),
            "category": purchase.category,
            "call_off": call_off,
            "framework": bool(purchase.framework),
            "is_framework_agreement": bool(purchase.is_framework_agreement),
            "outside_agreement": bool(purchase.outside_agreement and purchase.framework),
            "duration_months": purchase.duration_months or est.months or 0,
            "as_of_day": self.as_of.toordinal(),
        }
        memo_key = tuple(sorted(facts.items())) if memo is not None else None
        if memo is not None and memo_key in memo:
            cached = memo[memo_key]
            return Outcome(est, cached.regime, cached.procedure, cached.authority,
                           cached.documentation, cached.warnings, cached.trace,
                           cached.used_thresholds)
        firings = self.engine.run(facts)
        regimes = {f.rule.code for f in firings if f.rule.kind == "regime"}
        if len(regimes) > 1:
            raise RuleEngineError(f"reglene ga flere regimer samtidig: {sorted(regimes)}")
        regime = regimes.pop() if regimes else "ingen"
        if regime == "ingen" and not call_off:
            raise RuleEngineError("ingen regel fastsatte regimet for et kjøp som ikke er avrop")
        outcome = self._outcome(est, regime, firings, facts)
        if memo is not None:
            memo[memo_key] = outcome
        return outcome

    def _trace_fact(self, key: str, facts: dict[str, Any]) -> Any:
        """A fact a rule read: from the engine's fact, or the date and thresholds it
        was compiled with."""
        if key in facts:
            return facts[key]
        if key == "as_of":
            return self.as_of.isoformat()
        return self._threshold_facts.get(key)

    def _outcome(self, est: Estimate, regime: str, firings: list[Firing],
                 facts: dict[str, Any]) -> Outcome:
        texts = {
            **self._text_values,
            "value": kr(facts["value"]), "own_value": kr(facts["own_value"]),
            "duration_months": str(facts["duration_months"]),
        }
        single: dict[str, Conclusion | None] = {"procedure": None, "authority": None}
        documents: dict[str, Conclusion] = {}
        warnings: list[Warning] = []
        trace: list[TraceStep] = []
        used: list[str] = []
        for firing in firings:
            rule = firing.rule
            text = rule.text.format_map(texts) if rule.text_has_fields else rule.text
            because = rule.because
            if rule.because_is_text:
                because = text
            elif rule.because_has_fields:
                because = because.format_map(texts)
            trace.append(TraceStep(
                rule=rule.full_name,
                because=because,
                citation=rule.citation_text,
                facts={k: self._trace_fact(k, firing.facts) for k in rule.read_keys},
            ))
            used += [n for n in rule.threshold_names if n not in used]
            conclusion = Conclusion(rule.code, text, list(rule.citations))
            kind = rule.kind
            if kind == "regime" and rule.procedure:
                kind = "procedure"
                conclusion = Conclusion(rule.procedure, text, list(rule.citations))
            if kind in single:
                previous = single[kind]
                if previous is not None and previous.code != conclusion.code:
                    raise RuleEngineError(
                        f"motstridende konklusjoner ({kind}): {previous.code} og {conclusion.code}"
                    )
                single[kind] = previous or conclusion
            elif rule.kind == "document":
                if rule.code in documents:
                    merged = documents[rule.code].citations + [
                        c for c in rule.citations if c not in documents[rule.code].citations
                    ]
                    documents[rule.code] = Conclusion(rule.code, documents[rule.code].text, merged)
                else:
                    documents[rule.code] = conclusion
            elif rule.kind == "warning":
                warnings.append(Warning(rule.code, text, list(rule.citations)))
        return Outcome(
            estimate=est, regime=regime, procedure=single["procedure"],
            authority=single["authority"], documentation=list(documents.values()),
            warnings=warnings, trace=trace, used_thresholds=used,
        )


def evaluator_for(as_of: date, overrides: tuple[tuple[str, float], ...] = ()) -> Evaluator:
    """The (cached) evaluator for a date and the current thresholds folder, with some
    threshold values replaced (see Evaluator)."""
    return _evaluator(as_of, os.environ.get(THRESHOLDS_ENV, ""), tuple(sorted(overrides)))


@lru_cache(maxsize=128)
def _evaluator(as_of: date, override: str, overrides: tuple[tuple[str, float], ...]) -> Evaluator:
    """`override` is the INNKJOP_THRESHOLDS setting the evaluator was made under."""
    return Evaluator(as_of, str(thresholds_dir()), overrides)


@lru_cache(maxsize=4)
def _rulebooks(threshold_names: tuple[str, ...]) -> dict[str, Rulebook]:
    """Rulebooks are read once per process (edit the YAML, then restart); every code
    they conclude must have a title beside the rules."""
    books = {layer: load_rulebook(layer, set(threshold_names)) for layer in LAYERS}
    check_titles(list(books.values()), CATEGORIES)
    return books
