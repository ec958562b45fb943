"""The one renderer of a decision: `decision_view(decision)` and `decision_markdown(decision)`.

`decision_view` turns a `rules.model.Decision` into the Norwegian text of every
part (titles of codes from knowledge/rules/*.yaml, threshold labels from the
threshold files, evidence status in words). The chat answers, `innkjop check`,
the TUI decision card and the Markdown export all build on it, so a label or
sentence is written once. Users never see a raw code here; --json and trainer
mode show codes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from knowledge.infra.errors import DataFileError
from rules.formatting import kr
from rules.model import Conclusion, Decision, Purchase, Warning
from rules.titles import title


class _CategoryTitles(Mapping[str, str]):
    """Category code -> Norwegian title, read from the rule files when first used."""

    def _titles(self) -> dict[str, str]:
        from rules.titles import code_titles

        return code_titles().get("category", {})

    def __getitem__(self, code: str) -> str:
        return self._titles()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


CATEGORY_TITLES: Mapping[str, str] = _CategoryTitles()
"""Category titles (knowledge/rules/national.yaml `titles.category`)."""


@dataclass(frozen=True)
class Item:
    """One conclusion or warning as shown: its title, sentence and citations."""

    code: str
    title: str
    text: str
    citations: tuple[str, ...] = ()

    @property
    def cited(self) -> str:
        return "; ".join(self.citations)


@dataclass(frozen=True)
class ThresholdLine:
    name: str
    label: str
    value: float
    status: str
    status_text: str
    """The status in words: "bekreftet i forskriften", "bare i sekundærkilder", ..."""
    relied_on: bool
    """The answer depends on this unconfirmed value (it carries the warning)."""

    @property
    def text(self) -> str:
        return f"{self.label}: {kr(self.value)} ({self.status_text})"


@dataclass(frozen=True)
class DecisionView:
    heading: str
    facts: str
    value_lines: tuple[str, ...]
    procedure: Item | None
    authority: Item | None
    documentation: tuple[Item, ...]
    warnings: tuple[Item, ...]
    questions: tuple[str, ...]
    assumptions: tuple[str, ...]
    threshold_set: str
    threshold_summary: str
    """One sentence: which unconfirmed values the answer depends on, in words."""
    threshold_lines: tuple[ThresholdLine, ...]
    trace: tuple[tuple[str, str, str], ...] = field(default=())
    """(rule, because, citation) per step."""
    needs_checking: bool = False
    """The answer depends on a threshold value no primary source confirms."""


OPEN_PROCEDURE = "Ikke avgjort ennå: svar på spørsmålene under."
OPEN_AUTHORITY = "Avhenger av svarene under."


def _item(kind: str, conclusion: Conclusion | Warning) -> Item:
    return Item(conclusion.code, title(kind, conclusion.code), conclusion.text,
                tuple(conclusion.citations))


def _threshold_labels() -> dict[str, str]:
    from knowledge.thresholds import load_thresholds

    try:
        return {name: threshold.label for name, threshold in load_thresholds().items()}
    except DataFileError:
        return {}


def threshold_label(name: str) -> str:
    """The label of a threshold from its file (`lower_limit` -> "nedre grense ...")."""
    return _threshold_labels().get(name, name)


def _facts(purchase: Purchase) -> str:
    facts = []
    if purchase.category:
        facts.append(f"kategori: {title('category', purchase.category)}")
    if purchase.municipality:
        facts.append(f"kommune: {purchase.municipality}")
    if purchase.framework is not None:
        facts.append("avtale finnes" if purchase.framework else "ingen avtale å avrope på")
    if purchase.is_framework_agreement:
        facts.append("ny rammeavtale")
    return ", ".join(facts)


def _threshold_lines(decision: Decision) -> tuple[ThresholdLine, ...]:
    info = decision.thresholds
    labels = _threshold_labels()
    lines = []
    for name, value in info.values.items():
        status = info.status.get(name) or ("unverified" if name in info.unverified
                                           else "verified")
        # A record without per-value status (older callers) relies on every unverified value.
        relied = name in info.relied_on or (not info.status and name in info.unverified)
        lines.append(ThresholdLine(name, labels.get(name, name), value, status,
                                   title("status", status), relied))
    return tuple(lines)


def _summary(lines: tuple[ThresholdLine, ...], decided: bool, needs_checking: bool) -> str:
    relied = [line for line in lines if line.relied_on]
    if relied:
        return ("Svaret avhenger av verdier som ikke er bekreftet i forskriften: "
                + "; ".join(line.text for line in relied)
                + ". Sjekk dem på Lovdata / anskaffelser.no.")
    if needs_checking:
        return "Ikke alle verdiene er bekreftet i forskriften: sjekk på Lovdata / anskaffelser.no."
    if not decided:
        return "Vurderingen venter på svar; «innkjop terskler» viser verdiene og kildene."
    return ("Ingen ubekreftet terskelverdi endrer dette svaret "
            "(se «innkjop terskler --sjekk» for verdier som bør sjekkes).")


def decision_view(decision: Decision) -> DecisionView:
    """Every part of the decision as Norwegian text."""
    purchase = decision.purchase
    if purchase.arithmetic:
        value_lines: tuple[str, ...] = (purchase.arithmetic,)
    else:
        value_lines = purchase.arithmetic_alternatives
    lines = _threshold_lines(decision)
    needs_checking = any(line.relied_on for line in lines) or (
        not decision.thresholds.status and not decision.thresholds.verified)
    return DecisionView(
        heading=f"Hva kjøpet krever (per {decision.as_of.isoformat()})",
        facts=_facts(purchase.stated),
        value_lines=value_lines,
        procedure=_item("procedure", decision.procedure) if decision.procedure else None,
        authority=_item("authority", decision.authority) if decision.authority else None,
        documentation=tuple(_item("document", d) for d in decision.documentation),
        warnings=tuple(_item("warning", w) for w in decision.warnings),
        questions=tuple(q.text for q in decision.questions),
        assumptions=tuple(decision.assumptions),
        threshold_set=decision.thresholds.set,
        threshold_summary=_summary(lines, not decision.questions, needs_checking),
        threshold_lines=lines,
        trace=tuple((step.rule, step.because, step.citation) for step in decision.trace),
        needs_checking=needs_checking,
    )


def _cite(citations: tuple[str, ...]) -> str:
    return f" [{'; '.join(citations)}]" if citations else ""


def _conclusion(item: Item) -> str:
    return f"**{item.title}**: {item.text}{_cite(item.citations)}"


def _section(title_text: str, items: list[str]) -> list[str]:
    return [f"## {title_text}", *(f"- {item}" for item in items), ""] if items else []


def decision_markdown(decision: Decision, *, trace: bool = True) -> str:
    """The decision card as Markdown (readable as plain text too)."""
    view = decision_view(decision)
    lines: list[str] = [f"# {view.heading}", ""]
    if view.facts:
        lines += [f"Kjøp: {view.facts}.", ""]
    if len(view.value_lines) == 1 and decision.purchase.arithmetic:
        lines += [f"Verdi: {view.value_lines[0]}.", ""]
    elif view.value_lines:
        lines.append("Verdi (avhenger av svarene under):")
        lines += [f"- {line}" for line in view.value_lines]
        lines.append("")
    for heading, item, open_text in (
        ("Prosedyre", view.procedure, OPEN_PROCEDURE),
        ("Hvem gjennomfører", view.authority, OPEN_AUTHORITY),
    ):
        lines += [f"## {heading}", _conclusion(item) if item else open_text, ""]
    lines += _section("Dokumentasjon og plikter", [_conclusion(d) for d in view.documentation])
    lines += _section("Advarsler", [f"⚠ {w.text}{_cite(w.citations)}" for w in view.warnings])
    lines += _section("Dette må avklares", list(view.questions))
    lines += _section("Forutsetninger", list(view.assumptions))
    lines += [f"Terskelverdier: {view.threshold_set}. {view.threshold_summary}", ""]
    if trace and view.trace:
        lines.append("## Hvorfor (regelspor)")
        for number, (_, because, citation) in enumerate(view.trace, start=1):
            lines.append(f"{number}. {because}{_cite((citation,) if citation else ())}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
