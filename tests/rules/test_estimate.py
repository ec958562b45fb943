"""Value estimation: VAT, period × duration, open-ended contracts, related purchases."""

from __future__ import annotations

import pytest

from knowledge.infra.errors import InputError
from rules.estimate import estimate
from rules.model import Purchase


@pytest.mark.parametrize(
    ("purchase", "value", "arithmetic"),
    [
        (Purchase(value=12000, vat="inkl", period="month", duration_months=36), 345_600,
         "12 000 kr/mnd inkl. mva × 36 mnd ÷ 1,25 = 345 600 kr eks. mva"),
        (Purchase(value=600000, vat="eks", period="year", duration_months=36), 1_800_000,
         "600 000 kr/år eks. mva × 3 år = 1 800 000 kr eks. mva"),
        (Purchase(value=120000, vat="eks", period="year", duration_months=30), 300_000,
         "120 000 kr/år eks. mva × 30 mnd ÷ 12 = 300 000 kr eks. mva"),
        (Purchase(value=8000, vat="inkl"), 6_400, "8 000 kr inkl. mva ÷ 1,25 = 6 400 kr eks. mva"),
        (Purchase(value=180000, vat="eks"), 180_000, "180 000 kr eks. mva"),
        (Purchase(value=1000, vat="inkl", period="month", duration_months=1), 800,
         "1 000 kr/mnd inkl. mva × 1 mnd ÷ 1,25 = 800 kr eks. mva"),
    ],
)
def test_arithmetic_is_shown(purchase, value, arithmetic):
    result = estimate(purchase)
    assert result.value_excl_vat == pytest.approx(value)
    assert result.arithmetic.startswith(arithmetic)
    assert result.assumptions == []


def test_open_ended_monthly_contract_counts_48_months_and_says_so():
    result = estimate(Purchase(value=10000, vat="eks", period="month"))
    assert result.value_excl_vat == 480_000
    assert result.months == 48
    assert "48 måneder" in result.assumptions[0]


def test_open_ended_yearly_contract_counts_four_years():
    assert estimate(Purchase(value=100000, vat="eks", period="year")).value_excl_vat == 400_000


def test_framework_agreement_is_valued_over_its_term():
    result = estimate(Purchase(value=50000, vat="eks", period="month", duration_months=48,
                               is_framework_agreement=True))
    assert result.value_excl_vat == 2_400_000
    assert "rammeavtale" in result.arithmetic


def test_related_purchases_are_added():
    result = estimate(Purchase(value=80000, vat="eks", related_values_excl_vat=(40000, 30000)))
    assert result.value_excl_vat == 80_000
    assert result.combined_excl_vat == 150_000
    assert "80 000 kr + 40 000 kr + 30 000 kr = 150 000 kr" in result.arithmetic


def test_vat_is_divided_not_subtracted():
    assert estimate(Purchase(value=125000, vat="inkl")).value_excl_vat == 100_000


# ---- issue 9: quantities, weeks and quarters, options, several lines ---------------------

@pytest.mark.parametrize(("purchase", "total", "shown"), [
    (Purchase(6000, quantity=30, vat="eks"), 180_000, "30 stk × 6 000 kr eks. mva"),
    (Purchase(1200, quantity=300, unit="timer", vat="inkl"), 288_000,
     "300 timer × 1 200 kr inkl. mva ÷ 1,25"),
    (Purchase(60_000, period="quarter", duration_months=24, vat="eks"), 480_000,
     "60 000 kr/kvartal eks. mva × 8 kvartaler"),
    (Purchase(3000, period="week", duration_months=24, vat="eks"), 312_000, "× 104 uker"),
    (Purchase(6000, quantity=4, period="month", duration_months=36, vat="eks"), 864_000,
     "4 stk × 6 000 kr per mnd eks. mva × 36 mnd"),
    (Purchase(30_000, period="month", duration_months=48, option_months=12, vat="eks"),
     1_440_000, "(36 mnd + 12 mnd opsjon)"),
    (Purchase(4000, quantity=10, more_lines=((40, 1500, "stk"),), vat="eks"), 100_000,
     "10 stk × 4 000 kr + 40 stk × 1 500 kr"),
])
def test_quantities_periods_and_options_in_the_arithmetic(purchase, total, shown):
    got = estimate(purchase)
    assert got.value_excl_vat == pytest.approx(total)
    assert shown in got.arithmetic


@pytest.mark.parametrize("quantity", [0, -3, float("nan")])
def test_a_quantity_must_be_positive(quantity):
    with pytest.raises(InputError):
        estimate(Purchase(6000, quantity=quantity, vat="eks"))


def test_related_purchases_stated_incl_vat_are_taken_off_vat_in_the_estimate():
    purchase = Purchase(value=80_000, vat="eks", related_values_excl_vat=(20_000,),
                        related_values_incl_vat=(25_000,))
    result = estimate(purchase)
    assert result.value_excl_vat == 80_000
    assert result.combined_excl_vat == 120_000
    assert "80 000 kr + 20 000 kr + 20 000 kr = 120 000 kr eks. mva" in result.arithmetic


def test_the_vat_rate_and_open_ended_length_are_those_of_the_decision_date(monkeypatch):
    """Dated parameters are read per decision date, not once at import (a past purchase
    is valued with the rate in force then)."""
    from dataclasses import replace
    from datetime import date

    from knowledge.parameters import parameter
    from rules import estimate as module

    real = parameter("vat_rate")
    changed = replace(real.values[0], start=date(2027, 1, 1), value=0.20, key="values.2027-01-01")
    dated = replace(real, values=(*real.values, changed))
    monkeypatch.setattr(module, "parameter",
                        lambda name: dated if name == "vat_rate" else parameter(name))
    purchase = Purchase(value=120_000, vat="inkl")
    assert module.estimate(purchase, date(2026, 12, 1)).value_excl_vat == 96_000
    later = module.estimate(purchase, date(2027, 2, 1))
    assert later.value_excl_vat == 100_000 and "÷ 1,2" in later.arithmetic


def test_a_date_before_the_first_vat_rate_is_a_norwegian_input_error():
    from datetime import date

    with pytest.raises(InputError, match="ingen verdi for alminnelig mva-sats er registrert "
                                         "for 1900-07-01"):
        estimate(Purchase(value=125_000, vat="inkl"), date(1900, 7, 1))
