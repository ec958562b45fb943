"""Thresholds as dated data (OpenFisca style), loaded from `knowledge/thresholds/*.yaml`.

Each file is one threshold; its file name (without `.yaml`) is the threshold's
name used by the rules (`lower_limit`, `national`, ...). Its `values` map a start
date to a value with its legal reference, source URL, `verified` flag and
`last_reviewed` date. A value holds from its date until the next date.

The folder can be pointed elsewhere with the environment variable
INNKJOP_THRESHOLDS (tests feed malformed files that way). Every problem is a
DataFileError `file:key: problem`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

THRESHOLDS_DIR = KNOWLEDGE_DIR / "thresholds"
THRESHOLDS_ENV = "INNKJOP_THRESHOLDS"
MAX_AMOUNT = 1e12

Comparison = Literal["gte", "gt"]


@dataclass(frozen=True)
class ThresholdValue:
    """One value of a threshold, valid from `start` until the next value's start."""

    start: date
    value: float
    reference: str
    url: str
    verified: bool
    last_reviewed: date
    note: str = ""


@dataclass(frozen=True)
class Threshold:
    name: str
    label: str
    comparison: Comparison
    """gte: a value equal to the threshold counts as reaching it; gt: only above."""
    values: tuple[ThresholdValue, ...]
    description: str = ""
    note: str = ""
    path: str = ""

    def at(self, day: date) -> ThresholdValue | None:
        """The value in force on `day`, or None when none is registered for it."""
        current = None
        for value in self.values:
            if value.start <= day:
                current = value
            else:
                break
        return current

    def reaches(self, amount: float, day: date) -> bool | None:
        value = self.at(day)
        if value is None:
            return None
        return amount > value.value if self.comparison == "gt" else amount >= value.value

    @property
    def first_start(self) -> date:
        return self.values[0].start


@dataclass(frozen=True)
class ThresholdSet:
    """The thresholds in force on one date."""

    as_of: date
    values: dict[str, ThresholdValue]
    thresholds: dict[str, Threshold] = field(repr=False)

    @property
    def name(self) -> str:
        return f"terskelverdier per {self.as_of.isoformat()}"

    @property
    def unverified(self) -> list[str]:
        return [name for name in self._unverified]

    @cached_property
    def _unverified(self) -> tuple[str, ...]:
        return tuple(name for name, value in self.values.items() if not value.verified)

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


def clear_cache() -> None:
    """Forget loaded thresholds (after editing the files in a running process)."""
    _load_cached.cache_clear()


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
    return {path.stem: _load_file(path) for path in paths}


class _DatesAsText(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is reported with its key."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_file(path: Path) -> Threshold:
    data = read_yaml(path, loader=_DatesAsText)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med nøkler")
    label = _text(path, data, "label")
    comparison = data.get("comparison", "gte")
    if comparison not in ("gte", "gt"):
        raise DataFileError(path, "comparison", f"må være gte eller gt, ikke {comparison!r}")
    raw_values = data.get("values")
    if not isinstance(raw_values, dict) or not raw_values:
        raise DataFileError(path, "values", "mangler eller er tom (datoer med verdier)")
    values = []
    for raw_start, entry in raw_values.items():
        key = f"values.{raw_start}"
        start = _date(path, key, raw_start)
        if not isinstance(entry, dict):
            raise DataFileError(path, key, "må være en tabell med value, reference, url, ...")
        values.append(
            ThresholdValue(
                start=start,
                value=_amount(path, f"{key}.value", entry.get("value")),
                reference=_text(path, entry, "reference", key),
                url=_text(path, entry, "url", key),
                verified=_bool(path, f"{key}.verified", entry.get("verified")),
                last_reviewed=_date(path, f"{key}.last_reviewed", entry.get("last_reviewed")),
                note=str(entry.get("note") or ""),
            )
        )
    values.sort(key=lambda v: v.start)
    return Threshold(
        name=path.stem,
        label=label,
        comparison=comparison,
        values=tuple(values),
        description=str(data.get("description") or ""),
        note=str(data.get("note") or ""),
        path=str(path),
    )


def _text(path: Path, data: dict[str, Any], key: str, prefix: str = "") -> str:
    full_key = f"{prefix}.{key}" if prefix else key
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, full_key, "mangler eller er ikke en tekst")
    return value.strip()


def _date(path: Path, key: str, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise DataFileError(path, key, f"ugyldig dato {raw!r} (bruk ÅÅÅÅ-MM-DD)")


def _amount(path: Path, key: str, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise DataFileError(path, key, f"må være et tall, ikke {raw!r}")
    if not 0 < raw < MAX_AMOUNT:
        raise DataFileError(path, key, f"urimelig beløp {raw!r}")
    return float(raw)


def _bool(path: Path, key: str, raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise DataFileError(path, key, f"må være true eller false, ikke {raw!r}")
    return raw
