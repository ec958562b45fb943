"""Thresholds as dated data (OpenFisca style), loaded from `knowledge/thresholds/*.yaml`.

Each file is one threshold; its file name (without `.yaml`) is the threshold's
name used by the rules (`lower_limit`, `national`, ...). Its `values` map a start
date to a value with its legal reference, `last_reviewed` date and `evidence`
(knowledge/dated.py); the status (verified, secondary, unverified) is derived
from the evidence. A value holds from its date until the next date.

A file may say `above: [other, ...]`: on every date where both have a value,
this threshold must be strictly above the other (lower limit < national <
EEA). The order is checked across all files when they are loaded.

The folder can be pointed elsewhere with the environment variable
INNKJOP_THRESHOLDS (tests feed malformed files that way). Every problem is a
DataFileError `file:key: problem`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from knowledge import KNOWLEDGE_DIR
from knowledge.dated import (
    DatedValue,
    DatesAsTextLoader,
    Status,
    parse_values,
    stronger,
    text,
    value_at,
)
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

THRESHOLDS_DIR = KNOWLEDGE_DIR / "thresholds"
THRESHOLDS_ENV = "INNKJOP_THRESHOLDS"
MAX_AMOUNT = 1e12

Comparison = Literal["gte", "gt"]
ThresholdValue = DatedValue
"""One value of a threshold (a dated value with evidence)."""


@dataclass(frozen=True)
class Threshold:
    name: str
    label: str
    comparison: Comparison
    """gte: a value equal to the threshold counts as reaching it; gt: only above."""
    values: tuple[DatedValue, ...]
    description: str = ""
    note: str = ""
    path: str = ""
    above: tuple[str, ...] = ()
    """Thresholds this one must be strictly above on every date."""

    def at(self, day: date) -> DatedValue | None:
        """The value in force on `day`, or None when none is registered for it."""
        return value_at(self.values, day)

    def reaches(self, amount: float, day: date) -> bool | None:
        value = self.at(day)
        if value is None:
            return None
        return amount > value.value if self.comparison == "gt" else amount >= value.value

    def fallback(self, day: date) -> DatedValue | None:
        """The value to compare with when the one in force on `day` is not verified: the
        latest earlier value with the strongest evidence, if it is stronger than the
        current one's (a verified value first; else a secondary one). None if none."""
        current = self.at(day)
        if current is None or current.verified:
            return None
        earlier = [v for v in self.values if v.start < current.start]
        for status in ("verified", "secondary"):
            candidates = [v for v in earlier if v.status == status]
            if candidates and stronger(status, current.status):
                return candidates[-1]
        return None

    @property
    def first_start(self) -> date:
        return self.values[0].start


@dataclass(frozen=True)
class ThresholdSet:
    """The thresholds in force on one date."""

    as_of: date
    values: dict[str, DatedValue]
    thresholds: dict[str, Threshold] = field(repr=False)

    @property
    def name(self) -> str:
        return f"terskelverdier per {self.as_of.isoformat()}"

    @property
    def unverified(self) -> list[str]:
        """Names of the values in force that no primary source confirms (secondary or none)."""
        return [name for name, value in self.values.items() if not value.verified]

    def status(self, name: str) -> Status:
        return self.values[name].status

    def missing(self) -> dict[str, date]:
        """Thresholds with no value on this date, mapped to the first date they have one."""
        return {
            name: threshold.first_start
            for name, threshold in self.thresholds.items()
            if name not in self.values
        }


def thresholds_dir() -> Path:
    override = os.environ.get(THRESHOLDS_ENV)
    return Path(override).expanduser() if override else THRESHOLDS_DIR


def load_thresholds(directory: Path | None = None) -> dict[str, Threshold]:
    """All thresholds in `directory` (default: INNKJOP_THRESHOLDS or knowledge/thresholds)."""
    directory = Path(directory) if directory is not None else thresholds_dir()
    return _load_cached(str(directory))


def threshold_set(as_of: date, directory: Path | None = None) -> ThresholdSet:
    thresholds = load_thresholds(directory)
    values = {}
    for name, threshold in thresholds.items():
        value = threshold.at(as_of)
        if value is not None:
            values[name] = value
    return ThresholdSet(as_of=as_of, values=values, thresholds=thresholds)


@lru_cache(maxsize=16)
def _load_cached(directory: str) -> dict[str, Threshold]:
    if not Path(directory).is_dir():
        raise DataFileError(directory, "(mappe)", "mappen med terskelverdier finnes ikke")
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise DataFileError(directory, "(mappe)", "ingen terskelverdifiler (*.yaml) i mappen")
    thresholds = {path.stem: _load_file(path) for path in paths}
    _check_order(thresholds)
    return thresholds


def _load_file(path: Path) -> Threshold:
    data = read_yaml(path, loader=DatesAsTextLoader)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med nøkler")
    label = text(path, data, "label")
    comparison = data.get("comparison", "gte")
    if comparison not in ("gte", "gt"):
        raise DataFileError(path, "comparison", f"må være gte eller gt, ikke {comparison!r}")
    above = data.get("above", [])
    if isinstance(above, str):
        above = [above]
    if not isinstance(above, list) or not all(isinstance(a, str) and a for a in above):
        raise DataFileError(path, "above", "må være en liste med navn på andre terskelverdier")
    return Threshold(
        name=path.stem,
        label=label,
        comparison=comparison,
        values=parse_values(path, data.get("values"), _amount),
        description=str(data.get("description") or "").strip(),
        note=str(data.get("note") or "").strip(),
        path=str(path),
        above=tuple(above),
    )


def _check_order(thresholds: dict[str, Threshold]) -> None:
    """Each threshold is strictly above those it names in `above`, on every date where
    both have a value (checked at each start date of either)."""
    for threshold in thresholds.values():
        for other_name in threshold.above:
            other = thresholds.get(other_name)
            if other is None:
                raise DataFileError(
                    threshold.path, "above",
                    f"ukjent terskelverdi {other_name!r} (kjente: {', '.join(sorted(thresholds))})",
                )
            for day in sorted({v.start for v in (*threshold.values, *other.values)}):
                mine, theirs = threshold.at(day), other.at(day)
                if mine is None or theirs is None or mine.value > theirs.value:
                    continue
                raise DataFileError(
                    threshold.path, mine.key,
                    f"{_number(mine.value)} er ikke over {other.label} "
                    f"({_number(theirs.value)}) på {day.isoformat()}; rekkefølgen må være "
                    f"{other.label} < {threshold.label}",
                )


def _number(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def _amount(path: Path, key: str, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise DataFileError(path, key, f"må være et tall, ikke {raw!r}")
    if not 0 < raw < MAX_AMOUNT:
        raise DataFileError(path, key, f"urimelig beløp {raw!r}")
    return float(raw)
