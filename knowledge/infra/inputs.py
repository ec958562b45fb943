"""The one reader of field values typed by a user: amounts, months and dates.

Used alike by the CLI flags (`--value`, `--duration-months`, `--as-of`), the
trainer's what-if form and the rules (`decide(as_of="...")`), so that they agree
on every edge case. Each parser takes the text and the name of the field it
came from and returns the value or raises `FieldInputError` whose Norwegian
message starts with the field's name. Empty text is an error; `optional()`
turns it into None for forms where a field may be left blank.

What is read:

- amounts: `250000`, `1 250 000` (space, no-break or thin space between groups
  of three), `1.250.000`, `12,5`, `1 250 000,50`, `kr 80 000,-`, `2,5 mill`,
  `1,2 mrd`, `250 tusen`, `1e6`; a dot followed by exactly three digits groups
  thousands (`60.000` = 60 000), otherwise it is a decimal point (`12.5`);
- months: a whole number, optionally followed by `mnd` or `måneder`;
- dates: `ÅÅÅÅ-MM-DD` or `DD.MM.ÅÅÅÅ` (`1.3.2026`).

Only the digits 0–9 count: `²`, `½`, Arabic-Indic or full-width digits are
rejected with a message naming the character (Python's own `int()`/`float()`
would accept some of them and crash on others). Zero and negative amounts and
durations are rejected; upper bounds are the rules' business (`rules.validate`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from knowledge.infra.errors import FieldInputError

T = TypeVar("T")

_GROUP_SPACE = "[ \u00a0\u202f\u2009]"
_MINUS = "-\u2212\u2013"
_MULTIPLIERS: tuple[tuple[str, float], ...] = (
    (r"mrd\.?|milliard(?:er)?", 1e9),
    (r"mill\.?|million(?:er)?|mnok|mio\.?", 1e6),
    (r"tusen|k", 1e3),
)
_AMOUNT_RE = re.compile(
    r"(?:kr\.?|nok)?\s*"
    r"(?P<number>[0-9][0-9 \u00a0\u202f\u2009.,]*?(?:[eE][+-]?[0-9]+)?)"
    r"\s*(?P<multiplier>" + "|".join(p for p, _ in _MULTIPLIERS) + r")?"
    r"\s*(?:kr\.?|kroner|nok|,-|,--|:-)?",
    re.IGNORECASE,
)
_NUMBER_FORMS = (
    re.compile(rf"[0-9]{{1,3}}(?:{_GROUP_SPACE}[0-9]{{3}})+(?:,[0-9]+)?"),  # 1 250 000,50
    re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"),  # 1.250.000 / 60.000 / 1.250,50
    re.compile(r"[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?"),  # 250000 / 12,5 / 12.5 / 1e6
)
_MONTHS_RE = re.compile(r"(?P<number>[0-9]+)\s*(?:mnd\.?|md\.?|måned(?:er)?)?", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_NORWEGIAN_DATE_RE = re.compile(r"(?P<day>[0-9]{1,2})\.(?P<month>[0-9]{1,2})\.(?P<year>[0-9]{4})")

AMOUNT_EXAMPLES = "f.eks. 250 000, 1.250.000, 12,5 eller 2,5 mill"
DATE_FORMS = "ÅÅÅÅ-MM-DD (f.eks. 2026-03-01) eller DD.MM.ÅÅÅÅ"


def parse_amount(text: str, field: str) -> float:
    """An amount in kroner, greater than zero, from what a Norwegian buyer types."""
    cleaned = _stripped(text, field, "beløp")
    if cleaned[0] in _MINUS:
        raise FieldInputError(field, f"beløpet må være større enn null (fikk «{_shown(text)}»).")
    match = _AMOUNT_RE.fullmatch(cleaned)
    multiplier = match["multiplier"] if match else None
    number = _number(match["number"].strip(), dot_groups=not multiplier) if match else None
    if number is None:
        raise FieldInputError(field, f"ugyldig beløp «{_shown(text)}»: skriv et tall i kroner, "
                                     f"{AMOUNT_EXAMPLES}.")
    if multiplier:
        number *= _multiplier(multiplier)
    if not math.isfinite(number):
        raise FieldInputError(field, f"beløpet «{_shown(text)}» er urimelig stort.")
    if number <= 0:
        raise FieldInputError(field, f"beløpet må være større enn null (fikk «{_shown(text)}»).")
    return number


def parse_months(text: str, field: str) -> int:
    """A duration in whole months, at least one."""
    cleaned = _stripped(text, field, "antall måneder")
    match = _MONTHS_RE.fullmatch(cleaned)
    if not match or int(match["number"]) < 1:
        raise FieldInputError(field, f"ugyldig antall måneder «{_shown(text)}»: skriv et helt tall "
                                     "fra 1 og oppover, f.eks. 36.")
    return int(match["number"])


MAX_QUANTITY = 10_000_000


def parse_quantity(text: str, field: str) -> float:
    """How many units (pieces, hours, days, weeks): a number above zero ("30", "12,5")."""
    cleaned = _stripped(text, field, "antall")
    number = _number(cleaned, dot_groups=True)
    if number is None or not math.isfinite(number) or not 0 < number <= MAX_QUANTITY:
        raise FieldInputError(field, f"ugyldig antall «{_shown(text)}»: skriv et tall større "
                                     f"enn null, f.eks. 30 eller 12,5.")
    return number


def parse_date(text: str, field: str) -> date:
    """A calendar date written ÅÅÅÅ-MM-DD or DD.MM.ÅÅÅÅ."""
    cleaned = _stripped(text, field, "dato")
    match = _ISO_DATE_RE.fullmatch(cleaned) or _NORWEGIAN_DATE_RE.fullmatch(cleaned)
    if not match:
        raise FieldInputError(field, f"ugyldig dato «{_shown(text)}»: bruk {DATE_FORMS}.")
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        problem = f"ugyldig dato «{_shown(text)}»: datoen finnes ikke."
        raise FieldInputError(field, problem) from None


def optional(parse: Callable[[str, str], T], text: str | None, field: str) -> T | None:
    """None for a blank field, else `parse(text, field)`."""
    if text is None or not text.strip():
        return None
    return parse(text, field)


def _stripped(text: str, field: str, what: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise FieldInputError(field, f"mangler {what}.")
    for char in cleaned:
        if not char.isascii() and unicodedata.category(char) in ("Nd", "No", "Nl"):
            raise FieldInputError(field, f"ugyldig {what} «{_shown(text)}»: «{char}» er ikke et "
                                         "siffer; bruk bare sifrene 0–9.")
    return cleaned


def _shown(text: str, limit: int = 40) -> str:
    """The user's text for a message, cut short if it is long."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(text: str, dot_groups: bool) -> float | None:
    """The number in one of _NUMBER_FORMS; before a multiplier a dot is a decimal point."""
    for form in _NUMBER_FORMS:
        if form is _NUMBER_FORMS[1] and not dot_groups:
            continue
        if form.fullmatch(text):
            if form is _NUMBER_FORMS[1]:
                text = text.replace(".", "")
            return float(re.sub(_GROUP_SPACE, "", text).replace(",", "."))
    return None


def _multiplier(word: str) -> float:
    for pattern, factor in _MULTIPLIERS:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return factor
    raise AssertionError(word)  # the amount pattern only matches listed multipliers
