"""The Norwegian decision card (assistant/render.py)."""

from __future__ import annotations

from datetime import date

from assistant.render import decision_markdown
from rules import decide
from rules.model import Purchase


def test_card_shows_value_procedure_authority_duties_and_trace():
    card = decision_markdown(decide(Purchase(
        value=12000, vat="inkl", period="month", duration_months=36, category="varer",
        municipality="Frosta", framework=False), date(2026, 3, 1)))
    assert card.startswith("# Hva kjøpet krever (per 2026-03-01)")
    assert "Verdi: 12 000 kr/mnd inkl. mva × 36 mnd ÷ 1,25 = 345 600 kr eks. mva." in card
    assert "**FOA del I** (`del1`)" in card and "[FOA del I; FOA § 5-1]" in card
    assert "**VR Innkjøp** (`vr_innkjop`)" in card
    assert "- **Anskaffelsesprotokoll** (`protokoll`)" in card
    assert "## Hvorfor (regelspor)" in card and "1. `verdiberegning`" in card
    assert "alle verifisert" in card


def test_card_without_trace_and_with_unverified_thresholds():
    card = decision_markdown(decide(Purchase(value=300000, vat="eks", category="varer",
                                             framework=False), date(2026, 11, 25)), trace=False)
    assert "regelspor" not in card
    assert "⚠ Svaret bygger på uverifisert terskelverdi" in card
    assert "UVERIFISERT: " in card
    assert "nedre grense for anskaffelsesregelverket (500 000 kr)" in card


def test_card_with_questions_shows_both_readings():
    card = decision_markdown(decide(Purchase(value=110000, category="varer", framework=False),
                                    date(2026, 3, 1)))
    assert "Ikke avgjort ennå" in card
    assert "## Dette må avklares" in card and "inkludert eller eksklusive mva" in card
    assert "110 000 kr inkl. mva ÷ 1,25 = 88 000 kr eks. mva" in card


def test_card_lists_assumptions():
    card = decision_markdown(decide(Purchase(value=8000, category="varer", framework=False),
                                    date(2026, 3, 1)))
    assert "## Forutsetninger" in card and "Mva er ikke oppgitt" in card
