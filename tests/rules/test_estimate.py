"""Value estimation: VAT, period × duration, open-ended contracts, related purchases."""

from __future__ import annotations

import pytest

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
