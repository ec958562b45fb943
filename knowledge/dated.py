"""Dated legal values with their evidence (OpenFisca style), shared by thresholds and parameters.

A dated value holds from its start date until the next value's start. It carries
its legal reference, the date it was last reviewed, and `evidence`: the sources
it rests on, each with a title, a URL (or a project reference), the sentence
relied on (`quote`), its kind and the date it was checked.

The status is derived from the evidence, never typed by hand:

- `verified`: at least one primary source (the rule text on Lovdata, the
  ministry's own publication, or the strategy itself);
- `secondary`: only secondary sources (news, law firms, KS, DFØ summaries);
- `unverified`: no source at all.

Every problem in the data is a DataFileError `file:key: problem`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import UniqueKeyLoader

Status = Literal["verified", "secondary", "unverified"]
STATUSES: tuple[Status, ...] = ("verified", "secondary", "unverified")
"""Strongest first."""
EvidenceKind = Literal["primary", "secondary"]
EVIDENCE_FIELDS = ("title", "url", "quote", "kind", "checked")


@dataclass(frozen=True)
class Evidence:
    """One source a value rests on."""

    title: str
    url: str
    quote: str
    """The sentence relied on, as it stands in the source."""
    kind: EvidenceKind
    checked: date
    """When someone last read the source and found the quote there."""

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url, "quote": self.quote, "kind": self.kind,
                "checked": self.checked.isoformat()}


@dataclass(frozen=True)
class DatedValue:
    """One value, valid from `start` until the next value's start."""

    start: date
    value: float
    reference: str
    last_reviewed: date
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    key: str = ""
    """`values.<start>` as written in the file (for `file:key` messages)."""

    @property
    def status(self) -> Status:
        kinds = {item.kind for item in self.evidence}
        if "primary" in kinds:
            return "verified"
        return "secondary" if kinds else "unverified"

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    @property
    def url(self) -> str:
        """The URL of the strongest source (empty without evidence)."""
        ranked = sorted(self.evidence, key=lambda item: item.kind != "primary")
        return ranked[0].url if ranked else ""


def stronger(a: Status, b: Status) -> bool:
    """Whether status `a` rests on stronger evidence than `b`."""
    return STATUSES.index(a) < STATUSES.index(b)


class DatesAsTextLoader(UniqueKeyLoader):
    """The shared loader (duplicate keys are errors) leaving dates as text, so that a bad
    date is reported with its key instead of as a YAML parse error."""


DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_values(path: Path, raw_values: Any,
                 check_value: Callable[[Path, str, Any], float]) -> tuple[DatedValue, ...]:
    """The `values:` table of a dated file, sorted by start date.

    `check_value(path, key, raw)` validates and returns the number itself."""
    if not isinstance(raw_values, dict) or not raw_values:
        raise DataFileError(path, "values", "mangler eller er tom (datoer med verdier)")
    values = []
    for raw_start, entry in raw_values.items():
        key = f"values.{raw_start}"
        start = data_date(path, key, raw_start)
        if not isinstance(entry, dict):
            raise DataFileError(path, key, "må være en tabell med value, reference, evidence, ...")
        if "verified" in entry:
            raise DataFileError(
                path, f"{key}.verified",
                "status skrives ikke for hånd: før kildene under evidence (kind: primary "
                "eller secondary), så utledes statusen",
            )
        values.append(DatedValue(
            start=start,
            value=check_value(path, f"{key}.value", entry.get("value")),
            reference=text(path, entry, "reference", key),
            last_reviewed=data_date(path, f"{key}.last_reviewed", entry.get("last_reviewed")),
            evidence=parse_evidence(path, f"{key}.evidence", entry.get("evidence", ...)),
            note=str(entry.get("note") or "").strip(),
            key=key,
        ))
    return tuple(sorted(values, key=lambda v: v.start))


def parse_evidence(path: Path, key: str, raw: Any) -> tuple[Evidence, ...]:
    if raw is ...:
        raise DataFileError(
            path, key, "mangler: før kildene verdien bygger på, eller [] hvis ingen er funnet"
        )
    if not isinstance(raw, list):
        raise DataFileError(path, key, "må være en liste med kilder (title, url, quote, kind, "
                                       "checked)")
    items = []
    for index, entry in enumerate(raw):
        item_key = f"{key}[{index}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, item_key, "må være en tabell med "
                                                + ", ".join(EVIDENCE_FIELDS))
        kind = entry.get("kind")
        if kind not in ("primary", "secondary"):
            raise DataFileError(path, f"{item_key}.kind",
                                f"må være primary eller secondary, ikke {kind!r}")
        items.append(Evidence(
            title=text(path, entry, "title", item_key),
            url=text(path, entry, "url", item_key),
            quote=text(path, entry, "quote", item_key),
            kind=kind,
            checked=data_date(path, f"{item_key}.checked", entry.get("checked")),
        ))
    return tuple(items)


def text(path: Path, data: dict[str, Any], key: str, prefix: str = "") -> str:
    full_key = f"{prefix}.{key}" if prefix else key
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(path, full_key, "mangler eller er ikke en tekst")
    return " ".join(value.split())


def data_date(path: Path, key: str, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise DataFileError(path, key, f"ugyldig dato {raw!r} (bruk ÅÅÅÅ-MM-DD)")


def value_at(values: tuple[DatedValue, ...], day: date) -> DatedValue | None:
    """The value in force on `day` (values sorted by start), or None before the first."""
    current = None
    for value in values:
        if value.start <= day:
            current = value
        else:
            break
    return current
