"""Municipality named in a text, with Norwegian inflections and sloppy spelling.

"i Stjørdal", "Selbu kommune", "Meråker kommunes", "stjordal", "holtaalen",
"Stjørdals" all name a municipality of the region. Names and aliases come
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
        return _find_by_words(text, pattern, spellings)
    match = pattern.search(folded)
    if not match:
        return None
    return PlaceMatch(spellings[match.group(1)], text[match.start():match.end()],
                      match.start(), match.end())


def _find_by_words(text: str, pattern: re.Pattern[str], spellings: dict[str, str]
                   ) -> PlaceMatch | None:
    for word in re.finditer(r"[\wæøåÆØÅ]+(?:\s+kommunes?\b)?", text):
        match = pattern.fullmatch(fold(word.group(0)))
        if match:
            return PlaceMatch(spellings[match.group(1)], word.group(0), word.start(), word.end())
    return None
