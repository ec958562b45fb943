"""Value estimation (FOA § 5-4), done before any rule: excl. VAT, whole contract.

- A unit price is multiplied by the quantity (30 stk × 6 000 kr; 300 timer ×
  1 200 kr).
- An amount "inkl. mva" is divided by 1.25 (25 % VAT).
- A value per week, month, quarter or year is multiplied over the contract
  length (options and extensions included). With no end date: 48 months (an
  assumption, stated in the answer).
- A framework agreement is valued at its estimated maximum over the whole term.
- Purchases that belong together are added (the splitting check).
The arithmetic is returned as a Norwegian sentence for the answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from knowledge.infra.errors import InputError
from knowledge.parameters import Parameter, parameter
from rules.formatting import kr, number
from rules.model import PERIOD_MONTHS, Purchase


def _in_force(name: str, day: date | None) -> Parameter:
    """The parameter, with an InputError in Norwegian when it has no value on `day` (a
    date before its first registered value): innkjop does not guess."""
    found = parameter(name)
    day = day or date.today()
    if found.at(day) is None:
        first = min(v.start for v in found.values).isoformat()
        raise InputError(
            f"ingen verdi for {found.label} er registrert for {day.isoformat()} (første fra "
            f"{first}). innkjop gjetter ikke: velg en senere dato, eller legg inn verdien med "
            f"kilde i knowledge/parameters/.")
    return found


def vat_factor(day: date | None = None) -> float:
    """1 + the VAT rate in force on `day` (knowledge/parameters/vat_rate.yaml)."""
    return 1 + _in_force("vat_rate", day).value(day)


def open_ended_months(day: date | None = None) -> int:
    """Months a periodic value with no end date counts on `day`
    (knowledge/parameters/open_ended_months.yaml)."""
    return _in_force("open_ended_months", day).months(day)


MAX_QUANTITY = 1e9
PERIOD_WORDS = {"week": "uke", "month": "mnd", "quarter": "kvartal", "half_year": "halvår",
                "year": "år"}
PERIOD_VALUE_WORDS = {"week": "ukeverdi", "month": "månedsverdi", "quarter": "kvartalsverdi",
                      "half_year": "halvårsverdi", "year": "årsverdi"}
PERIOD_COUNT_WORDS = {"week": "uker", "month": "mnd", "quarter": "kvartaler", "half_year": "halvår",
                      "year": "år"}


def related_excl_vat(purchase: Purchase, day: date | None = None) -> list[float]:
    """The related purchases' values excl. VAT: those stated incl. VAT divided by 1 + the
    VAT rate in force on `day`."""
    factor = vat_factor(day)
    return [float(v) for v in purchase.related_values_excl_vat] + [
        round(float(v) / factor, 2) for v in purchase.related_values_incl_vat]


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


def _check_quantity(quantity: float) -> float:
    if isinstance(quantity, bool) or not isinstance(quantity, int | float) or \
            math.isnan(quantity) or not 0 < quantity < MAX_QUANTITY:
        raise InputError(f"antallet må være et tall større enn null (fikk «{quantity}»).")
    return float(quantity)


def _periods(period: str, months: int) -> tuple[float, str]:
    """How many periods `months` make, and the factor as the answer writes it."""
    per = PERIOD_MONTHS[period]
    count = months / per
    if period == "month":
        return count, f"× {months} mnd"
    if period == "week":
        return count, f"× {number(count)} uker ({months} mnd × 52 ÷ 12)"
    if count.is_integer():
        return count, f"× {int(count)} {PERIOD_COUNT_WORDS[period]}"
    return count, f"× {months} mnd ÷ {number(per)}"


def _duration_note(purchase: Purchase, months: int) -> str:
    options = purchase.option_months
    if not options or purchase.duration_months is None or options >= months:
        return ""
    return f" ({months - options} mnd + {options} mnd opsjon)"


def estimate(purchase: Purchase, day: date | None = None) -> Estimate:
    """The estimate for a purchase whose value is known (vat None reads as excl. VAT), with
    the VAT rate and the open-ended length in force on `day` (default today)."""
    assert purchase.value is not None
    vat = vat_factor(day)
    value = float(purchase.value)
    vat_label = "inkl. mva" if purchase.vat == "inkl" else "eks. mva"
    assumptions: list[str] = []
    months: int | None = None
    total = value
    expression = kr(value)
    if purchase.quantity is not None:
        lines = [(purchase.quantity, value, purchase.unit), *purchase.more_lines]
        total = sum(_check_quantity(q) * float(p) for q, p, _ in lines)
        expression = " + ".join(f"{number(q)} {unit} × {kr(float(p))}" if unit else kr(float(p))
                                for q, p, unit in lines)  # unit "": an amount of its own
        if len(lines) > 1 and purchase.period is not None:
            expression = f"({expression})"
    if purchase.period is None:
        expression += f" {vat_label}"
    else:
        months = purchase.duration_months
        if months is None:
            months = open_ended_months(day)
            reason = ("Avtalen har ingen sluttdato" if purchase.open_ended
                      else "Varighet er ikke oppgitt")
            assumptions.append(
                f"{reason}: regnet som løpende avtale uten sluttdato, "
                f"{PERIOD_VALUE_WORDS[purchase.period]} over "
                f"{months} måneder (FOA § 5-4)."
            )
        count, factor = _periods(purchase.period, months)
        total = total * count
        per = (f" per {PERIOD_WORDS[purchase.period]}" if purchase.quantity is not None
               else f"/{PERIOD_WORDS[purchase.period]}")  # "10 timer × 850 kr per uke"
        expression += f"{per} {vat_label} {factor}{_duration_note(purchase, months)}"
    if purchase.vat == "inkl":
        total = total / vat
        expression += f" ÷ {number(vat)}"
    if purchase.vat == "inkl" or purchase.period is not None or purchase.quantity is not None:
        arithmetic = f"{expression} = {kr(total)} eks. mva"
    else:
        arithmetic = f"{kr(total)} eks. mva (oppgitt som samlet verdi)"
    if purchase.is_framework_agreement:
        arithmetic += " (rammeavtale: anslått største samlede verdi av alle avrop i avtaleperioden)"
    combined = total
    related_values = related_excl_vat(purchase, day)
    if related_values:
        combined = total + sum(related_values)
        parts = " + ".join(kr(v) for v in related_values)
        arithmetic += (
            f"; med kjøp som hører sammen: {kr(total)} + {parts} = {kr(combined)} eks. mva"
        )
        if purchase.related_values_incl_vat:
            arithmetic += " (relaterte beløp inkl. mva er delt på " + number(vat) + ")"
    return Estimate(
        value_excl_vat=total,
        combined_excl_vat=combined,
        months=months,
        arithmetic=arithmetic,
        assumptions=assumptions,
    )
