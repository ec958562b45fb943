"""The Norwegian decision card (assistant/render.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.render import decision_markdown
from rules import decide
from rules.model import Purchase


def test_card_shows_value_procedure_authority_duties_and_trace():
    card = decision_markdown(decide(Purchase(
        value=12000, vat="inkl", period="month", duration_months=36, category="varer",
        municipality="Frosta", framework=False), date(2026, 3, 1)))
    assert card.startswith("# Hva kjøpet krever (per 2026-03-01)")
    assert "Verdi: 12 000 kr/mnd inkl. mva × 36 mnd ÷ 1,25 = 345 600 kr eks. mva." in card
    assert "**FOA del I**:" in card and "[FOA del I; FOA § 5-1]" in card
    assert "**VR Innkjøp**:" in card
    assert "- **Anskaffelsesprotokoll**:" in card
    assert "## Hvorfor (regelspor)" in card and "1. Verdien beregnes eks. mva" in card
    assert "Ingen ubekreftet terskelverdi endrer dette svaret" in card


RAW_CODES = re.compile(r"\b(konkurranse_strategi|vr_innkjop|eea_\w+|lower_limit|bestiller|"
                       r"kunngjoring_\w+|uverifisert_terskel|naer_terskel|del[123]\b)")


@pytest.mark.parametrize(
    ("purchase", "day"),
    [
        (Purchase(value=300000, vat="eks", category="varer", framework=False), date(2026, 11, 25)),
        (Purchase(value=2400000, vat="eks", category="varer", framework=False), date(2026, 5, 1)),
        (Purchase(value=70_000_000, vat="eks", category="bygg_anlegg", framework=False),
         date(2026, 9, 1)),
        (Purchase(value=22000, vat="eks", category="varer", framework=True), date(2026, 3, 1)),
        (Purchase(value=110000, category="varer", framework=False), date(2026, 3, 1)),
    ],
)
def test_users_never_see_a_raw_code(purchase, day):
    card = decision_markdown(decide(purchase, day))
    assert not RAW_CODES.search(card), RAW_CODES.search(card)


def test_card_without_trace_and_with_a_deciding_unconfirmed_value():
    card = decision_markdown(decide(Purchase(value=300000, vat="eks", category="varer",
                                             framework=False), date(2026, 11, 25)), trace=False)
    assert "regelspor" not in card
    assert "⚠ Svaret avhenger av en terskelverdi som ikke er bekreftet" in card
    assert ("nedre grense for anskaffelsesregelverket: 500 000 kr (bare i sekundærkilder)"
            in card)


def test_roof_repair_at_80_000_does_not_warn_about_the_500_000_limit():
    decision = decide(Purchase(value=80000, vat="eks", category="bygg_anlegg", framework=False),
                      date(2026, 8, 1))
    assert "uverifisert_terskel" not in {w.code for w in decision.warnings}
    assert decision.thresholds.relied_on == []
    quiet = [step for step in decision.trace if step.rule == "terskelstatus"]
    assert quiet and "500 000 kr (fra 2026-07-01) er bare i sekundærkilder" in quiet[0].because
    assert "blir svaret det samme" in quiet[0].because
    card = decision_markdown(decision, trace=False)
    assert "⚠" not in card and "500 000" not in card


def test_a_value_between_the_old_and_new_lower_limit_warns():
    decision = decide(Purchase(value=300000, vat="eks", category="tjenester", framework=False),
                      date(2026, 8, 1))
    warning = next(w for w in decision.warnings if w.code == "uverifisert_terskel")
    assert "bare i sekundærkilder" in warning.text and "«FOA del I»" in warning.text
    assert decision.thresholds.relied_on == ["lower_limit"]


def test_unverified_2026_eea_value_warns_only_between_old_and_new_value():
    between = decide(Purchase(value=2_400_000, vat="eks", category="varer", framework=False),
                     date(2026, 8, 1))
    assert "eea_goods_services" in between.thresholds.relied_on
    warning = next(w for w in between.warnings if w.code == "uverifisert_terskel")
    assert "2 500 000 kr (fra 2026-04-21) er ikke verifisert" in warning.text
    far_below = decide(Purchase(value=1_500_000, vat="eks", category="varer", framework=False),
                       date(2026, 8, 1))
    assert "eea_goods_services" not in far_below.thresholds.relied_on


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


def test_a_secondary_value_with_nothing_to_compare_warns_only_when_close():
    # The tax certificate limit has only secondary sources and no earlier value: it is
    # tried 10 % (near_share) lower and higher.
    far = decide(Purchase(value=70_000_000, vat="eks", category="bygg_anlegg", framework=False),
                 date(2026, 9, 1))
    assert "tax_certificate" not in far.thresholds.relied_on
    close = decide(Purchase(value=520_000, vat="eks", category="varer", framework=False),
                   date(2025, 9, 1))
    warning = next(w for w in close.warnings if w.code == "uverifisert_terskel")
    assert "grense for skatteattest 500 000 kr" in warning.text
    assert "10 % lavere eller høyere" in warning.text and "uten Skatteattest" in warning.text
    assert close.thresholds.relied_on == ["tax_certificate"]
