"""Scenarios: the shared dev set and the project's trainer library all pass."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.scenarios import PurchaseFacts, load_scenarios
from rules.model import Purchase
from rules.scenario_check import run_scenario, scenario_purchase
from tests.conftest import shared_eval_file

LIBRARY = load_scenarios()


def test_purchase_facts_are_keyed_like_the_purchase_record():
    """knowledge/ keeps the facts as plain data below rules/; the keys must stay Purchase's."""
    assert set(PurchaseFacts.__annotations__) <= {f.name for f in fields(Purchase)}
    scenario = next(s for s in LIBRARY if s.id == "G02")
    purchase = scenario_purchase(scenario)
    assert isinstance(purchase, Purchase)
    assert purchase.value == scenario.purchase["value"]


def test_library_has_at_least_twenty_reviewable_cases():
    assert len(LIBRARY) >= 20
    assert all(s.title and s.lesson and s.expect for s in LIBRARY)
    categories = {s.purchase["category"] for s in LIBRARY}
    assert {"varer", "tjenester", "bygg_anlegg", "helse_sosial"} <= categories


@pytest.mark.parametrize("scenario", LIBRARY, ids=[s.id for s in LIBRARY])
def test_library_scenario(scenario):
    result = run_scenario(scenario)
    assert result.passed, result.failures


def test_dev_set_scenarios():
    results = [run_scenario(s) for s in load_scenarios(shared_eval_file("scenarios_dev.jsonl"))]
    assert results
    assert [r.scenario.id for r in results if not r.passed] == []


def test_wrong_expectation_fails(tmp_path: Path):
    path = tmp_path / "feil.yaml"
    path.write_text(
        "scenarios:\n"
        "  - id: X1\n    title: Feil forventning\n    lesson: Skal feile.\n"
        "    as_of: 2026-03-01\n"
        "    purchase: {value: 50000, vat: eks, category: varer, framework: false}\n"
        "    expect: {procedure: del3, docs_include: [kgv]}\n",
        encoding="utf-8",
    )
    (result,) = [run_scenario(s) for s in load_scenarios(path)]
    assert not result.passed
    assert any("procedure direkte, forventet del3" in f for f in result.failures)


def test_malformed_scenario_file(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("scenarios:\n  - id: X1\n    title: t\n    lesson: l\n"
                    "    as_of: 2026-03-01\n    purchase: {pris: 5}\n"
                    "    expect: {procedure: del1}\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"X1\.purchase: ukjente felt"):
        load_scenarios(path)


def test_malformed_jsonl_line(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "A", "as_of": "2026-03-01", "expect": {"procedure": null}}\n{oops\n',
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"x\.jsonl:linje 2: ugyldig JSON"):
        load_scenarios(path)
