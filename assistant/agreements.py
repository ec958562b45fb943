"""The agreement register: framework agreements a unit may call off.

A YAML file in the shape of an export from the contract tool KAV (agreement,
supplier, category, municipalities, valid from/to, keywords). The project ships
a clearly marked example (`knowledge/agreements.yaml`); users point
`INNKJOP_AGREEMENTS` or `agreement_register:` in config.yaml at their own.
Malformed files raise DataFileError `file:key: problem`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

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


INFLECTIONS = ("", "er", "en", "ene", "et", "e", "a", "r", "s", "ne")
"""Endings a keyword may carry in the text ("skjerm" in "skjermene")."""
_WORD_RE = re.compile(r"[\w-]+")
AGREEMENT_SUFFIX_RE = re.compile(r"(?<=\w{2})-?(?:ramme)?avtal(?:e|en|ene|er)$")
"""The end of a compound naming an agreement by what it covers ("matvare|avtalen")."""


@dataclass(frozen=True)
class Register:
    path: Path
    agreements: tuple[Agreement, ...]
    example: bool
    keywords: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Folded keyword -> positions of the agreements that have it (built once)."""
    max_words: int = 1

    def _found(self, text: str) -> set[int]:
        """Positions of agreements whose keyword occurs in the text: as a whole word, with
        an inflection, or as the last part of a compound ("kopipapiret", "pc-er")."""
        # "arbeidstøyavtalen", "pc-avtalen": the agreement named by what it covers
        words = [AGREEMENT_SUFFIX_RE.sub("", w) or w for w in _WORD_RE.findall(fold(text))]
        hits: set[int] = set()
        for i, first in enumerate(words):
            for n in range(1, min(self.max_words, len(words) - i) + 1):
                phrase = " ".join(words[i:i + n])
                for ending in INFLECTIONS:
                    if ending and not phrase.endswith(ending):
                        continue
                    base = (phrase[:-len(ending)] if ending else phrase).rstrip("-")
                    for start in range(len(first)):
                        positions = self.keywords.get(base[start:])
                        if positions:
                            hits.update(positions)
        return hits

    def named_in(self, text: str) -> list[Agreement]:
        """Agreements whose keyword occurs in the text, whatever their validity or scope."""
        return [self.agreements[i] for i in sorted(self._found(text))]

    def _candidates(self, text: str, category: str | None, municipality: str | None
                    ) -> list[Agreement]:
        found = (self.agreements[i] for i in sorted(self._found(text)))
        return [a for a in found if (not category or a.category == category)
                and a.covers(municipality)]

    def matching(self, text: str, *, category: str | None, municipality: str | None,
                 as_of: date) -> list[Agreement]:
        """Agreements whose keywords occur in `text`, valid on `as_of`, for the municipality."""
        return [a for a in self._candidates(text, category, municipality) if a.valid_on(as_of)]

    def expired(self, text: str, *, category: str | None, municipality: str | None,
                as_of: date) -> list[Agreement]:
        """Agreements that would match but ended before `as_of`, the latest first."""
        ended = [a for a in self._candidates(text, category, municipality)
                 if a.valid_to is not None and a.valid_to < as_of]
        return sorted(ended, key=lambda a: a.valid_to or as_of, reverse=True)


def build_register(path: Path, agreements: list[Agreement], example: bool) -> Register:
    """The register with its keyword index."""
    index: dict[str, list[int]] = {}
    for position, agreement in enumerate(agreements):
        for keyword in dict.fromkeys(fold(k) for k in agreement.keywords):
            index.setdefault(keyword, []).append(position)
    max_words = max((k.count(" ") + 1 for k in index), default=1)
    return Register(path, tuple(agreements), example,
                    {k: tuple(v) for k, v in index.items()}, max_words)


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
    return build_register(path, agreements, bool(data.get("example", False)))


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CACHE_VERSION = 1


def _cache_file(path: Path) -> Path:
    from knowledge.infra.settings import default_data_dir

    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return default_data_dir() / "cache" / f"avtaleregister-{digest}.json"


def _stamp(path: Path, mtime: float, size: int) -> dict[str, Any]:
    return {"version": CACHE_VERSION, "path": str(path.resolve()), "mtime": mtime, "size": size}


def _from_cache(path: Path, mtime: float, size: int) -> Register | None:
    """The register as validated earlier, when the file has not changed since."""
    try:
        data = json.loads(_cache_file(path).read_text(encoding="utf-8"))
        if data.get("stamp") != _stamp(path, mtime, size):
            return None
        agreements = [Agreement(
            id=a["id"], agreement=a["agreement"], supplier=a["supplier"],
            category=a["category"], municipalities=tuple(a["municipalities"]),
            valid_from=date.fromisoformat(a["valid_from"]) if a["valid_from"] else None,
            valid_to=date.fromisoformat(a["valid_to"]) if a["valid_to"] else None,
            keywords=tuple(a["keywords"]), owner=a["owner"]) for a in data["agreements"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return build_register(path, agreements, bool(data.get("example")))


def _to_cache(register: Register, mtime: float, size: int) -> None:
    """Keep the validated register beside the index (best effort: a read-only folder is fine)."""
    rows = [{**{k: getattr(a, k) for k in ("id", "agreement", "supplier", "category", "owner")},
             "municipalities": list(a.municipalities), "keywords": list(a.keywords),
             "valid_from": a.valid_from.isoformat() if a.valid_from else None,
             "valid_to": a.valid_to.isoformat() if a.valid_to else None}
            for a in register.agreements]
    target = _cache_file(register.path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps({"stamp": _stamp(register.path, mtime, size),
                                         "example": register.example, "agreements": rows},
                                        ensure_ascii=False), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float, size: int) -> Register:
    file = Path(path)
    cached = _from_cache(file, mtime, size)
    if cached is not None:
        return cached
    register = parse_register(read_yaml(file, _FAST_LOADER), file)
    _to_cache(register, mtime, size)
    return register


def load_register(path: Path | None = None) -> Register:
    """The register at `path` (default: settings.agreement_register).

    Parsed and validated once per change of the file; the validated agreements are
    kept as JSON in the data folder, so a new process (each `innkjop ask`) reads
    them in a fraction of the YAML's time."""
    if path is None:
        from knowledge.infra.settings import load_settings

        path = load_settings().agreement_register
    try:
        stat = path.stat()
    except OSError as error:
        raise DataFileError(path, "(fil)", "avtaleregisteret finnes ikke") from error
    return _load_cached(str(path), stat.st_mtime, stat.st_size)
