"""Amounts of money in the forms Norwegian buyers write them.

Finds and parses "60 000 kr", "kr 4.200.000,-", "2,5 mill", "1,8 MNOK", "250'",
"250k", "1.5 millioner", "en halv million", "to millioner tre hundre tusen" ...
Each `Amount` keeps the exact words it came from (for `Fact.source`) and whether
it carries a clear money signal (currency, multiplier or thousands grouping).
`format_amount` writes a number in each supported style (used by the property
tests and by the answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import load_parsed


@dataclass(frozen=True)
class Amount:
    value: float
    start: int
    end: int
    source: str
    money: bool
    """A clear money signal: currency, multiplier, grouping or a large plain number."""
    unclear: bool = False
    """The digits look mistyped ("60 00 kr"): ask rather than trust."""
    negative: bool = False
    """Written with a minus ("-250 000 kr", "minus 250 000"): `value` is the magnitude;
    the caller asks instead of flipping the sign."""


_SPACE = "[ \u00a0\u202f]"
_NUM = (
    r"\d+(?:[.,]\d+)?[eE]\+?\d{1,2}(?![\d.,])"  # 1e6 / 2,5e6 (scientific notation)
    rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?"  # 4 200 000 / 2 500,50
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"  # 4.200.000
    r"|\d+(?:[.,]\d+)?"  # 60000 / 2,5 / 1.5 / 60.000
)
_BILLION = r"milliard(?:er)?|mrd\.?"
_MILLION = r"mnok|mkr|mill?(?:i?o?n\w*|\.|\b)|mio\.?|millioner|million|m(?=\b|kr)"
_THOUSAND = r"tus(?:en|n|end)\w*|tkr|kkr|k(?=\b|kr)|['’´]"
_CURRENCY_AFTER = r"(?:kr\.?|kroner|nok|,-|:-|,-{2})"
_CURRENCY_BEFORE = r"(?:kr\.?|nok)"

_NUMERIC_RE = re.compile(
    rf"(?P<pre>\b{_CURRENCY_BEFORE}\s*)?"
    rf"(?P<num>(?<![\d.,]){_NUM})"
    rf"(?:(?P<sp>\s?)(?P<mult>{_BILLION}|{_MILLION}|{_THOUSAND}))?"
    rf"(?P<post>\s*{_CURRENCY_AFTER}(?![a-zæøå]))?",
    re.IGNORECASE,
)

_UNITS: dict[str, float] = {
    "null": 0, "en": 1, "ett": 1, "én": 1, "ei": 1, "et": 1, "to": 2, "tre": 3, "fire": 4,
    "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11,
    "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
    "atten": 18, "nitten": 19, "tjue": 20, "tretti": 30, "tredve": 30, "førti": 40,
    "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90,
}
_SCALES: dict[str, float] = {
    "tusen": 1e3, "million": 1e6, "millioner": 1e6, "mill": 1e6, "milliard": 1e9,
    "milliarder": 1e9,
}
_MORPHEMES = sorted(
    [*_UNITS, *_SCALES, "hundre", "og", "halv", "halvannen", "kvart", "komma"], key=len,
    reverse=True
)
_MORPHEME_RE = re.compile("|".join(_MORPHEMES))
_WORD_RE = re.compile(r"[a-zæøåé]+", re.IGNORECASE)


def _split_number_word(word: str) -> list[str] | None:
    """Split a (compound) number word into morphemes, or None if it is not one."""
    word = word.lower()
    parts: list[str] = []
    pos = 0
    while pos < len(word):
        match = _MORPHEME_RE.match(word, pos)
        if not match:
            return None
        parts.append(match.group(0))
        pos = match.end()
    return parts


def words_to_number(parts: list[str]) -> float | None:
    """Value of a sequence of number morphemes ("to", "millioner", "fem", "hundre", "tusen")."""
    billions = millions = thousands = 0.0
    group = 0.0
    last = ""
    seen = False
    decimals = 0  # digits read after "komma" ("tre komma fem millioner")
    for part in parts:
        if part == "og":
            continue
        if part == "komma":
            if decimals or not seen:
                return None
            decimals = 1
            continue
        if decimals and part in _UNITS:
            if _UNITS[part] > 9:
                return None
            group += _UNITS[part] / 10 ** decimals
            decimals += 1
        elif part == "kvart":  # "en kvart million", "tre kvart million"
            count = _UNITS[last] if last in _UNITS else 0
            group = group - count + (count or 1) * 0.25
        elif part in _UNITS:
            group += _UNITS[part]
        elif part == "halvannen":
            group += 1.5
        elif part == "halv":
            group = group - 1 + 0.5 if last in ("en", "ett", "ei", "én", "et") else group + 0.5
        elif part == "hundre":
            group = (group or 1) * 100
        elif part == "tusen":
            thousands = group or 1
            group, decimals = 0, 0
        elif _SCALES.get(part) == 1e6:
            millions = (thousands * 1000 + group) or 1
            thousands = group = decimals = 0
        elif _SCALES.get(part) == 1e9:
            billions = group or 1
            millions = thousands = group = 0
        else:
            return None
        seen = True
        last = part
    if not seen:
        return None
    return billions * 1e9 + millions * 1e6 + thousands * 1e3 + group


def _numeric_value(num: str, has_mult: bool) -> float:
    digits = re.sub(_SPACE, "", num)
    if "e" in digits.lower():
        mantissa, exponent = re.split("[eE]", digits)
        return float(mantissa.replace(",", ".")) * 10 ** int(exponent.lstrip("+"))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        if has_mult and digits.count(".") == 1:
            return float(digits.replace(",", ""))  # "1.500 millioner" reads as 1,5
        return float(digits.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{3}", digits) and not has_mult:
        return float(digits.replace(",", ""))  # "60,000 kr"
    return float(digits.replace(",", "."))


def _multiplier(mult: str) -> float:
    m = mult.lower()
    if re.fullmatch(_BILLION, m):
        return 1e9
    if re.fullmatch(_THOUSAND, m):
        return 1e3
    return 1e6


_MINUS_RE = re.compile(r"(?:(?:^|(?<=[\s(:=]))(?P<dash>[-−–])|\b(?P<word>minus)\s+)$",
                       re.IGNORECASE)
"""A minus directly before the digits ("for -250 000", "kr −5000") or the word "minus";
not a dash in a name ("EKS-2023") or between two numbers ("200 000 -300 000")."""


def _minus_start(before: str) -> int | None:
    """Where the minus sign before an amount's digits starts, or None."""
    match = _MINUS_RE.search(before)
    if not match:
        return None
    if match.group("dash") and re.search(r"\d\s*$", before[:match.start()]):
        return None
    return match.start()


LABELS_PATH = KNOWLEDGE_DIR / "number_labels.yaml"


def _parse_labels(data: Any, path: Path) -> re.Pattern[str]:
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(labels, list) or not labels or not all(
            isinstance(w, str) and w.strip() for w in labels):
        raise DataFileError(path, "labels", "må være en liste med ord")
    words = "|".join(re.escape(w.strip().lower()) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{words})\.?\s*(?:nr\.?|nummer)?\s*[:#.]?\s*"
                      rf"(?:\d[\d\s./-]*?[-–/]\s*)?$", re.IGNORECASE)


def label_pattern() -> re.Pattern[str]:
    """The labels of knowledge/number_labels.yaml as one pattern (read once per file change);
    get it once per text and pass it to `labelled`."""
    return load_parsed(LABELS_PATH, _parse_labels)


def labelled(text: str, start: int, labels: re.Pattern[str]) -> bool:
    """The number at `start` follows a label that makes it a code ("Ansvar 3100")."""
    return bool(labels.search(text[max(0, start - 40):start]))


def _opens_quote(before: str, mark: str) -> bool:
    """An opening quote with this mark stands before, not yet closed ("'Lekeapparater,
    årsbudsjett 2024: 180 000'"); a mark after digits ("180' + 640'") opens nothing."""
    opened = len(re.findall(rf"(?:^|(?<=[\s:(«\"])){re.escape(mark)}(?=[^\W\d_])", before))
    closed = len(re.findall(rf"(?<=[^\W\d_.!?]){re.escape(mark)}", before))
    return opened > closed


def _find_numeric(text: str) -> list[Amount]:
    found: list[Amount] = []
    labels = label_pattern()
    for match in _NUMERIC_RE.finditer(text):
        if not match.group("pre") and labelled(text, match.start("num"), labels):
            continue  # "Ansvar 3100", "rom 104–118": a code, not an amount
        num = match.group("num")
        mult = match.group("mult")
        if mult and mult.lower() in ("m", "k") and match.group("sp"):
            mult = None  # "2 m" is metres, "5 k" is too loose
        if mult and mult in "'’´" and (_opens_quote(text[:match.start()], mult) or (
                re.search(rf"{_SPACE}|\.", num) and _numeric_value(num, False) >= 100_000)):
            mult = None  # "'… 180 000'": a closing quote, not thousands ("250'", "2 850'")
        has_mult = bool(mult)
        value = _numeric_value(num, has_mult)
        if has_mult:
            value *= _multiplier(mult)
        end = match.end("mult") if has_mult else match.end("num")
        if match.group("post"):
            end = match.end("post")
        start = match.start("pre") if match.group("pre") else match.start("num")
        grouped = bool(re.search(rf"{_SPACE}|\.\d{{3}}", num))
        currency = bool(match.group("pre") or match.group("post"))
        plain_large = value >= 1000 and not (1900 <= value <= 2100 and not grouped)
        money = currency or has_mult or grouped or plain_large
        minus = _minus_start(text[:match.start("num")])
        negative = minus is not None
        if minus is not None and not match.group("pre"):
            start = minus
        found.append(Amount(round(value, 2), start, end, text[start:end].strip(), money,
                            negative=negative))
    return _mark_unclear(text, found)


def _mark_unclear(text: str, amounts: list[Amount]) -> list[Amount]:
    """Digits split oddly ("60 00 kr", "1 0000") are typos: mark them unclear."""
    result: list[Amount] = []
    for i, amount in enumerate(amounts):
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        glued = nxt is not None and re.fullmatch(_SPACE, text[amount.end:nxt.start] or "x")
        if glued and nxt is not None and amount.source[-1:].isdigit():
            merged = text[amount.start:nxt.end]
            result.append(Amount(amount.value, amount.start, nxt.end, merged, True, True))
            amounts[i + 1] = Amount(0, nxt.start, nxt.start, "", False)  # consumed
            continue
        if amount.source:
            result.append(amount)
    return result


def _find_words(text: str) -> list[Amount]:
    """Amounts written in words: "en halv million", "to millioner", "åtti tusen kroner"."""
    found: list[Amount] = []
    tokens = list(_WORD_RE.finditer(text))
    i = 0
    while i < len(tokens):
        parts = _split_number_word(tokens[i].group(0))
        if parts is None or parts == ["og"]:
            i += 1
            continue
        j = i
        all_parts = list(parts)
        while j + 1 < len(tokens):
            gap = text[tokens[j].end():tokens[j + 1].start()]
            nxt = _split_number_word(tokens[j + 1].group(0))
            if nxt is None or gap.strip():
                break
            all_parts.extend(nxt)
            j += 1
        while all_parts and all_parts[-1] == "og":
            all_parts.pop()
            j -= 1
        start, end = tokens[i].start(), tokens[j].end()
        tail = re.match(rf"\s*{_CURRENCY_AFTER}(?![a-zæøå])", text[end:], re.IGNORECASE)
        has_scale = any(p in _SCALES for p in all_parts)
        value = words_to_number(all_parts)
        if value is not None and (has_scale or (tail and value >= 1)):
            if tail:
                end += tail.end()
            found.append(Amount(value, start, end, text[start:end], True))
        i = j + 1
    return found


_MILLION_THEN_THOUSANDS_RE = re.compile(r"\s+(?:og\s+)?$", re.IGNORECASE)


def _joined(text: str, amounts: list[Amount]) -> list[Amount]:
    """"1 million 200 tusen", "2 mill og 500'": millions and thousands said apart are one sum."""
    result: list[Amount] = []
    for amount in amounts:
        last = result[-1] if result else None
        if (last is not None and last.money and amount.money and not last.unclear
                and not amount.unclear and last.value >= 1e6 and last.value % 1e6 == 0
                and 1e3 <= amount.value < 1e6 and re.search(r"mil|mnok|mio", last.source, re.I)
                and re.search(r"tus|['’´]|\dk\b", amount.source, re.I)
                and _MILLION_THEN_THOUSANDS_RE.fullmatch(" " + text[last.end:amount.start])):
            result[-1] = Amount(last.value + amount.value, last.start, amount.end,
                                text[last.start:amount.end], True)
            continue
        result.append(amount)
    return result


def find_amounts(text: str) -> list[Amount]:
    """Every amount in the text, in order of appearance."""
    found = _find_numeric(text)
    for word_amount in _find_words(text):
        if not any(a.start < word_amount.end and word_amount.start < a.end for a in found):
            found.append(word_amount)
    return _joined(text, sorted(found, key=lambda a: a.start))


def parse_amount(text: str) -> float | None:
    """The first money amount in `text`, or None."""
    for amount in find_amounts(text):
        if amount.money and not amount.unclear:
            return amount.value
    return None
