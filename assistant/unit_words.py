"""The unit and period words of knowledge/quantity_units.yaml, loaded and validated.

`load_unit_words()` gives, per unit (piece, hour, day, week and any measure the file
adds: liter, kg, m² …) and per period
(week, month, quarter, year), the word forms that mark a count, a unit price or
a period; assistant/quantities.py and assistant/periods.py build their patterns
from them. Problems raise DataFileError `file:key: problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from rules.model import PERIODS

UNITS_FILE = KNOWLEDGE_DIR / "quantity_units.yaml"
UNIT_KINDS = ("piece", "hour", "day", "week")
"""The units the file must have; it may add more (measures such as liter or m²)."""


@dataclass(frozen=True)
class UnitWords:
    label: str
    count: tuple[str, ...]
    per: tuple[str, ...]
    price: tuple[str, ...]
    each: tuple[str, ...]


@dataclass(frozen=True)
class PeriodWords:
    per: tuple[str, ...]
    adjective: tuple[str, ...]
    price: tuple[str, ...]
    count: tuple[str, ...]
    after_i: tuple[str, ...]
    """Forms that mean "per period" after "i" ("i måneden", "kr i mnd"); not "i år"
    (this year)."""


@dataclass(frozen=True)
class Vocabulary:
    units: dict[str, UnitWords]
    periods: dict[str, PeriodWords]
    markers: tuple[str, ...]
    people: frozenset[str] = frozenset()
    """Words for people: any of them names the others ("per deltaker" / "87 ansatte")."""


def _words(value: object, path: Path, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(
            isinstance(w, str) and w.strip() for w in value):
        raise DataFileError(path, key, "må være en liste med ord")
    return tuple(w.strip().lower() for w in value)


def _table(data: dict, name: str, kinds: tuple[str, ...], path: Path,
           more: bool = False) -> dict:
    """The table `name` with every kind of `kinds` (and, with `more`, others too)."""
    table = data.get(name)
    if not isinstance(table, dict):
        raise DataFileError(path, name, "mangler eller er ikke en tabell")
    unknown = set() if more else set(table) - set(kinds)
    if unknown:
        raise DataFileError(path, name, f"ukjent nøkkel «{sorted(unknown)[0]}» "
                                        f"(gyldige: {', '.join(kinds)})")
    for kind in kinds:
        if not isinstance(table.get(kind), dict):
            raise DataFileError(path, f"{name}.{kind}", "mangler")
    return table


PRICE_HEADS = ("pris", "prisen", "sats", "satsen", "takst", "taksten")
"""Heads of a compound naming the price of one unit: "time|pris", "uke|s|pris", "dag|sats"."""


def _price_compounds(per: tuple[str, ...]) -> tuple[str, ...]:
    """Price words formed from a unit's own words, with or without the linking s, as
    Norwegian compounds are ("timespris", "ukespris", "stykkprisen", "literpris")."""
    stems = [w for w in per if w.isalpha() and len(w) >= 3]
    return tuple(f"{stem}{link}{head}" for stem in stems for link in ("", "s")
                 for head in PRICE_HEADS)


@lru_cache(maxsize=4)
def load_unit_words(path: Path = UNITS_FILE) -> Vocabulary:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell")
    units_table = _table(data, "units", UNIT_KINDS, path, more=True)
    units = {}
    for kind in units_table:
        entry = units_table[kind]
        if not isinstance(entry, dict):
            raise DataFileError(path, f"units.{kind}", "må være en tabell")
        label = entry.get("label")
        if not isinstance(label, str) or not label.strip():
            raise DataFileError(path, f"units.{kind}.label", "mangler eller er ikke en tekst")
        count, per, price, each = (_words(entry.get(part), path, f"units.{kind}.{part}")
                                   for part in ("count", "per", "price", "each"))
        units[kind] = UnitWords(label.strip(), count, per, price + _price_compounds(per), each)
    periods_table = _table(data, "periods", PERIODS, path)
    periods = {kind: PeriodWords(*(
        _words(periods_table[kind].get(part), path, f"periods.{kind}.{part}")
        for part in ("per", "adjective", "price", "count", "after_i"))) for kind in PERIODS}
    markers = _words(data.get("unit_price_markers"), path, "unit_price_markers")
    people = frozenset(_words(data.get("people"), path, "people"))
    return Vocabulary(units, periods, markers, people)


def alternatives(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of the words, longest first, a trailing "." optional."""
    forms = sorted({w.rstrip(".") for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) + r")\.?"
