"""Municipality named in a text, with Norwegian inflections and sloppy spelling.

"i Stjørdal", "Selbu kommune", "Meråker kommunes", "stjordal", "holtaalen",
"Stjørdals" all name a municipality of the region; so does a name of six letters
or more with one letter wrong, missing, extra or swapped ("Stjørdahl", "Meråkker",
"Hotlålen"), when no name is written right; and a place named after one
("Stjørdalshallen", "Meråkerbadet", "Tydalsheimen": a compound that begins with
the name) when nothing else names one. Names and aliases come
from `knowledge/municipalities.yaml` (the rule engine's data); spellings
without æ/ø/å and the genitive -s are made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FOLD = str.maketrans({"ø": "o", "å": "a", "æ": "ae", "é": "e", "ö": "o", "ä": "a"})


def fold(text: str) -> str:
    """Lower case without Norwegian letters: "Holtålen" -> "holtalen"."""
    return text.lower().translate(_FOLD).replace("aa", "a")


@dataclass(frozen=True)
class PlaceMatch:
    name: str
    source: str
    start: int
    end: int


def _names_and_aliases() -> dict[str, str]:
    """spelling (folded) -> official name, from knowledge/municipalities.yaml."""
    from knowledge.municipalities import load_municipalities

    spellings: dict[str, str] = {}
    for alias, name in load_municipalities().items():
        spellings[fold(alias)] = name
    return spellings


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    spellings = _names_and_aliases()
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(rf"\b({alternatives})(?:s|en|ens)?(?:\s+kommunes?\b)?(?![a-z])")
    return pattern, spellings


def find_municipality(text: str) -> PlaceMatch | None:
    """The first municipality of the region named in `text`, or None."""
    pattern, spellings = _pattern()
    folded = fold(text)
    if len(folded) != len(text.lower()):
        # æ -> ae and aa -> a change lengths; search the folded text word by word instead.
        return (_find_by_words(text, pattern, spellings) or _find_misspelt(text)
                or _find_place_compound(text))
    match = pattern.search(folded)
    if not match:
        return _find_misspelt(text) or _find_place_compound(text)
    return PlaceMatch(spellings[match.group(1)], text[match.start():match.end()],
                      match.start(), match.end())


FUZZY_MIN_LETTERS = 6
"""Shorter names (Tydal, Selbu) and words are too close to other words to guess; the first
two letters must be right ("forstå" is not "Frosta")."""


def one_edit_apart(a: str, b: str) -> bool:
    """One letter substituted, inserted, deleted, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@lru_cache(maxsize=1)
def _fuzzy_names() -> tuple[tuple[str, str], ...]:
    """(spelling, name) of the one-word spellings long enough to forgive a slip."""
    return tuple((s, n) for s, n in _pattern()[1].items()
                 if " " not in s and len(s) >= FUZZY_MIN_LETTERS)


@lru_cache(maxsize=1)
def _compound_names() -> tuple[tuple[str, str], ...]:
    """(spelling, name) of the one-word spellings, longest first (a place's compound)."""
    return tuple(sorted(((s, n) for s, n in _pattern()[1].items() if " " not in s),
                        key=lambda item: len(item[0]), reverse=True))


def _find_misspelt(text: str) -> PlaceMatch | None:
    names = _fuzzy_names()
    for word in re.finditer(r"[^\W\d_]+", text):
        folded = fold(word.group(0))
        if len(folded) < FUZZY_MIN_LETTERS:
            continue
        for candidate in (folded, folded[:-1] if folded.endswith("s") else folded):
            for spelling, name in names:
                if candidate[:2] == spelling[:2] and one_edit_apart(candidate, spelling):
                    return PlaceMatch(name, word.group(0), word.start(), word.end())
    return None


def _find_by_words(text: str, pattern: re.Pattern[str], spellings: dict[str, str]
                   ) -> PlaceMatch | None:
    for word in re.finditer(r"[\wæøåÆØÅ]+(?:\s+kommunes?\b)?", text):
        match = pattern.fullmatch(fold(word.group(0)))
        if match:
            return PlaceMatch(spellings[match.group(1)], word.group(0), word.start(), word.end())
    return None


PLACE_REST_MIN_LETTERS = 4
"""What follows the name in a place's compound ("hallen", "tunet", "heimen"); shorter
endings are inflections ("Stjørdalen") or other words."""


def _find_place_compound(text: str) -> PlaceMatch | None:
    """A word that begins with a one-word name, a linking -s allowed, and goes on with
    a noun: the place is in that municipality ("Selbuhallen", "Stjørdalsbadet")."""
    names = _compound_names()
    for word in re.finditer(r"[^\W\d_]+", text):
        folded = fold(word.group(0))
        for spelling, name in names:
            if folded.startswith(spelling):
                rest = folded[len(spelling):].removeprefix("s")
                if len(rest) >= PLACE_REST_MIN_LETTERS:
                    return PlaceMatch(name, word.group(0), word.start(), word.end())
    return None
