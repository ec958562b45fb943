"""The amount parser: every form buyers write, and round trips through each style."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.amounts import find_amounts, parse_amount
from tests.assistant.amount_styles import STYLES, format_amount


@pytest.mark.parametrize(("text", "expected"), [
    ("60 000 kr", 60_000),
    ("kr 4.200.000,-", 4_200_000),
    ("2,5 mill", 2_500_000),
    ("1,8 MNOK", 1_800_000),
    ("250'", 250_000),
    ("250k", 250_000),
    ("1.5 millioner", 1_500_000),
    ("en halv million", 500_000),
    ("to millioner", 2_000_000),
    ("to og en halv million", 2_500_000),
    ("halvannen million kroner", 1_500_000),
    ("tre hundre og femti tusen kroner", 350_000),
    ("åtti tusen", 80_000),
    ("60.000 kr", 60_000),
    ("NOK 1 250 000", 1_250_000),
    ("120 millioner eks. mva", 120_000_000),
    ("2,25 millioner", 2_250_000),
    ("ca 900 000 kr", 900_000),
    ("1,5 mil", 1_500_000),
    ("5 mrd", 5_000_000_000),
    ("350 tkr", 350_000),
    ("250 tusn", 250_000),  # a typo of "tusen"
    ("tre komma fem millioner", 3_500_000),
    ("to komma to fem mill", 2_250_000),
    ("en kvart million", 250_000),
    ("tre kvart million", 750_000),
    ("1 million 200 tusen", 1_200_000),
    ("2 mill og 500'", 2_500_000),
    ("3 mill 400k", 3_400_000),
])
def test_parses_the_forms_buyers_write(text: str, expected: float):
    assert parse_amount(text) == pytest.approx(expected)


def test_source_is_the_words_the_amount_came_from():
    text = "Vi trenger PC-er for ca. kr 4.200.000,- inkl. mva"
    [amount] = [a for a in find_amounts(text) if a.money]
    assert amount.source == "kr 4.200.000,-"


@pytest.mark.parametrize("text", ["i 2024", "to kaffetraktere", "3 år", "en ny PC", "kvartalet",
                                  "komma"])
def test_counts_and_years_are_not_money(text: str):
    assert parse_amount(text) is None


def test_mistyped_grouping_is_unclear_not_trusted():
    [amount] = find_amounts("det koster 60 00 kr")
    assert amount.unclear
    assert parse_amount("det koster 60 00 kr") is None


_WHOLE = st.integers(min_value=1, max_value=999_999_999)


@given(_WHOLE)
def test_round_trip_grouped_styles(n: int):
    for style in ("plain", "space", "dots", "words"):
        assert parse_amount(format_amount(n, style)) == pytest.approx(n), style


@given(st.integers(min_value=1, max_value=999_999))
def test_round_trip_thousand_styles(thousands: int):
    n = thousands * 1000
    for style in ("k", "apostrophe", "tusen"):
        assert parse_amount(format_amount(n, style)) == pytest.approx(n), style


@given(st.integers(min_value=1, max_value=99_999))
def test_round_trip_million_styles(hundredths: int):
    n = hundredths * 10_000  # 0,01 mill steps
    for style in ("mill", "mnok", "millioner_dot"):
        assert parse_amount(format_amount(n, style)) == pytest.approx(n), style


def test_every_style_is_covered_by_a_round_trip_test():
    assert set(STYLES) == {"plain", "space", "dots", "words", "k", "apostrophe", "tusen",
                           "mill", "mnok", "millioner_dot"}
