"""Property: for any quantity q and unit price p written in the supported styles, the
value the rules estimate is q × p (the text layer reads p and q, rules/estimate.py
multiplies)."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assistant.dialogue import purchase_from
from assistant.extract import understand
from rules import decide
from tests.assistant.amount_styles import format_amount

PRICE_STYLES = ("plain", "space", "dots", "k", "apostrophe", "tusen", "words")
"""Amount styles of assistant/amounts.py that fit a unit price (no million styles)."""
PHRASES = (
    "{q} stk nettbrett à {p}",
    "{q} kontorstoler a {p}",
    "{q} stoler á {p}",
    "{q} stk skolepulter @ {p}",
    "{q} stk, stykkpris {p}",
    "{q} stk projektorer, {p} per stk",
    "{q} stoler, {p} stykket",
    "konsulent {p} timen, ca {q} timer",
    "{q} timer a {p}",
    "timepris {p}, anslått {q} timer",
    "dagpris {p}, {q} dager",
    "{p} per dag i {q} dager",
    "{q} uker à {p}",
)


@settings(max_examples=300, deadline=None)
@given(q=st.integers(min_value=2, max_value=2000), p=st.integers(min_value=100, max_value=99_999),
       style=st.sampled_from(PRICE_STYLES), phrase=st.sampled_from(PHRASES))
def test_the_value_read_is_quantity_times_unit_price(q: int, p: int, style: str, phrase: str):
    assume(style not in ("k", "apostrophe", "tusen") or p % 10 == 0)  # "12,34k" is no price
    assume(not (1900 <= q <= 2100))  # a bare year-like count reads as a year, not a quantity
    price = format_amount(p, style)
    if style in ("plain", "k", "apostrophe", "tusen"):
        price += " kr" if style != "plain" else ""
    text = "Kjøp til Frosta: " + phrase.format(q=q, p=price) + ", eks mva, ingen avtale, varer"
    understanding = understand(text)
    assert understanding.facts["value"].value == p, (text, understanding.notices)
    assert understanding.facts["quantity"].value["count"] == q, text
    purchase = purchase_from(understanding.facts, text)
    assert purchase.value == p and purchase.quantity == q
    decision = decide(purchase, as_of=date(2026, 3, 1))
    assert decision.purchase.value_excl_vat == q * p
