"""Amounts written in each style orderers use ("250 000 kr", "kr 250.000,-", "250k",
"to hundre og femti tusen kroner"), for the reading tests of assistant.amounts."""

from __future__ import annotations

from assistant.amounts import _UNITS

STYLES: tuple[str, ...] = (
    "plain", "space", "dots", "k", "apostrophe", "tusen", "mill", "mnok", "millioner_dot",
    "words",
)


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _decimal(x: float, sep: str) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", sep)


_UNIT_WORDS = {v: k for k, v in _UNITS.items() if k not in ("en", "ett", "én", "ei", "et", "tredve",
                                                               "syv", "null")}
_UNIT_WORDS[1] = "en"


def _words_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds:
        words.append("ett hundre" if hundreds == 1 else f"{_UNIT_WORDS[hundreds]} hundre")
    if rest:
        if hundreds:
            words.append("og")
        if rest in _UNIT_WORDS:
            words.append(_UNIT_WORDS[rest])
        else:
            tens, ones = divmod(rest, 10)
            words.append(_UNIT_WORDS[tens * 10] + _UNIT_WORDS[ones])
    return " ".join(words)


def number_to_words(n: int) -> str:
    """Norwegian words for a whole number below one billion ("to millioner tre hundre tusen")."""
    if n <= 0 or n >= 1_000_000_000:
        raise ValueError("number_to_words supports 1 … 999 999 999")
    millions, rest = divmod(n, 1_000_000)
    thousands, ones = divmod(rest, 1000)
    words: list[str] = []
    if millions:
        words.append("en million" if millions == 1 else
                     f"{_words_below_thousand(millions)} millioner")
    if thousands:
        words.append("ett tusen" if thousands == 1 else f"{_words_below_thousand(thousands)} tusen")
    if ones:
        words.append(_words_below_thousand(ones))
    return " ".join(words) + " kroner"


SCALED = {
    "k": (1e3, ",", "{}k"), "apostrophe": (1e3, ",", "{}'"), "tusen": (1e3, ",", "{} tusen"),
    "mill": (1e6, ",", "{} mill"), "mnok": (1e6, ",", "{} MNOK"),
    "millioner_dot": (1e6, ".", "{} millioner"),
}
"""Styles that write the amount in thousands or millions: (divisor, decimal mark, form)."""


def format_amount(n: float, style: str = "space") -> str:
    """Write `n` kroner in one of STYLES. Styles with a multiplier need a fitting `n`."""
    whole = int(round(n))
    if style in SCALED:
        divisor, mark, form = SCALED[style]
        return form.format(_decimal(n / divisor, mark))
    if style == "plain":
        return f"{whole} kr"
    if style == "space":
        return f"{_group(whole, ' ')} kr"
    if style == "dots":
        return f"kr {_group(whole, '.')},-"
    if style == "words":
        return number_to_words(whole)
    raise ValueError(f"unknown style {style}")

