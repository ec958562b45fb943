"""Missing facts: ask only when the answer changes the outcome; otherwise decide and say so."""

from __future__ import annotations

from datetime import date

from rules import decide
from rules.model import Purchase

DAY = date(2026, 3, 1)


def test_nothing_known_asks_for_the_value():
    decision = decide(Purchase(), DAY)
    assert decision.procedure is None
    slots = [q.slot for q in decision.questions]
    assert slots[0] == "value"
    assert "municipality" not in slots
    assert all(q.text.endswith("?") for q in decision.questions)


def test_vat_that_does_not_matter_is_assumed():
    decision = decide(Purchase(value=8000, category="varer", framework=False), DAY)
    assert decision.procedure.code == "direkte"
    assert decision.questions == []
    assert any("Mva er ikke oppgitt" in a for a in decision.assumptions)
    assert any("Kommune er ikke oppgitt" in a for a in decision.assumptions)


def test_vat_that_matters_is_asked():
    decision = decide(Purchase(value=110000, category="varer", framework=False), DAY)
    assert decision.procedure is None
    assert [q.slot for q in decision.questions] == ["vat"]
    # what holds whatever the answer is still shown
    assert decision.authority is None
    assert "behovsvurdering" in {d.code for d in decision.documentation}


def test_category_asked_only_when_it_matters():
    small = decide(Purchase(value=50000, vat="eks", framework=False), DAY)
    assert small.procedure.code == "direkte" and small.questions == []
    large = decide(Purchase(value=500000, vat="eks", framework=False), DAY)
    assert large.procedure is None
    assert [q.slot for q in large.questions] == ["category"]
    assert large.purchase.value_excl_vat == 500000


def test_framework_unknown_is_asked():
    decision = decide(Purchase(value=300000, vat="eks", category="varer"), DAY)
    assert [q.slot for q in decision.questions] == ["framework"]


def test_open_ended_contract_is_decided_at_48_months():
    decision = decide(Purchase(value=50000, vat="eks", period="month", open_ended=True,
                               category="tjenester", framework=False), DAY)
    assert decision.procedure.code == "del3"
    assert decision.purchase.value_excl_vat == 2_400_000
    assert any("48 måneder" in a for a in decision.assumptions)
    assert decision.questions == []


def test_unknown_duration_that_changes_the_outcome_is_asked():
    decision = decide(Purchase(value=50000, vat="eks", period="month", category="tjenester",
                               framework=False), DAY)
    assert decision.procedure is None
    assert [q.slot for q in decision.questions] == ["duration"]


def test_unknown_duration_that_cannot_matter_is_assumed_open_ended():
    # 10 M a year: one year and no end date (40 M) are both above the EEA threshold.
    decision = decide(Purchase(value=10_000_000, vat="eks", period="year", category="tjenester",
                               framework=False), DAY)
    assert decision.procedure.code == "del3"
    assert decision.purchase.value_excl_vat == 40_000_000
    assert any("samme for alle varigheter" in a for a in decision.assumptions)


def test_health_before_its_threshold_is_asked_not_guessed():
    decision = decide(Purchase(value=1_000_000, vat="eks", framework=False), date(2023, 6, 1))
    assert decision.procedure is None
    assert [q.slot for q in decision.questions] == ["category"]


def test_dates_may_be_datetimes_or_iso_text():
    from datetime import datetime

    import pytest

    from knowledge.infra.errors import InputError

    purchase = Purchase(value=5000, vat="eks", category="varer", framework=False)
    assert decide(purchase, datetime(2026, 3, 1, 12)).as_of == DAY
    assert decide(purchase, "2026-03-01").as_of == DAY
    with pytest.raises(InputError, match="ugyldig dato"):
        decide(purchase, "1. mars")


def test_call_off_needs_no_value():
    decision = decide(Purchase(category="varer", framework=True), DAY)
    assert decision.procedure.code == "avrop" and decision.questions == []
    assert decision.purchase.value_excl_vat is None
    assert any("samme for alle verdier" in a for a in decision.assumptions)
