"""The answer to one message as Markdown, built only from rule outcomes and
quoted passages.

A purchase: the decision card (`assistant/render.py: decision_markdown`), the
one question that matters next, the facts read (with the user's own words),
and 2-3 quoted passages with citations. A question: the best passages with
their most relevant sentence in bold, plus the decision when the question
implies one. The only other words are fixed labels ("Kilder:") and notices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.model import Fact, Intent
from assistant.periods import OPEN_ENDED
from assistant.render import CATEGORY_TITLES
from index.model import Hit
from index.text import stem, tokenize
from rules.formatting import kr, number
from rules.model import Decision, Question

SLOT_LABELS: dict[str, str] = {
    "value": "Beløp", "quantity": "Antall", "more_lines": "Flere linjer", "vat": "Mva",
    "period": "Periode", "duration": "Varighet", "option": "Opsjoner", "category": "Kategori",
    "municipality": "Kommune", "framework": "Eksisterende avtale",
    "outside_agreement": "Kjøp utenfor avtale", "new_framework": "Ny rammeavtale",
    "related": "Tidligere kjøp", "as_of": "Dato", "agreement": "Avtale i registeret",
    "retrospective": "Gjennomført kjøp",
}
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«(§-])|\n+")
PERIOD_TEXTS = {"week": "per uke", "month": "per måned", "quarter": "per kvartal",
                "half_year": "per halvår", "year": "per år"}
EXCERPT_CONTEXT = 1
"""Sentences quoted on each side of the marked one."""


def fact_value_text(fact: Fact) -> str:
    value = fact.value
    if fact.slot == "value":
        return kr(float(value))
    if fact.slot == "agreement":
        return f"{value['id']} {value['agreement']} med {value['supplier']}"
    if fact.slot == "quantity":
        if not value["unit"]:
            return "beløpet er summen av flere deler"
        return f"{number(float(value['count']))} {value['unit']}"
    if fact.slot == "more_lines":
        return "; ".join(f"{number(float(line['count']))} {line['unit']} × "
                         f"{kr(float(line['price']))}" if line["unit"] else
                         f"+ {kr(float(line['price']))}" for line in value)
    if fact.slot == "option":
        return f"{value} måneder (med i varigheten)"
    if fact.slot == "outside_agreement":
        return "ja, kjøp utenfor avtalen" if value else "nei"
    if fact.slot == "vat":
        return "inkl. mva" if value == "inkl" else "eks. mva"
    if fact.slot == "period":
        return PERIOD_TEXTS.get(str(value), str(value))
    if fact.slot == "duration":
        if value == OPEN_ENDED:
            return "uten sluttdato (regnes som 48 måneder)"
        return f"{value} måneder"
    if fact.slot == "category":
        return CATEGORY_TITLES.get(str(value), str(value))
    if fact.slot in ("framework", "new_framework", "retrospective"):
        return "ja" if value else "nei"
    if fact.slot == "related":
        return ", ".join(kr(r["value"]) + (f" {r['vat']}. mva" if r.get("vat") else "")
                         for r in value)
    return str(value)


def facts_markdown(facts: dict[str, Fact]) -> str:
    if not facts:
        return ""
    lines = ["**Opplysninger:**"]
    for slot, fact in facts.items():
        label = SLOT_LABELS.get(slot, slot)
        source = "antatt" if fact.source.startswith("antatt") else f"«{fact.source.strip()}»"
        if fact.source.startswith("antatt") and ":" in fact.source:
            source = fact.source
        lines.append(f"- {label}: {fact_value_text(fact)} ({source})")
    return "\n".join(lines)


def _stems(text: str) -> set[str]:
    return {stem(t) for t in tokenize(text) if len(t) > 2}


_ABBREVIATION_END_RE = re.compile(
    r"(?:\b(?:kr|ca|nr|pkt|jf|jfr|mva|inkl|eks|ekskl|dvs|bl\.a|f\.eks|mill|mrd|tlf|ref|kap)"
    r"|\b[a-zæøå]|\d)\.$", re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Sentences of a passage; a full stop after an abbreviation ("kr.", "f.eks.") is no end."""
    merged: list[str] = []
    for part in _SENTENCE_RE.split(text):
        part = part.strip() if part else ""
        if not part:
            continue
        if merged and _ABBREVIATION_END_RE.search(merged[-1]) and "\n" not in merged[-1]:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def best_sentence_index(parts: Sequence[str], query: str) -> int:
    """The sentence sharing most (rare-weighted) word stems with the query."""
    wanted = _stems(query)
    best, best_score = 0, -1.0
    for index, sentence in enumerate(parts):
        found = _stems(sentence)
        score = sum(1.0 + len(w) / 10 for w in wanted & found) / (1 + len(found) / 40)
        if score > best_score and not sentence.startswith("#"):
            best, best_score = index, score
    if parts and parts[best].endswith("?") and best + 1 < len(parts):
        return best + 1  # a passage's own question: its answer follows
    return best


def citation_line(hit: Hit) -> str:
    p = hit.passage
    where = [p.document]
    if p.section and p.section not in p.citation:
        where.append(p.section)
    if p.page is not None:
        where.append(f"s. {p.page}")
    line = f"— {p.citation} ({', '.join(where)})"
    if p.url:
        line += f" <{p.url}>"
    return line


def quote_markdown(hit: Hit, query: str, *, mark: bool = True) -> str:
    """An excerpt of the passage, its most relevant sentence in bold, and its citation."""
    text = hit.passage.text
    heading, newline, rest = text.partition("\n")
    if newline and rest.strip():
        text = rest  # the first line is the passage's heading; the citation names it
    parts = sentences(text)
    body = [s for s in parts if not s.startswith("#")] or parts
    index = best_sentence_index(body, query) if body else 0
    lo, hi = max(0, index - EXCERPT_CONTEXT), min(len(body), index + EXCERPT_CONTEXT + 1)
    shown = []
    for i in range(lo, hi):
        sentence = body[i]
        shown.append(f"**{sentence}**" if mark and i == index else sentence)
    text = " ".join(shown)
    if lo > 0:
        text = "… " + text
    if hi < len(body):
        text += " …"
    return f"> {text}\n>\n> {citation_line(hit)}"


def sources_markdown(hits: Sequence[Hit], query: str,
                     hit_queries: Sequence[str] | None = None) -> str:
    if not hits:
        return ""
    queries = list(hit_queries) if hit_queries and len(hit_queries) == len(hits) else \
        [query] * len(hits)
    return "**Kilder:**\n\n" + "\n\n".join(
        quote_markdown(h, q) for h, q in zip(hits, queries, strict=True))


def compose(*, intent: Intent, facts: dict[str, Fact], decision: Decision | None,
            questions: Sequence[Question], hits: Sequence[Hit], notices: Sequence[str],
            query: str, decision_card: str | None,
            hit_queries: Sequence[str] | None = None, lead: str | None = None) -> str:
    """The whole reply as Markdown; `lead` (a direct answer) comes first."""
    blocks: list[str] = [lead] if lead else []
    blocks += [f"*{n}*" for n in notices]
    question = f"**Spørsmål:** {questions[0].text}" if questions else ""
    if intent == "question":
        blocks.append(sources_markdown(hits, query))
        if decision_card:
            blocks.append(decision_card)
        if question:
            blocks.append(question)
        if decision_card or question:
            blocks.append(facts_markdown(facts))
    else:
        if decision_card and decision is not None:
            blocks.append(decision_card)
        blocks.append(question)
        blocks.append(facts_markdown(facts))
        blocks.append(sources_markdown(hits, query, hit_queries))
    return "\n\n".join(b for b in blocks if b).strip()
