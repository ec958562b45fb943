"""The data of the spend analysis, loaded from knowledge/spend/*.yaml and validated.

Header synonyms (columns.yaml), the CPV and KOSTRA art category tables
(categories.yaml), and the finding types with their rules, citations, sentence
templates and parameters (findings.yaml). Errors read `file:key: problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from rules.model import CATEGORIES

SPEND_DIR = KNOWLEDGE_DIR / "spend"


def header_key(text: str) -> str:
    """A header as compared with the synonyms: lower case, no spaces, dots, hyphens."""
    return re.sub(r"[\s._\-/()]+", "", text.strip().lstrip("\ufeff").lower())


@dataclass(frozen=True)
class ColumnSet:
    """The accepted headers of one kind of table (ledger, register, contracts)."""

    fields: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    one_of: tuple[tuple[str, ...], ...]

    def match(self, headers: list[str]) -> dict[str, int]:
        """field -> column index for the headers found (first match wins)."""
        lookup = {header_key(h): i for i, h in reversed(list(enumerate(headers)))}
        found: dict[str, int] = {}
        for name, synonyms in self.fields.items():
            for synonym in synonyms:
                index = lookup.get(header_key(synonym))
                if index is not None and index not in found.values():
                    found[name] = index
                    break
        return found

    def missing(self, found: dict[str, int]) -> list[str]:
        """Norwegian descriptions of the required columns not found, with their synonyms."""
        problems = []
        for name in self.required:
            if name not in found:
                problems.append(f"{self.fields[name][0]} (godtatt: {', '.join(self.fields[name])})")
        for group in self.one_of:
            if not any(name in found for name in group):
                accepted = ", ".join(s for name in group for s in self.fields[name])
                problems.append(f"{' eller '.join(self.fields[n][0] for n in group)} "
                                f"(godtatt: {accepted})")
        return problems


@dataclass(frozen=True)
class FindingType:
    code: str
    title: str
    rule: str
    citations: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class SpendConfig:
    columns: dict[str, ColumnSet]
    categories: dict[str, Any]
    findings: dict[str, FindingType]
    parameters: dict[str, Any]


def _columns(path: Path) -> dict[str, ColumnSet]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell")
    result = {}
    for kind, spec in data.items():
        fields = spec.get("fields") if isinstance(spec, dict) else None
        if not isinstance(fields, dict) or not fields:
            raise DataFileError(path, f"{kind}.fields", "mangler eller er tom")
        for name, synonyms in fields.items():
            if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                raise DataFileError(path, f"{kind}.fields.{name}", "må være en liste med tekster")
        required = tuple(spec.get("required") or ())
        one_of = tuple(tuple(group) for group in spec.get("one_of") or ())
        for name in [*required, *(n for g in one_of for n in g)]:
            if name not in fields:
                raise DataFileError(path, f"{kind}.required", f"ukjent felt «{name}»")
        result[kind] = ColumnSet({k: tuple(v) for k, v in fields.items()}, required, one_of)
    return result


def _categories(path: Path) -> dict[str, Any]:
    data = read_yaml(path)
    if not isinstance(data, dict) or "cpv" not in data or "kostra_art" not in data:
        raise DataFileError(path, "(rot)", "må ha nøklene cpv og kostra_art")
    cpv, art = data["cpv"], data["kostra_art"]
    for category in [*cpv.get("divisions", {}), cpv.get("default"), art.get("default")]:
        if category not in CATEGORIES:
            raise DataFileError(path, "cpv.divisions", f"ukjent kategori «{category}»")
    for index, entry in enumerate(art.get("ranges") or []):
        key = f"kostra_art.ranges[{index}]"
        if not isinstance(entry, dict) or not {"from", "to", "category"} <= set(entry):
            raise DataFileError(path, key, "må ha from, to og category")
        for name in ("category", "health_category"):
            if name in entry and entry[name] not in CATEGORIES:
                raise DataFileError(path, f"{key}.{name}", f"ukjent kategori «{entry[name]}»")
    for index, pattern in enumerate(art.get("account_patterns") or []):
        try:
            re.compile(pattern)
        except re.error as error:
            raise DataFileError(path, f"kostra_art.account_patterns[{index}]", str(error)) from None
    return data


def _findings(path: Path) -> tuple[dict[str, FindingType], dict[str, Any]]:
    data = read_yaml(path)
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise DataFileError(path, "findings", "mangler eller er tom")
    result = {}
    for code, spec in entries.items():
        for name in ("title", "rule", "text"):
            if not isinstance(spec.get(name), str) or not spec[name].strip():
                raise DataFileError(path, f"findings.{code}.{name}", "mangler eller er ikke tekst")
        citations = spec.get("citations")
        if not isinstance(citations, list) or not citations:
            raise DataFileError(path, f"findings.{code}.citations", "må være en liste")
        result[code] = FindingType(code, spec["title"], " ".join(spec["rule"].split()),
                                   tuple(citations), " ".join(spec["text"].split()))
    parameters = data.get("parameters")
    if not isinstance(parameters, dict):
        raise DataFileError(path, "parameters", "mangler eller er ikke en tabell")
    for name in ("aggregate_days", "split_window_days", "split_min_invoices",
                 "duplicate_min_amount", "top_suppliers"):
        if not isinstance(parameters.get(name), int | float):
            raise DataFileError(path, f"parameters.{name}", "mangler eller er ikke et tall")
    return result, parameters


@lru_cache(maxsize=4)
def load_config(directory: Path = SPEND_DIR) -> SpendConfig:
    findings, parameters = _findings(directory / "findings.yaml")
    return SpendConfig(_columns(directory / "columns.yaml"),
                       _categories(directory / "categories.yaml"), findings, parameters)
