"""The agreement register: framework agreements a unit may call off.

A YAML file in the shape of an export from the contract tool KAV (agreement,
supplier, category, municipalities, valid from/to, keywords). The project ships
a clearly marked example (`knowledge/agreements.yaml`); users point
`INNKJOP_AGREEMENTS` or `agreement_register:` in config.yaml at their own.
Malformed files raise DataFileError `file:key: problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.places import fold
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from knowledge.municipalities import MUNICIPALITIES, load_municipalities
from rules.model import CATEGORIES

ALL = "alle"


@dataclass(frozen=True)
class Agreement:
    id: str
    agreement: str
    supplier: str
    category: str
    municipalities: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    keywords: tuple[str, ...]
    owner: str = ""

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    def covers(self, municipality: str | None) -> bool:
        return municipality is None or municipality in self.municipalities


@dataclass(frozen=True)
class Register:
    path: Path
    agreements: tuple[Agreement, ...]
    example: bool
    pattern: re.Pattern[str] | None

    def matching(self, text: str, *, category: str | None, municipality: str | None,
                 as_of: date) -> list[Agreement]:
        """Agreements whose keywords occur in `text`, valid on `as_of`, for the municipality."""
        if self.pattern is None:
            return []
        words = {m.group(1) for m in self.pattern.finditer(fold(text))}
        found = []
        for agreement in self.agreements:
            if not words & {fold(k) for k in agreement.keywords}:
                continue
            if category and agreement.category != category:
                continue
            if agreement.valid_on(as_of) and agreement.covers(municipality):
                found.append(agreement)
        return found


def _text(value: Any, path: Path, key: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, key, "mangler eller er ikke en tekst")
    return value.strip()


def _date(value: Any, path: Path, key: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DataFileError(path, key, f"ugyldig dato «{value}» (bruk ÅÅÅÅ-MM-DD)")


def _municipalities(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip().lower() == ALL:
        return MUNICIPALITIES
    if not isinstance(value, list) or not value:
        raise DataFileError(path, key, f"må være «{ALL}» eller en liste med kommuner")
    names = load_municipalities()
    result = []
    for index, name in enumerate(value):
        canonical = names.get(str(name).strip().lower())
        if canonical is None:
            raise DataFileError(path, f"{key}[{index}]",
                                f"ukjent kommune «{name}» (gyldige: {', '.join(MUNICIPALITIES)})")
        result.append(canonical)
    return tuple(result)


def parse_register(data: Any, path: Path) -> Register:
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med nøkkelen agreements")
    entries = data.get("agreements")
    if not isinstance(entries, list):
        raise DataFileError(path, "agreements", "mangler eller er ikke en liste")
    agreements: list[Agreement] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        key = f"agreements[{index}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, key, "må være en tabell")
        ident = _text(entry.get("id"), path, f"{key}.id")
        if ident in seen:
            raise DataFileError(path, f"{key}.id", f"«{ident}» finnes to ganger")
        seen.add(ident)
        category = entry.get("category")
        if category not in CATEGORIES:
            raise DataFileError(path, f"{key}.category",
                                f"ukjent kategori «{category}» (gyldige: {', '.join(CATEGORIES)})")
        keywords = entry.get("keywords")
        if not isinstance(keywords, list) or not keywords or not all(
                isinstance(k, str) and k.strip() for k in keywords):
            raise DataFileError(path, f"{key}.keywords", "må være en liste med ord")
        valid_from = _date(entry.get("valid_from"), path, f"{key}.valid_from")
        valid_to = _date(entry.get("valid_to"), path, f"{key}.valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            raise DataFileError(path, f"{key}.valid_to", "er før valid_from")
        agreements.append(Agreement(
            id=ident,
            agreement=_text(entry.get("agreement"), path, f"{key}.agreement"),
            supplier=_text(entry.get("supplier"), path, f"{key}.supplier"),
            category=category,
            municipalities=_municipalities(entry.get("municipalities"), path,
                                           f"{key}.municipalities"),
            valid_from=valid_from,
            valid_to=valid_to,
            keywords=tuple(k.strip().lower() for k in keywords),
            owner=_text(entry.get("owner"), path, f"{key}.owner", required=False),
        ))
    terms = sorted({fold(k) for a in agreements for k in a.keywords}, key=len, reverse=True)
    pattern = None
    if terms:
        alternatives = "|".join(re.escape(t) for t in terms)
        # A keyword matches a whole word, its inflections, or the last part of a compound.
        pattern = re.compile(
            rf"(?<![\w-])[\w-]*?({alternatives})(?:-?(?:er|en|ene|et|e|a|r|s|ne))?(?![\w])")
    return Register(path, tuple(agreements), bool(data.get("example", False)), pattern)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Register:
    file = Path(path)
    return parse_register(read_yaml(file), file)


def load_register(path: Path | None = None) -> Register:
    """The register at `path` (default: settings.agreement_register)."""
    if path is None:
        from knowledge.infra.settings import load_settings

        path = load_settings().agreement_register
    try:
        mtime = path.stat().st_mtime
    except OSError as error:
        raise DataFileError(path, "(fil)", "avtaleregisteret finnes ikke") from error
    return _load_cached(str(path), mtime)
