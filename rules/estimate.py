"""Value estimation (FOA § 5-4), done before any rule: excl. VAT, whole contract.

- An amount "inkl. mva" is divided by 1.25 (25 % VAT).
- A value per month or per year is multiplied over the contract length
  (options and extensions included). With no end date: monthly × 48 (an
  assumption, stated in the answer).
- A framework agreement is valued at its estimated maximum over the whole term.
- Purchases that belong together are added (the splitting check).
The arithmetic is returned as a Norwegian sentence for the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.parameters import parameter
from rules.formatting import kr, number
from rules.model import Purchase

VAT_FACTOR = 1 + parameter("vat_rate").value()
"""1 + the VAT rate in force (knowledge/parameters/vat_rate.yaml)."""
OPEN_ENDED_MONTHS = parameter("open_ended_months").months()
"""Months a periodic value with no end date counts (knowledge/parameters/open_ended_months.yaml)."""


@dataclass(frozen=True)
class Estimate:
    value_excl_vat: float
    """This purchase's whole-contract value excluding VAT."""
    combined_excl_vat: float
    """Including related purchases that belong together; the regime is decided on it."""
    months: int | None
    """Months the periodic value was multiplied by (None: a one-off total)."""
    arithmetic: str
    assumptions: list[str] = field(default_factory=list)


def estimate(purchase: Purchase) -> Estimate:
    """The estimate for a purchase whose value is known (vat None reads as excl. VAT)."""
    assert purchase.value is not None
    value = float(purchase.value)
    vat_label = "inkl. mva" if purchase.vat == "inkl" else "eks. mva"
    assumptions: list[str] = []
    months: int | None = None
    if purchase.period is None:
        total = value
        expression = f"{kr(value)} {vat_label}"
    else:
        months = purchase.duration_months
        if months is None:
            months = OPEN_ENDED_MONTHS
            reason = ("Avtalen har ingen sluttdato" if purchase.open_ended
                      else "Varighet er ikke oppgitt")
            assumptions.append(
                f"{reason}: regnet som løpende avtale uten sluttdato, "
                f"{'månedsverdi' if purchase.period == 'month' else 'årsverdi'} over "
                f"{OPEN_ENDED_MONTHS} måneder (FOA § 5-4)."
            )
        if purchase.period == "month":
            total = value * months
            expression = f"{kr(value)}/mnd {vat_label} × {months} mnd"
        else:
            total = value * months / 12
            if months % 12 == 0:
                expression = f"{kr(value)}/år {vat_label} × {months // 12} år"
            else:
                expression = f"{kr(value)}/år {vat_label} × {months} mnd ÷ 12"
    if purchase.vat == "inkl":
        total = total / VAT_FACTOR
        expression += f" ÷ {number(VAT_FACTOR)}"
    if purchase.vat == "inkl" or purchase.period is not None:
        arithmetic = f"{expression} = {kr(total)} eks. mva"
    else:
        arithmetic = f"{kr(total)} eks. mva (oppgitt som samlet verdi)"
    if purchase.is_framework_agreement:
        arithmetic += " (rammeavtale: anslått største samlede verdi av alle avrop i avtaleperioden)"
    combined = total
    if purchase.related_values_excl_vat:
        related = sum(float(v) for v in purchase.related_values_excl_vat)
        combined = total + related
        parts = " + ".join(kr(float(v)) for v in purchase.related_values_excl_vat)
        arithmetic += (
            f"; med kjøp som hører sammen: {kr(total)} + {parts} = {kr(combined)} eks. mva"
        )
    return Estimate(
        value_excl_vat=total,
        combined_excl_vat=combined,
        months=months,
        arithmetic=arithmetic,
        assumptions=assumptions,
    )
