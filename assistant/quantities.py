"""Unit prices and rates in purchase descriptions: which amount is the price of
one unit, how many units, and of what.

"30 nettbrett à 6000 kr" -> 6 000 kr per stk, 30 stk; "1200 kr timen, ca 300
timer" -> per time, 300 timer; "dagpris 9 000 kr, 20 dager"; "3 stk el-sykler
per stk 25 000 kr"; "6 000 kr mnd per bil" beside "4 biler". The words are
patterns of a kind (a number + a unit noun; a price marker; a rate unit), read
from knowledge/quantity_units.yaml. The multiplication is the rules' own
(rules/estimate.py); totals stated beside a unit price ("totalt 100 000") are
returned so the caller can compare them and ask when they disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.amounts import Amount, label_pattern, labelled
from assistant.periods import ASIDE_RE, SMALL_NUMBERS, find_period
from assistant.unit_words import Vocabulary, alternatives, load_unit_words
from rules.formatting import number

_END = r"(?![\wæøå])"
_NUMBER = (r"\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.,])|\d{1,3}(?:\.\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)?|"
           + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)))
_VAT = r"(?:(?:eks|ekskl|inkl|inkludert|uten|med|ex|excl|pluss|\+)\w*\.?\s*(?:mva|moms)\.?)"
_ABOUT = r"(?:ca\.?|cirka|omtrent|anslått|anslagsvis|rundt|ytterligere)"
_NOT_COUNTED = (
    r"(?:kr|kroner|nok|tusen|mill\w*|mrd|milliard\w*|mnok|prosent|år|året|årene|"
    r"måned\w*|mnd|md|mndr|kvartal\w*|sesong\w*|vint\w*|halvår\w*|og|i|til|på|per|pr|"
    r"for|med|av|som|er|eller|à|á|a|x|eks\w*|inkl\w*|mva|ca)")
"""Words after a number that are not what a quantity counts (money, durations,
function words)."""
TOTAL_RE = re.compile(
    r"\b(?:totalt|total\w*|til\s+sammen|tilsammen|samlet|i\s+alt|sum(?:men)?)"
    rf"(?:\s+(?:pris|beløp|verdi|kostnad))?\s*(?:på|er|blir|:|=)?\s*{_ABOUT}?\s*$",
    re.IGNORECASE)
"""Words before an amount that make it the stated total of the whole purchase."""


@dataclass(frozen=True)
class Count:
    value: float
    kind: str
    """piece, hour, day or week"""
    noun: str
    start: int
    end: int
    label: str | None = None
    """How the answer writes the unit when it is not the kind's ("vintre")."""


@dataclass(frozen=True)
class UnitPrice:
    amount: Amount
    """The price of one unit."""
    kind: str
    label: str
    """The unit as the answer writes it ("stk", "timer")."""
    singular: str
    """One unit ("stk", "time"), for a question about the count."""
    quantity: float | None
    """How many units; None: a rate whose count the text does not say."""
    source: str
    spans: tuple[tuple[int, int], ...]
    """The words read (marker, unit, count): not to be read again as a period."""


@dataclass(frozen=True)
class _Patterns:
    count: re.Pattern[str]
    period_count: re.Pattern[str]
    """"3 vintre", "4 år": counted only right before a price marker ("3 vintre à 150 000")."""
    markers: re.Pattern[str]
    price_before: dict[str, re.Pattern[str]]
    per_before: dict[str, re.Pattern[str]]
    per_after: dict[str, re.Pattern[str]]
    noun_after: re.Pattern[str]
    count_after: re.Pattern[str]
    """"6000 kr x 30 stk": a marker and a count right after the amount."""
    count_kinds: dict[str, str]
    each_only: frozenset[str]
    """Words that make an amount before them the price of one unit and never count
    ("165 000 stykket", "500 kr timen"), unlike "stk" ("1000 stk" counts)."""


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    vocab: Vocabulary = load_unit_words()
    period_words = alternatives([w for p in vocab.periods.values() for w in p.per])
    skip_period = rf"(?:(?:(?:per|pr\.?|/|i|hver)\s*)?{period_words}{_END}\s*)?"
    price_before, per_before, per_after = {}, {}, {}
    for kind, words in vocab.units.items():
        per = alternatives(words.per)
        bare = rf"|(?P<bare>{alternatives(words.each)}){_END}"
        price_before[kind] = re.compile(  # "timepris 950", "stykkpris fra leverandøren er"
            rf"\b{alternatives((*words.price, *words.each))}"
            rf"(?:\s+(?:fra|for|hos|til|i|på)\s+[^\W\d_]+){{0,2}}"
            rf"\s*(?:er|blir|ble|ligger\s+på|på|av|:|=)?\s*{_ABOUT}?\s*(?:kr\.?\s*)?"
            rf"(?:(?:ligger\s+)?(?:mellom|fra)\s+\d[\d .,]*\s*(?:kr\.?\s*)?(?:og|til|-|–)\s*)?$",
            re.I)  # "døgnprisen ligger mellom 7 800 og 8 400 kr": the top of the range
        per_before[kind] = re.compile(rf"(?:\b(?:per|pr\.?)\s*|/\s*){per}\s*:?\s*$", re.I)
        per_after[kind] = re.compile(
            rf"^\s*(?:{_VAT}\s*)?{skip_period}(?:{_VAT}\s*)?"
            rf"(?:(?:\b(?:per|pr\.?|hver)\s*|/\s*|\bi\s+(?=\w+(?:en|et|a)\b)){per}{_END}{bare})",
            re.I)
    count_forms = {form.rstrip("."): kind for kind, words in vocab.units.items()
                   for form in words.count}
    count = re.compile(
        rf"(?<![\w.,])(?P<n>{_NUMBER})(?![\wæøå])\s*"
        rf"(?:(?P<stk>stk|stykk|x|×)\.?\s+(?!{_NOT_COUNTED}{_END}))?"
        rf"(?P<noun>(?!{_NOT_COUNTED}{_END})[a-zæøåé][\wæøåé-]*"
        rf"(?:/(?!{period_words}{_END})[\wæøåé-]+)*)", re.I)  # "hev/senk-pulter", not "t/uke"
    marker_words = "|".join(map(re.escape, vocab.markers))
    markers = re.compile(rf"(?:^|\s|(?<=\d))(?:{marker_words})\s*$", re.I)
    period_counts = [w for p in vocab.periods.values() for w in p.count if p is not
                     vocab.periods["week"]]  # weeks are a unit of their own
    period_count = re.compile(
        rf"(?<![\w.,])(?P<n>{_NUMBER})(?![\wæøå])\s*(?P<noun>{alternatives(period_counts)})"
        rf"{_END}", re.I)
    count_after = re.compile(rf"^\s*(?:{_VAT}\s*)?(?:{marker_words})\s*(?P<n>\d+)(?![\d.,])"
                             rf"(?:\s*(?P<noun>[a-zæøå][\wæøå-]*))?", re.I)
    noun_after = re.compile(
        rf"^\s*(?:{_VAT}\s*)?{skip_period}(?:{_VAT}\s*)?(?:per|pr\.?|/)\s*"
        rf"(?!{period_words}{_END}|{_NOT_COUNTED}{_END}|[^\W\d_]*sesong)(?P<noun>[\wæøå-]+)",
        re.I)  # "per badesesong" is a period (assistant/periods.py), not a thing
    each_only = frozenset(w.lower().rstrip(".") for words in vocab.units.values()
                          for w in words.each) - set(count_forms)
    return _Patterns(count, period_count, markers, price_before, per_before, per_after,
                     noun_after, count_after, count_forms, each_only)


_ABBREVIATIONS = ("ca", "kr", "pr", "stk", "eks", "ekskl", "inkl")
"""Words written with a dot that ends no sentence ("ekskl. mva", "pr. stk", "kr.")."""
_NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{word})" for word in _ABBREVIATIONS)
_ABBREVIATED_RE = re.compile(rf"^\S*?\s*\b(?:{'|'.join(_ABBREVIATIONS)})\.", re.IGNORECASE)
""""30 stk. x kr 4.990,-": the dot of an abbreviation right after the count ends nothing."""
_DEFINITE_AFTER_RE = re.compile(
    rf"^\s*(?:kr\.?\s*)?(?:{_VAT}\s*)?(?P<word>[^\W\d_][\w-]*(?:et|en|a))\b(?!\s+\d)",
    re.IGNORECASE)
""""23 500 kr settet", "450 kr boksen": a definite singular of what was counted."""
STRONG_MARKERS = ("à", "á", "@")
"""Price markers that cannot mean anything but "each" (unlike "a" and "x")."""


def _number(word: str) -> float:
    word = re.sub(r"[ \u00a0]", "", word.lower())
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", word):
        word = word.replace(".", "")  # "1.150 stk": a dot before three digits groups thousands
    return float(SMALL_NUMBERS[word]) if word in SMALL_NUMBERS else float(word.replace(",", "."))


def find_counts(text: str, amounts: list[Amount]) -> list[Count]:
    """Numbers followed by what they count ("30 nettbrett", "12 stk", "ca 300 timer")."""
    pats = _patterns()
    found = []
    labels = label_pattern()
    for match in pats.count.finditer(text):
        if any(a.start <= match.start("n") < a.end and re.search(r"[^\d\s.,]", a.source)
               for a in amounts if a.money):
            continue  # money written as money ("6000 kr", "5k"); a bare "1000 stoler" counts
        if _AFTER_MARKER_RE.search(text[:match.start()]):
            continue  # "covers à 390 stk": a price after its marker, not a count
        if labelled(text, match.start("n"), labels):
            continue  # "delkontrakt 2 gulv", "rom 112": a number that names, not counts
        noun = match.group("noun").lower()
        if noun.rstrip(".") in pats.each_only:
            continue  # "165 000 stykket": a price of one, not a count
        kind = pats.count_kinds.get(noun.rstrip("."), "piece")
        if match.group("stk"):  # "12 stk skap", "40 x snøskuffer"
            kind = "piece"
        if kind == "occasion" and _COMPARED.match(text, match.end()):
            continue  # "2 ganger så mye": a comparison, not a count
        value = _number(match.group("n"))
        following = _NEXT_WORD_RE.match(text, match.end())
        if following and (noun in DOZENS or (kind == "piece" and noun in DESCRIBING)):
            # "3 dusin tonerkassetter": 36; "2 nye stellebord": the noun follows
            value *= DOZENS.get(noun, 1)
            noun = following.group(1).lower()
        found.append(Count(value, kind, noun, match.start(), match.end()))
    return _per_counted(text, found)


_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_][\w-]*)")
DOZENS = {"dusin": 12, "dusinet": 12, "snes": 20}
"""Words that count a number of items: "3 dusin tonerkassetter" is 36."""


DESCRIBING = frozenset({"ny", "nye", "nytt", "gamle", "gammel", "store", "stor", "små", "lille",
                        "brukte", "ekstra", "like", "ulike", "faste", "digitale", "elektriske",
                        "bærbare", "mobile"})
"""Adjectives between a count and its noun, so the answer names the thing ("2 stellebord")."""


_AFTER_MARKER_RE = re.compile(r"(?:^|\s)(?:à|á|@)\s*(?:kr\.?\s*)?$", re.IGNORECASE)
_PER_NOUN_RE = re.compile(
    r"\s*(?:pr\.?|per|(?:for|til|i|på)\s+hvert?)\s+(?P<noun>[^\W\d_][\w-]*)",
    re.IGNORECASE)
""""14 timer pr plan": a count per something the text counts elsewhere."""
_EACH_RE = re.compile(
    r"\s*(?:til|på|for)?\s*(?:hver|hvert)(?:\s+sin|\s+sitt|\s+av\s+dem)?"
    r"(?=\s*(?:[,.;:!?]|à|á|@|a\s|x\s|til\s|og\s|$))", re.IGNORECASE)
""""45 elever, 6 bøker hver": a count for each of the things counted just before."""
_EACH_BEFORE_RE = re.compile(
    r"\b(?:hver|hvert|per|pr\.?)\s+(?P<noun>[^\W\d_][\w-]*)\b"
    r"(?:\s+[^\W\d_][\w-]*){0,4}\s*(?P<colon>:)?\s*$", re.IGNORECASE)
""""4 skoler, og hver skole skal ha 2 hjertestartere", "Per ansatt: 1 jakke": a count for
each of a counted thing, said before it; after a colon it holds for the whole list."""
_PRICED_AFTER_RE = re.compile(
    r"[^.;!?\n]{0,40}?(?:(?:à|á|@)\s*\d|\d[\d .,]*\s*(?:kr\b|kroner|,-|k\b|mill))",
    re.IGNORECASE)
"""A price follows a count in its clause ("55 iPads til barnetrinnet, 4 890 kr stk")."""
_HEADER_RE = re.compile(r"\b(?:per|pr\.?|for\s+hver)\s+(?P<noun>[^\W\d_][\w-]*)\s*:",
                        re.IGNORECASE)
COUNTED_WORDS = 3
"""Words after a number searched for what it counts ("6 gamle reguleringsplaner")."""


def _counted_word(text: str, count: Count, noun: str) -> str | None:
    """The word among the first few after the count's number that names `noun`."""
    rest = re.split(r"[,.;:!?()]", text[count.start:count.start + 80])[0]
    words = re.findall(r"[^\W\d_][\w-]*", rest)[:COUNTED_WORDS]
    return next((w for w in words if len(noun) >= 3 and same_thing(w, noun)), None)


def _period_word(word: str) -> bool:
    """"uke", "måned", "år": a period ("12 timer per uke" is a rate over time, read by
    assistant/periods.py), not a counted thing."""
    word = word.lower().rstrip(".")
    return any(word in (w.rstrip(".") for w in p.per + p.count)
               for p in load_unit_words().periods.values())


def _counting(text: str, counts: list[Count], noun: str, exclude: Count | None,
              before: int | None = None) -> tuple[Count, str] | None:
    """The count (other than `exclude`, ending before `before` if given) of `noun`."""
    if _period_word(noun):
        return None
    for candidate in counts:
        if candidate is exclude or (before is not None and candidate.end > before):
            continue
        word = _counted_word(text, candidate, noun)
        if word:
            return candidate, word
    return None


def _times(count: Count, other: Count, named: str, end: int) -> Count:
    unit = load_unit_words().units[count.kind].label
    label = f"{unit} ({number(count.value)} {count.noun} × {number(other.value)} {named})"
    return Count(count.value * other.value, count.kind, count.noun, count.start, end, label)


def _per_counted(text: str, counts: list[Count]) -> list[Count]:
    """Counts per a counted thing multiplied by its count:
    "6 reguleringsplaner, ca 14 timer pr plan" -> 84 timer (14 timer × 6
    reguleringsplaner); "55 iPads …, ett cover per iPad" -> 55 stk; "45 elever, 6 bøker
    hver" -> 270 stk; "6 avdelinger, og hver avdeling trenger 2 stellebord" -> 12 stk;
    "18 ansatte. Per ansatt: 1 jakke à 2 900 og 1 par sko à 1 650" -> each line × 18.
    A count named by "hver" is used up (it is no line of its own); one named by "per" is
    too unless a price follows it ("55 iPads til barnetrinnet, 4 890 kr stk")."""
    result = list(counts)
    headers = [(h, _counting(text, counts, h.group("noun"), exclude=None, before=h.start()))
               for h in _HEADER_RE.finditer(text)]
    for count in counts:
        if count not in result:
            continue
        header = next(((h, found) for h, found in reversed(headers)
                       if found and h.end() <= count.start
                       and not re.search(r"[.;!?]\s", text[h.end():count.start])), None)
        if header is not None:
            other, named = header[1]
            result[result.index(count)] = _times(count, other, named, count.end)
            continue
        per = _PER_NOUN_RE.match(text, count.end)
        if per is not None and (found := _counting(text, result, per.group("noun"), count)):
            result[result.index(count)] = _times(count, found[0], found[1], per.end())
            if not _PRICED_AFTER_RE.match(text, found[0].end):
                result.remove(found[0])  # "4 poster" is no line of its own; "55 iPads à" is
            continue
        before = _EACH_BEFORE_RE.search(text[max(0, count.start - 60):count.start])
        if before is not None and not before.group("colon") and (
                found := _counting(text, result, before.group("noun"), count, count.start)):
            result[result.index(count)] = _times(count, found[0], found[1], count.end)
            result.remove(found[0])
            continue
        each = _EACH_RE.match(text, count.end)
        if each is not None:
            start = count.start - len(text[:count.start].rsplit(".", 1)[-1])
            earlier = [c for c in result if start <= c.start and c.end <= count.start]
            if earlier:
                other = earlier[-1]
                named = text[other.start:other.end].split()[-1]
                result[result.index(count)] = _times(count, other, named, each.end())
                result.remove(other)
    for _, found in headers:  # the counted thing of a header is no line of its own
        if found and found[0] in result:
            result.remove(found[0])
    return result


_COMPARED = re.compile(r"\s+(?:så|som|mer|mindre|høyere|lavere|dyrere|billigere|større)\b",
                       re.IGNORECASE)

_ENDINGS = ("ene", "ne", "er", "en", "et", "e", "a")
"""Plural and definite endings of Norwegian nouns ("stolene", "stoler", "varslerne")."""


def _stem(word: str) -> str:
    word = word.lower().rstrip(".")
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def same_thing(one: str, other: str) -> bool:
    """Whether two nouns name the same thing: the same stem, or one the head of the
    other's compound ("stolene" / "kontorstoler", "varslerne" / "røykvarslere"), or both
    people ("deltaker" / "ansatte": knowledge/quantity_units.yaml `people`)."""
    people = load_unit_words().people
    if one.lower().rstrip(".") in people and other.lower().rstrip(".") in people:
        return True
    a, b = _stem(one), _stem(other)
    if min(len(a), len(b)) < 3:
        return a == b
    prefix = one.lower()[:max(3, len(one) - 1)]
    if a.endswith(b) or b.endswith(a) or other.lower().startswith(prefix):
        return True
    # "container" / "lagercontainere": the singular is the plural's stem with an ending
    mine, theirs = _stems(one), _stems(other)
    return any((x.endswith(y) or y.endswith(x)) and min(len(x), len(y)) >= 4
               for x in mine for y in theirs)


def _stems(word: str) -> set[str]:
    """The word and what is left with each plural or definite ending taken off."""
    word = word.lower().rstrip(".")
    return {word, *(word[:-len(e)] for e in _ENDINGS
                    if word.endswith(e) and len(word) - len(e) >= 3)}


def _count_of(kind: str, counts: list[Count], near: int, noun: str | None = None
              ) -> Count | None:
    """The count of this kind nearest to position `near` (a noun narrows pieces); not one
    that starts at `near` (the price itself: "8 900 stk")."""
    fitting = [c for c in counts if c.kind == kind and c.start != near]
    if noun is not None:
        fitting = [c for c in fitting if same_thing(noun, c.noun)]
    if not fitting:
        return None
    return min(fitting, key=lambda c: abs(c.start - near))


NAMED_WITHIN = 4
"""Words before a price searched for the noun it prices ("varslerne 450 kr stk")."""


def named_count(text: str, amount: Amount, counts: list[Count], kind: str,
                within: int = NAMED_WITHIN) -> Count | None:
    """The count of the thing named just before the price (in the last `within` words of
    its clause): "12 stoler og 3 bord ..., stolene 1 150 kr stk, bordene 6 400 kr stk"."""
    clause = re.split(r"[.;!?]|\d", text[:amount.start])[-1]
    clause = re.sub(r"\b(?:ca|cirka|kr|kroner)\b\.?", " ", clause, flags=re.IGNORECASE)
    words = re.findall(r"[^\W\d_][\w-]*", clause)[-within:]
    sentence_end = re.search(r"[.;!?](?:\s|$)", text[amount.end:])
    end = amount.end + sentence_end.start() if sentence_end else len(text)
    for word in reversed(words):
        named = [c for c in counts if c.kind == kind and c.end <= end and (
            (len(word) >= 3 and same_thing(word, c.noun))
            or c.noun.lower().startswith(word.lower() + "-"))]  # "pc" / "pc-er"
        if named:  # before the price, or after it in its sentence ("(ett cover per iPad)")
            return min(named, key=lambda c: (c.start > amount.start, abs(c.start - amount.start)))
    return None


_NEEDED_RE = re.compile(
    rf"\b(?:trenger|behøver|behov\s+for|skal\s+ha|bestille|bestiller|kjøpe|kjøper)\s+"
    rf"(?:vi\s+|ca\.?\s+|cirka\s+|omtrent\s+)*(?P<n>{_NUMBER})(?![\d.,]*\s*(?:kr|,-|mill|tusen))",
    re.IGNORECASE)


SENTENCE_END_RE = re.compile(rf"{_NOT_AFTER_ABBREVIATION}(?<!\bmnd)[.;!?](?:\s|$)",
                             re.IGNORECASE)
"""The end of a sentence, not the dot of "ekskl. mva", "pr. stk", "kr." or "ca."."""


def _needed_after(text: str, amount: Amount, counts: list[Count]) -> Count | None:
    """A count said after a price in its sentence: a count that follows "vi trenger", or a
    piece count of the thing priced ("…, vi trenger 40 stykker")."""
    end = SENTENCE_END_RE.search(text[amount.end:])
    stop = amount.end + end.start() if end else len(text)
    found = _NEEDED_RE.search(text, amount.end, stop)
    if found is None:
        return None
    at = found.start("n")
    counted = next((c for c in counts if c.start == at and c.kind == "piece"), None)
    return counted or Count(_number(found.group("n")), "piece", "stk", at, found.end("n"))


def _reading(text: str, amount: Amount, counts: list[Count]) -> tuple[str, Count | None,
                                                                     tuple[int, int]] | None:
    """(kind, count, words) when `amount` is a price per unit."""
    pats = _patterns()
    before, after = text[:amount.start], text[amount.end:]
    marker = pats.markers.search(before)
    if marker:
        per_period = find_period(text, amount.end)
        periods = [] if per_period is not None and 0 <= per_period.start - amount.end <= 30 \
            else [Count(_number(m.group("n")), "piece", m.group("noun").lower(), m.start(),
                        m.end(), m.group("noun").lower())
                  for m in pats.period_count.finditer(text)]
        # ("3 måneder à 210 000 kr pr mnd": a length, not a count, when the price is per month)
        said = marker.group(0).strip().lower()
        bare = re.search(r"(?<![\w.,])(\d+)\s*$", before[:marker.start()])
        if bare and (said in ("x", "×", "*", *STRONG_MARKERS)
                     or re.search(r"[,:;]\s*\d+\s*$", before[:marker.start()])):
            # "30 x 6000 kr", "40 à 1150", "barnestoler, 40 a 1150 kr": a bare count
            periods.append(Count(float(bare.group(1)), "piece", "stk", bare.start(1),
                                 bare.end(1)))
        # "à"/"@" always mean "each": the count may stand further back in the same clause
        # ("20 pcer til ungdomsskolen i Selbu à 9000"); "a"/"x" only close by.
        reach = None if said in STRONG_MARKERS else 3
        earlier = [c for c in sorted([*counts, *periods], key=lambda c: c.start)
                   if c.end <= marker.start()
                   and not re.search(r"\d|[.;!?]", _ABBREVIATED_RE.sub(
                       " ", ASIDE_RE.sub(" ", (c.noun if c.noun in ("stk", "kr") else "")
                                          + text[c.end:marker.start()])))
                   and (reach is None or len(text[c.end:marker.start()].split()) <= reach)]
        asides = [m.span() for m in ASIDE_RE.finditer(text)]
        outside = [c for c in earlier if not any(s < c.start < e for s, e in asides)]
        needed = _needed_after(text, amount, counts) if said in STRONG_MARKERS else None
        if needed is not None and not any(c.kind == "piece" for c in outside or earlier):
            # "Hjertestartere à 14 900,- , vi trenger 40 stykker", "240 liter à 890 kr, vi
            # trenger 2 800": the count said after the price
            return "piece", needed, marker.span()
        if earlier:
            # The words between stay readable: "80 timer i måneden à 650 kr" is per month,
            # "20 pcer til skolen i Selbu à 9000" goes to Selbu; "(27 tommer)" is an aside.
            count = (outside or earlier)[-1]
            return count.kind, count, marker.span()
    for kind in pats.price_before:
        for pattern in (pats.price_before[kind], pats.per_before[kind]):
            match = pattern.search(before)
            if match:
                if kind == "piece":  # "enhetspris kr 2 850 pr lm": the unit after says which
                    kind = next((k for k, p in pats.per_after.items()
                                 if k != "piece" and (m := p.match(after)) and not m.group("bare")),
                                kind)
                count = (named_count(text, amount, counts, kind)
                         or _count_of(kind, counts, amount.start))
                return kind, count, match.span()
    written_as_money = bool(re.search(r"[^\d\s.,]", amount.source))
    definite = _DEFINITE_AFTER_RE.match(after)
    if definite:  # "12 sett røykdykkerutstyr, 23 500 kr settet": the price of one of them
        word = definite.group("word")
        named = [c for c in counts if c.kind == "piece" and c.end <= amount.start
                 and (_stem(word) == _stem(c.noun) or same_thing(word, c.noun))]
        if named:
            span = (amount.end + definite.start("word"), amount.end + definite.end("word"))
            return "piece", named[-1], span
    after_marker = marker is not None and marker.group(0).strip() in STRONG_MARKERS
    for kind, pattern in pats.per_after.items():
        match = pattern.match(after)
        if match and _NEW_SENTENCE_RE.search(match.group(0)):
            match = None  # "96 000 kr inkl. mva. Turen er ...": a new sentence, not "each"
        bare = match.group("bare") if match else None
        if match and (written_as_money or not bare or after_marker  # "1000 stk" is a count,
                      or bare.lower().rstrip(".") in pats.each_only  # "à 390 stk" a price,
                      or _each_of_counted(text, amount.start, counts)):  # "8 PC-er, ca 10 500 stk"
            span = (amount.end + match.start(), amount.end + match.end())
            count = (named_count(text, amount, counts, kind)
                     or _count_of(kind, counts, amount.start))
            return kind, count, span
    match = pats.count_after.match(after)
    if match:
        n = float(match.group("n"))
        noun = (match.group("noun") or "stk").lower()
        kind = pats.count_kinds.get(noun.rstrip("."), "piece")
        span = (amount.end + match.start(), amount.end + match.end())
        return kind, Count(n, kind, noun, *span), span
    match = pats.noun_after.match(after)
    if match:
        count = _count_of("piece", counts, amount.start, match.group("noun"))
        pieces = [c for c in counts if c.kind == "piece"]
        if count is None and len(pieces) == 1:  # "kr 6000 per nettbrett, 30 stk"
            count = pieces[0]
        span = (amount.end + match.start("noun") - 4, amount.end + match.end())
        if count is not None:
            return "piece", count, span
        if not pieces and _THING_RE.fullmatch(match.group("noun")):
            return "piece", None, span  # "2 490 per stol": how many is asked, not guessed
    return None


_NEW_SENTENCE_RE = re.compile(rf"{_NOT_AFTER_ABBREVIATION}[.!?]\s+\S", re.IGNORECASE)
"""A sentence goes on after the words read ("96 000 kr inkl. mva. Turen er …")."""
_THING_RE = re.compile(r"[^\W\d_]{3,}", re.IGNORECASE)
PRICE_FROM = 10.0
"""A plain number read as a price by its place alone is at least this ("2 per uke" is not)."""


def _each_of_counted(text: str, at: int, counts: list[Count]) -> bool:
    """A number at `at` followed by a bare "stk" prices each of a thing counted earlier in
    its sentence ("8 bærbare PC-er til turnusplanlegging, ca 10 500 stk"): not a count."""
    start = at - len(re.split(r"(?<!\d)[.!?;]\s", text[:at])[-1])  # not "5. trinn"
    return any(start <= c.start and c.end <= at and c.noun not in ("stk", "stk.", "stykk")
               and c.value < _number_at(text, at) for c in counts)


def _number_at(text: str, at: int) -> float:
    found = re.match(_NUMBER, text[at:])
    return _number(found.group(0)) if found else 0.0


def with_plain_prices(text: str, amounts: list[Amount]) -> list[Amount]:
    """The amounts, with a plain number (no "kr") taken as money where only a price can
    stand: after "à"/"@" that follows a count ("60 stoler à 890"), before "per"/"pr"/"/"
    and a unit ("890 pr stk", "650/t"), or after a unit's price word ("timepris 950").
    Other plain numbers keep their reading."""
    pats = _patterns()
    counts = find_counts(text, amounts)
    read: list[Amount] = []
    for amount in amounts:
        if amount.money or amount.unclear or amount.value < PRICE_FROM:
            read.append(amount)
            continue
        before, after = text[:amount.start], text[amount.end:]
        marker = pats.markers.search(before)
        counted = marker is not None and marker.group(0).strip().lower() in STRONG_MARKERS \
            and any(c.end <= marker.start() for c in counts)
        per_unit = any((m := pattern.match(after)) and (
            not m.group("bare") or _each_of_counted(text, amount.start, counts))
            for pattern in pats.per_after.values())
        priced = any(pattern.search(before) for pattern in pats.price_before.values())
        read.append(replace(amount, money=True) if counted or per_unit or priced else amount)
    return read


WEEKS_LENGTH_RE = re.compile(
    rf"\b(?:i|over|i\s+løpet\s+av)\s+(?:{_ABOUT}\s*)?(?P<n>{_NUMBER})\s*uker?{_END}", re.I)
""""i 26 uker", "over 8 uker": how long a rate per week runs, not a priced count."""


def find_weeks_length(text: str) -> Count | None:
    """A contract length in weeks ("i 8 uker"); months cannot hold it exactly."""
    match = WEEKS_LENGTH_RE.search(text)
    if match is None:
        return None
    return Count(_number(match.group("n")), "week", "uker", match.start(), match.end())


def _per_week(text: str) -> bool:
    """The text states something per week ("12 timer per uke"): a length in weeks then
    says how long that runs, not how many weeks are priced."""
    found = find_period(text)
    return found is not None and found.value == "week"


def find_unit_price(text: str, amounts: list[Amount]) -> UnitPrice | None:
    """The first money amount that is a price per unit, with its count when stated."""
    found = find_unit_prices(text, amounts)
    return found[0] if found else None


def find_unit_prices(text: str, amounts: list[Amount]) -> list[UnitPrice]:
    """Every money amount that is a price per unit, in order (lines of one purchase:
    "10 bord à 4 000 og 40 stoler à 1 500 kr"); words are read once."""
    money = [a for a in amounts if a.money and not a.unclear]
    counts = find_counts(text, amounts)
    length = find_weeks_length(text)
    if length is not None and any(c.kind != "week" for c in counts) and _per_week(text):
        # "12 timer per uke i 26 uker à 1 300": the hours are priced, the weeks are how
        # long (alone they are the count: "12 000 kr per uke i 20 uker")
        text = text[:length.start] + " " * (length.end - length.start) + text[length.end:]
        counts = find_counts(text, amounts)
    vocab = load_unit_words()
    found: list[UnitPrice] = []
    for amount in money:
        taken = {(s, e) for p in found for s, e in p.spans}
        reading = _reading(text, amount, [c for c in counts if (c.start, c.end) not in taken])
        if reading is None:
            continue
        kind, count, words = reading
        if count is None and kind == "week":
            continue  # "kr 3 000 i uka" over a contract length: a period (assistant/periods.py)
        spans = [words] + ([(count.start, count.end)] if count else [])
        lo = min(s for s, _ in [*spans, (amount.start, amount.end)])
        hi = max(e for _, e in [*spans, (amount.start, amount.end)])
        if any(s < e2 and s2 < e for s, e in spans for p in found for s2, e2 in p.spans):
            continue  # the same count or marker cannot price a second amount
        unit = vocab.units[kind]
        label = count.label if count and count.label else unit.label
        quantity = count.value if count else None
        also = _also_per(text, max(amount.end, words[1]), counts, taken, kind)
        if also is not None and quantity is not None:
            # "16 500 kr per døgn per plass, 2 plasser i 250 døgn": both counts multiply
            label = f"{label} ({number(quantity)} × {number(also.value)} {also.noun})"
            quantity *= also.value
            spans.append((also.start, also.end))
        found.append(UnitPrice(amount, kind, label, unit.per[0], quantity,
                               text[lo:hi].strip(), tuple(spans)))
    return _each_line_per(text, found, counts)


_LINES_PER_RE = re.compile(rf"^\s*(?:{_VAT}\s*)?(?:per|pr\.?)\s+(?P<noun>[^\W\d_][\w-]*)"
                           rf"\s*(?:{_VAT})?\s*(?:[.,;!?]|$)", re.IGNORECASE)
""""2 bukser à 1 150 og ett par vernesko à 1 900 per person.": the list is per person."""


def _each_line_per(text: str, found: list[UnitPrice], counts: list[Count]) -> list[UnitPrice]:
    """Lines of a list (or one line) that closes with "per <something counted>" ("… til 22
    ansatte: 2 bukser à 1 150 og ett par vernesko à 1 900 per person"), each times that
    count."""
    if not found or any(u.quantity is None for u in found):
        return found
    last_end = max(e for u in found for _, e in (*u.spans, (u.amount.start, u.amount.end)))
    match = _LINES_PER_RE.match(text[last_end:])
    if match is None:
        return found
    used = {span for u in found for span in u.spans}
    fitting = [c for c in counts if (c.start, c.end) not in used
               and _counted_word(text, c, match.group("noun"))]
    if not fitting:
        return found
    other = fitting[-1]
    named = _counted_word(text, other, match.group("noun")) or other.noun
    span = (last_end + match.start(), last_end + match.end())
    return [replace(u, quantity=(u.quantity or 0) * other.value,
                    label=f"{u.label} ({number(u.quantity or 0)} × {number(other.value)} {named})",
                    spans=(*u.spans, span, (other.start, other.end))) for u in found]


_ALSO_PER = re.compile(rf"^\s*(?:{_VAT}\s*)?(?:per|pr\.?|/)\s*(?P<noun>[^\W\d_][\w-]*)", re.I)
"""A second "per ..." right after a price's unit ("per døgn eks. mva per plass")."""


def _also_per(text: str, end: int, counts: list[Count], taken: set[tuple[int, int]],
              kind: str) -> Count | None:
    """The count of a second unit the price is per, when the text counts it: a rate per
    day and per place, with "2 plasser" and "250 døgn" both stated."""
    match = _ALSO_PER.match(text[end:])
    if match is None:
        return None
    noun = match.group("noun")
    fitting = [c for c in counts if c.kind == "piece" and c.kind != kind
               and (c.start, c.end) not in taken and len(noun) >= 3
               and same_thing(noun, c.noun)]
    return min(fitting, key=lambda c: abs(c.start - end)) if fitting else None


def stated_totals(text: str, amounts: list[Amount], unit_price: UnitPrice) -> list[Amount]:
    """Amounts the text calls the total ("totalt 100 000 kr") beside a unit price (not a
    count: "totalt 1 500 timer")."""
    counts = find_counts(text, amounts)
    return [a for a in amounts if a is not unit_price.amount and a.money and not a.unclear
            and TOTAL_RE.search(text[max(0, a.start - 40):a.start])
            and not any(c.start <= a.start < c.end for c in counts)]
