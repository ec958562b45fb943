"""Norwegian formatting of amounts, dates and purchase fields for the app's widgets."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.render import CATEGORY_TITLES, threshold_label
from rules.formatting import kr
from rules.titles import title

CATEGORY_LABELS: dict[str, str] = {
    code: title.capitalize() for code, title in CATEGORY_TITLES.items()
}
VAT_LABELS: dict[str, str] = {"inkl": "inkl. mva", "eks": "eks. mva"}
PERIOD_LABELS: dict[str, str] = {"month": "per måned", "year": "per år"}

PURCHASE_FIELD_LABELS: dict[str, str] = {
    "value": "Beløp som oppgitt",
    "vat": "Mva",
    "period": "Periode",
    "duration_months": "Varighet (mnd)",
    "category": "Kategori",
    "municipality": "Kommune",
    "framework": "Eksisterende avtale",
    "is_framework_agreement": "Ny rammeavtale",
    "value_excl_vat": "Verdi eks. mva",
    "description": "Beskrivelse",
    "combined_value_excl_vat": "Samlet verdi eks. mva",
    "related_values_excl_vat": "Tidligere kjøp eks. mva",
    "months_counted": "Måneder regnet med",
    "call_off": "Avrop på avtale",
    "regime": "Regelverk",
}



def _threshold_title(key: str) -> str | None:
    """The label of a threshold (from its file), capitalised; None if `key` is none."""
    name = key.removeprefix("th_")
    found = threshold_label(name)
    return found[:1].upper() + found[1:] if found != name else None


def label(key: str) -> str:
    """Norwegian label of a purchase field, fact or threshold."""
    return PURCHASE_FIELD_LABELS.get(key) or _threshold_title(key) or key


def kroner(amount: float | int | None) -> str:
    """`345600` -> `345 600 kr`; decimals only when there are øre."""
    if amount is None:
        return "ukjent"
    return kr(amount)


def norwegian_date(day: date | str | None) -> str:
    """`2026-03-01` -> `01.03.2026`."""
    if day is None:
        return "i dag"
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day.strftime("%d.%m.%Y")


def field_value(key: str, value: Any) -> str:
    """A purchase field's value in Norwegian for display."""
    if value is None:
        return "ikke oppgitt"
    if isinstance(value, bool):
        return "ja" if value else "nei"
    amount_key = (
        key == "value" or "value_excl_vat" in key or _threshold_title(key) is not None
    )
    if amount_key and isinstance(value, int | float):
        return kroner(value)
    if key == "category":
        return CATEGORY_LABELS.get(str(value), str(value))
    if key == "vat":
        return VAT_LABELS.get(str(value), str(value))
    if key == "period":
        return PERIOD_LABELS.get(str(value), str(value))
    if isinstance(value, list | tuple):
        return ", ".join(field_value(key, v) for v in value) or "ingen"
    return str(value)


def procedure_name(code: str | None) -> str:
    if code is None:
        return "ikke avgjort"
    return title("procedure", code)
