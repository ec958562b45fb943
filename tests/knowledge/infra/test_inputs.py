"""The one field parser (knowledge.infra.inputs): what is read, what is refused, and how."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.infra.errors import FieldInputError, InputError
from knowledge.infra.inputs import optional, parse_amount, parse_date, parse_months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("250000", 250_000),
        ("1 250 000", 1_250_000),
        ("1\u00a0250\u00a0000", 1_250_000),  # no-break spaces, as pasted from a document
        ("1\u202f250\u202f000", 1_250_000),  # narrow no-break spaces
        ("1.250.000", 1_250_000),
        ("60.000", 60_000),  # a dot before exactly three digits groups thousands
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1250000,50", 1_250_000.5),
        ("1 250 000,50", 1_250_000.5),
        ("1.250.000,50", 1_250_000.5),
        ("kr 80 000,-", 80_000),
        ("80 000 kr", 80_000),
        ("5 000 NOK", 5_000),
        ("2,5 mill", 2_500_000),
        ("2,5 mill.", 2_500_000),
        ("1.5 millioner", 1_500_000),
        ("1,8 MNOK", 1_800_000),
        ("1,2 mrd", 1_200_000_000),
        ("250 tusen", 250_000),
        ("250k", 250_000),
        ("1e6", 1_000_000),
        ("  36000  ", 36_000),
    ],
)
def test_amounts_in_norwegian_forms(text, expected):
    assert parse_amount(text, "Verdi") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("", "Verdi: mangler beløp"),
        ("   ", "Verdi: mangler beløp"),
        ("mange penger", "Verdi: ugyldig beløp «mange penger»"),
        ("1,250,000", "ugyldig beløp"),  # two decimal commas: not a Norwegian amount
        ("1 250.000", "ugyldig beløp"),  # mixed group separators
        ("12²", "Verdi: ugyldig beløp «12²»: «²» er ikke et siffer"),
        ("½", "«½» er ikke et siffer"),
        ("١٢٣", "«١» er ikke et siffer"),  # Arabic-Indic digits, which float() accepts
        ("１２０００", "«１» er ikke et siffer"),  # full-width digits
        ("-5000", "større enn null"),
        ("\u22125000", "større enn null"),  # the minus sign, not a hyphen
        ("0", "større enn null"),
        ("0,00", "større enn null"),
        ("nan", "ugyldig beløp"),
        ("inf", "ugyldig beløp"),
        ("9" * 400, "urimelig stort"),
        ("€ 500", "ugyldig beløp"),
    ],
)
def test_bad_amounts_are_refused_with_the_field_named(text, phrase):
    with pytest.raises(FieldInputError) as caught:
        parse_amount(text, "Verdi")
    assert phrase in str(caught.value)
    assert str(caught.value).startswith("Verdi: ")
    assert caught.value.field == "Verdi"
    assert isinstance(caught.value, InputError)  # the CLI and the TUI catch InputError
    assert len(str(caught.value)) < 200  # a long entry is cut short in the message


@pytest.mark.parametrize(("text", "expected"), [("36", 36), (" 12 ", 12), ("24 mnd", 24),
                                                ("6 måneder", 6), ("1", 1)])
def test_months(text, expected):
    assert parse_months(text, "Varighet") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-03-01", date(2026, 3, 1)), ("01.03.2026", date(2026, 3, 1)),
     ("1.3.2026", date(2026, 3, 1)), ("2026-3-1", date(2026, 3, 1)),
     (" 2024-02-29 ", date(2024, 2, 29))],
)
def test_dates(text, expected):
    assert parse_date(text, "--as-of") == expected


@pytest.mark.parametrize(
    ("parse", "field", "text", "phrase"),
    [
        (parse_months, "Varighet", "", "Varighet: mangler antall måneder"),
        (parse_months, "Varighet", "²",
         "Varighet: ugyldig antall måneder «²»: «²» er ikke et siffer"),
        (parse_months, "Varighet", "12²", "«²» er ikke et siffer"),
        (parse_months, "Varighet", "0", "fra 1 og oppover"),
        (parse_months, "Varighet", "-3", "fra 1 og oppover"),
        (parse_months, "Varighet", "2,5", "helt tall"),
        (parse_months, "Varighet", "tre", "helt tall"),
        (parse_date, "--as-of", "", "--as-of: mangler dato"),
        (parse_date, "--as-of", "2026-02-30",
         "--as-of: ugyldig dato «2026-02-30»: datoen finnes ikke"),
        (parse_date, "--as-of", "31.04.2026", "datoen finnes ikke"),
        (parse_date, "--as-of", "i morgen", "--as-of: ugyldig dato «i morgen»: bruk ÅÅÅÅ-MM-DD"),
        (parse_date, "--as-of", "1. juli", "ugyldig dato"),
        (parse_date, "--as-of", "2026/03/01", "ugyldig dato"),
        (parse_date, "--as-of", "２０２６-03-01", "«２» er ikke et siffer"),
    ],
)
def test_bad_months_and_dates_are_refused_with_the_field_named(parse, field, text, phrase):
    with pytest.raises(FieldInputError, match=f"^{field}: ") as caught:
        parse(text, field)
    assert phrase in str(caught.value)
    assert caught.value.field == field


def test_optional_reads_a_blank_field_as_not_stated():
    assert optional(parse_amount, "", "Verdi") is None
    assert optional(parse_months, "  ", "Varighet") is None
    assert optional(parse_date, None, "Dato") is None
    assert optional(parse_months, "36", "Varighet") == 36
    with pytest.raises(FieldInputError, match="^Dato: "):
        optional(parse_date, "snart", "Dato")


@given(st.integers(min_value=1, max_value=10**11))
def test_grouped_and_plain_amounts_agree(n):
    spaced = f"{n:,}".replace(",", " ")
    dotted = f"{n:,}".replace(",", ".")
    assert parse_amount(str(n), "Verdi") == n
    assert parse_amount(spaced, "Verdi") == n
    assert parse_amount(f"kr {spaced},-", "Verdi") == n
    if n >= 1000:  # "1.250" groups; "125" has no dot to read
        assert parse_amount(dotted, "Verdi") == n


@given(st.text(max_size=30))
def test_any_text_gives_a_value_or_a_field_error_never_a_crash(text):
    for parse in (parse_amount, parse_months, parse_date):
        try:
            parse(text, "Felt")
        except FieldInputError as error:
            assert str(error).startswith("Felt: ")
