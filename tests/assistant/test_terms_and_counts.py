"""Contract terms and counts as orderers write them (issue 9): date ranges as lengths,
lengths in quarters and semesters, price words formed from a unit, counts per a
counted thing, plain numbers listed beside priced lines, follow-ups that change the
terms, and buying around an agreement. Each test is a class of phrasings, not one
sentence."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.date_ranges import find_date_range
from assistant.extract import understand
from assistant.periods import find_duration
from tests.assistant.asking import ask, value_of


@pytest.mark.parametrize(("text", "months"), [
    ("fra januar 2026 ut 2027", 24),
    ("fra 1. januar 2026 og ut 2027", 24),
    ("avtalen gjelder 01.03.2025–28.02.2027", 24),
    ("for perioden 2026-2028", 36),
    ("fra august 2026 til juli 2028", 24),
    ("fra 1.9.2026 til 31.8.2029", 36),
    ("fra 2026 til og med 2028", 36),
    ("i perioden 2025 til 2027", 36),
    ("fra 2026-01-01 til 2027-12-31", 24),
    ("fra mars til mai 2026", 3),
    ("f.o.m. oktober 2025 t.o.m. september 2026", 12),
])
def test_a_date_range_is_a_length_in_months(text: str, months: int):
    found = find_date_range(text)
    assert found is not None and found.value == months


@pytest.mark.parametrize("text", [
    "vi kjøpte i 2019 til 2020-prisene", "saksnr 2026 2027", "frist 01.03.2025",
    "fra 2027 til 2026", "telefon 2026 2027 og 2028",
])
def test_no_range_where_none_is_written(text: str):
    assert find_date_range(text) is None


def test_a_monthly_amount_over_a_date_range_is_multiplied():
    reply = ask("Renhold av rådhuset i Selbu fra 1. mars 2026 til 28. februar 2028, "
                "20 000 kr mnd eks mva, ingen avtale")
    assert value_of(reply) == 480_000


@pytest.mark.parametrize(("text", "months"), [
    ("38 500 pr semester i 6 semestre", 36),
    ("kvartalsvis faktura i 8 kvartaler", 24),
    ("to halvår", 12),
])
def test_lengths_counted_in_other_periods(text: str, months: int):
    found = find_duration(text)
    assert found is not None and found.value == months


@pytest.mark.parametrize(("text", "value"), [
    ("Selbu: vikar via byrå, dagspris 4 000 kr i 12 dager, eks mva, ingen avtale", 48_000),
    ("Tydal: støttekontakt, ukespris 6 500 kr i 30 uker, eks mva, ingen avtale", 195_000),
    ("Meråker: rådgiver, timesats 900 kr, 50 timer eks mva, ingen avtale", 45_000),
    ("Frosta: fyringsolje, literprisen 15 kr, 2 000 liter eks mva, ingen avtale", 30_000),
])
def test_price_words_formed_from_a_unit(text: str, value: float):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("lydtekniker til konsert i Frosta, 22 timer timepris 950, eks mva, ingen avtale", 20_900),
    ("Tydal: energirådgiver, timepris 950, anslår 200 timer, eks mva, ingen avtale", 190_000),
    ("Selbu: maskinfører, dagsats 7 200 i 10 dager eks mva, ingen avtale", 72_000),
])
def test_a_plain_number_after_a_price_word_is_money(text: str, value: float):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("Stjørdal: konsulent for 3 skoler, 12 timer per skole, 1 000 kr timen eks mva, "
     "ingen avtale", 36_000),
    ("Holtålen: 20 ansatte, 2 kurs hver à 3 000 kr eks mva, ingen avtale", 120_000),
    ("Meråker: GIS-konsulent skal digitalisere 6 gamle planer, ca 14 timer pr plan, "
     "890 kr timen eks mva, ingen avtale", 74_760),
])
def test_a_count_per_counted_thing_is_multiplied(text: str, value: float):
    assert value_of(ask(text)) == value


def test_a_count_written_with_x_before_the_noun():
    facts = understand("40 x snøskuffer @ 429 kr inkl mva").facts
    assert facts["quantity"].value["count"] == 40 and facts["value"].value == 429


def test_plain_numbers_listed_beside_priced_lines_are_parts():
    reply = ask("Tydal helsesenter skal utstyre kjøkkenet: 2 ovner à 50 000, 1 kjøleskap til "
                "30 000 og montering 15 000, eks mva, ingen avtale")
    assert value_of(reply) == 145_000


@pytest.mark.parametrize(("first", "then", "months"), [
    ("Service på pusteluftutstyret i Holtålen, 48 000 kr pr år eks mva i 2 år, ingen avtale",
     "kan vi legge inn opsjon på 2 år til?", 48),
    ("Selbu: institusjonsplass, 175 000 kr pr mnd eks mva i 1 år, ingen avtale",
     "institusjonen vil ha inn opsjon på 6 mnd forlengelse, vi godtar det", 18),
    ("Frosta: drift av skolens nettsider, 3 000 kr mnd eks mva i 3 år, ingen avtale",
     "legg til en opsjon på ett år", 48),
])
def test_a_follow_up_that_changes_the_terms_keeps_the_purchase(first: str, then: str,
                                                               months: int):
    reply = ask(first, then)
    assert reply.decision is not None
    assert reply.decision.purchase.months_counted == months


def test_a_corrected_option_replaces_the_one_before():
    reply = ask("Selbu: SOC-tjeneste, 64 000 kr pr år eks mva, 4 år, ingen avtale",
                "og så opsjon på 2 år til", "nei vent, opsjon på 1 år til, ikke 2")
    assert value_of(reply) == 320_000


@pytest.mark.parametrize("text", [
    "Tolk i Holtålen, ca 60 timer à 850 kr. Vi vet det er avtale, men vil heller bruke "
    "en frilanstolk vi kjenner.",
    "Selbu barnehage: matvarer for 11 000 kr mnd i 12 mnd, ikke via matvareavtalen",
    "Frosta: fly og hotell til 12 ansatte, ca 4 800 pr person. Vi booker selv på nett.",
    "Stjørdal: rengjøringsmidler for 40 000 eks mva, vil kjøpe fra lokal grossist som er "
    "billigere, ikke fra avtaleleverandøren",
])
def test_buying_around_an_agreement_in_force_is_outside_it(text: str):
    reply = ask(text, day=date(2025, 3, 1))
    assert reply.facts.get("outside_agreement") is not None
    assert reply.facts["outside_agreement"].value is True
    assert reply.decision is not None
    assert "avtalelojalitet" in {d.code for d in reply.decision.documentation} | {
        w.code for w in reply.decision.warnings}


@pytest.mark.parametrize("text", [
    "Tolk i Holtålen, ca 60 timer à 850 kr, vi vil heller bruke avtalen",
    "Kveldsarbeid utenom arbeidstid for vaktmester i Tydal, 30 000 kr",
])
def test_no_bypass_where_none_is_said(text: str):
    reply = ask(text, day=date(2025, 3, 1))
    outside = reply.facts.get("outside_agreement")
    assert outside is None or outside.value is False


@pytest.mark.parametrize(("text", "value"), [
    ("Stjørdal: førstehjelpskurs, 40 ansatte, kursholder tar 1 500 kr per deltaker, "
     "ingen avtale", 60_000),                       # people name each other
    ("Selbu har 3 skoler, og hver skole skal ha 4 nye projektorer. Stykkpris 9 000 kr eks "
     "mva, ingen avtale", 108_000),                  # "hver X" before the count
    ("Tydal teknisk: vernetøy til 12 ansatte. Per ansatt: 2 bukser à 900 og 1 jakke à 2 000 "
     "eks mva, ingen avtale", 45_600),               # a header over the whole list
    ("Frosta: klær til 10 ansatte: 2 bukser à 1 000 og 1 par sko à 1 500 per person, eks "
     "mva, ingen avtale", 35_000),                   # the list closes with "per person"
    ("Meråker: 20 nettbrett à 5 000 kr og deksler à 300 stk (ett deksel per nettbrett), eks "
     "mva, ingen avtale", 106_000),                  # a count said after its price
])
def test_counts_per_group_and_per_person(text: str, value: float):
    assert value_of(ask(text)) == value


def test_a_price_word_may_be_followed_by_its_source():
    reply = ask("Holtålen: 5 stk skap, stykkprisen fra leverandøren er 7 000 kr eks mva, "
                "ingen avtale")
    assert value_of(reply) == 35_000


def test_the_answer_names_the_counted_thing_not_its_adjective():
    reply = ask("Stjørdal barnehage har 6 avdelinger, og hver avdeling trenger 2 nye "
                "stellebord. Stykkpris 10 000 kr eks mva, ingen avtale")
    assert reply.decision is not None
    assert "2 stellebord × 6 avdelinger" in (reply.decision.purchase.arithmetic or "")


def test_buying_elsewhere_answers_the_agreement_offered():
    first = "Ålen barnehage i Holtålen skal bestille matvarer til sommerfesten, ca 7 800 kr."
    reply = ask(first, "Vi kjøper heller på butikken i Ålen, den er nærmere.",
                day=date(2024, 6, 24))
    assert reply.facts["outside_agreement"].value is True
    assert reply.decision is not None and reply.decision.purchase.value_excl_vat == 7_800


def test_asking_about_an_ended_agreement_keeps_the_purchase():
    reply = ask("Stjørdal vei og park: arbeidsbukser til 22 ansatte, 2 bukser à 1 150 kr per "
                "person, eks mva", "Kan vi bruke arbeidstøyavtalen til dette?",
                day=date(2025, 8, 4))
    assert value_of(reply) == 50_600
    assert reply.facts["framework"].value is False  # EKS-2021-006 ended 31.05.2025
    assert any("EKS-2021-006" in n for n in reply.notices)


def test_goods_named_daily_are_no_daily_rate():
    facts = understand("Frosta helsetun: julebestilling på dagligvarer, rundt 48 000 kr").facts
    assert facts["value"].value == 48_000


@pytest.mark.parametrize(("text", "value"), [
    ("Stjørdal skole: ekstern konsulent, kostnaden ligger i intervallet kr 110 000 – 140 000 "
     "eks mva, ingen avtale", 140_000),              # a range with one end worded: the top
    ("Tydal barnevern: tiltaksplass, døgnprisen ligger mellom 7 800 og 8 400 kr eks mva, "
     "120 døgn, ingen avtale", 1_008_000),           # a price range times a count
    ("Frosta VA: 1.150 stk à kr 1.480,- eks.mva, vannmålere, ingen avtale", 1_702_000),
    ("Frosta rådhus: 30 skjermer (27 tommer) à 2 790 eks. mva, ingen avtale", 83_700),
    ("Meråker omsorgssenter trenger 8 bærbare PC-er, ca 10 500 stk eks mva, ingen avtale",
     84_000),                                        # "N stk" after a counted thing: each
    ("Holtålen skole: programvare, 71 250 kr per skoleår eks mva i 3 år, ingen avtale",
     213_750),                                       # a school year is a year
])
def test_ranges_asides_and_number_forms(text: str, value: float):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize(("text", "months"), [
    ("kjøpte 6 måneders avlastning for et barn, 145 000 kr i måneden", 6),
    ("Leieperioden er 3 år, og kommunen kan forlenge ett år av gangen, maksimalt to ganger",
     60),
    ("Initial term 36 months, with an option to renew 12 months, twice", 60),
    ("kontrakt 1 år, kan forlenges 6 mnd om gangen inntil 4 ganger", 36),
])
def test_lengths_written_as_genitives_and_repeated_options(text: str, months: int):
    found = find_duration(text)
    assert found is not None and found.value == months


@pytest.mark.parametrize("text", [
    "5 års garanti på utstyret, 40 000 kr",       # a genitive without a periodic price
    "avtale i 2 år, 3 ganger i uka",               # a frequency, not a repeated option
])
def test_no_length_where_none_is_meant(text: str):
    found = find_duration(text)
    assert found is None or found.value == 24


@pytest.mark.parametrize(("turns", "value"), [
    (("Tydal helsesenter trenger 6 stk sengebord, 4 980 kr stk inkl mva, ingen avtale",
      "sorry, det er 4 980 EKS mva, ikke inkl"), 29_880),           # the price restated
    (("Halsen skole i Stjørdal skal ha nye stoler, 120 stk à 1 150 kr eks mva, ingen avtale",
      "SFO skal være med også, så det blir 165 stoler totalt. Samme stykkpris."), 189_750),
    (("Meråker: prosjektleder, 1 150 kr/t eks mva, ca 600 timer, ingen avtale",
      "Vi har fått nytt tilbud: timeprisen ble 1 290, antall timer er det samme."), 774_000),
    (("Frosta: regnskapsbistand, 96 000 kr i året eks mva, 2 år + opsjon 1+1, ingen avtale",
      "Vi dropper opsjonene likevel."), 192_000),
])
def test_follow_ups_that_restate_or_change_price_count_and_options(turns: tuple[str, ...],
                                                                   value: float):
    assert value_of(ask(*turns)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("Fra budsjett 2025, Stjørdal kommune: Ansvar 3100 | Art 12000 | Inventar, Lånke skole | "
     "312 000 eks mva, ingen avtale", 312_000),     # account codes are no amounts
    ("Regnskapslinje Frosta: 'Lekeapparater, årsbudsjett 2024: 180 000'. Tilbud på nytt "
     "huskestativ til 176 500 eks mva, ingen avtale", 176_500),  # the offer, not the budget
    ("Tydal: ny vannledning, strekningen er 1 350 m, enhetspris ca kr 2.850,- pr lm eks mva, "
     "dimensjon 160 mm, ingen avtale", 3_847_500),  # the unit after a generic price word
])
def test_codes_budgets_and_generic_price_words(text: str, value: float):
    assert value_of(ask(text)) == value


def test_an_article_in_a_follow_up_is_no_new_count():
    reply = ask("Selbu ungdomsskole trenger 60 nettbrett til elevene, 4 300 kr stykket eks mva",
                "vi bruker en annen leverandør, vi har fått et bedre tilbud fra en nettbutikk",
                day=date(2025, 3, 1))
    assert value_of(reply) == 258_000


@pytest.mark.parametrize(("text", "value"), [
    ("Frosta barnehage: matvarer for høsten, ca 9 000 kr i mnd eks mva fra august til "
     "desember, ingen avtale", 45_000),              # months without a year
    ("Tydal kommune: 15 bærbare pc-er og 15 skjermer til rådhuset. pc 11 200 kr og skjerm "
     "2 400 kr, eks mva, ingen avtale", 204_000),    # parts priced by what was counted
    ("tydal barnehage trenger nye barnestoler, 40 a 1150 kr eks mva, ingen avtale", 46_000),
    ("Stjørdal: BPA for en bruker, 30 timer i uka hele året, 465 kr/t eks mva, ingen avtale",
     725_400),                                       # "hele året" is a year
    ("Frosta: «Rehab. kommunal vei, asfalt og grøfting, 2 850' eks mva», ingen avtale",
     2_850_000),                                     # thousands after grouped digits
    ("Meråker: rammeavtale på håndverkertjenester, 3 delkontrakter: elektro ca 1,1 mill, rør "
     "ca 850' og snekker ca 1,4 mill eks mva", 3_350_000),  # lots named, not counted
])
def test_more_forms_of_counts_prices_and_lengths(text: str, value: float):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("Frosta: advokat, 1 850 kr pr. time ekskl. mva og anslår 180 timer, ingen avtale",
     333_000),                                       # "pr." is no sentence end
    ("Selbu barnehager: frukt levert hver uke, ca 38 000 kr per halvår eks mva, i 3 år "
     "(6 halvår), ingen avtale", 228_000),           # the amount's own period, said again
    ("Frosta brannvesen: 12 sett røykdykkerutstyr, 23 500 kr settet eks mva, ingen avtale",
     282_000),                                       # the definite of what was counted
    ("Stjørdal: gressklipping av parker, 410 000 kr per sommer eks mva, avtalen skal gå 2 "
     "somre med opsjon på 2 til, ingen avtale", 1_640_000),
    ("Tydal: badevakt, 78 000 kr per badesesong eks mva, 3 sesonger, ingen avtale", 234_000),
    ("Frosta skole må ha skyss til svømming, 54 000 pr skoleår eks mva, og vi vil ha avtale "
     "for 3 skoleår, ingen avtale", 162_000),
    ("Tydal: konsulenttimer innen plan og byggesak, ca 1 500 timer pr år i 2 år, timepris "
     "1 150 eks mva, ingen avtale", 3_450_000),
])
def test_seasons_definites_and_periods_said_near_their_amount(text: str, value: float):
    assert value_of(ask(text)) == value


@pytest.mark.parametrize(("turns", "months"), [
    (("Frosta: henting av avfall, 22 500 kr per kvartal eks mva i 4 år, ingen avtale",
      "vi ønsker også opsjon på forlengelse i inntil 2 år (1+1)"), 72),  # (1+1) restates 2 år
    (("Stjørdal: skoleskyss, 185 000 kr mnd eks mva, kontrakt 2 år, ingen avtale",
      "legg til opsjon på 1 år", "og enda ett år, altså 2+1+1"), 48),    # "altså": the whole
])
def test_lengths_said_again_are_not_added(turns: tuple[str, ...], months: int):
    reply = ask(*turns)
    assert reply.decision is not None and reply.decision.purchase.months_counted == months


@pytest.mark.parametrize("text", [
    "Meråker: i november 2025 ble det kjøpt vernesko for 64 000 kr hos sportsbutikken. "
    "var det greit?",                                # the passive is a past purchase
])
def test_a_passive_purchase_is_controlled(text: str):
    reply = ask(text, day=date(2025, 12, 1))
    assert reply.decision is not None and "Kontroll av et gjennomført kjøp" in reply.markdown


def test_bought_in_a_shop_is_outside_an_agreement_in_force():
    reply = ask("Frosta: i februar 2025 kjøpte vi 18 nettbrett à 4 990 kr inkl. mva i en "
                "vanlig butikk. var det ok?", day=date(2025, 3, 1))
    assert reply.facts["outside_agreement"].value is True


@pytest.mark.parametrize(("text", "value"), [
    ("Frosta: lønnsmedarbeider via byrå, 20 t/uke i 26 uker. timepris 780 eks mva, ingen "
     "avtale", 405_600),                             # hours per week over weeks
    ("hei! skal bestille 12 hev/senk-pulter til selbu ungdomsskole a 7 450,- eks mva, ingen "
     "avtale", 89_400),                              # a noun with a slash
    ("Holtålen skole, innkjøp til sløydsalen:\n- 4 søyleboremaskiner, 18 900 pr. stk.\n- 10 "
     "høvelbenker, 7 400 kr/stk\n- 1 båndsag 46 000\nalt eks mva, ingen avtale", 195_600),
    ("rehab av selbu helsesenter: delkontrakt 1 maling 340 000, delkontrakt 2 gulv 520 000, "
     "delkontrakt 3 elektro 275 000, eks mva", 1_135_000),   # lot numbers are no counts
    ("meråker: konsulent i tre faser - forprosjekt 180' + hovedprosjekt 640' + evaluering "
     "95' eks mva, ingen avtale", 915_000),          # thousands, not quotes
    ("Holtålen teknisk: 2 lagercontainere. Pris er 2 800 kr mnd per container eks mva, "
     "leieperiode 2 år, ingen avtale", 134_400),     # "per container" / "lagercontainere"
])
def test_lists_lots_and_per_week_rates(text: str, value: float):
    assert value_of(ask(text)) == value


def test_a_follow_up_that_adds_lines_keeps_the_lines_before():
    reply = ask("Frosta skole trenger 25 pulter à 2 900 og 25 stoler à 1 450 eks mva, ingen "
                "avtale", "og 2 kateter à 6 800 i tillegg")
    assert value_of(reply) == 122_350


def test_not_using_the_agreement_supplier_is_buying_outside_it():
    reply = ask("trenger tørkepapir og såpe til alle bhg i selbu, ca 145 000 eks mva totalt",
                "vi bruker ikke avtaleleverandøren, har fått bedre pris hos en annen",
                day=date(2025, 3, 1))
    assert reply.facts["outside_agreement"].value is True


@pytest.mark.parametrize(("text", "value"), [
    ("Hjertestartere à 14 900,- eks mva, vi trenger 40 stykker til idrettsanleggene i "
     "Stjørdal kommune, ingen avtale", 596_000),     # the count after the price
    ("Nye avfallsbeholdere 240 liter à 890 kr ekskl. mva, vi trenger 2 800 til "
     "hentesordningen i Holtålen, ingen avtale", 2_492_000),  # a size is no count
    ("Kulturskolen i Stjørdal vil kjøpe tjue digitalpianoer á kr 7 990 eks mva, ingen "
     "avtale", 159_800),                             # counts in words
    ("Frosta skole skal bytte elevpulter i 6 klasserom, femten pulter i hvert rom. Kr. 2 340 "
     "per pult eks mva, ingen avtale", 210_600),
    ("Holtålen barnevern kjøpte 3 måneder à 210 000 kr pr mnd eks mva, ingen avtale",
     630_000),                                       # a length before a monthly price
    ("Stjørdal: grasklipping av parkene, 210 000 pr sommer eks mva, for sommeren 2025, 2026 "
     "og 2027, ingen avtale", 630_000),              # listed years
    ("Selbu: renhold av paviljongen, 38 000 kr per semester eks mva, fra og med "
     "vårsemesteret 2025 til og med høstsemesteret 2026, ingen avtale", 152_000),
    ("Holtålen: IT-drift av skolenettet, 175 000 per skoleår eks mva, skoleårene 2025/26, "
     "2026/27, 2027/28 og 2028/29, ingen avtale", 700_000),
    ("Stjørdal: renholdstjenester, tre delkontrakter: skoler 1,6 mill, barnehager 0,9 mill, "
     "rådhus 0,75 mill – alle tall pr år eks mva. Avtalen går i 4 år, ingen avtale",
     13_000_000),                                    # every part per year
    ("Tydal brannstasjon: 2 motorsager (9 800 stk), 1 lensepumpe 24 500, 6 håndlykter à "
     "1 200, eks mva, ingen avtale", 51_300),
    ("Holtålen: avlastning, tre delkontrakter:\n1) avlastningsbolig for barn 1,2 mill\n2) "
     "avlastning for voksne 850 000\n3) avlastning i hjemmet 400' eks mva, ingen avtale",
     2_450_000),                                     # a numbered list
])
def test_counts_after_prices_listed_years_and_numbered_lists(text: str, value: float):
    assert value_of(ask(text)) == value


def test_not_this_but_that_corrects_a_length():
    reply = ask("Frosta: leasing av 12 skrivere, 980 kr pr. md. per maskin eks mva, 5 år, "
                "ingen avtale", "Rettelse: ikke 5 år, men 4 år. Og så vil vi ha opsjon på "
                "12 måneder i tillegg.")
    assert reply.decision is not None and reply.decision.purchase.months_counted == 60


@pytest.mark.parametrize(("text", "value"), [
    ("tydal brannvesen vil kjøpe fire snøscootere, stykket 168 500 eks mva, ingen avtale",
     674_000),                                       # "stykket" before the price
    ("kontorstoler til frosta rådhus: 30 stk. x kr 4.990,- eks mva, ingen avtale", 149_700),
    ("Frosta rådhus må fylle opp lageret: 3 dusin tonerkassetter á 1 150 eks mva", 41_400),
])
def test_each_before_the_price_abbreviations_and_dozens(text: str, value: float):
    assert value_of(ask(text, day=date(2025, 3, 1))) == value


def test_a_price_per_a_thing_not_counted_asks_how_many_then_takes_the_count():
    first = ask("Vi trenger nye stoler til personalrommet på Haltdalen skole i Holtålen, "
                "2 490 per stol eks mva, ingen avtale")
    assert first.decision is None
    assert value_of(ask("Vi trenger nye stoler til personalrommet på Haltdalen skole i "
                        "Holtålen, 2 490 per stol eks mva, ingen avtale", "18 stk")) == 44_820


def test_a_first_price_takes_the_count_said_before():
    reply = ask("30 chromebooks til 5. trinn på haltdalen skole", "ca 4 500 stk eks mva",
                day=date(2025, 3, 1))
    assert reply.decision is not None and reply.decision.purchase.value_excl_vat == 135_000


@pytest.mark.parametrize(("first", "then"), [
    ("Selbu kommune: 50 nettbrett til barnehagene, 4 200 kr/stk.",
     "Avtalen gikk ut i fjor sommer, men vi kan vel fortsatt bruke den?"),
    ("40 PC-er til Ålen skole i Holtålen, 7 800 pr stk.", "Bruk avtalen vi har med Eksempel IKT."),
])
def test_using_an_ended_agreement_is_answered_with_its_end(first: str, then: str):
    reply = ask(first, then, day=date(2026, 1, 10))
    assert reply.decision is not None and reply.decision.procedure.code != "avrop"
    assert any("gikk ut 31.08.2025" in n for n in reply.notices)
