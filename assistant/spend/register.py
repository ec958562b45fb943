"""The agreement register as the spend analysis needs it, and the list of won contracts.

Reuses the register reader of assistant/agreements.py (validation and the base
fields) and adds the optional fields `supplier_org`, `cpv` (CPV prefixes of the
agreement's scope) and `accounts` (KOSTRA art or account prefixes). The register
may also be a CSV export from KAV (header synonyms in knowledge/spend/columns.yaml),
which is turned into the YAML shape and validated by the same reader.

`--kontrakter`: contracts won in a competition (YAML `contracts:` list or CSV), so
purchases they cover are not flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.agreements import Agreement, Register, parse_register
from assistant.spend.config import ColumnSet
from assistant.spend.identity import clean_org
from assistant.spend.textfile import detect_delimiter, detect_encoding, split_fields
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml
from knowledge.municipalities import MUNICIPALITIES, load_municipalities


@dataclass(frozen=True)
class Scope:
    """What an agreement or contract covers: CPV prefixes, art prefixes, category."""

    cpv: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    category: str | None = None


@dataclass(frozen=True)
class SpendAgreement:
    base: Agreement
    supplier_org: str
    scope: Scope

    @property
    def id(self) -> str:
        return self.base.id


@dataclass(frozen=True)
class Contract:
    supplier_org: str
    supplier: str
    municipalities: tuple[str, ...]
    scope: Scope
    valid_from: date | None
    valid_to: date | None
    reference: str


def _codes(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else re.split(r"[,\s;]+", str(value))
    codes = []
    for item in items:
        digits = re.sub(r"\D", "", str(item).split("-")[0])
        if str(item).strip() and not digits:
            raise DataFileError(path, key, f"«{item}» er ikke en kode med sifre")
        if digits:
            codes.append(digits)
    return tuple(codes)


def _csv_rows(path: Path, columns: ColumnSet) -> list[dict[str, str]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(path, "(fil)", f"kan ikke leses: {error.strerror or error}") from None
    encoding = detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise DataFileError(path, "(fil)", "teksten kan ikke leses (ukjent tegnsett)") from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise DataFileError(path, "(fil)", "er tom")
    delimiter = detect_delimiter(lines[0])
    header = split_fields(lines[0], delimiter)
    found = columns.match(header)
    missing = columns.missing(found)
    if missing:
        raise DataFileError(path, "linje 1", "mangler kolonner: " + "; ".join(missing))
    rows = []
    for line in lines[1:]:
        fields = split_fields(line, delimiter)
        rows.append({name: fields[i].strip() if i < len(fields) else ""
                     for name, i in found.items()})
    return rows


def _list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|]", value) if part.strip()]


def _register_data(path: Path, columns: ColumnSet) -> dict[str, Any]:
    if path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(path, "(rot)", "må være en tabell med nøkkelen agreements")
        return data
    entries = []
    for index, row in enumerate(_csv_rows(path, columns)):
        key = f"agreements[{index}]"
        municipalities = row.get("municipalities", "")
        entries.append({
            **row,
            "municipalities": "alle" if municipalities.lower() == "alle" else _list(municipalities),
            "valid_from": _date(row.get("valid_from"), path, f"{key}.valid_from"),
            "valid_to": _date(row.get("valid_to"), path, f"{key}.valid_to"),
            "keywords": _list(row.get("keywords", "")) or [row.get("agreement", "")],
            "category": row.get("category", "").lower().replace("-", "_"),
        })
    return {"agreements": entries}


def load_spend_register(path: Path, columns: ColumnSet) -> tuple[Register, list[SpendAgreement]]:
    """The register (YAML or KAV CSV) with each agreement's org number and scope."""
    data = _register_data(path, columns)
    register = parse_register(data, path)
    result = []
    for index, (entry, agreement) in enumerate(zip(data["agreements"], register.agreements,
                                                   strict=True)):
        key = f"agreements[{index}]"
        org = clean_org(str(entry.get("supplier_org") or ""))
        if entry.get("supplier_org") and len(org) != 9:
            raise DataFileError(path, f"{key}.supplier_org", "må være et organisasjonsnummer "
                                "med ni sifre")
        result.append(SpendAgreement(agreement, org, Scope(
            _codes(entry.get("cpv"), path, f"{key}.cpv"),
            _codes(entry.get("accounts"), path, f"{key}.accounts"), agreement.category)))
    return register, result


def _date(value: Any, path: Path, key: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        raise DataFileError(path, key, f"ugyldig dato «{value}»") from None


def load_contracts(path: Path, columns: ColumnSet) -> list[Contract]:
    """Contracts won in a competition (YAML with `contracts:`, or CSV)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path)
        entries = data.get("contracts") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise DataFileError(path, "contracts", "mangler eller er ikke en liste")
    else:
        entries = _csv_rows(path, columns)
    names = load_municipalities()
    result = []
    for index, entry in enumerate(entries):
        key = f"contracts[{index}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, key, "må være en tabell")
        org = clean_org(str(entry.get("supplier_org") or ""))
        if len(org) != 9:
            raise DataFileError(path, f"{key}.supplier_org", "må være et organisasjonsnummer")
        raw = entry.get("municipalities") or "alle"
        items = raw if isinstance(raw, list) else _list(str(raw))
        if [str(i).lower() for i in items] == ["alle"]:
            municipalities = MUNICIPALITIES
        else:
            unknown = [i for i in items if str(i).strip().lower() not in names]
            if unknown:
                raise DataFileError(path, f"{key}.municipalities", f"ukjent kommune «{unknown[0]}»")
            municipalities = tuple(names[str(i).strip().lower()] for i in items)
        category = str(entry.get("category") or "").strip().lower() or None
        result.append(Contract(
            org, str(entry.get("supplier") or ""), municipalities,
            Scope(_codes(entry.get("cpv"), path, f"{key}.cpv"),
                  _codes(entry.get("accounts"), path, f"{key}.accounts"), category),
            _date(entry.get("valid_from"), path, f"{key}.valid_from"),
            _date(entry.get("valid_to"), path, f"{key}.valid_to"),
            str(entry.get("reference") or "")))
    return result
