"""Check a Purchase before the rules see it: Norwegian InputError for anything unusable."""

from __future__ import annotations

import math
from dataclasses import replace

from knowledge.infra.errors import InputError
from knowledge.municipalities import resolve_municipality
from rules.model import CATEGORIES, PERIODS, Purchase

MAX_AMOUNT = 1e12
MAX_MONTHS = 1200


def check_amount(value: object, what: str = "beløpet") -> float:
    """A positive, finite amount below 10^12 kr, or an InputError saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{what} må være et tall, ikke «{value}».")
    if math.isnan(value) or math.isinf(value):
        raise InputError(f"{what} må være et endelig tall.")
    if value <= 0:
        raise InputError(f"{what} må være større enn null (fikk {value:g}).")
    if value >= MAX_AMOUNT:
        raise InputError(
            f"{what} ({value:g} kr) er urimelig stort: beløp må være under 1 000 milliarder kr."
        )
    return float(value)


def validate_purchase(purchase: Purchase) -> Purchase:
    """The purchase with the municipality's canonical name, or an InputError."""
    if purchase.value is not None:
        check_amount(purchase.value, "Verdien")
    if purchase.vat not in (None, "inkl", "eks"):
        raise InputError(f"ukjent mva-angivelse «{purchase.vat}»: bruk inkl eller eks.")
    if purchase.period is not None and purchase.period not in PERIODS:
        raise InputError(f"ukjent periode «{purchase.period}»: bruk month (mnd) eller year (år).")
    if purchase.duration_months is not None:
        months = purchase.duration_months
        if isinstance(months, bool) or not isinstance(months, int):
            raise InputError(f"varigheten må være et helt antall måneder, ikke «{months}».")
        if not 0 < months <= MAX_MONTHS:
            raise InputError(
                f"varigheten må være mellom 1 og {MAX_MONTHS} måneder (fikk {months})."
            )
    if purchase.category is not None and purchase.category not in CATEGORIES:
        raise InputError(
            f"ukjent kategori «{purchase.category}». Gyldige kategorier: {', '.join(CATEGORIES)}."
        )
    if purchase.framework not in (None, True, False):
        raise InputError("framework må være sann, usann eller ukjent.")
    for related in (*purchase.related_values_excl_vat, *purchase.related_values_incl_vat):
        check_amount(related, "Verdien av et relatert kjøp")
    municipality = purchase.municipality
    if municipality is not None:
        municipality = resolve_municipality(municipality)
    related = tuple(float(v) for v in purchase.related_values_excl_vat)
    related_incl = tuple(float(v) for v in purchase.related_values_incl_vat)
    if (municipality, related, related_incl) == (
            purchase.municipality, purchase.related_values_excl_vat,
            purchase.related_values_incl_vat):
        return purchase
    return replace(purchase, municipality=municipality, related_values_excl_vat=related,
                   related_values_incl_vat=related_incl)
