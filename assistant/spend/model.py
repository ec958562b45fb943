"""Records of the spend analysis: what was skipped, what was found, and the result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Skipped:
    """A file or line that could not be analysed, with a Norwegian reason."""

    file: str
    line: int | None
    problem: str

    def message(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}"


class InvoiceRef(NamedTuple):
    """One invoice (or credit note) behind a finding."""

    file: str
    line: int | None
    invoice_no: str
    date: str
    amount_excl_vat: float


@dataclass
class Finding:
    code: str
    municipality: str
    supplier: str
    supplier_org: str
    category: str
    amount_excl_vat: float
    invoices: list[InvoiceRef]
    citations: list[str]
    text: str
    rule: str
    procedure_required: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    trace: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies, which is slow for 100 000 findings.
        return {
            "code": self.code, "municipality": self.municipality, "supplier": self.supplier,
            "supplier_org": self.supplier_org, "category": self.category,
            "amount_excl_vat": self.amount_excl_vat,
            "invoices": [ref._asdict() for ref in self.invoices],
            "procedure_required": self.procedure_required, "citations": self.citations,
            "text": self.text, "rule": self.rule, "details": self.details, "trace": self.trace,
        }


@dataclass(frozen=True)
class Loyalty:
    """Spend on an agreement's supplier / all spend in its scope, for one municipality."""

    municipality: str
    agreement_id: str
    agreement: str
    supplier: str
    spend_on_agreement: float
    spend_in_scope: float

    @property
    def share(self) -> float | None:
        return self.spend_on_agreement / self.spend_in_scope if self.spend_in_scope else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share": self.share}


@dataclass(frozen=True)
class SampleItem:
    """One invoice drawn by monetary-unit sampling."""

    file: str
    line: int | None
    municipality: str
    supplier: str
    supplier_org: str
    invoice_no: str
    date: str
    amount_excl_vat: float
    hits: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Totals:
    files: int = 0
    lines: int = 0
    invoices: int = 0
    amount_excl_vat: float = 0.0
    ledger_lines_matched_to_ehf: int = 0
    aggregates_decided: int = 0
    engine_runs: int = 0
    """Aggregates decided, and how many of them needed a run of the rule engine (the
    rest came from the cache by threshold band)."""


@dataclass
class Analysis:
    findings: list[Finding]
    loyalty: list[Loyalty]
    sample: list[SampleItem]
    skipped: list[Skipped]
    totals: Totals
    spend_by_category: dict[str, float]
    top_outside: list[tuple[str, float]]
    period: tuple[str | None, str | None]
    sample_seed: int | None = None

    @property
    def complete(self) -> bool:
        return not self.skipped

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "period": {"fra": self.period[0], "til": self.period[1]},
            "totals": asdict(self.totals),
            "findings": [f.to_dict() for f in self.findings],
            "loyalty": [item.to_dict() for item in self.loyalty],
            "sample": [item.to_dict() for item in self.sample],
            "sample_seed": self.sample_seed,
            "skipped": [asdict(s) for s in self.skipped],
            "spend_by_category": self.spend_by_category,
            "top_suppliers_outside_agreements": [
                {"supplier": name, "amount_excl_vat": amount} for name, amount in self.top_outside
            ],
        }


class SpendLine(NamedTuple):
    """One line of spend, from an EHF invoice line or an accounting export row.

    `amount` is excl. VAT and signed (a credit note's lines are negative)."""

    kind: str  # "ehf" | "regnskap"
    file: str
    line: int
    invoice_no: str
    doc_type: str  # "faktura" | "kreditnota"
    municipality: str
    supplier: str
    supplier_org: str
    date: str  # ISO
    amount: float
    vat: float | None
    category: str
    cpv: str
    account: str
    art: str
    function: str
    text: str
