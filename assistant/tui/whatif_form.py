"""The trainer's what-if form: value, VAT, period, duration, category, agreement and date.

Reads the fields into a modified `Purchase` and an as-of date with the one field
parser (`knowledge.infra.inputs`); a blank field means "not stated", a bad entry
raises `FieldError` with a Norwegian message naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Input, Label, Select

from assistant.tui.formatting import CATEGORY_LABELS
from knowledge.infra.errors import InputError
from knowledge.infra.inputs import optional, parse_amount, parse_date, parse_months
from rules.model import Purchase

T = TypeVar("T")

VAT_OPTIONS = [("inkl. mva", "inkl"), ("eks. mva", "eks")]
PERIOD_OPTIONS = [("totalt", "total"), ("per måned", "month"), ("per år", "year")]
FRAMEWORK_OPTIONS = [("ja, avtale finnes", "ja"), ("nei, ingen avtale", "nei")]
CATEGORY_OPTIONS = [(label, code) for code, label in CATEGORY_LABELS.items()]


class FieldError(InputError):
    """A bad entry in one field of the form (`field_id` is the widget id)."""

    def __init__(self, field_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id = field_id


def _parsed(field_id: str, parse: Callable[[str, str], T], label: str, text: str) -> T | None:
    """The field's value (None when blank), or FieldError pointing at the widget."""
    try:
        return optional(parse, text, label)
    except InputError as error:
        raise FieldError(field_id, str(error)) from None


@dataclass(frozen=True)
class FormState:
    """The raw field values, compared to skip recomputing an unchanged form."""

    value: str
    vat: object
    period: object
    duration: str
    category: object
    framework: object
    as_of: str


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


class WhatIfForm(Grid):
    """Labels and compact fields in two columns."""

    def compose(self) -> ComposeResult:
        yield Label("Verdi")
        yield Input(id="what-value", compact=True, placeholder="kr, f.eks. 250000")
        yield Label("Mva")
        yield Select(VAT_OPTIONS, id="what-vat", compact=True, prompt="ikke oppgitt")
        yield Label("Periode")
        yield Select(PERIOD_OPTIONS, id="what-period", compact=True, allow_blank=False)
        yield Label("Varighet")
        yield Input(id="what-duration", compact=True, placeholder="måneder")
        yield Label("Kategori")
        yield Select(CATEGORY_OPTIONS, id="what-category", compact=True, prompt="ikke oppgitt")
        yield Label("Avtale")
        yield Select(FRAMEWORK_OPTIONS, id="what-framework", compact=True, prompt="ikke oppgitt")
        yield Label("Dato")
        yield Input(id="what-date", compact=True, placeholder="i dag (ÅÅÅÅ-MM-DD)")

    def fill(self, purchase: Purchase, as_of: date | None) -> None:
        self.query_one("#what-value", Input).value = _number_text(purchase.value)
        self._set_select("#what-vat", purchase.vat)
        self._set_select("#what-period", purchase.period or "total")
        months = purchase.duration_months
        self.query_one("#what-duration", Input).value = "" if months is None else str(months)
        self._set_select("#what-category", purchase.category)
        framework = None if purchase.framework is None else ("ja" if purchase.framework else "nei")
        self._set_select("#what-framework", framework)
        self.query_one("#what-date", Input).value = as_of.isoformat() if as_of else ""

    def _set_select(self, selector: str, value: object) -> None:
        select = self.query_one(selector, Select)
        if value is None:
            select.clear()
        else:
            select.value = value

    def _select_value(self, selector: str) -> object:
        value = self.query_one(selector, Select).value
        return None if value == Select.NULL else value

    def state(self) -> FormState:
        return FormState(
            value=self.query_one("#what-value", Input).value,
            vat=self._select_value("#what-vat"),
            period=self._select_value("#what-period"),
            duration=self.query_one("#what-duration", Input).value,
            category=self._select_value("#what-category"),
            framework=self._select_value("#what-framework"),
            as_of=self.query_one("#what-date", Input).value,
        )

    def read(self, base: Purchase) -> tuple[Purchase, date | None]:
        """The base purchase changed by the form, and the as-of date. Raises InputError."""
        state = self.state()
        period = None if state.period in (None, "total") else state.period
        framework = None if state.framework is None else state.framework == "ja"
        purchase = replace(
            base,
            value=_parsed("what-value", parse_amount, "Verdi", state.value),
            vat=state.vat,
            period=period,
            duration_months=_parsed("what-duration", parse_months, "Varighet", state.duration),
            category=state.category,
            framework=framework,
        )
        return purchase, _parsed("what-date", parse_date, "Dato", state.as_of)
