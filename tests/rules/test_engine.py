"""The durable_rules interface: layers apart, chaining, stored exceptions, clean sessions,
threads."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import durable_rules_engine
import pytest

from knowledge.infra.errors import DataFileError, RuleEngineError
from knowledge.thresholds import load_thresholds, threshold_set
from rules import decide
from rules.engine import RuleEngine
from rules.model import Purchase
from rules.rulebook import RULES_DIR, load_rulebook

DAY = date(2026, 3, 1)


def _facts(value: float, category: str = "varer", call_off: bool = False) -> dict:
    return {
        "value": value, "own_value": value, "category": category, "call_off": call_off,
        "framework": call_off, "is_framework_agreement": False, "duration_months": 0,
        "as_of_day": DAY.toordinal(),
    }


@pytest.fixture(scope="module")
def books():
    names = set(load_thresholds())
    return {layer: load_rulebook(layer, names) for layer in ("nasjonal", "strategi")}


LIMITS = {n: (load_thresholds()[n].comparison, v.value)
          for n, v in threshold_set(DAY).values.items()}


@pytest.fixture(scope="module")
def national(books):
    return RuleEngine([books["nasjonal"]], LIMITS)


@pytest.fixture(scope="module")
def strategy(books):
    return RuleEngine([books["strategi"]], LIMITS)


@pytest.fixture(scope="module")
def both(books):
    return RuleEngine([books["nasjonal"], books["strategi"]], LIMITS)


def test_national_layer_alone_chains_regime_into_duties(national):
    fired = [f.rule.name for f in national.run(_facts(1_800_000, "tjenester"))]
    assert fired[0] == "del2_varer_tjenester"
    assert {"protokoll_del2", "skatteattest", "kunngjoring_doffin_del2"} <= set(fired)
    assert not any(name.startswith("del3") for name in fired)
    assert all(f.rule.layer == "nasjonal" for f in national.run(_facts(1_800_000)))


def test_strategy_layer_alone_takes_the_regime_as_a_fact(strategy):
    fired = {f.rule.name for f in strategy.run(_facts(300_000), regime="utenfor")}
    expected = {"konkurranse_etter_strategien", "vr_innkjop_varer_tjenester", "kgv_over_grensen"}
    assert expected <= fired
    fired = {f.rule.name for f in strategy.run(_facts(300_000), regime="del1")}
    assert "konkurranse_etter_strategien" not in fired and "kgv_over_grensen" in fired


def test_layers_together_chain_the_regime_across_layers(both):
    fired = [(f.rule.layer, f.rule.name) for f in both.run(_facts(300_000))]
    assert fired[0] == ("nasjonal", "del1_varer_tjenester_bygg")
    assert ("strategi", "vr_innkjop_varer_tjenester") in fired
    layers = [layer for layer, _ in fired]
    assert layers == sorted(layers, key=["nasjonal", "strategi"].index)


def test_call_off_fires_no_national_regime(national, both):
    assert national.run(_facts(800_000, call_off=True)) == []
    fired = {f.rule.name for f in both.run(_facts(800_000, call_off=True))}
    assert {"avrop_paa_avtale", "bestiller_avrop", "ehandel_ved_avtale"} <= fired
    assert not any(name.startswith(("del", "protokoll")) for name in fired)


def test_session_state_is_deleted_after_each_run(both):
    both.run(_facts(200_000))
    last_sid = f"d{next(both._sids) - 1}"
    with pytest.raises(durable_rules_engine.error):
        both._host.get_state(both.name, last_sid)


def test_stored_exception_is_raised(books):
    broken = RuleEngine([books["strategi"]], LIMITS)

    def explode(closure):
        raise ValueError("bom")

    ruleset = broken._host.get_ruleset(broken.name)
    action = ruleset._actions["strategi.behovsvurdering"]
    ruleset._actions["strategi.behovsvurdering"] = type(action)(explode)
    with pytest.raises(RuleEngineError, match="bom"):
        broken.run(_facts(50_000), "utenfor")


def test_decide_is_thread_safe():
    purchases = [Purchase(value=v, vat="eks", category=c, framework=False)
                 for v in (50_000, 150_000, 1_500_000, 3_000_000, 70_000_000)
                 for c in ("varer", "bygg_anlegg")]
    serial = [decide(p, DAY).to_dict() for p in purchases]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda p: decide(p, DAY).to_dict(), purchases * 4))
    assert parallel == serial * 4


def test_every_conclusion_and_trace_step_is_cited():
    decision = decide(Purchase(value=120_000_000, vat="eks", category="bygg_anlegg",
                               framework=False), DAY)
    for conclusion in [decision.procedure, decision.authority, *decision.documentation,
                       *decision.warnings]:
        assert conclusion.citations and conclusion.text.endswith(".")
    assert all(step.citation for step in decision.trace)
    assert decision.trace[0].rule == "verdiberegning"


def test_rulebook_errors_name_file_and_key(tmp_path):
    text = (RULES_DIR / "national.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "national.yaml"
    bad.write_text(text.replace("reaches: tax_certificate", "reaches: finnes_ikke", 1), "utf-8")
    with pytest.raises(DataFileError,
                       match=r"rules\.skatteattest\.when\.reaches: ukjent terskelverdi"):
        load_rulebook("nasjonal", set(load_thresholds()), bad)
    bad.write_text(text.replace('citations: ["FOA § 7-2"]', "citations: []", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"rules\.skatteattest\.citations"):
        load_rulebook("nasjonal", set(load_thresholds()), bad)


def test_rule_specs_are_plain_data(books):
    spec = next(r for r in books["nasjonal"].rules if r.name == "skatteattest")
    assert dataclasses.asdict(spec)["when"] == {"regime": ["del1", "del2", "del3"],
                                                "reaches": "tax_certificate"}


def test_rules_needing_a_missing_threshold_are_left_out(books):
    limits = {n: (load_thresholds()[n].comparison, v.value)
              for n, v in threshold_set(date(2023, 6, 1)).values.items()}
    engine = RuleEngine([books["nasjonal"]], limits)
    compiled = engine._host.get_ruleset(engine.name).get_definition()
    assert "nasjonal.del1_varer_tjenester_bygg" in compiled
    assert "nasjonal.del1_helse_sosial" not in compiled
