"""Norwegian formatting of amounts, dates and purchase fields for the app's widgets."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.render import CATEGORY_TITLES
from rules.formatting import kr

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

THRESHOLD_LABELS: dict[str, str] = {
    "lower_limit": "Nedre grense (LOA § 2)",
    "national": "Nasjonal terskelverdi",
    "eea_goods_services": "EØS-terskel varer og tjenester",
    "eea_building": "EØS-terskel bygg og anlegg",
    "eea_health_social": "EØS-terskel helse- og sosialtjenester",
    "strategy_competition": "Strategiens grense for konkurranse",
    "tax_certificate": "Grense for skatteattest",
}


def label(key: str) -> str:
    """Norwegian label of a purchase field, fact or threshold."""
    return (
        PURCHASE_FIELD_LABELS.get(key)
        or THRESHOLD_LABELS.get(key)
        or THRESHOLD_LABELS.get(key.removeprefix("th_"))
        or key
    )


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
        key == "value" or "value_excl_vat" in key or key.removeprefix("th_") in THRESHOLD_LABELS
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


def value_arithmetic(purchase: dict[str, Any]) -> str | None:
    """The value arithmetic the rules wrote into the purchase record, if any."""
    for key in ("arithmetic", "value_arithmetic", "calculation", "value_calculation"):
        text = purchase.get(key)
        if isinstance(text, str) and text.strip():
            return text.strip()
        if isinstance(text, list | tuple) and text:
            return "\n".join(str(line) for line in text)
    return None

PROCEDURE_NAMES: dict[str, str] = {
    "avrop": "avrop på avtale",
    "direkte": "direkte kjøp",
    "konkurranse_strategi": "konkurranse etter strategien",
    "del1": "FOA del I",
    "del2": "FOA del I og II",
    "del3": "FOA del I og III",
}


def procedure_name(code: str | None) -> str:
    if code is None:
        return "ikke avgjort"
    return PROCEDURE_NAMES.get(code, code)
