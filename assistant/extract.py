"""Facts of a purchase read from Norwegian text, each with the words it came from.

`understand(text)` finds: value (or a unit price with its quantity,
assistant/quantities.py), VAT, period, duration (options included, and how many
months of it are options), category, municipality, an existing agreement
(rammeavtale/avrop) or buying outside one ("utenfor avtalen", "heller fra en
lokal butikk"), a new framework agreement being set up, related earlier purchases
(for the splitting check), a purchase already made (judged on its date), a date
for the rules, and a plain yes/no. Contradictions ("inkl. og eks. mva", "30 stk à
6000, totalt 100 000"), negative and mistyped amounts are reported as notices
instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.amounts import Amount, find_amounts
from assistant.category import match_category
from assistant.date_ranges import find_date_range
from assistant.model import Fact
from assistant.parts import listed_parts
from assistant.periods import (
    OPEN_ENDED,
    Found,
    find_dates,
    find_duration,
    find_open_ended,
    find_options,
    find_other_period,
    find_period,
)
from assistant.places import find_municipality
from assistant.quantities import (
    Count,
    UnitPrice,
    find_counts,
    find_unit_prices,
    find_weeks_length,
    named_count,
    stated_totals,
    with_plain_prices,
)
from rules.formatting import kr, number

_TAX = r"(?:mva|moms|merverdiavgift|vat)\b"
INKL_RE = re.compile(
    rf"\b(?:inkl\w*|ink|inklusive?|inkludert|medregnet|med|m/|incl\w*|including)\s*\.?\s*{_TAX}"
    rf"|(?<!eks )(?<!eks\. )(?<!ekskl )(?<!ekskl\. )(?<!ex )(?<!uten )\b{_TAX}\s*"
    rf"(?:inkl\w*|inkludert|medregnet)\.?(?!\s*[a-zæøå])|\bbrutto\b"
    rf"|(?<=\d)\s*(?:mill\w*|tusen|k|kr|kroner)?\.?\s+inkl(?![\w.]*\s*(?:mva|moms))\.?"
    rf"(?=\s*(?:[,;!?]|\.\s|\.?$))",
    re.IGNORECASE)
""""mva inkl." closes the amount; "eks mva inkl. programmering" includes something else;
a bare "inkl"/"eks" closing an amount counts too ("ca 1,4 mill eks", "45k inkl.")."""
EKS_RE = re.compile(
    rf"(?<!f\.)\b(?:eks\w*|ekl\w*|esk\w*|ex\w*|uten|u/|før|fratrukket)\s*\.?\s*{_TAX}"
    rf"|(?:\+|\bpluss)\s*{_TAX}|\b{_TAX}\s*(?:kommer\s+)?(?:i\s+tillegg|kommer\s+på)"
    rf"|\bnetto\b"
    rf"|(?<=\d)\s*(?:mill\w*|tusen|k|kr|kroner)?\.?\s+eks(?:kl)?(?![\w.]*\s*(?:mva|moms))\.?"
    rf"(?=\s*(?:[,;!?]|\.\s|\.?$))",
    re.IGNORECASE)
"""Typos ("ekls", "eskl"), English ("excl. VAT") and "netto"/"brutto" are read too."""
VAT_BOTH_RE = re.compile(
    rf"\b(?:inkl\w*|eks\w*)\.?\s*(?:og|eller|/|\+|&)\s*(?:inkl\w*|eks\w*)\.?\s*{_TAX}",
    re.IGNORECASE)
VAT_ALONE_RE = re.compile(
    r"^\s*(?:(?P<inkl>inkl\w*|inklusive?|inkludert|med)|(?P<eks>eks\w*|ekskl\w*|uten|ex))"
    rf"\.?\s*(?:{_TAX})?\s*[.!]?\s*$", re.IGNORECASE)

_AGREEMENT = r"(?:ramme)?avtale\w*"
_PARTICLES = r"(?:(?:jo|nok|vel|visst|faktisk|allerede|også|egentlig|da)\s+)*"
"""Modal particles an orderer puts in ("vi har jo avtale", "har faktisk ikke noen avtale")."""
NO_AGREEMENT_RE = re.compile(
    rf"\b(?:ingen|ikke\s+noen|ikke|uten|mangler|har\s+(?:vi\s+)?{_PARTICLES}ikke(?:\s+noen)?|finnes\s+ikke(?:\s+noen)?)"
    rf"\s+(?:gjeldende\s+|eksisterende\s+|aktiv\s+)?{_AGREEMENT}"
    rf"|\b{_AGREEMENT}\s+(?:mangler|finnes\s+ikke)|\b{_AGREEMENT}\s*[:=]\s*(?:nei|ingen)\b"
    rf"|\bno\s+agreement\b"
    rf"|\b(?:avtalen|den)\s+(?:dekker|passer|har)\s+ikke\b", re.IGNORECASE)
BYPASS_RE = re.compile(
    rf"\b(?:utenfor|utenom|forbi|istedenfor|isteden\s+for|i\s+stedet\s+for|framfor|fremfor)"
    rf"\s+(?:å\s+\w+\s+(?:på\s+)?)?(?:den\s+|vår\s+)?(?:eksisterende\s+|gjeldende\s+)?"
    rf"{_AGREEMENT}"
    rf"|\bikke\s+(?:å\s+)?(?:bruke|avrope\s+på|bestille\s+på|handle\s+på|kjøpe\s+på)\s+"
    rf"(?:den\s+|vår\s+)?"
    rf"{_AGREEMENT}"
    rf"|\b(?:heller|i\s+stedet|isteden|selv)\b[^.?!]*\b(?:fra|hos|på|i)\s+(?:en\s+|et\s+|den\s+)?"
    rf"(?:annen|andre|lokal\w*|egen|nærmeste)?\s*"
    rf"\w*(?:butikk|leverandør|forhandler|firma|bedrift|handel)\w*"
    rf"|\b(?:fra|hos|på)\s+(?:en\s+|et\s+|den\s+|det\s+)?(?:annen|andre|lokal\w*|egen)\s+"
    rf"\w*(?:butikk|leverandør|forhandler|firma|bedrift|handel|grossist)\w*"

    rf"|\b(?:kjøp|handl|bestill)\w*\s+(?:\w+\s+)?(?:heller|i\s+stedet|isteden)\b"
    # "vil heller bruke en frilanstolk", "heller booke selv" (not "heller bruke avtalen")
    rf"|\b(?:heller|i\s+stedet|likevel)\s+(?:\w+\s+)?(?:kjøp|handl|bestill|bruk|book|lei|velg|benytt)"
    rf"\w*(?![^.?!]*{_AGREEMENT})"
    # "vi trenger ikke reisebyrået": the agreement's supplier declined
    rf"|\b(?:trenger|vil\s+ha|ønsker|tar)\s+(?:vi\s+)?ikke\s+(?:den\s+|det\s+)?"
    rf"[\wæøå-]+(?:byrået|leverandøren|avtalen|firmaet|grossisten)\b"
    # "vi bruker ikke avtaleleverandøren", "vil ikke bestille på avtalen"
    rf"|\b(?:bruk|benytt|handl|bestill|kjøp|book)\w*\s+(?:vi\s+|jeg\s+)?ikke\s+(?:\w+\s+){{0,2}}?"
    rf"(?:den\s+|vår\s+)?[\wæøå-]*avtale[\wæøå]*"
    # "ikke via matvareavtalen", "ikke fra avtaleleverandøren": the agreement's channel refused
    rf"|\bikke\s+(?:\w+\s+){{0,2}}?(?:via|gjennom|på|fra|hos|med|over)\s+"
    rf"(?:den\s+|vår\s+|denne\s+)?[\wæøå-]*avtale[\wæøå]*"
    # "utenom reisebyrået", "i stedet for leverandøren": around a named supplier
    rf"|\b(?:utenom|forbi|istedenfor|i\s+stedet\s+for|isteden\s+for|fremfor|framfor"
    rf"|heller\s+enn)\s+(?:den\s+|det\s+|vår\s+|vårt\s+)?[\wæøå-]+(?:en|et|a|ene|na)\b"
    # "vi booker selv på nett"
    rf"|\b(?:book|bestill|kjøp|handl)\w*\s+(?:\w+\s+)?selv\s+(?:på|fra|hos|i)\s+"
    rf"(?:nett\w*|\w*butikk\w*)"
    # "vi har reisebyråavtale, men har funnet billigere på nett og vil bestille der"
    rf"|\w*{_AGREEMENT}[^.?!]{{0,60}}?\bmen\b[^.?!]*?\b(?:billigere|rimeligere|"
    rf"(?:kjøpe|bestille|handle)\s+(?:der|det|den|dem)|annet\s+sted|andre\s+steder|"
    rf"annen\s+(?:leverandør|butikk|nettside|nettbutikk|forhandler))\b", re.IGNORECASE)
"""Buying outside an existing agreement: "utenfor avtalen", "i stedet for rammeavtalen",
"vi vil heller kjøpe fra en lokal butikk" (a breach of agreement loyalty, Strategi 2.2.2)."""
_NAMED_AGREEMENT = r"(?:[\wæøå]+-?)?(?:rammeavtalen|avtalen)"
"""An agreement in the definite form, also as the head of a compound ("pc-avtalen",
"tolkeavtalen"): one that exists."""
AGREEMENT_RE = re.compile(
    rf"\bavrop\w*|\b(?:på|fra|via|gjennom|under|etter)\s+(?:en\s+|vår\s+|den\s+)?"
    rf"(?:eksisterende\s+|gjeldende\s+)?(?:{_NAMED_AGREEMENT}|rammeavtale|avtale)\b"
    rf"|\b(?:bruker|bruke|bruk|benytter|benytte|benytt)\s+(?:oss\s+av\s+)?(?:den\s+|vår\s+)?"
    rf"{_NAMED_AGREEMENT}\b"
    # "Avtalen gikk ut i fjor, men kan vi fortsatt bruke den?": the agreement, by a pronoun
    rf"|\b{_NAMED_AGREEMENT}\b[^?!]*?\b(?:bruke|benytte|avrope\s+på|bestille\s+på)\s+"
    rf"(?:den|denne)\b"
    rf"|\b(?:har|finnes|eksisterende|gjeldende)\s+(?:vi\s+)?{_PARTICLES}(?:en\s+)?"
    rf"(?:eksisterende\s+)?"
    rf"{_AGREEMENT}|\b{_AGREEMENT}\s*[:=]\s*ja\b", re.IGNORECASE)
SHOP_RE = re.compile(
    r"\b(?:i|hos|på|fra)\s+(?:en\s+|et\s+|den\s+)?(?:\w+\s+)?\w*butikk(?:en)?\b",
    re.IGNORECASE)
"""Bought in a shop ("kjøpte … i en elektronikkbutikk", "hos sportsbutikken"): outside an
agreement the register has, unless the text says it was ordered on the agreement."""
NEW_FRAMEWORK_RE = re.compile(
    r"\b(?:ny|nye|inngå\w*|etablere\w*|lyse\s+ut|utlys\w*|konkurranse\s+om|anskaffe)\s+"
    r"(?:en\s+)?rammeavtale\w*|\brammeavtale\w*\s+(?:skal|som\s+skal)\s+(?:inngås|lyses)",
    re.IGNORECASE)
YES_RE = re.compile(r"^\s*(?:ja|jepp|jo|japp|yes|stemmer|korrekt|riktig|det\s+gjør\s+vi)\b",
                    re.IGNORECASE)
NO_RE = re.compile(r"^\s*(?:nei|nope|niks|no)\b", re.IGNORECASE)
PAST_RE = re.compile(
    r"\b(?:kjøpte|kjøpt|handlet|handla|bestilte|bestilt|tidligere|i\s+fjor|forrige|allerede"
    r"|kjøpa)\b", re.IGNORECASE)
RETROSPECTIVE_RE = re.compile(
    r"\b(?:var\s+(?:det|dette|kjøpet|det\s+her)\s+(?:riktig|rett|lov|lovlig|greit|ok|korrekt"
    r"|i\s+orden|feil)|burde\s+(?:vi|jeg|de|dere|kommunen|enheten|man)|skulle\s+(?:vi|jeg|de|man)"
    r"\s+(?:ha|heller)|gjorde\s+(?:vi|jeg|de)\s+(?:det\s+)?(?:riktig|rett|feil)"
    r"|har\s+(?:vi|jeg|de)\s+gjort\s+(?:det\s+)?(?:riktig|rett|feil)|brudd\s+på"
    r"|hva\s+(?:skal|må|bør)\s+(?:vi|jeg)\s+gjøre|(?:melde|rapportere)\s+(?:det|avvik\w*|brudd\w*)"
    r"|hva\s+(?:nå|da|skjer\s+(?:nå|da|videre)|gjør\s+(?:vi|jeg)\s+(?:nå|da|med\s+det)"
    r"|er\s+konsekvensen\w*)"
    r"|uten\s+(?:konkurranse|anbud|å\s+(?:spørre|kontakte|gå\s+via|gå\s+gjennom)))",
    re.IGNORECASE)
"""A question about a purchase already made ("var det riktig gjort?", "burde vi …",
"hva nå?"), or a past purchase made without what it needed ("kjøpte … uten konkurranse")."""
PAST_BUY_RE = re.compile(
    r"\b(?:kjøpte|har\s+kjøpt|handlet|har\s+handlet|bestilte|har\s+bestilt|inngikk|har\s+inngått"
    r"|anskaffet|har\s+anskaffet|leide|har\s+leid"
    r"|ble\s+(?:det\s+)?(?:kjøpt|bestilt|handlet|anskaffet|leid|inngått))\b", re.IGNORECASE)
""""kjøpte", "har bestilt", and the passive "ble det kjøpt": a purchase already made."""
NOW_BUY_RE = re.compile(
    r"\b(?:trenger|skal|vil|ønsker|planlegger|nå|neste|fremover|framover)\b", re.IGNORECASE)
RANGE_JOIN_RE = re.compile(r"^\s*(?:-|–|til|og)\s*$", re.IGNORECASE)
BUY_RE = re.compile(
    r"\b(?:kjøp\w*|trenger|bestill\w*|anskaff\w*|leie\w*|leasing|skaffe|handle|ny\w*\s+\w+|"
    r"skal\s+ha|innkjøp\w*|avrop\w*|rammeavtale\w*|ombygg\w*|bygg\w*)", re.IGNORECASE)
_CLAUSE_SPLIT_RE = re.compile(
    r"(?<=[.;!?])\s+|,\s+|\s+men\s+|\s+og\s+(?=(?:vi|nå|så|i\s+tillegg|det)\b)", re.IGNORECASE)


@dataclass
class Understanding:
    """What one message says about the purchase."""

    facts: dict[str, Fact] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    yes_no: bool | None = None
    unclear_value: str | None = None
    vat_conflict: bool = False
    buying: bool = False
    """The text speaks of buying something (a purchase description or a question about one)."""
    retrospective: bool = False
    """The text asks about a purchase already made: judged on the rules of its date."""
    bypass: str | None = None
    """Words saying the buyer means to buy elsewhere ("heller fra en lokal butikk")."""
    negative_value: str | None = None
    """The words of an amount written with a minus (asked about, never flipped)."""
    price_without_count: UnitPrice | None = None
    """A price per unit with no count in the message ("timeprisen ble 1 290"): in a
    follow-up it takes the count of the purchase on the table."""
    options_dropped: str | None = None
    """Words that drop the options ("vi dropper opsjonene likevel")."""

    def has(self, slot: str) -> bool:
        return slot in self.facts


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for sep in _CLAUSE_SPLIT_RE.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = " "
    return "".join(chars)


DATED_RE = re.compile(
    r"\b(?:kjøp\w*|bestill\w*|anskaff\w*|innkjøp\w*|inngå\w*|avtale\w*|kontrakt\w*|"
    r"lever(?!andør)\w*|oppstart\w*|start\w*|leie\w*|avrop\w*|konkurranse\w*|anbud\w*|"
    r"terskel\w*|grense\w*|regl\w*|regelverk\w*|gjeld\w*|per|pr|dato)\b", re.IGNORECASE)
"""Words that make a date in their sentence the purchase's (or the rules') date: "vi skal
kjøpe i mars 2027", "per 01.09.2026", "hva var terskelverdien i 2023"."""
_WORDED_RE = re.compile(r"[^\d\s.,]")
"""An amount written with a word or sign of money, not digits alone."""
SHORT_ANSWER_WORDS = 6
"""A message this short with a date is the date asked for ("samme, men 1. februar 2024")."""
_SENTENCE_END_RE = re.compile(r"[!?;:()]|\.(?=\s|$)")


def _sentence_of(text: str, start: int, end: int) -> str:
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, 0, start)]
    after = _SENTENCE_END_RE.search(text, end)
    return text[ends[-1] if ends else 0:after.start() if after else len(text)]


def _purchase_date(text: str, dates: list[Found], retrospective: bool,
                   value_at: int | None) -> Found | None:
    """Of the text's `dates`, the one the purchase is judged on. Of a purchase made: the
    date in the sentence that says it was bought ("i mars 2025 kjøpte vi"), else the
    first. Else a date in a sentence about the purchase (a word of buying, or its amount:
    the one at `value_at`, any when the value is not known) or the rules, not about an
    earlier one ("sist vi kjøpte var i 2019") or something else ("maskinene er fra 2009",
    "frist 01.03.2025")."""
    if not dates:
        return None
    if len(text.split()) <= SHORT_ANSWER_WORDS:
        return dates[0]
    sentences = [(d, _sentence_of(text, d.start, d.end)) for d in dates]
    if retrospective:
        return next((d for d, s in sentences if PAST_BUY_RE.search(s)), dates[0])
    value_sentence = _sentence_of(text, value_at, value_at) if value_at is not None else None

    def about_the_amount(found: Found, sentence: str) -> bool:
        if value_sentence is not None:  # the amount that counts is the purchase's own
            return sentence == value_sentence
        return _has_money(sentence.replace(found.source, " "))

    return next((d for d, s in sentences if not PAST_RE.search(s) and (
        DATED_RE.search(s) or about_the_amount(d, s))), None)


def _has_money(sentence: str) -> bool:
    """The sentence states an amount: it describes the purchase ("stoler for 90 000 kr i 2024")."""
    return any(a.money for a in find_amounts(sentence))


def _pick_value(text: str, amounts: list[Amount], notices: list[str]) -> Amount | None:
    """The purchase's amount: of several, those written as money ("7,6 mill", "180 000 kr")
    go before bare numbers ("1 100 meter grøft", "2 000 besøkende", "saksnr 24/1187");
    a range gives its top; else the first."""
    if not amounts:
        return None
    offered = [a for a in amounts if not BUDGET_RE.search(text[max(0, a.start - 40):a.start])]
    amounts = offered or amounts  # "årsbudsjett 180 000 … tilbud til 176 500": the offer
    worded = [a for a in amounts if _WORDED_RE.search(a.source)]
    ranges = [(a, b) for a, b in zip(amounts, amounts[1:], strict=False)
              if RANGE_JOIN_RE.match(text[a.end:b.start]) and (a in worded or b in worded)]
    amounts = worded or amounts  # "kr 110 000 – 140 000": a range with one end worded
    for first, second in ranges or zip(amounts, amounts[1:], strict=False):
        if RANGE_JOIN_RE.match(text[first.end:second.start]):
            notices.append(f"Beløpet er oppgitt som et spenn («{text[first.start:second.end]}»); "
                           f"jeg bruker det høyeste, {kr(max(first.value, second.value))}.")
            return first if first.value > second.value else second
    return amounts[0]


ALL_PER_RE = re.compile(
    r"\b(?:alle|alt|samtlige|begge)\b[^.;]{0,25}?\b(?:per|pr\.?|i|hvert)\s+"
    r"(?:år|året|måned\w*|mnd|kvartal\w*|halvår\w*)\b", re.IGNORECASE)
""""skoler 1,6 mill, barnehager 0,9 mill … – alle tall pr år": the parts are each per period."""
OPTIONS_DROPPED_RE = re.compile(
    r"\b(?:dropp\w*|fjern\w*|stryk\w*|kutt\w*|tar\s+bort|ta\s+bort|sløyf\w*|uten|ingen|ikke)"
    r"\s+(?:\w+\s+){0,2}?(?:opsjon\w*|forlengelse\w*)\b(?!\s+(?:på|til)\b)",
    re.IGNORECASE)
""""vi dropper opsjonene likevel", "uten opsjon": the length is without options."""
BUDGET_RE = re.compile(
    r"\b(?:\w*budsjett\w*|\w*kostnadsramme\w*|rammen?|bevilg\w*)\b(?:\s+\S+){0,3}?\s*[:=]?"
    r"\s*(?:på\s+|er\s+)?$",
    re.IGNORECASE)
"""Words before an amount that make it what may be spent, not what the purchase costs."""
NOT_THAT_RE = re.compile(
    r"(?:,|–|—|\s-|\bog)\s*ikke\s+(?:(?:kr\.?\s*)?\d[\d\s.,]*\d(?:\s*(?:kr|kroner|mill\w*|"
    r"tusen|k)\b)?|(?:kr\.?\s*)?\d(?:\s*(?:kr|kroner|mill\w*|tusen)\b)?|inkl\w*\.?(?:\s*mva)?|"
    r"eks\w*\.?(?:\s*mva)?|(?-i:[A-ZÆØÅ])[\wæøå]+(?![\wæøå-]))", re.IGNORECASE)
"""The old value a correction names: "7,9 mill, ikke 6,9", "110 000 eks mva, ikke inkl.",
"det er Selbu kommune, ikke Tydal" (a name: capitalised): not read; ", ikke via avtalen" is
read."""
NOT_BUT_RE = re.compile(
    r"\bikke\s+(?:[\d\s.,]+\s*(?:år|måneder|mnd|kr|kroner|mill\w*|tusen|stk|timer)?\.?"
    r"|(?-i:[A-ZÆØÅ])[\wæøå]+)\s*,?\s*(?=men\b)", re.IGNORECASE)
""""ikke 5 år, men 4 år", "ikke Tydal, men Selbu": the old value before "men", not read."""


def understand(text: str) -> Understanding:
    """Read the facts of a purchase from one message."""
    result = Understanding()
    facts = result.facts
    text = NOT_THAT_RE.sub(lambda m: " " * len(m.group(0)), text)
    text = NOT_BUT_RE.sub(lambda m: " " * len(m.group(0)), text)

    retrospective = bool(PAST_BUY_RE.search(text)) and bool(
        RETROSPECTIVE_RE.search(text) or not NOW_BUY_RE.search(text))
    date_range = find_date_range(text)  # "fra januar 2026 ut 2027": 24 months
    dates = find_dates(text)
    used: list[tuple[int, int]] = [(d.start, d.end) for d in dates]
    if date_range is not None:  # the contract's period, not when the purchase is made
        period_span = (date_range.start, date_range.end)
        dates = [d for d in dates if not _overlaps((d.start, d.end), [period_span])]
        used.append(period_span)
    duration = find_duration(_mask(text, used)) or date_range or find_open_ended(text)
    if duration and duration.value == OPEN_ENDED:
        facts["duration"] = Fact("duration", OPEN_ENDED, text[duration.start:duration.end])
        used.append((duration.start, duration.end))
    elif duration:
        facts["duration"] = Fact("duration", int(duration.value), text[duration.start:duration.end])
        used.append((duration.start, duration.end))
        options = find_options(_mask(text, used[:-1]))
        if re.search(r"\b(?:forleng\w*|utvid\w*)\s+(?:\w+\s+)?til\s+$", text[:duration.start],
                     re.IGNORECASE):
            options = 0  # "vi forlenger til 24 måneder": the new length, not 24 more
        if options:
            facts["option"] = Fact("option", options, text[duration.start:duration.end])

    # A question about a purchase made; a statement of an earlier purchase beside a new
    # one ("vi har allerede kjøpt for 60 000; nye stoler for 50 000") is the splitting check's.
    result.retrospective = retrospective
    related_spans = [] if result.retrospective else [  # with an amount: an earlier purchase
        c for c in _clauses(text) if PAST_RE.search(text[c[0]:c[1]])
        and re.search(r"\d", text[c[0]:c[1]])]
    amounts = [a for a in find_amounts(text) if not _overlaps((a.start, a.end), used)]
    main_amounts = [a for a in amounts if not _overlaps((a.start, a.end), related_spans)]
    main_text = _mask(text, related_spans) if related_spans else text
    main_amounts = with_plain_prices(main_text, main_amounts)  # "30 stoler à 890"

    unclear = [a for a in main_amounts if a.unclear]
    money = [a for a in main_amounts if a.money and not a.unclear and a.value > 0]
    unit_prices = find_unit_prices(main_text, money)
    unit_price = unit_prices[0] if unit_prices else None
    value = _pick_value(text, money, result.notices)
    period_text = main_text
    main_counts = find_counts(main_text, main_amounts)
    listable = [*money, *_plain_after(main_amounts, money, main_counts)]
    if unit_price is not None:
        value = _read_unit_price(main_text, money, unit_prices, result, listable)
        period_text = _mask(main_text, [s for u in unit_prices for s in u.spans])
    if unit_price is None and value is not None and (
            not find_period(main_text) or ALL_PER_RE.search(main_text)):
        value = _added_parts(main_text, listable, value, result)
    if value is not None and value.negative:
        result.notices.append(
            f"Beløpet «{value.source}» er negativt. Et kjøp har en verdi over null; "
            f"mente du {kr(value.value)}? Skriv beløpet uten minus.")
        result.negative_value = value.source
        value = None
    other_period = find_other_period(period_text)
    if value and unit_price is None and other_period and not find_period(main_text):
        result.notices.append(
            f"Beløpet er oppgitt «{other_period.source}»; jeg regner bare med beløp per måned, "
            "per år eller samlet for hele avtaleperioden. Oppgi beløpet på en av de måtene.")
        value = None
    if value is None and not unit_prices and main_counts:
        # "hva om det er 40 nettbrett?": a new count for the unit price on the table
        facts["count"] = Fact("count", {"count": main_counts[0].value,
                                        "kind": main_counts[0].kind},
                              text[main_counts[0].start:main_counts[0].end])
    date = _purchase_date(text, dates, retrospective, value.start if value else None)
    if date:
        facts["as_of"] = Fact("as_of", date.value.isoformat(), date.source)  # type: ignore[union-attr]
        if not re.search(r"\d{1,2}[.-]", date.source):
            result.notices.insert(0, f"«{date.source}» er lest som {date.value:%d.%m.%Y}; "
                                  "skriv en dato for et annet tidspunkt.")
    if value:
        facts["value"] = Fact("value", value.value, value.source)
    elif unclear:
        result.unclear_value = unclear[0].source
        result.notices.append(f"Jeg er usikker på beløpet «{unclear[0].source}»; "
                              "skriv det gjerne på nytt, for eksempel «60 000 kr».")

    related = _related(text, amounts, related_spans)
    if related:
        facts["related"] = related

    _read_vat(main_text, result)
    period = find_period(period_text, value.end if value is not None else None)
    if period and period.value == "week" and "quantity" in facts and "duration" not in facts:
        period = _over_weeks(period_text, period, facts)
    if period:
        facts["period"] = Fact("period", period.value, period.source)
        if re.search(r"sesong|vint|somm", period.source, re.IGNORECASE):
            result.notices.append(f"«{period.source}» er lest som én sesong per år.")

    category = match_category(main_text)
    if category:
        facts["category"] = Fact("category", category.category, category.source)
    place = find_municipality(text)
    if place:
        facts["municipality"] = Fact("municipality", place.name, place.source)
    _read_agreement(main_text, result)
    dropped = OPTIONS_DROPPED_RE.search(text)
    if dropped:
        result.options_dropped = dropped.group(0)
        facts.pop("option", None)

    if YES_RE.match(text):
        result.yes_no = True
    elif NO_RE.match(text):
        result.yes_no = False
    result.buying = bool(value or category or BUY_RE.search(main_text))
    return result


def _over_weeks(text: str, period: Found, facts: dict[str, Fact]) -> Found | None:
    """A count per week that runs so many weeks ("12 timer per uke i 26 uker à 1 300 kr"):
    the weeks multiply the count, as the rules multiply count × price, and the period is
    used up (months cannot hold 26 weeks exactly). Else the period as read."""
    length = find_weeks_length(text)
    if length is None or "more_lines" in facts:
        return period
    quantity = facts["quantity"]
    count, unit = quantity.value["count"], quantity.value["unit"]
    facts["quantity"] = Fact("quantity", {
        "count": count * length.value,
        "unit": f"{unit} ({number(count)} {unit} × {number(length.value)} uker)"},
        f"{quantity.source}; {period.source}; {text[length.start:length.end].strip()}")
    return None


PLAIN_PART_FROM = 100.0
"""A plain number listed as a part beside priced ones is read as money from this much."""


def _plain_after(amounts: list[Amount], money: list[Amount], counts: list[Count]
                 ) -> list[Amount]:
    """Plain numbers (no "kr") after the first money amount that count nothing: listed
    like the priced parts ("2 kombidampere à 186 000, 1 oppvaskmaskin til 245 000 og
    installasjon 60 000"), they are prices too (assistant/parts.py decides if they are)."""
    if not money:
        return []
    first = min(a.start for a in money)
    return [a for a in amounts if not a.money and not a.unclear and not a.negative
            and a.start > first and a.value >= PLAIN_PART_FROM
            and not any(c.start <= a.start < c.end for c in counts)]


def _added_parts(text: str, money: list[Amount], value: Amount, result: Understanding
                 ) -> Amount:
    """The first of amounts listed as parts of the purchase, the others as further lines
    of their own (the rules add them: "95 000 kr + 30 000 kr"); else the value as read."""
    parts = listed_parts(text, [a for a in money if a.start >= value.start], [])
    if not parts or parts[0] is not value:
        return value
    source = text[parts[0].start:parts[-1].end]
    counts = find_counts(text, money)
    lines = [_counted_line(text, part, counts) for part in parts]
    first = lines[0]
    result.facts["quantity"] = Fact("quantity", {"count": first["count"], "unit": first["unit"]},
                                    source)
    result.facts["more_lines"] = Fact("more_lines", lines[1:], source)
    return value


def _counted_line(text: str, part: Amount, counts: list[Count]) -> dict[str, Any]:
    """A listed part priced by the name of something counted earlier ("15 bærbare pc-er og
    15 skjermer. pc 11 200 kr og skjerm 2 400 kr"): that many at the price; else the
    amount alone."""
    item = ITEM_BEFORE_RE.search(text[:part.start])
    counted = named_count(text, part, [c for c in counts if c.end <= part.start], "piece",
                          within=1) if item else None
    if counted is None:
        return _own_line(part)
    return {"count": counted.value, "price": part.value, "unit": "stk"}


ITEM_BEFORE_RE = re.compile(r"(?<![\d.,])[^\W\d_][\w-]*\s*(?:ca\.?\s*|kr\.?\s*)*$",
                            re.IGNORECASE)
"""The word naming a listed part right before its amount ("skjerm 2 400 kr")."""


def _own_line(amount: Amount) -> dict[str, Any]:
    """A part with an amount of its own ("installasjon 45 000 kr"): one unit, no unit word
    (the rules write it as the amount alone)."""
    return {"count": 1.0, "price": amount.value, "unit": ""}


def _read_unit_price(text: str, money: list[Amount], unit_prices: list[UnitPrice],
                     result: Understanding, listable: list[Amount]) -> Amount | None:
    """The (first) unit price as the value, with its quantity and any further lines; None
    when a count is missing or a stated total disagrees with Σ quantity × price (asked
    about, not guessed)."""
    first = unit_prices[0]
    missing = next((u for u in unit_prices if u.quantity is None), None)
    if missing is not None:
        if len(unit_prices) == 1:
            result.price_without_count = missing
        result.notices.append(
            f"Prisen «{missing.source}» er per {missing.singular}; hvor mange "
            f"{missing.label} gjelder det? Oppgi antallet eller det samlede beløpet.")
        return None
    totals = stated_totals(text, money, first)
    fixed = [a for a in listed_parts(text, listable, unit_prices)  # "og installasjon 45 000"
             if a not in totals]
    product = sum(u.amount.value * (u.quantity or 0) for u in unit_prices) + sum(
        a.value for a in fixed)
    shown = " + ".join([*(f"{number(u.quantity or 0)} {u.label} × {kr(u.amount.value)}"
                          for u in unit_prices), *(kr(a.value) for a in fixed)])
    for total in totals:
        if total in [u.amount for u in unit_prices]:
            continue
        if abs(total.value - product) > max(1.0, 0.005 * total.value):
            result.notices.append(
                f"Teksten sier {shown} = {kr(product)}, men også «{total.source}» "
                f"({kr(total.value)}) totalt; jeg vet ikke hvilket som stemmer.")
            return None
    result.facts["quantity"] = Fact(
        "quantity", {"count": first.quantity, "unit": first.label}, first.source)
    if len(unit_prices) > 1 or fixed:
        result.facts["more_lines"] = Fact("more_lines", [
            *({"count": u.quantity, "price": u.amount.value, "unit": u.label}
              for u in unit_prices[1:]),
            *(_own_line(a) for a in fixed)],
            " / ".join([*(u.source for u in unit_prices[1:]), *(a.source for a in fixed)]))
    return first.amount


def _read_vat(text: str, result: Understanding) -> None:
    inkl, eks = INKL_RE.search(text), EKS_RE.search(text)
    alone = VAT_ALONE_RE.match(text)
    both = VAT_BOTH_RE.search(text)
    if both:
        result.vat_conflict = True
        result.notices.append(f"Teksten sier «{both.group(0)}»; jeg vet ikke hvilken som gjelder.")
    elif alone:
        vat = "inkl" if alone.group("inkl") else "eks"
        result.facts["vat"] = Fact("vat", vat, text.strip())
    elif inkl and eks:
        result.vat_conflict = True
        result.notices.append(f"Teksten sier både «{inkl.group(0)}» og «{eks.group(0)}».")
    elif inkl:
        result.facts["vat"] = Fact("vat", "inkl", inkl.group(0))
    elif eks:
        result.facts["vat"] = Fact("vat", "eks", eks.group(0))


def _read_agreement(text: str, result: Understanding) -> None:
    new = NEW_FRAMEWORK_RE.search(text)
    none = NO_AGREEMENT_RE.search(text)
    some = AGREEMENT_RE.search(text)
    bypass = BYPASS_RE.search(text) or (None if some else SHOP_RE.search(text))
    if new:
        result.facts["new_framework"] = Fact("new_framework", True, new.group(0))
    if bypass and none and bypass.start() <= none.start() < bypass.end():
        none = None  # "vi bruker ikke avtaleleverandøren": refused, not absent
    if bypass and not none:
        result.bypass = bypass.group(0)
        if re.search(_AGREEMENT, bypass.group(0), re.IGNORECASE):  # names the agreement itself
            result.facts["framework"] = Fact("framework", True, bypass.group(0))
            result.facts["outside_agreement"] = Fact("outside_agreement", True, bypass.group(0))
        return
    if none:
        result.facts["framework"] = Fact("framework", False, none.group(0))
    elif some and not new:
        result.facts["framework"] = Fact("framework", True, some.group(0))
    elif new:
        result.facts["framework"] = Fact("framework", False, new.group(0))


def _related(text: str, amounts: list[Amount], spans: list[tuple[int, int]]) -> Fact | None:
    """Earlier purchases of the same kind: amounts in clauses in the past tense."""
    values: list[dict[str, Any]] = []
    sources: list[str] = []
    for start, end in spans:
        clause = text[start:end]
        in_clause = [a for a in amounts if start <= a.start < end and a.money and not a.unclear]
        if not in_clause:
            continue
        vat = "inkl" if INKL_RE.search(clause) else "eks" if EKS_RE.search(clause) else None
        for amount in in_clause:
            values.append({"value": amount.value, "vat": vat})
        sources.append(clause.strip())
    if not values:
        return None
    return Fact("related", values, " / ".join(sources))
