"""Run a scenario through decide() and compare the decision with its `expect`.

Used by `innkjop scenarios run`, the tests and trainer mode. A failure is a
Norwegian sentence saying what differed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.infra.errors import InputError
from knowledge.scenarios import Scenario
from rules.decision import decide
from rules.model import Decision, Purchase


@dataclass
class ScenarioResult:
    scenario: Scenario
    decision: Decision | None
    failures: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures


CHECK_FIELDS = ("value", "vat", "period", "duration_months", "category", "municipality",
                "framework", "is_framework_agreement", "outside_agreement")
"""The facts an eval case's `check` may state (shared/eval/README.md)."""


def check_purchase(check: dict[str, Any]) -> Purchase:
    """The purchase of an eval case's structured `check` (what `innkjop check` is given)."""
    return Purchase(**{key: check[key] for key in CHECK_FIELDS if key in check})


def scenario_purchase(scenario: Scenario) -> Purchase:
    """The scenario's purchase facts (plain data from knowledge/) as the engine's record."""
    return Purchase(**scenario.purchase)


def run_scenario(scenario: Scenario) -> ScenarioResult:
    expect = scenario.expect
    try:
        decision = decide(scenario_purchase(scenario), scenario.as_of)
    except InputError as error:
        wanted = expect.get("error")
        failures = [] if wanted and wanted.lower() in str(error).lower() else [
            f"uventet feil: {error}" if not wanted else f"feilmeldingen mangler «{wanted}»: {error}"
        ]
        return ScenarioResult(scenario, None, failures, str(error))
    return ScenarioResult(scenario, decision, compare(decision.to_dict(), expect))


def compare(decision: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """What differs between a decision (as JSON) and an expectation; empty when it matches."""
    failures = []
    if "error" in expect:
        failures.append(f"forventet feil med «{expect['error']}», men fikk en beslutning")
    if "value_excl_vat" in expect:
        got = decision["purchase"].get("value_excl_vat")
        if got is None or abs(got - expect["value_excl_vat"]) > 0.5:
            failures.append(f"verdi eks. mva {got}, forventet {expect['value_excl_vat']}")
    for key in ("procedure", "authority"):
        if key in expect:
            got = (decision[key] or {}).get("code")
            if got != expect[key]:
                failures.append(f"{key} {got}, forventet {expect[key]}")
    for key, section, slot in (
        ("docs", "documentation", "code"),
        ("questions", "questions", "slot"),
        ("warnings", "warnings", "code"),
    ):
        present = {item[slot] for item in decision[section]}
        for code in expect.get(f"{key}_include", []):
            if code not in present:
                failures.append(f"mangler {code} i {section}")
        for code in expect.get(f"{key}_exclude", []):
            if code in present:
                failures.append(f"{code} skulle ikke vært i {section}")
    return failures
