"""The rule engine's verdict on an aggregate of purchases, cached by threshold band.

Every aggregate (one supplier, one category, one municipality, 12 months) is
decided by `rules.decide` like a purchase with no agreement. The outcome can only
change when the value crosses a threshold in force, so decisions are cached by
(category, threshold period, which thresholds the value reaches): a year of
invoices needs a handful of engine runs, not one per aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from knowledge.infra.errors import InputError
from knowledge.thresholds import threshold_set
from rules.model import Purchase


@dataclass(frozen=True)
class Verdict:
    procedure: str | None
    citations: tuple[str, ...]
    trace: tuple[dict, ...]
    thresholds: dict[str, float]
    unverified: tuple[str, ...]
    problem: str = ""


@lru_cache(maxsize=1024)
def _period(day: date) -> tuple[tuple, tuple[tuple[str, bool, float], ...]]:
    """The threshold period of `day` (each value's name and start) and its limits."""
    thresholds = threshold_set(day)
    period = tuple(sorted((name, v.start) for name, v in thresholds.values.items()))
    limits = tuple(sorted((name, thresholds.thresholds[name].comparison == "gt", v.value)
                          for name, v in thresholds.values.items()))
    return period, limits


class DecisionCache:
    def __init__(self) -> None:
        self._cache: dict[tuple, Verdict] = {}
        self.engine_runs = 0
        self.lookups = 0

    def band(self, value: float, category: str, day: date) -> tuple:
        period, limits = _period(day)
        reached = tuple(name for name, strict, limit in limits
                        if (value > limit if strict else value >= limit))
        return (category, period, reached)

    def decide(self, value: float, category: str, municipality: str, day: date) -> Verdict:
        """The verdict for an aggregate worth `value` kr excl. VAT ending on `day`."""
        self.lookups += 1
        key = self.band(value, category, day)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        from rules.decision import decide

        self.engine_runs += 1
        purchase = Purchase(value=max(value, 0.0), vat="eks", category=category,  # type: ignore[arg-type]
                            framework=False, municipality=municipality,
                            description="sum av fakturaer over 12 måneder")
        try:
            decision = decide(purchase, day)
        except InputError as error:
            verdict = Verdict(None, (), (), {}, (), str(error))
        else:
            procedure = decision.procedure
            verdict = Verdict(
                procedure.code if procedure else None,
                tuple(procedure.citations) if procedure else (),
                tuple({"rule": t.rule, "because": t.because, "citation": t.citation}
                      for t in decision.trace),
                dict(decision.thresholds.values), tuple(decision.thresholds.unverified))
        self._cache[key] = verdict
        return verdict
