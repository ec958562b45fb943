"""Records the rule engine works on: a Purchase goes in, a Decision comes out.

These are the contract between rules/, assistant/, the CLI and the TUI. Fields
may be added; existing names and the JSON shape of `Decision.to_dict()` keep
their meaning (it is the object `innkjop check --json` prints).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Category = Literal["varer", "tjenester", "bygg_anlegg", "helse_sosial"]
CATEGORIES: tuple[str, ...] = ("varer", "tjenester", "bygg_anlegg", "helse_sosial")
Vat = Literal["inkl", "eks"]
Period = Literal["week", "month", "quarter", "half_year", "year"]
PERIOD_MONTHS: dict[str, float] = {"week": 12 / 52, "month": 1.0, "quarter": 3.0, "half_year": 6.0,
                                   "year": 12.0}
"""Months per period (a year has 52 weeks)."""
PERIODS: tuple[str, ...] = tuple(PERIOD_MONTHS)
Slot = Literal["value", "vat", "category", "duration", "framework", "municipality"]


@dataclass(frozen=True)
class Purchase:
    """What the user knows about a purchase. None means "not stated"."""

    value: float | None = None
    """The amount as stated: a total, or per `period` when a period is given, or per unit
    when a `quantity` is given."""
    quantity: float | None = None
    """How many units (pieces, hours, days, weeks) `value` is the price of: 30 nettbrett
    à 6 000 kr, 300 timer à 1 200 kr. None: `value` is not a unit price."""
    unit: str = "stk"
    """The unit of `quantity` as the answer writes it ("stk", "timer", "dager", "uker")."""
    more_lines: tuple[tuple[float, float, str], ...] = ()
    """Further lines (quantity, unit price, unit) of the same purchase, added to
    value × quantity: "10 bord à 4 000 og 40 stoler à 1 500". Used with `quantity`."""
    vat: Vat | None = None
    period: Period | None = None
    """None: `value` is the one-off total for the whole contract."""
    duration_months: int | None = None
    """Contract length including options and extensions."""
    option_months: int = 0
    """Of `duration_months`, the months that are options or extensions (for the arithmetic)."""
    category: Category | None = None
    municipality: str | None = None
    framework: bool | None = None
    """An existing agreement (rammeavtale) exists that this purchase can be called off on."""
    open_ended: bool = False
    """The contract has no end date: a periodic value counts 48 months (FOA § 5-4)."""
    is_framework_agreement: bool = False
    """The purchase itself establishes a new framework agreement (value = maximum over term)."""
    outside_agreement: bool = False
    """The buyer declines or bypasses an existing agreement (`framework`) and buys outside it."""
    related_values_excl_vat: tuple[float, ...] = ()
    """Earlier purchases of the same kind that belong together (splitting check)."""
    related_values_incl_vat: tuple[float, ...] = ()
    """The same, stated including VAT (the estimate takes the VAT off)."""
    description: str = ""


@dataclass(frozen=True)
class Conclusion:
    """One conclusion of the rules: a procedure, an authority or a documentation duty."""

    code: str
    text: str
    citations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Warning:
    code: str
    text: str
    citations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Question:
    """A fact that changes the outcome and is not known."""

    slot: Slot
    text: str


@dataclass(frozen=True)
class TraceStep:
    """One rule that fired: its name, why (Norwegian, one sentence), its citation, facts used."""

    rule: str
    because: str
    citation: str
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ThresholdSetInfo:
    """Which threshold set the decision used and whether every value in it is verified."""

    set: str
    verified: bool
    values: dict[str, float] = field(default_factory=dict)
    unverified: list[str] = field(default_factory=list)
    """Values in force that no primary source confirms (secondary or unverified)."""
    status: dict[str, str] = field(default_factory=dict)
    """Each value's evidence status: verified, secondary or unverified."""
    relied_on: list[str] = field(default_factory=list)
    """Unconfirmed values this answer depends on (the ones the warning names)."""


@dataclass(frozen=True)
class PurchaseUsed:
    """The purchase as the decision used it: the stated facts and the estimate's result."""

    stated: Purchase
    """The facts as validated (municipality resolved)."""
    related_excl_vat: tuple[float, ...] = ()
    """Related purchases' values excl. VAT (those stated incl. VAT converted)."""
    value_excl_vat: float | None = None
    """This purchase's whole-contract value excl. VAT; None until the value is known."""
    arithmetic: str | None = None
    """How the value was estimated, in Norwegian ("250 000 kr inkl. mva ÷ 1,25 = ...")."""
    months_counted: int | None = None
    combined_value_excl_vat: float | None = None
    """With related purchases that belong together (only when there are any)."""
    arithmetic_alternatives: tuple[str, ...] = ()
    """Open decisions: the estimate under each possible answer to the missing facts."""

    def to_dict(self) -> dict[str, Any]:
        """The `purchase` object of the JSON (keys may be added; none renamed)."""
        from rules.formatting import plain

        p = self.stated
        out: dict[str, Any] = {
            "value": p.value, "vat": p.vat, "period": p.period,
            "duration_months": p.duration_months, "category": p.category,
            "municipality": p.municipality, "framework": p.framework,
            "is_framework_agreement": p.is_framework_agreement, "open_ended": p.open_ended,
            "related_values_excl_vat": [plain(v) for v in self.related_excl_vat],
            "description": p.description,
            "quantity": p.quantity, "unit": p.unit if p.quantity is not None else None,
            "option_months": p.option_months, "outside_agreement": p.outside_agreement,
            "value_excl_vat": None if self.value_excl_vat is None else plain(self.value_excl_vat),
            "arithmetic": self.arithmetic,
        }
        if self.value_excl_vat is not None:
            out["months_counted"] = self.months_counted
        if self.combined_value_excl_vat is not None:
            out["combined_value_excl_vat"] = plain(self.combined_value_excl_vat)
        if self.arithmetic_alternatives:
            out["arithmetic_alternatives"] = list(self.arithmetic_alternatives)
        return out


@dataclass
class Decision:
    as_of: date
    purchase: PurchaseUsed
    """The purchase as used: stated facts plus the value excl. VAT and the arithmetic."""
    procedure: Conclusion | None
    authority: Conclusion | None
    documentation: list[Conclusion]
    warnings: list[Warning]
    questions: list[Question]
    thresholds: ThresholdSetInfo
    trace: list[TraceStep]
    assumptions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `innkjop check --json`."""
        return {
            "as_of": self.as_of.isoformat(),
            "purchase": self.purchase.to_dict(),
            "procedure": asdict(self.procedure) if self.procedure else None,
            "authority": asdict(self.authority) if self.authority else None,
            "documentation": [asdict(d) for d in self.documentation],
            "warnings": [asdict(w) for w in self.warnings],
            "questions": [asdict(q) for q in self.questions],
            "thresholds": {
                "set": self.thresholds.set,
                "verified": self.thresholds.verified,
                "values": self.thresholds.values,
                "unverified": self.thresholds.unverified,
                "status": self.thresholds.status,
                "relied_on": self.thresholds.relied_on,
            },
            "trace": [
                {"rule": t.rule, "because": t.because, "citation": t.citation, "facts": t.facts}
                for t in self.trace
            ],
            "assumptions": self.assumptions,
        }
