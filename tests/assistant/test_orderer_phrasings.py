"""Issue 9: verdicts for purchases as orderers write them. One test per row of the
issue's table and per mechanism (quantities, rates, periods, options, past purchases,
declined and expired agreements, direct answers, bad amounts)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.amounts import find_amounts
from assistant.extract import understand
from knowledge.thresholds import load_thresholds
from tests.assistant.asking import ask, value_of

# ---- quantity × unit price, rate × count ---------------------------------------------

@pytest.mark.parametrize(("text", "value", "arithmetic"), [
    ("kjøpe 30 nettbrett à 6000 kr eks mva til skolen i Tydal, ingen avtale", 180_000,
     "30 stk × 6 000 kr"),
    ("konsulent 1200 kr timen eks mva, ca 300 timer, Selbu, ingen avtale", 360_000,
     "300 timer × 1 200 kr"),
    ("120 timer a 1500 kr eks mva for rådgivning i Frosta, ingen avtale", 180_000,
     "120 timer × 1 500 kr"),
    ("12 stk projektorer, stykkpris 9 000 kr eks mva, Meråker, ingen avtale", 108_000,
     "12 stk × 9 000 kr"),
    ("3 stk el-sykler per stk 25 000 kr eks mva, Frosta, ingen avtale", 75_000, "3 stk"),
    ("vikartjenester 4 500 kr per dag eks mva i 40 dager, Tydal, ingen avtale", 180_000,
     "40 dager"),
    ("konsulent, dagpris 9 000 kr eks mva, 20 dager, Stjørdal, ingen avtale", 180_000,
     "20 dager × 9 000 kr"),
    ("Leasing av 4 biler, 6 000 kr mnd per bil eks mva i 3 år, Frosta, ingen avtale", 864_000,
     "4 stk × 6 000 kr per mnd"),
    ("30 x 6000 kr eks mva for nettbrett til Tydal, ingen avtale", 180_000, "30 stk"),
    ("nettbrett 6 000 kr x 30 stk eks mva, Tydal, ingen avtale", 180_000, "30 stk"),
    ("kr 6000 per nettbrett, 30 stk, eks mva, Tydal, ingen avtale", 180_000, "30 stk"),
    ("snøbrøyting 3 vintre à 150 000 kr eks mva, Meråker, ingen avtale", 450_000, "3 vintre"),
    ("5 PC-er til 15 000 kr hver eks mva til Selbu, ingen avtale", 75_000, "5 stk"),
    ("sykepleiertjenester 900 kr timen eks mva, totalt 1 500 timer, Frosta, ingen avtale",
     1_350_000, "1 500 timer × 900 kr"),
    ("lisens 250 kr per bruker per måned eks mva, 80 brukere, i 3 år, Selbu, ingen avtale",
     720_000, "80 stk × 250 kr per mnd eks. mva × 36 mnd"),
    ("konsulent, timepris 850 kr eks mva, anslått 10 timer i uka i 2 år, Stjørdal, ingen avtale",
     884_000, "10 timer × 850 kr per uke eks. mva × 104 uker"),
    ("nye møbler: 10 bord à 4 000 og 40 stoler à 1 500 kr eks mva, Selbu, ingen avtale", 100_000,
     "10 stk × 4 000 kr + 40 stk × 1 500 kr"),
    # each priced line takes the count of the thing it names
    ("8 skrivebord og 16 kontorstoler til Frosta rådhus, stolene 2 100 kr stk, bordene "
     "5 500 kr stk eks mva, ingen avtale", 77_600, "16 stk × 2 100 kr + 8 stk × 5 500 kr"),
    ("20 røykvarslere og 6 slukkeapparater til Tydal, apparatene koster 900 kr stk og "
     "varslerne 300 kr per stk eks mva, ingen avtale", 11_400, "6 stk × 900 kr + 20 stk × 300 kr"),
    # a rate per unit and per piece multiplies both counts
    ("akuttplasser i institusjon, 16 500 kr per døgn eks. mva per plass, 2 plasser i 250 "
     "døgn, Holtålen, ingen avtale", 8_250_000, "(250 × 2 plasser)"),
    ("vikartjenester, 2 000 kr per dag per vikar eks mva, 3 vikarer i 40 dager, Selbu, "
     "ingen avtale", 240_000, "(40 × 3 vikarer)"),
])
def test_quantity_times_unit_price_in_the_rules_arithmetic(text, value, arithmetic):
    reply = ask(text)
    assert value_of(reply) == value
    assert arithmetic in reply.decision.purchase.arithmetic
    assert reply.facts["quantity"].source  # the words the quantity came from


def test_priced_lines_in_a_later_turn_take_the_counts_of_the_first():
    reply = ask("Trenger 18 brannslukningsapparater og 30 røykvarslere til omsorgsboligene i "
                "Meråker.", "Apparatene koster 1 200 kr stk og varslerne 450 kr stk, inkl. mva.",
                "Nei, ingen avtale.")
    assert value_of(reply) == (18 * 1200 + 30 * 450) / 1.25


def test_a_person_or_a_year_after_per_is_no_quantity():
    reply = ask("Plass i barnevernsinstitusjon for en ungdom, 150 000 kr per måned eks mva i "
                "12 måneder, Holtålen, ingen avtale")
    assert value_of(reply) == 150_000 * 12
    assert "quantity" not in reply.facts


def test_a_rate_without_a_count_is_asked_about():
    reply = ask("tolk 900 kr timen eks mva, Holtålen, ingen avtale")
    assert reply.decision is None
    assert "value" in {q.slot for q in reply.questions}
    assert any("hvor mange timer" in n for n in reply.notices)


# ---- per period × duration, options ------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("leie av kopimaskiner 5000 kr mnd eks mva i 4 år, Frosta, ingen avtale", 240_000),
    ("serviceavtale 4000 kr mnd eks mva i 3 år, Selbu, ingen avtale", 144_000),
    ("serviceavtale 4000 kr/mnd eks. mva i 3 år, Selbu, ingen avtale", 144_000),
    ("fagsystem 7 500 kr mndl. eks mva, 24 mnd, Tydal, ingen avtale", 180_000),
    ("snøbrøyting 150 tusen pr vinter eks mva, 3 vintre, Holtålen, ingen avtale", 450_000),
    ("vakthold 60 000 kr i kvartalet eks mva i 2 år, Stjørdal, ingen avtale", 480_000),
    ("heisservice 45 000 kr årlig eks. mva i 5 år, Frosta, ingen avtale", 225_000),
    ("IT-drift 25 000 kr per måned eks mva, 2 år med opsjon på 1+1 år, Selbu, ingen avtale",
     1_200_000),
    ("tjenestereiser ca 15 000 kr i måneden eks mva det neste året, Meråker, ingen avtale",
     180_000),
    ("vakthold 20 000 kr mnd eks mva de neste tre årene, Selbu, ingen avtale", 720_000),
    ("fagsystem 8 000 kr i måneden eks mva de kommende 18 månedene, Tydal, ingen avtale",
     144_000),
])
def test_per_period_times_duration(text, value):
    assert value_of(ask(text)) == value


def test_next_year_without_the_definite_form_says_when_not_how_long():
    reply = ask("serviceavtale 4 000 kr mnd eks mva fra neste år, Selbu, ingen avtale")
    assert reply.decision is None or reply.decision.purchase.value_excl_vat != 48_000


def test_options_in_the_first_message_show_in_the_arithmetic():
    reply = ask("renhold 40 000 kr mnd eks mva i 3 år pluss 1 års opsjon, Tydal, ingen avtale")
    assert value_of(reply) == 40_000 * 48
    assert "36 mnd + 12 mnd opsjon" in reply.decision.purchase.arithmetic


def test_an_option_added_in_a_later_turn_extends_the_duration():
    first = "renhold av barnehagen i Selbu, 30 000 kr i måneden eks mva i 3 år, ingen avtale"
    assert value_of(ask(first)) == 30_000 * 36
    reply = ask(first, "og med opsjon på ett år til?")
    assert reply.intent == "what_if"
    assert value_of(reply) == 30_000 * 48
    assert "opsjon" in reply.decision.purchase.arithmetic
    again = ask(first, "og med opsjon på ett år til?", "hva med opsjon på ett år til?")
    assert value_of(again) == 30_000 * 60


# ---- scientific notation, minus, contradictions ----------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("PC-er for 1e6 kr eks mva til Stjørdal, ingen avtale", 1_000_000),
    ("møbler for 2,5e6 kr eks. mva, Frosta, ingen avtale", 2_500_000),
])
def test_scientific_notation(text, value):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize("text", [
    "kjøp av skrivere for -250 000 kr eks mva, Selbu, ingen avtale",
    "stoler for minus 250 000 kr eks mva, Meråker, ingen avtale",
    "skrivere for kr −250 000 eks mva, Selbu, ingen avtale",
])
def test_a_negative_amount_is_asked_about_never_flipped(text):
    reply = ask(text)
    assert reply.decision is None
    assert "value" in {q.slot for q in reply.questions}
    assert any("negativt" in n for n in reply.notices)


def test_a_dash_between_amounts_or_in_a_name_is_no_minus():
    found = find_amounts("mellom 200 000 - 300 000 kr, 200 000-300 000 kr, EKS-2023 for 5000 kr")
    assert found and not any(a.negative for a in found)


def test_contradictory_quantity_and_total_are_asked_about():
    reply = ask("30 stk nettbrett à 6000, totalt 100 000 kr eks mva, Tydal, ingen avtale")
    assert reply.decision is None
    assert "value" in {q.slot for q in reply.questions}
    assert any("180 000 kr" in n and "100 000 kr" in n for n in reply.notices)


def test_a_total_that_disagrees_with_several_lines_is_asked_about():
    reply = ask("10 bord à 4 000 og 40 stoler à 1 500 kr, totalt 90 000 kr eks mva, Selbu, "
                "ingen avtale")
    assert reply.decision is None
    assert any("100 000 kr" in n and "90 000 kr" in n for n in reply.notices)


def test_a_total_that_agrees_with_quantity_times_price_is_accepted():
    reply = ask("20 stoler à 2 500 kr, totalt 50 000 kr eks mva, Stjørdal, ingen avtale")
    assert value_of(reply) == 50_000


# ---- past purchases ------------------------------------------------------------------------

def test_a_past_purchase_is_judged_on_the_rules_of_its_date():
    reply = ask("Vi kjøpte IKT-utstyr for 300 000 kr eks mva i mars 2026, uten avtale, "
                "var det riktig gjort?", day=date(2026, 11, 25))
    assert reply.decision is not None and reply.decision.as_of == date(2026, 3, 1)
    assert reply.decision.procedure.code == "del1"  # lower limit 100 000 until 2026-06-30
    assert reply.markdown.startswith(reply.lead)
    assert "01.03.2026" in reply.lead and "Strategi 2.2.2" in reply.lead
    assert reply.questions == []


def test_a_past_direct_purchase_that_needed_competition_is_a_breach_with_next_steps():
    reply = ask("Vi har kjøpt møbler for 150 000 kr eks mva i august 2026 direkte fra en "
                "butikk, ingen avtale. Var det riktig?", day=date(2026, 11, 25))
    assert reply.decision.procedure.code == "konkurranse_strategi"
    assert "brudd" in reply.lead and "«direkte»" in reply.lead
    assert "Strategi 2.2.2" in reply.lead and "KAV" in reply.lead


def test_asking_what_to_do_now_about_a_past_purchase_is_a_control_question():
    reply = ask("Vi kjøpte IKT-utstyr for 300 000 kr eks mva uten konkurranse i mars 2026, "
                "ingen avtale. Hva skal vi gjøre nå?", day=date(2026, 11, 25))
    assert reply.decision.as_of == date(2026, 3, 1)
    assert "«uten konkurranse»" in reply.lead and "Strategi 2.2.2" in reply.lead


def test_a_past_purchase_that_was_allowed_is_said_so():
    reply = ask("Burde vi ha hatt konkurranse da vi kjøpte konsulenttjenester for 80 000 kr "
                "eks mva i januar 2026? Ingen avtale.", day=date(2026, 11, 25))
    assert reply.decision.procedure.code == "direkte"
    assert "riktig å kjøpe direkte" in reply.lead and "brudd" not in reply.lead


# ---- declined, bypassed and expired agreements --------------------------------------------

def test_answering_nei_to_an_offered_agreement_is_buying_outside_it():
    first = "Vi trenger kopipapir og permer til Stjørdal rådhus for 20 000 kr eks mva"
    offered = ask(first)
    assert offered.questions and "EKS-2023-001" in offered.questions[0].text
    reply = ask(first, "nei, vi vil heller kjøpe fra en lokal butikk")
    assert reply.decision.procedure.code == "avrop"
    warning = next(w for w in reply.decision.warnings if w.code == "avtalelojalitet")
    assert {"Strategi 2.2.3", "Strategi 2.2.4", "Strategi 2.2.2"} <= set(warning.citations)
    assert "EKS-2023-001" in reply.markdown


def test_a_nei_with_kjope_after_a_decision_is_about_the_same_purchase():
    """Nothing is pending: "kjøpe" in a "nei, ..." answer names no new purchase."""
    first = "Vi vil kjøpe arbeidsklær for 400 000 kr eks mva i Meråker"
    decided = ask(first)
    assert decided.decision is not None and not decided.questions
    reply = ask(first, "hva sier strategien om lokale leverandører?",
                "nei, vi vil heller kjøpe lokalt")
    assert reply.decision is not None and value_of(reply) == 400_000
    assert reply.decision.procedure.code == decided.decision.procedure.code


def test_a_bare_nei_to_an_offered_agreement_is_declining_it():
    first = "skal kjøpe rengjøringsmidler til skolene i Frosta, 30 000 kr eks mva"
    reply = ask(first, "nei")
    assert "avtalelojalitet" in {w.code for w in reply.decision.warnings}


def test_an_agreement_that_does_not_cover_the_need_is_no_breach():
    first = "skal kjøpe rengjøringsmidler til skolene i Frosta, 30 000 kr eks mva"
    reply = ask(first, "nei, avtalen dekker ikke behovet")
    assert reply.decision.procedure.code == "direkte"
    assert "avtalelojalitet" not in {w.code for w in reply.decision.warnings}


def test_buying_outside_the_agreement_in_the_text_names_it():
    reply = ask("Vi skal kjøpe toner og penner for 15 000 kr eks mva utenfor avtalen, Selbu")
    assert "avtalelojalitet" in {w.code for w in reply.decision.warnings}
    assert "EKS-2023-001" in reply.markdown


def test_an_expired_agreement_is_named_with_its_end_date():
    reply = ask("Vi trenger 10 nye PC-er til Tydal skole for 90 000 kr eks mva")
    assert reply.decision is not None and reply.decision.procedure.code == "direkte"
    assert any("EKS-2022-003" in n and "gikk ut 31.08.2025" in n for n in reply.notices)


# ---- direct answers ------------------------------------------------------------------------

@pytest.mark.parametrize("day", [date(2024, 6, 1), date(2026, 3, 1), date(2026, 11, 25)])
def test_a_threshold_question_is_answered_from_the_threshold_data(day):
    reply = ask("Hva er EØS-terskelverdien for varer og tjenester nå?", day=day)
    value = load_thresholds()["eea_goods_services"].at(day)
    assert value is not None
    shown = f"{value.value:,.0f}".replace(",", " ") + " kr"
    assert shown in reply.lead and f"gjelder fra {value.start:%d.%m.%Y}" in reply.lead
    said = {"verified": "bekreftet i forskriften", "secondary": "bare i sekundærkilder",
            "unverified": "ikke verifisert"}[value.status]
    assert said in reply.lead
    assert ("sjekk på Lovdata" in reply.lead) == (not value.verified)
    assert value.reference in reply.lead
    assert reply.questions == [] and "Spørsmål" not in reply.markdown
    assert "bygg og anlegg" not in reply.lead


@pytest.mark.parametrize(("text", "answer"), [
    ("Må vi bruke KGV når vi kjøper møbler for 250 000 kr eks mva, Frosta, ingen avtale?", "Ja"),
    ("Kan jeg bare ringe en snekker for å bytte vinduer på skolen i Selbu, ca 400 000 kr eks "
     "mva, ingen avtale?", "Nei"),
    ("Kan vi kjøpe kaffe direkte for 5 000 kr eks mva, Tydal, ingen avtale?", "Ja"),
    ("Trenger vi skatteattest for kontorstoler til 80 000 kr eks mva, Meråker, ingen avtale?",
     "Nei"),
])
def test_a_yes_no_question_gets_a_first_sentence_that_answers_it(text, answer):
    reply = ask(text)
    assert reply.markdown.startswith(f"**{answer}** – ")
    cited = {c for d in [reply.decision.procedure, *reply.decision.documentation]
             for c in d.citations}
    assert any(c in reply.lead for c in cited)


def test_the_yes_no_answer_follows_the_rule_outcome():
    question = "Må vi bruke KGV når vi kjøper møbler for {} kr eks mva, Frosta, ingen avtale?"
    small, large = ask(question.format("50 000")), ask(question.format("250 000"))
    assert "kgv" not in {d.code for d in small.decision.documentation}
    assert small.lead.startswith("**Nei**") and large.lead.startswith("**Ja**")


@pytest.mark.parametrize(("text", "name"), [
    ("Hvor går grensen for når vi må bruke KGV?", "strategy_competition"),
    ("Hva er den nasjonale terskelverdien?", "national"),
    ("Hva er grensen for skatteattest?", "tax_certificate"),
])
def test_the_threshold_asked_about_is_the_one_answered(text, name):
    reply = ask(text)
    threshold = load_thresholds()[name]
    assert threshold.label in reply.lead
    assert reply.lead.count("\n- ") == 1


def test_a_knowledge_question_gets_no_purchase_prompt():
    reply = ask("Hvor lenge kan en rammeavtale vare?")
    assert reply.decision is None and reply.questions == []
    assert "Spørsmål" not in reply.markdown


def test_understanding_keeps_the_words_of_each_fact():
    got = understand("kjøpe 30 nettbrett à 6000 kr eks mva")
    assert got.facts["value"].value == 6000
    assert got.facts["quantity"].value == {"count": 30, "unit": "stk"}
    assert "30 nettbrett à 6000 kr" in got.facts["quantity"].source


def test_a_date_followed_by_a_comma_is_the_purchase_date():
    reply = ask("Har vi gjort det riktig? Vi bestilte renholdstjenester for 90 000 kr eks mva "
                "10.01.2026, ingen avtale", day=date(2026, 11, 25))
    assert reply.decision.as_of == date(2026, 1, 10)


def test_asking_whether_to_buy_outside_the_agreement_is_answered_nei():
    reply = ask("Kan vi kjøpe kopipapir fra en lokal butikk for 5 000 kr eks mva i Frosta?")
    assert reply.lead.startswith("**Nei**") and "Strategi 2.2.2" in reply.lead
    assert "EKS-2023-001" in reply.markdown


def test_buying_elsewhere_when_the_agreement_has_ended_is_no_breach():
    reply = ask("Kan vi kjøpe arbeidsklær fra en annen leverandør for 30 000 kr eks mva i "
                "Stjørdal?", day=date(2026, 11, 25))
    assert "avtalelojalitet" not in {w.code for w in reply.decision.warnings}
    assert any("gikk ut 31.05.2025" in n for n in reply.notices)
    assert reply.lead.startswith("**Ja**")


@pytest.mark.parametrize(("text", "day"), [
    ("Vi kjøpte møbler for 150 000 kr eks mva i april, ingen avtale. Var det riktig?",
     date(2026, 4, 1)),
    ("Vi kjøpte møbler for 150 000 kr eks mva i desember, ingen avtale. Var det riktig?",
     date(2025, 12, 1)),
    ("I fjor kjøpte vi en snøfreser for 300 000 kr eks mva, ingen avtale, var det lov?",
     date(2025, 7, 1)),
])
def test_a_past_month_without_a_year_is_its_last_occurrence(text, day):
    reply = ask(text, day=date(2026, 11, 25))
    assert reply.decision.as_of == day
    assert f"{day:%d.%m.%Y}" in reply.lead


def test_a_yes_no_question_about_the_purchase_on_the_table():
    first = "Vi skal kjøpe møbler for 250 000 kr eks mva til Frosta, ingen avtale"
    reply = ask(first, "må vi bruke KGV?")
    assert reply.lead.startswith("**Ja**") and "Strategi 2.2.3" in reply.lead


@pytest.mark.parametrize(("text", "name"), [
    ("Må vi bruke KGV?", "strategy_competition"),
    ("Trenger vi skatteattest?", "tax_certificate"),
])
def test_a_yes_no_question_without_a_value_names_the_threshold_it_turns_on(text, name):
    reply = ask(text)
    assert reply.decision is None and "value" in {q.slot for q in reply.questions}
    assert reply.lead.startswith("**Det kommer an på verdien**")
    assert load_thresholds()[name].label in reply.lead


@pytest.mark.parametrize(("first", "then", "value"), [
    ("30 nettbrett à 6000 kr eks mva til skolen i Tydal, ingen avtale",
     "hva om det er 40 nettbrett?", 240_000),
    ("konsulent 1200 kr timen eks mva, ca 300 timer, Selbu, ingen avtale",
     "og hvis det blir 400 timer?", 480_000),
    ("snøbrøyting 150 tusen pr vinter eks mva, 3 vintre, Holtålen, ingen avtale",
     "og med opsjon på én vinter til?", 600_000),
])
def test_a_follow_up_changes_the_count_or_adds_an_option(first, then, value):
    reply = ask(first, then)
    assert reply.intent == "what_if"
    assert value_of(reply) == value


def test_not_wanting_to_use_the_offered_agreement_is_buying_outside_it():
    reply = ask("Vi trenger kopipapir og permer til Stjørdal rådhus for 20 000 kr eks mva",
                "Vi ønsker ikke å bruke avtalen")
    assert "avtalelojalitet" in {w.code for w in reply.decision.warnings}


def test_an_earlier_purchase_stated_beside_a_new_one_is_no_control_question():
    got = understand("Vi har allerede kjøpt stoler for 60 000 kr i år. Nye stoler for 50 000 kr.")
    assert not got.retrospective
    assert got.facts["value"].value == 50_000 and got.facts["related"].value[0]["value"] == 60_000


def test_a_past_purchase_when_an_agreement_existed_asks_in_the_past_then_controls():
    day = date(2026, 11, 25)
    first = "Vi kjøpte kopipapir for 20 000 kr eks mva i mars 2026 til Stjørdal, var det riktig?"
    asked = ask(first, day=day)
    assert asked.questions and "ble kjøpet bestilt på den?" in asked.questions[0].text
    reply = ask(first, "nei", day=day)
    assert reply.decision.as_of == date(2026, 3, 1)
    assert "avtalelojalitet" in {w.code for w in reply.decision.warnings}
    assert reply.lead.startswith("**Kontroll") and "avtalelojaliteten" in reply.lead


@pytest.mark.parametrize("text,value", [
    ("renhold, 9 000 kr i mnd eks mva i 4 år", 432_000),
    ("vaktmestertjenester 3 000 kr i uka eks mva, 10 uker", 30_000),
    ("lisens 40 000 kr i året eks mva i 3 år", 120_000),
])
def test_kr_i_period_is_a_rate_over_the_duration(text, value):
    reply = ask(text + " i Selbu, ingen avtale")
    assert reply.decision is not None
    assert reply.decision.purchase.value_excl_vat == value


def test_i_ar_is_this_year_not_a_rate():
    reply = ask("vi har brukt 90 000 kr eks mva i år på kontorrekvisita i Selbu, ingen avtale")
    assert reply.decision is not None
    assert reply.decision.purchase.value_excl_vat == 90_000


@pytest.mark.parametrize("text", [
    "kjøpe 20 pcer til ungdomsskolen i selbu à 9000 eks mva, ingen avtale",
    "20 nye stoler til personalrommet på rådhuset i Selbu @ 9000 kr eks mva, ingen avtale",
])
def test_a_strong_price_marker_reaches_back_to_the_count_in_its_clause(text):
    reply = ask(text)
    assert reply.decision is not None
    assert reply.decision.purchase.value_excl_vat == 180_000


@pytest.mark.parametrize("text", [
    "toner til rådhuset i Selbu for 40 000 kr eks mva, vi bruker avtalen",
    "tolk til foreldresamtaler i Frosta, 25 000 kr eks mva, vi bruker tolkeavtalen",
    "kontorstoler via møbelavtalen, 60 000 kr eks mva, Tydal",
])
def test_using_a_named_agreement_is_a_call_off(text):
    reply = ask(text)
    assert reply.facts["framework"].value is True
    assert reply.decision is not None and reply.decision.procedure.code == "avrop"


PC_AGREEMENT = "bestiller 20 skjermer til rådhuset i Selbu på pc-avtalen, 2 800 kr stk eks mva"


def test_a_named_agreement_in_force_is_a_call_off():
    reply = ask(PC_AGREEMENT, day=date(2025, 3, 1))  # EKS-2022-003 runs to 2025-08-31
    assert reply.decision is not None and reply.decision.procedure.code == "avrop"


def test_a_named_agreement_the_register_says_has_ended_is_named_with_its_end_date():
    """The buyer orders "på pc-avtalen", but the register's PC agreement ended: the
    purchase is decided without it, and the answer says which agreement ended when."""
    reply = ask(PC_AGREEMENT)
    assert reply.facts["framework"].value is False
    assert reply.decision is not None and reply.decision.procedure.code != "avrop"
    assert any("EKS-2022-003" in n and "31.08.2025" in n for n in reply.notices)


def test_an_agreement_with_another_supplier_is_not_the_one_that_ended():
    reply = ask("Bestilling fra avtalen med Elkjøp: 10 nettbrett til Meråker skole 40 000 kr")
    assert reply.decision is not None and reply.decision.procedure.code == "avrop"


def test_an_agreement_being_bought_is_not_an_existing_one():
    reply = ask("ny serviceavtale for heisene, 300 000 kr eks mva, Selbu, ingen avtale fra før")
    assert reply.facts["framework"].value is False


def test_hva_na_after_a_past_purchase_without_asking_is_a_control_verdict_quoting_it():
    reply = ask("Vi bestilte nye møbler for 450 000 eks mva til rådhuset i Frosta i august, "
                "uten å spørre innkjøp. Hva nå?", day=date(2026, 11, 25))
    assert reply.decision is not None and reply.decision.as_of == date(2026, 8, 1)
    assert "Kontroll av et gjennomført kjøp" in reply.lead
    assert "«uten å spørre innkjøp»" in reply.lead and "Strategi 2.2.2" in reply.lead


def test_a_past_purchase_without_competition_needs_no_question_to_be_controlled():
    reply = ask("Vi kjøpte arbeidsklær for 250 000 eks mva i Selbu i juni uten konkurranse",
                day=date(2026, 11, 25))
    assert reply.decision.as_of == date(2026, 6, 1) and "brudd" in reply.lead


@pytest.mark.parametrize(("text", "answer"), [
    ("Vi skal kjøpe arbeidsklær for 250 000 eks mva i Selbu uten konkurranse, går det?", "Nei"),
    ("Vi vil bare ringe en snekker og bestille nye vinduer for 80 000 eks mva til skolen i "
     "Tydal, er det greit?", "Ja"),
    ("kontorstoler for 90 000 eks mva i Selbu, ingen avtale, må vi ha konkurranse?", "Nei"),
    ("Vi skal kjøpe 20 PC-er for 140 000 kr eks mva i Meråker, ingen avtale. Kan vi bare "
     "bestille fra en butikk?", "Nei"),
])
def test_a_yes_no_question_after_the_purchase_is_answered_first(text, answer):
    reply = ask(text)
    assert reply.lead is not None and reply.lead.startswith(f"**{answer}** – ")


@pytest.mark.parametrize("text", [
    "Hvor mye kan jeg handle for uten konkurranse?",
    "hvor mye kan vi bestille for før vi må ha konkurranse",
    "Hva er maks beløp for direktekjøp?",
])
def test_how_much_one_may_buy_for_is_answered_with_the_limit(text):
    reply = ask(text)
    assert reply.lead is not None and "100 000 kr" in reply.lead
    assert "strategiens grense" in reply.lead and reply.questions == []


@pytest.mark.parametrize(("text", "value"), [
    # a count per period before the price: per period × the duration
    ("vikarer 80 timer i måneden à 650 kr eks mva i 2 år, Stjørdal, ingen avtale", 1_248_000),
    ("vaktmester 20 timer i uka, 500 kr timen eks mva, i ett år, Selbu, ingen avtale", 520_000),
    # "hele neste år" and "i ett år" are how long
    ("vikarer hele neste år for 40 000 kr i måneden eks mva, Stjørdal, ingen avtale", 480_000),
    ("leie av lift, 9 000 kr i måneden eks mva, avtale i ett år, Frosta, ingen avtale", 108_000),
])
def test_counts_and_rates_per_period_over_the_duration(text, value):
    assert value_of(ask(text)) == value


def test_a_count_per_period_keeps_the_place_between_count_and_price():
    reply = ask("20 pcer til ungdomsskolen i Selbu à 9000 eks mva, ingen avtale")
    assert value_of(reply) == 180_000 and reply.facts["municipality"].value == "Selbu"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Kjøp av 2 000 liter diesel i måneden til 18 kr literen eks mva i 3 år, Tydal, "
     "ingen avtale", 1_296_000, "liter"),
    ("30 tonn grus til 250 kr tonnet eks mva, Frosta, ingen avtale", 7_500, "tonn"),
    ("flis 200 kubikk à 300 kr eks mva til fyringsanlegget i Tydal, ingen avtale", 60_000, "m³"),
    ("kaffe 40 kg à 200 kr eks mva til rådhuset i Selbu, ingen avtale", 8_000, "kg"),
    ("nytt gulvbelegg 120 m2 à 450 kr eks mva i gymsalen i Selbu, ingen avtale", 54_000, "m²"),
])
def test_measures_are_counts_like_pieces(text, value, unit):
    """The measures are data (knowledge/quantity_units.yaml: units), not code."""
    reply = ask(text)
    assert value_of(reply) == value and reply.facts["quantity"].value["unit"] == unit
