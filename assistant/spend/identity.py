"""Who is who on an invoice: organisation numbers (MOD11), buyers, supplier keys."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.infra.yamlfile import read_yaml
from knowledge.municipalities import MUNICIPALITIES_FILE, load_municipalities

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def clean_org(text: str | None) -> str:
    """An org number as digits only ("NO 962 096 654 MVA" -> "962096654")."""
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    return digits


def valid_org(number: str) -> bool:
    """True when `number` is nine digits whose last is the MOD11 check digit."""
    if not re.fullmatch(r"\d{9}", number):
        return False
    remainder = sum(int(d) * w for d, w in zip(number[:8], _WEIGHTS, strict=True)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(number[8])


def supplier_key(org: str, name: str) -> str:
    """One key per supplier: the org number, or the folded name when there is none."""
    return org if org else "navn:" + " ".join(name.lower().split())


@lru_cache(maxsize=1)
def buyer_names() -> dict[str, str]:
    """Every lower-cased name, alias, "X kommune" and listed org number -> municipality.

    Org numbers come from an optional `org_number` field in municipalities.yaml; the
    project ships none (it lists only numbers it can source), so names are matched.
    """
    names = dict(load_municipalities())
    data = read_yaml(MUNICIPALITIES_FILE)
    for entry in data.get("municipalities", []):
        names.setdefault(f"{entry['name'].lower()} kommune", entry["name"])
        for number in [entry.get("org_number"), *(entry.get("org_numbers") or [])]:
            if number:
                names[clean_org(str(number))] = entry["name"]
    return names


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    aliases = sorted((a for a in buyer_names() if not a.isdigit() and len(a) >= 4),
                     key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in aliases) + r")(?!\w)")


@lru_cache(maxsize=4096)
def resolve_buyer(*candidates: str | None) -> str | None:
    """The municipality for the first candidate (org number or name) that is known.

    A name matches exactly ("Frosta kommune") or by containing exactly one of the
    municipalities as a whole word ("Stjørdal kommune, Helse og velferd")."""
    names = buyer_names()
    for candidate in candidates:
        if not candidate:
            continue
        text = " ".join(candidate.split()).lower()
        if text in names:
            return names[text]
        digits = clean_org(text)
        if len(digits) == 9 and digits in names:
            return names[digits]
        found = {names[m.group(1)] for m in _name_pattern().finditer(text)}
        if len(found) == 1:
            return found.pop()
    return None
