"""Export a decision as a Markdown decision record, a starting point for the procurement protocol.

The record holds the purchase, the value arithmetic, procedure, authority, the
documentation checklist with the user's ticks, warnings, the rule trace with
citations, the passages consulted, and the date and threshold set used with
each value's evidence status in words. Titles, sentences and statuses come from
the one renderer (assistant/render.py: decision_view).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from assistant.render import Item, decision_view
from assistant.tui.formatting import (
    field_value,
    kroner,
    label,
    norwegian_date,
)
from index.model import Hit
from knowledge.infra.errors import InnkjopError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.terminal import quote
from rules.model import Conclusion, Decision

EXPORT_FOLDER = "vurderinger"
SHOWN_PURCHASE_FIELDS = (
    "description", "value", "vat", "period", "duration_months", "category",
    "municipality", "framework", "is_framework_agreement", "value_excl_vat",
)


class ExportError(InnkjopError):
    """The decision record could not be written (folder missing, no permission, disk full)."""


def default_export_path(data_dir: Path, now: datetime | None = None) -> Path:
    """`<data folder>/vurderinger/vurdering-YYYYMMDD-HHMMSS.md`."""
    now = now or datetime.now()
    return data_dir / EXPORT_FOLDER / f"vurdering-{now:%Y%m%d-%H%M%S}.md"


def _citations(item: Conclusion | Item) -> str:
    return f" ({'; '.join(item.citations)})" if item.citations else ""


def _conclusion_section(title: str, item: Item | None) -> list[str]:
    if item is None:
        return [f"## {title}", "", "Kan ikke avgjøres ennå: se «Mangler» nedenfor.", ""]
    return [f"## {title}", "", f"**{item.title}**: {item.text}{_citations(item)}", ""]


def all_citations(decision: Decision) -> list[str]:
    """Every citation the decision rests on, in first-seen order."""
    seen: dict[str, None] = {}
    conclusions = [c for c in (decision.procedure, decision.authority) if c]
    cited = [citation for item in [*conclusions, *decision.documentation, *decision.warnings]
             for citation in item.citations]
    cited += [step.citation for step in decision.trace if step.citation]
    for joined in cited:
        for citation in joined.split(";"):
            if citation.strip():
                seen.setdefault(citation.strip(), None)
    return list(seen)


def decision_record(
    decision: Decision,
    ticked: Iterable[str] = (),
    *,
    passages: Iterable[Hit] = (),
    exported_at: datetime | None = None,
) -> str:
    """The decision record as Markdown (Norwegian)."""
    ticked = set(ticked)
    exported_at = exported_at or datetime.now()
    info = decision.thresholds
    view = decision_view(decision)
    status = "må sjekkes" if view.needs_checking else "ingen ubekreftet verdi endrer svaret"
    purchase = decision.purchase.to_dict()
    lines = [
        "# Vurdering av anskaffelse",
        "",
        f"- Vurdert per: {norwegian_date(decision.as_of)}",
        f"- Terskelverdisett: {info.set} ({status})",
        f"- Eksportert: {exported_at:%d.%m.%Y %H:%M}",
        "",
        "## Anskaffelsen",
        "",
    ]
    for key in SHOWN_PURCHASE_FIELDS:
        if key in purchase and purchase[key] not in (None, "", [], ()):
            lines.append(f"- {label(key)}: {field_value(key, purchase[key])}")
    lines += ["", "## Verdiberegning", ""]
    value = decision.purchase.value_excl_vat
    lines.append(decision.purchase.arithmetic or f"Verdi eks. mva: {kroner(value)}")
    lines.append("")
    lines += _conclusion_section("Prosedyre", view.procedure)
    lines += _conclusion_section("Hvem gjennomfører", view.authority)
    lines += ["## Dokumentasjon", ""]
    if view.documentation:
        for duty in view.documentation:
            mark = "x" if duty.code in ticked else " "
            lines.append(f"- [{mark}] **{duty.title}**: {duty.text}{_citations(duty)}")
    else:
        lines.append("Ingen dokumentasjonskrav utledet.")
    lines.append("")
    if view.warnings:
        lines += ["## Advarsler", ""]
        lines += [f"- {w.text}{_citations(w)}" for w in view.warnings]
        lines.append("")
    if decision.questions or decision.assumptions:
        lines += ["## Mangler og antakelser", ""]
        lines += [f"- Mangler: {q.text}" for q in decision.questions]
        lines += [f"- Antatt: {a}" for a in decision.assumptions]
        lines.append("")
    lines += ["## Begrunnelse (regelkjeden)", ""]
    for number, (_, because, citation) in enumerate(view.trace, 1):
        cited = f" ({citation})" if citation else ""
        lines.append(f"{number}. {because}{cited}")
    lines += ["", "## Terskelverdier brukt", ""]
    per = f", per {norwegian_date(decision.as_of)}"
    if decision.as_of.isoformat() in info.set:
        per = ""
    lines.append(f"Sett: {info.set}{per} ({status}).")
    for line in view.threshold_lines:
        flag = " – svaret avhenger av denne" if line.relied_on else ""
        lines.append(f"- {label(line.name)}: {kroner(line.value)} ({line.status_text}){flag}")
    lines += ["", view.threshold_summary]
    lines += ["", "## Kilder", ""]
    lines += [f"- {citation}" for citation in all_citations(decision)]
    hits = list(passages)
    if hits:
        lines += ["", "Avsnitt som ble lest:", ""]
        for hit in hits:
            p = hit.passage
            page = f", s. {p.page}" if p.page is not None else ""
            url = f" <{p.url}>" if p.url else ""
            lines.append(f"- {p.citation}: {p.document}, {p.section}{page}{url}")
    lines += [
        "",
        "---",
        "Utgangspunkt for anskaffelsesprotokollen, laget av innkjop. "
        "Kontroller mot gjeldende regelverk før bruk.",
        "",
    ]
    return "\n".join(lines)


def write_record(markdown: str, path: Path) -> Path:
    """Write the record atomically (a temp file renamed into place); return the path."""
    path = Path(path).expanduser()
    try:
        if path.is_dir():
            raise ExportError(
                f"{path} er en mappe; oppgi et filnavn, for eksempel {path}/vurdering.md"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".vurdering-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(markdown)
            os.replace(temp_name, path)
        finally:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
    except OSError as error:
        raise ExportError(
            f"Kunne ikke lagre vurderingen i {quote(path, 160)}: {os_reason(error)}."
        ) from error
    return path
