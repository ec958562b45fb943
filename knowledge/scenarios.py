"""Trainer scenarios: purchases with the expected answer, as data a trainer can review.

Two formats, both loaded by `load_scenarios(path=None)`:

- The project's YAML library, `knowledge/scenarios/*.yaml` (the default). Each
  file holds `scenarios:`, a list of: id, title, lesson (what the case teaches,
  Norwegian), as_of, purchase (value, vat, period, duration_months, category,
  municipality, framework, is_framework_agreement, related), expect.
- The JSONL format of the evaluation sets (`scenarios_dev.jsonl`): one object a
  line with id, as_of, text, check (the purchase fields) and expect.

`expect` keys: value_excl_vat, procedure, authority, docs_include,
docs_exclude, questions_include, plus warnings_include, warnings_exclude and
error (a phrase the Norwegian error message must contain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

SCENARIOS_DIR = KNOWLEDGE_DIR / "scenarios"
EXPECT_KEYS = (
    "value_excl_vat", "procedure", "authority", "docs_include", "docs_exclude",
    "questions_include", "warnings_include", "warnings_exclude", "error",
)
PURCHASE_KEYS = (
    "value", "vat", "period", "duration_months", "category", "municipality",
    "framework", "is_framework_agreement", "related", "open_ended",
)


class PurchaseFacts(TypedDict):
    """The purchase of a scenario as plain data, keyed like `rules.model.Purchase`'s fields.

    knowledge/ stays below rules/: `rules.scenario_check.scenario_purchase` turns it into a
    Purchase. Values are as written in the file; rules.validate checks them when the
    scenario runs (an invalid value may be the lesson).
    """

    value: Any
    vat: Any
    period: Any
    duration_months: Any
    category: Any
    municipality: Any
    framework: Any
    is_framework_agreement: bool
    open_ended: bool
    related_values_excl_vat: tuple[Any, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    as_of: date
    purchase: PurchaseFacts
    expect: dict[str, Any]
    lesson: str = ""
    """What the case teaches (Norwegian), for trainer mode."""
    text: str = ""
    """The purchase as a user would type it (JSONL sets; empty in the YAML library)."""
    source: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def load_scenarios(path: Path | str | None = None) -> list[Scenario]:
    """Scenarios from a .yaml/.yml or .jsonl file, or every such file in a folder
    (default: the project's library knowledge/scenarios/)."""
    path = Path(path) if path is not None else SCENARIOS_DIR
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml", ".jsonl"))
        if not files:
            raise DataFileError(path, "(mappe)", "ingen scenariofiler (*.yaml, *.jsonl)")
    elif path.is_file():
        files = [path]
    else:
        raise DataFileError(path, "(fil)", "finnes ikke")
    scenarios: list[Scenario] = []
    for file in files:
        scenarios += _load_jsonl(file) if file.suffix == ".jsonl" else _load_yaml(file)
    seen: set[str] = set()
    for scenario in scenarios:
        if scenario.id in seen:
            raise DataFileError(scenario.source, scenario.id, "id finnes fra før")
        seen.add(scenario.id)
    return scenarios


def _load_yaml(path: Path) -> list[Scenario]:
    data = read_yaml(path)
    entries = data.get("scenarios") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataFileError(path, "scenarios", "mangler eller er tom")
    scenarios = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise DataFileError(path, f"scenarios[{index}]", "må være en tabell")
        key = str(entry.get("id") or f"scenarios[{index}]")
        for required in ("id", "title", "lesson"):
            if not isinstance(entry.get(required), str) or not entry[required].strip():
                raise DataFileError(path, f"{key}.{required}", "mangler tekst")
        tags = entry.get("tags") or []
        scenarios.append(Scenario(
            id=entry["id"],
            title=entry["title"].strip(),
            lesson=" ".join(entry["lesson"].split()),
            as_of=_as_of(path, key, entry.get("as_of")),
            purchase=_purchase(path, f"{key}.purchase", entry.get("purchase") or {}),
            expect=_expect(path, f"{key}.expect", entry.get("expect")),
            source=str(path),
            tags=tuple(str(t) for t in tags),
        ))
    return scenarios


def _load_jsonl(path: Path) -> list[Scenario]:
    scenarios = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(path, "(fil)", f"kan ikke leses: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataFileError(path, f"linje {number}", f"ugyldig JSON: {error.msg}") from error
        if not isinstance(entry, dict):
            raise DataFileError(path, f"linje {number}", "må være et JSON-objekt")
        key = str(entry.get("id") or f"linje {number}")
        text = str(entry.get("text") or "")
        scenarios.append(Scenario(
            id=key,
            title=text or key,
            lesson="",
            text=text,
            as_of=_as_of(path, key, entry.get("as_of")),
            purchase=_purchase(path, f"{key}.check", entry.get("check") or {}),
            expect=_expect(path, f"{key}.expect", entry.get("expect")),
            source=str(path),
        ))
    return scenarios


def _as_of(path: Path, key: str, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise DataFileError(path, f"{key}.as_of", f"ugyldig dato {raw!r} (ÅÅÅÅ-MM-DD)") from None


def _purchase(path: Path, key: str, raw: Any) -> PurchaseFacts:
    if not isinstance(raw, dict):
        raise DataFileError(path, key, "må være en tabell med kjøpets fakta")
    unknown = set(raw) - set(PURCHASE_KEYS)
    if unknown:
        raise DataFileError(path, key, f"ukjente felt {sorted(unknown)} (gyldige: {PURCHASE_KEYS})")
    related = raw.get("related") or []
    if not isinstance(related, list):
        raise DataFileError(path, f"{key}.related", "må være en liste med beløp eks. mva")
    # Values are checked by rules.validate when the scenario runs (an error may be the lesson).
    return PurchaseFacts(
        value=raw.get("value"),
        vat=raw.get("vat"),
        period=raw.get("period"),
        duration_months=raw.get("duration_months"),
        category=raw.get("category"),
        municipality=raw.get("municipality"),
        framework=raw.get("framework"),
        is_framework_agreement=bool(raw.get("is_framework_agreement", False)),
        open_ended=bool(raw.get("open_ended", False)),
        related_values_excl_vat=tuple(related),
    )


def _expect(path: Path, key: str, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw:
        raise DataFileError(path, key, "mangler forventet utfall")
    unknown = set(raw) - set(EXPECT_KEYS)
    if unknown:
        raise DataFileError(path, key, f"ukjente felt {sorted(unknown)} (gyldige: {EXPECT_KEYS})")
    for list_key in ("docs_include", "docs_exclude", "questions_include",
                     "warnings_include", "warnings_exclude"):
        if list_key in raw and not isinstance(raw[list_key], list):
            raise DataFileError(path, f"{key}.{list_key}", "må være en liste med koder")
    return dict(raw)
