"""Dated legal constants (parameters) with their evidence, from `knowledge/parameters/*.yaml`.

The VAT rate, the months an open-ended contract is counted over, the longest
normal framework agreement, the share below a threshold that earns a warning,
the apprentice duty's minimum duration: each a file like a threshold (OpenFisca
style, knowledge/dated.py), named by its file name, with a `unit` that says how
it is shown in a sentence (`andel` 0.1 -> "10 %", `måneder`, `år`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.dated import DatedValue, DatesAsTextLoader, parse_values, text, value_at
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

PARAMETERS_DIR = KNOWLEDGE_DIR / "parameters"
UNITS = ("andel", "måneder", "år")


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    unit: str
    values: tuple[DatedValue, ...]
    note: str = ""
    path: str = ""

    def at(self, day: date) -> DatedValue | None:
        return value_at(self.values, day)

    def value(self, day: date | None = None) -> float:
        """The value in force on `day` (default today); DataFileError if none is registered."""
        day = day or date.today()
        current = self.at(day)
        if current is None:
            raise DataFileError(self.path, "values",
                                f"ingen verdi registrert for {day.isoformat()}")
        return current.value

    def months(self, day: date | None = None) -> int:
        """A duration parameter in whole months (`år` × 12)."""
        if self.unit not in ("måneder", "år"):
            raise DataFileError(self.path, "unit", "er ikke en varighet (måneder eller år)")
        return int(round(self.value(day) * (12 if self.unit == "år" else 1)))

    def display(self, day: date | None = None) -> str:
        """The value as written in a Norwegian sentence: "10 %", "48 måneder", "4 år"."""
        amount = self.value(day)
        if self.unit == "andel":
            return f"{amount * 100:g} %".replace(".", ",")
        return f"{amount:g} {self.unit}"


def load_parameters(directory: Path | None = None) -> dict[str, Parameter]:
    return _load(str(directory or PARAMETERS_DIR))


def parameter(name: str) -> Parameter:
    parameters = load_parameters()
    if name not in parameters:
        raise DataFileError(PARAMETERS_DIR, name, "parameteren finnes ikke")
    return parameters[name]


def parameter_value(name: str, day: date | None = None) -> float:
    """The value of a parameter on `day` (default today)."""
    return parameter(name).value(day)


@lru_cache(maxsize=4)
def _load(directory: str) -> dict[str, Parameter]:
    paths = sorted(Path(directory).glob("*.yaml"))
    if not paths:
        raise DataFileError(directory, "(mappe)", "ingen parameterfiler (*.yaml) i mappen")
    return {path.stem: _load_file(path) for path in paths}


def _load_file(path: Path) -> Parameter:
    data = read_yaml(path, loader=DatesAsTextLoader)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med nøkler")
    unit = data.get("unit")
    if unit not in UNITS:
        raise DataFileError(path, "unit", f"må være en av {', '.join(UNITS)}, ikke {unit!r}")
    return Parameter(
        name=path.stem,
        label=text(path, data, "label"),
        unit=unit,
        values=parse_values(path, data.get("values"), _number),
        note=str(data.get("note") or "").strip(),
        path=str(path),
    )


def _number(path: Path, key: str, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw <= 0:
        raise DataFileError(path, key, f"må være et positivt tall, ikke {raw!r}")
    return float(raw)
