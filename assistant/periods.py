"""Time in purchase descriptions: period of an amount, contract duration with
options, and the date the rules are applied on.

"12 000 kr per måned", "5000 kr mnd", "mndl." -> period month; "i året", "årlig",
"per sesong", "pr vinter" -> year; "i kvartalet" -> quarter; "i uka" -> week (the
words: knowledge/quantity_units.yaml);
"i 4 år", "36 måneder", "2+1+1 år", "2 år med opsjon på 1 + 1 år" -> duration in
months, options included; "i 2024", "per 1. mars 2026", "2026-07-01" -> a date.
Each finder returns the value with the words it came from and their span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain

from rules.model import PERIOD_MONTHS

SMALL_NUMBERS: dict[str, int] = {
    "en": 1, "ett": 1, "et": 1, "ei": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
    "nitten": 19, "tjue": 20, "tjuefire": 24, "tretti": 30, "trettiseks": 36, "førti": 40,
    "førtiåtte": 48, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90,
}
_SMALL = "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
_COUNT = rf"(?:\d+(?:[.,]5)?|{_SMALL})"
_YEAR_UNIT = (r"(?:år(?:s|ene)?|\w*sesong(?:er|ene)?|vintr(?:e|ene|a)|vintere?|somre|sommer|years?|"
              r"seasons?|skoleår(?:ene)?|barnehageår(?:ene)?|juler)\b")
"""Years, or seasons and winters counted as years (snow clearing: "i tre vintre")."""
_MONTH_UNIT = r"(?:måned(?:er|ers|s)?|mnd\.?|md\.?|mndr|months?)(?![a-zæøå])"

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12,
}


@dataclass(frozen=True)
class Found:
    value: object
    source: str
    start: int
    end: int


def _count(word: str) -> float:
    word = word.lower()
    if word in SMALL_NUMBERS:
        return SMALL_NUMBERS[word]
    return float(word.replace(",", "."))


@lru_cache(maxsize=1)
def _period_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per period, from knowledge/quantity_units.yaml: "per måned", "i året",
    "kr i mnd" (after "i" only the forms listed as `after_i`: "i år" is this year),
    "/mnd", "5000 kr mnd", "mndl.", "årlig", "månedsleie", "pr vinter"
    (a season counts one a year)."""
    from assistant.unit_words import alternatives, load_unit_words

    end = r"(?![\wæøå])"
    patterns = []
    for period, words in load_unit_words().periods.items():
        per = alternatives(words.per)
        if period == "year":  # "pr vintersesong", "per badesesong": a season, once a year
            per = rf"(?:{per}|[^\W\d_]+sesong(?:en)?)"
        after_i = alternatives(words.after_i)
        patterns.append((period, re.compile(
            rf"\b(?:per|pr\.?|hver|hvert|om|à)\s*{per}{end}|\bi\s+{after_i}{end}"
            rf"|/\s*{per}{end}|(?:(?<![\wæøå])(?:kr|nok|tusen|mill\w*)\.?|,-)\s*{per}{end}"
            rf"|\b{alternatives(words.adjective)}{end}|\b{alternatives(words.price)}{end}",
            re.IGNORECASE)))
    return patterns


OTHER_PERIOD_RE = re.compile(
    r"\b(?:per|pr\.?|i|hver|om)\s+(?:dag(?:en)?|døgn(?:et)?|time[n]?|halvår(?:et)?)\b"
    r"|/\s*(?:dag|døgn|time|t)\b|\bdaglig(?:e|t)?\b|\btimepris\w*|\bdagpris\w*", re.IGNORECASE)
"""Rates the estimate cannot multiply without a count (hour, day, half-year): ask."""


def find_other_period(text: str) -> Found | None:
    match = OTHER_PERIOD_RE.search(text)
    return Found(match.group(0), match.group(0), match.start(), match.end()) if match else None


PRICE_PERIOD_WITHIN = 30
"""Characters after an amount within which a period is the amount's own ("38 000 kr per
halvår"), before one said of something else earlier ("levert hver uke")."""


def find_period(text: str, amount_end: int | None = None) -> Found | None:
    """The period an amount is stated per (week, month, quarter, year), or None for a total.
    With `amount_end`, a period right after the amount goes first."""
    found: list[Found] = []
    for period, pattern in _period_patterns():
        for match in pattern.finditer(text):
            found.append(Found(period, match.group(0), match.start(), match.end()))
    if not found:
        return None
    if amount_end is not None:
        own = [f for f in found if 0 <= f.start - amount_end <= PRICE_PERIOD_WITHIN]
        if own:
            return min(own, key=lambda f: f.start)
    return min(found, key=lambda f: f.start)


_PLUS_RE = re.compile(
    rf"\b(\d+(?:\s*\+\s*\d+)+)\s*(?:({_YEAR_UNIT})|({_MONTH_UNIT}))"
    rf"|(?<![\d.,])\b(\d(?:\s*\+\s*\d)+)\b(?!\s*(?:[\d+]|[.,]\d|%|prosent|kr\b|mill|tusen))",
    re.IGNORECASE)
""""2+1+1 år", "24+12 mnd", and a bare "2+1+1" (one-digit parts: years, as buyers write)."""
_SINGLE_RE = re.compile(
    rf"(?<![\d.,+])\b({_COUNT})\s*(?:-\s*)?(?:({_YEAR_UNIT})|({_MONTH_UNIT}))", re.IGNORECASE)
_TIMES_RE = re.compile(
    rf"(?<![\d.,+])\b({_COUNT})\s*(?:x|×|\*|ganger)\s*({_COUNT})\s*(?:-\s*)?"
    rf"(?:({_YEAR_UNIT})|({_MONTH_UNIT}))", re.IGNORECASE)
""""forlengelse 2 x 1 år" (24), "3 ganger 6 mnd" (18): so many lengths of one size."""
_BARE_OPTION_RE = re.compile(
    rf"\b(?:opsjon\w*|forleng\w*)\s+(?:på|med|i)?\s*(?:inntil\s+)?({_COUNT})\s+"
    rf"(?:til|ekstra|mer)\b", re.IGNORECASE)
""""med opsjon på 2 til": an option in the unit of the length said before it."""
_REPEATED_RE = re.compile(
    rf"(?<![\d.,+])\b(?P<n>{_COUNT})\s*(?:-\s*)?(?:(?P<years>{_YEAR_UNIT})|{_MONTH_UNIT})"
    rf"(?:\s+(?:av|om)\s+gangen|\s+hver\s+gang)?[,\s]*(?:\w+\s+){{0,3}}?"
    rf"(?:(?:maks\w*|inntil|opptil|høyst|up\s+to)\s+)?"
    rf"(?:(?P<times>{_COUNT})\s*(?:ganger|times)|(?P<twice>twice|to\s+ganger))\b"
    rf"(?!\s*(?:i|per|pr\.?|hver|om|a)\s+(?:uk|måned|mnd|år|dag|døgn|week|month|year))",
    re.IGNORECASE)
""""forlenge ett år av gangen, maksimalt to ganger" (24), "renew 12 months, twice" (24):
one length repeated."""
_OPTION_RE = re.compile(r"\bopsjon\w*|\bforlengelse\w*|\bforleng\w*|\boptions?\b|\bextension\w*"
                        r"|\brenew\w*|\bextend\w*",
                        re.IGNORECASE)
_HALF_YEAR_RE = re.compile(
    rf"\b(?:(?P<whole>\d+|{_SMALL})\s+og\s+)?(?:et|ett)\s+halvt\s+år\b|\bhalvannet\s+år\b",
    re.IGNORECASE)
""""et halvt år" (6), "ett og et halvt år", "halvannet år" (18), "to og et halvt år" (30)."""
_YEARS_ADJ_RE = re.compile(rf"\b(\d+|{_SMALL})-?årig\w*", re.IGNORECASE)
_NEXT_RE = re.compile(
    rf"\b(?:(?:det|den|de)\s+(?:(?:neste|kommende|nærmeste|første)\s+(?:({_COUNT})\s+)?"
    rf"|({_COUNT})\s+(?:neste|kommende|første)\s+)"
    r"(?:(år(?:et|ene)|\w*sesongen(?:e)?|vinteren|vintrene)|(måneden(?:e)?))"
    r"|hele\s+(?:(?:neste|kommende|dette)\s+)?(?:(år(?:et)?|sesong(?:en)?|vinter(?:en)?)"
    r"|(måned(?:en)?)))\b", re.IGNORECASE)
""""det neste året" (12), "de neste tre årene", "de kommende 6 månedene", "hele neste
år", "hele året" (12): a length (a bare "neste år" says when, not how long)."""


OPEN_ENDED = "uten_sluttdato"
"""The duration value of a contract with no end date (counted as 48 months, FOA § 5-4)."""
_OPEN_ENDED_RE = re.compile(
    r"\b(?:uten|ingen)\s+(?:fast\s+)?(?:slutt-?dato|sluttidspunkt|utløpsdato|tidsbegrensning)\b"
    r"|\b(?:løpende|tidsubestemt|tidsubegrenset)\s+(?:avtale|kontrakt|abonnement)\w*"
    r"|\bpå\s+ubestemt\s+tid\b|\binntil\s+videre\b",
    re.IGNORECASE)


def find_open_ended(text: str) -> Found | None:
    """A contract with no end date ("uten sluttdato", "løpende avtale", "inntil videre")."""
    match = _OPEN_ENDED_RE.search(text)
    if not match:
        return None
    return Found(OPEN_ENDED, match.group(0), match.start(), match.end())


_PLUS_BETWEEN_RE = re.compile(r"\s*\+\s*$")
"""Between two lengths that add up: "2 år + 1 + 1 år"."""
_OPTION_AFTER_RE = re.compile(r"\s*(?:opsjon|forlengelse)", re.IGNORECASE)
"""An option word right after a length ("1 års opsjon")."""


@lru_cache(maxsize=1)
def _other_lengths() -> tuple[tuple[re.Pattern[str], float], ...]:
    """Lengths counted in quarters or half-years ("i 6 semestre": 36 months, "8 kvartaler":
    24), from the periods' count words in knowledge/quantity_units.yaml; years and months
    have patterns of their own, weeks are no whole months."""
    from assistant.unit_words import alternatives, load_unit_words

    found = []
    for period, words in load_unit_words().periods.items():
        if period in ("week", "month", "year"):
            continue
        found.append((re.compile(
            rf"(?<![\d.,+])\b({_COUNT})\s*{alternatives(words.count)}(?![\wæøå])",
            re.IGNORECASE), PERIOD_MONTHS[period]))
    return tuple(found)


def find_options(text: str) -> int:
    """Months of the duration stated after an option word ("2 år med opsjon på 1+1 år": 24;
    "og med opsjon på ett år til": 12), 0 when none."""
    option = _OPTION_RE.search(text)
    if not option:
        return 0
    parts = _duration_parts(text)
    whole = _restated(text, parts)
    return sum(int(p.value) for p in parts  # type: ignore[arg-type]
               if (p.start > option.start() or _OPTION_AFTER_RE.match(text, p.end))
               and p is not whole)


def find_duration(text: str) -> Found | None:
    """Contract length in months, options and extensions included. A genitive length
    ("6 måneders avlastning") counts when an amount is per period and no other length is
    stated ("… 145 000 kr i måneden"), not otherwise ("5 års garanti")."""
    parts = _duration_parts(text) or (
        _duration_parts(text, genitive=True) if find_period(text) else [])
    if not parts:
        return None
    total = _restated(text, parts)
    if total is not None:  # "og enda ett år, altså 2+1+1": the whole length, said again
        return total
    added = all(_PLUS_BETWEEN_RE.match(text, a.end, b.start)
                for a, b in zip(parts, parts[1:], strict=False))
    if len(parts) > 1 and (_OPTION_RE.search(text) or added):
        total = sum(int(p.value) for p in parts)  # type: ignore[arg-type]
        source = text[parts[0].start:parts[-1].end]
        return Found(total, source, parts[0].start, parts[-1].end)
    return parts[0]


_RESTATED_RE = re.compile(
    r"\b(?:altså|dvs\.?|det\s+vil\s+si|totalt|til\s+sammen|tilsammen|i\s+alt|samlet)"
    r"\s*:?\s*(?:på\s+|er\s+)?$", re.IGNORECASE)
ASIDE_RE = re.compile(r"\([^()]*\)")
"""An aside in brackets ("i 3 år (6 halvår)", "30 skjermer (27 tommer) à 2 790")."""


def _restated(text: str, parts: list[Found]) -> Found | None:
    """A length said as the whole after "altså"/"totalt" ("…, altså 2+1+1"), or None."""
    return next((p for p in parts if (said := _RESTATED_RE.search(text, 0, p.start))
                 and p.start - said.start() < 20), None)


def _without_restatements(text: str, parts: list[Found]) -> list[Found]:
    """Without a length in brackets that says the one before it again ("i inntil 2 år
    (1+1)", "i 3 år (6 halvår)")."""
    asides = [m.span() for m in ASIDE_RE.finditer(text)]
    kept: list[Found] = []
    for part in parts:
        inside = any(s < part.start < e for s, e in asides)
        if inside and kept and kept[-1].value == part.value:
            continue
        kept.append(part)
    return kept


def _duration_parts(text: str, genitive: bool = False) -> list[Found]:
    """Every stated length in the text, in order (`genitive`: "6 måneders X" too)."""
    return _without_restatements(text, _all_duration_parts(text, genitive))


def _all_duration_parts(text: str, genitive: bool = False) -> list[Found]:
    parts: list[Found] = []
    taken: list[tuple[int, int]] = []
    for match in _PLUS_RE.finditer(text):
        bare = match.group(4)
        total = sum(int(n) for n in re.split(r"\s*\+\s*", match.group(1) or bare))
        months = total * 12 if match.group(2) or bare else total
        parts.append(Found(months, match.group(0), match.start(), match.end()))
        taken.append(match.span())
    for match in _REPEATED_RE.finditer(text):
        said = text[match.start():match.start("times") if match.group("times") else match.end()]
        if "gang" not in said.lower() and \
                not _OPTION_RE.search(text, max(0, match.start() - 40), match.start()):
            continue  # "2 år, 3 ganger i uka": no option repeated ("av gangen", "to ganger" are)
        times = 2 if match.group("twice") else _count(match.group("times"))
        length = _count(match.group("n")) * times
        months = length * 12 if match.group("years") else length
        parts.append(Found(int(round(months)), match.group(0), match.start(), match.end()))
        taken.append(match.span())
    for match in _TIMES_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        length = _count(match.group(1)) * _count(match.group(2))
        months = length * 12 if match.group(3) else length
        parts.append(Found(int(round(months)), match.group(0), match.start(), match.end()))
        taken.append(match.span())
    for match in _YEARS_ADJ_RE.finditer(text):  # "treårig avtale"
        parts.append(Found(int(_count(match.group(1)) * 12), match.group(0), match.start(),
                           match.end()))
        taken.append(match.span())
    for match in _NEXT_RE.finditer(text):
        said = match.group(1) or match.group(2)  # "de neste tre årene", "de tre neste …"
        count = _count(said) if said else 1
        years = match.group(3) or match.group(5)
        parts.append(Found(int(round(count * 12 if years else count)), match.group(0),
                           match.start(), match.end()))
        taken.append(match.span())
    for match in _HALF_YEAR_RE.finditer(text):
        whole = 1 if match.group(0).lower().startswith("halvannet") else (
            _count(match.group("whole")) if match.group("whole") else 0)
        parts.append(Found(int(whole * 12 + 6), match.group(0), match.start(), match.end()))
        taken.append(match.span())
    for pattern, months_each in _other_lengths():
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e in taken):
                parts.append(Found(int(round(_count(match.group(1)) * months_each)),
                                   match.group(0), match.start(), match.end()))
                taken.append(match.span())
    for match in _SINGLE_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if match.group(1).lower() in ("en", "ett", "et") and \
                _RATE_BEFORE_RE.search(text[:match.start()]):
            continue  # "per ett år", "80 timer i en måned" is a period, not a length
        if _AGE_BEFORE_RE.search(text[:match.start()]) or _AGE_AFTER_RE.match(text, match.end()):
            continue  # "barn i alderen 1-5 år", "10 år gamle maskiner": ages, not lengths
        if not genitive and _GENITIVE_RE.search(match.group(0)) and not _CONTRACT_AFTER_RE.match(
                text, match.end()):
            continue  # "18 års erfaring", "5 års garanti": not how long the contract runs
        count = _count(match.group(1))
        months = count * 12 if match.group(2) else count
        parts.append(Found(int(round(months)), match.group(0), match.start(), match.end()))
    for match in _BARE_OPTION_RE.finditer(text):  # "2 somre med opsjon på 2 til"
        earlier = sorted((p for p in parts if p.end <= match.start()), key=lambda f: f.start)
        if earlier and not any(s <= match.start(1) < e for s, e in taken):
            yearly = re.search(_YEAR_UNIT, earlier[-1].source, re.IGNORECASE)
            months = _count(match.group(1)) * (12 if yearly else 1)
            parts.append(Found(int(round(months)), text[match.start(1):match.end()],
                               match.start(1), match.end()))
    parts.sort(key=lambda f: f.start)
    return parts


_AGE_BEFORE_RE = re.compile(
    r"(?:\balder\w*\s+(?:på\s+|fra\s+|mellom\s+|under\s+|over\s+)?"
    r"|\b(?:bruker|person|pasient|beboer|barn|gutt|jente|mann|kvinne|elev|ungdom)\w*\s+på\s+)"
    r"(?:\d+\s*(?:[-–]|til|og)\s*)?$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"\s*(?:gaml\w*|gammel)\b", re.IGNORECASE)
_GENITIVE_RE = re.compile(r"(?:års|måneders|mnds)$", re.IGNORECASE)
_CONTRACT_AFTER_RE = re.compile(
    r"\s*(?:[.,;:!?)]|$|(?:ramme|service|leie|drifts|vedlikeholds)?(?:avtale|kontrakt)\w*|"
    r"varighet\w*|periode\w*|opsjon\w*|forlengelse\w*|leie\w*|leasing\w*|abonnement\w*|"
    r"bindingstid\w*|løpetid\w*|lisens\w*|drift\w*|tid\b|oppdrag\w*|engasjement\w*|"
    r"med\b|og\b|\+)", re.IGNORECASE)
"""After "N års": the contract's own words ("3 års avtale", "1 års opsjon"), or nothing."""
_RATE_BEFORE_RE = re.compile(
    r"(?:\b(?:per|pr\.?|hvert)|(?:\d|\bkr\.?|\bkroner)\s*(?:[^\W\d_]+\s+)?i)\s*$",
    re.IGNORECASE)
"""Before "ett år": a period ("per ett år", "80 timer i en måned", "650 kr i en uke");
"i ett år" after anything else is how long ("avtale i ett år", "…, i ett år")."""
_ISO_RE = re.compile(r"\b(20\d{2}|19\d{2})-(\d{1,2})-(\d{1,2})\b")
_DOTTED_RE = re.compile(
    r"\b(\d{1,2})[./](\d{1,2})[./-]((?:19|20)\d{2}|[2-3]\d)(?!\d|[.,]\d)")
""""15.01.2024", "01.08.26" (two-digit years 20-39 are 2020-2039), "1/8-2026"."""
_MONTH_YEAR_RE = re.compile(
    r"\b(?:i|fra|fom\.?|f\.o\.m\.?|per|pr\.?|innen|start|oppstart)\s+("
    + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+((?:19|20)\d{2})\b",
    re.IGNORECASE)
"""A month and year ("fra august 2026"): the first day of the month."""
_END_DATE_RE = re.compile(
    r"(?:\b(?:til|fram\s+til|frem\s+til|tom\.?|t\.o\.m\.?|utløper|slutter|ut)\s*)$",
    re.IGNORECASE)
"""A date after "til"/"utløper" is when the contract ends, not the day the rules apply."""
_NAMED_RE = re.compile(
    r"\b(\d{1,2})\.?\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_YEAR_RE = re.compile(
    r"\b(?:i|fra|per|pr\.?|år|innen|høsten|våren|sommeren|vinteren|i løpet av)"
    r"\s+((?:19|20)\d{2})\b",
    re.IGNORECASE)
YEAR_DEFAULT_MONTH_DAY = (7, 1)
"""A bare year ("i 2024") is read as 1 July that year; the reply says so."""


_MONTH_ALONE_RE = re.compile(
    r"\b(?:i|fra|per|pr\.?|i\s+begynnelsen\s+av|i\s+slutten\s+av|i\s+løpet\s+av)\s+("
    + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b(?!\.?\s*(?:19|20)\d{2})",
    re.IGNORECASE)
_LAST_YEAR_RE = re.compile(r"\bi\s+fjor\b|\bforrige\s+år\b", re.IGNORECASE)


def find_past_date(text: str, today: date) -> Found | None:
    """For a purchase already made: a month without a year ("i april") is its last
    occurrence up to `today`; "i fjor" is 1 July last year."""
    match = _MONTH_ALONE_RE.search(text)
    if match:
        month = MONTHS[match.group(1).lower()]
        year = today.year if month <= today.month else today.year - 1
        if _LAST_YEAR_RE.search(text):
            year = today.year - 1
        return Found(date(year, month, 1), match.group(0), match.start(), match.end())
    match = _LAST_YEAR_RE.search(text)
    if match:
        return Found(date(today.year - 1, *YEAR_DEFAULT_MONTH_DAY), match.group(0),
                     match.start(), match.end())
    return None


def _date_of(groups: tuple[str, ...], order: str) -> date | None:
    try:
        if order == "ymd":
            return date(int(groups[0]), int(groups[1]), int(groups[2]))
        if order == "My":
            return date(int(groups[1]), MONTHS[groups[0].lower()], 1)
        a, b, c = groups
        year = int(c) + 2000 if len(c) == 2 else int(c)
        if order == "dmy":
            return date(year, int(b), int(a))
        return date(year, MONTHS[b.lower()], int(a))
    except ValueError:
        return None


_DATE_FORMS = ((_ISO_RE, "ymd"), (_DOTTED_RE, "dmy"), (_NAMED_RE, "dMy"), (_MONTH_YEAR_RE, "My"))


def _full_dates(text: str) -> Iterator[Found]:
    """Dates with a month written, form by form (not an end date: "avtalen løper til …")."""
    for pattern, order in _DATE_FORMS:
        for match in pattern.finditer(text):
            if _END_DATE_RE.search(text[:match.start()]):
                continue
            day = _date_of(match.groups(), order)
            if day:
                yield Found(day, match.group(0), match.start(), match.end())


def _years(text: str) -> Iterator[Found]:
    for match in _YEAR_RE.finditer(text):
        yield Found(date(int(match.group(1)), *YEAR_DEFAULT_MONTH_DAY), match.group(0),
                    match.start(), match.end())


def find_dates(text: str) -> list[Found]:
    """Every date written in the text, in order (a full date before a year it holds)."""
    found: list[Found] = []
    for candidate in chain(_full_dates(text), _years(text)):
        if not any(f.start < candidate.end and candidate.start < f.end for f in found):
            found.append(candidate)
    return sorted(found, key=lambda f: f.start)


def find_date(text: str) -> Found | None:
    """The first full date of the text (form by form), else its first year, or None."""
    return next(_full_dates(text), None) or next(_years(text), None)
