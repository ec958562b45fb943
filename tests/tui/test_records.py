"""The hand-built records of the TUI tests use codes the real rules produce.

The fakes once kept codes (`near_threshold`, `verdi_eks_mva`) long after the rules
had renamed them, so the TUI tests passed on data the app never sees.
"""

from __future__ import annotations

from tui_records import sample_decision

from knowledge.scenarios import load_scenarios
from rules.scenario_check import run_scenario


def real_codes() -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {"procedure": set(), "authority": set(), "documentation": set(),
                                  "warnings": set(), "trace": set()}
    for scenario in load_scenarios():
        decision = run_scenario(scenario).decision
        if decision is None:
            continue
        for key in ("procedure", "authority"):
            conclusion = getattr(decision, key)
            if conclusion is not None:
                codes[key].add(conclusion.code)
        codes["documentation"] |= {d.code for d in decision.documentation}
        codes["warnings"] |= {w.code for w in decision.warnings}
        codes["trace"] |= {t.rule for t in decision.trace}
    return codes


def test_sample_decision_uses_only_real_codes():
    real = real_codes()
    for procedure in ("del1", "del3"):
        fake = sample_decision(procedure=procedure)
        assert fake.procedure.code in real["procedure"]
        assert fake.authority.code in real["authority"]
        assert {d.code for d in fake.documentation} <= real["documentation"]
        assert {w.code for w in fake.warnings} <= real["warnings"]
        assert {t.rule for t in fake.trace} <= real["trace"]
