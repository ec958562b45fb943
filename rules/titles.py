"""The Norwegian titles of every code, read from beside the rules (knowledge/rules/*.yaml).

Procedure, authority, document, warning and regime codes, the purchase
categories and the evidence statuses each have a title under `titles:` in a
rule layer file. `check_titles` fails (DataFileError `file:key: problem`) when
a rule concludes a code that no layer gives a title, so a user never sees a raw
code; `title(kind, code)` is what renderers call.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from rules.rulebook import LAYER_FILES, Rulebook, parse_titles

Titles = dict[str, dict[str, str]]
REQUIRED_STATUSES = ("verified", "secondary", "unverified")
REQUIRED_EVIDENCE = ("primary", "secondary")


def merged_titles(rulebooks: list[Rulebook]) -> Titles:
    """Titles of all layers, kind by kind (a later layer may not retitle a code)."""
    merged: Titles = {}
    for book in rulebooks:
        for kind, entries in book.titles.items():
            target = merged.setdefault(kind, {})
            for code, text in entries.items():
                if code in target and target[code] != text:
                    raise DataFileError(book.path, f"titles.{kind}.{code}",
                                        f"har en annen tittel i et annet lag: {target[code]!r}")
                target[code] = text
    return merged


def check_titles(rulebooks: list[Rulebook], categories: tuple[str, ...]) -> Titles:
    """The merged titles; DataFileError naming the rule whose code has no title."""
    titles = merged_titles(rulebooks)
    for book in rulebooks:
        for rule in book.rules:
            pairs = [(rule.kind, rule.code)]
            if rule.procedure:
                pairs.append(("procedure", rule.procedure))
            for kind, code in pairs:
                if code not in titles.get(kind, {}):
                    raise DataFileError(
                        book.path, f"rules.{rule.name}.then.{kind}",
                        f"koden {code!r} har ingen tittel under titles.{kind}",
                    )
    for kind, codes in (("category", categories), ("status", REQUIRED_STATUSES),
                        ("evidence", REQUIRED_EVIDENCE)):
        for code in codes:
            if code not in titles.get(kind, {}):
                raise DataFileError(LAYER_FILES["nasjonal"], f"titles.{kind}.{code}",
                                    "mangler tittel")
    return titles


@lru_cache(maxsize=1)
def code_titles() -> Titles:
    """The titles of the rule files in knowledge/rules/ (read once per process)."""
    merged: Titles = {}
    for path in LAYER_FILES.values():
        data = read_yaml(path)
        raw = data.get("titles") if isinstance(data, dict) else None
        for kind, entries in parse_titles(path, raw).items():
            merged.setdefault(kind, {}).update(entries)
    return merged


def title(kind: str, code: str | None) -> str:
    """The Norwegian title of a code; the code itself only if the data lacks it (a
    test guarantees it does not for every code the rules use)."""
    if code is None:
        return ""
    return code_titles().get(kind, {}).get(code, code)
