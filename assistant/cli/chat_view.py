"""The compact chat answer of `innkjop chat`, and the parts shown on request.

An orderer who asks one thing gets one screen: the verdict (procedure), who
carries it out, what to document, the citations, and at most one question. The
rule trace is shown on «hvorfor?», the quoted passages on «kilder», the whole
answer on «alt». Built from the Reply's fields with the titles of
`assistant.render`; the full Markdown of `assistant.answer` is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer import sources_markdown
from rules.titles import title as code_title

if TYPE_CHECKING:
    from assistant.model import Reply

WHY = {"hvorfor", "hvorfor?", "regelspor", "why"}
SOURCES = {"kilder", "kilde", "sources"}
FULL = {"alt", "mer", "hele svaret", "full"}
HINT = "(Skriv «hvorfor?» for regelsporet, «kilder» for avsnittene, «alt» for hele svaret.)"


def _cite(citations: list[str]) -> str:
    return f" [{'; '.join(citations)}]" if citations else ""


def compact(reply: Reply) -> str:
    """One screen: verdict, who, what to document, citations (Markdown)."""
    decision = reply.decision
    lines: list[str] = [f"*{notice}*" for notice in reply.notices]
    if decision is not None:
        if decision.procedure is not None:
            procedure = decision.procedure
            title = code_title("procedure", procedure.code)
            lines.append(f"**{title}**: {procedure.text}{_cite(procedure.citations)}")
        if decision.authority is not None:
            authority = decision.authority
            title = code_title("authority", authority.code)
            lines.append(f"**Hvem:** {title}{_cite(authority.citations)}")
        if decision.documentation:
            titles = [code_title("document", d.code) for d in decision.documentation]
            lines.append(f"**Dokumenter:** {', '.join(titles)}")
        for warning in decision.warnings[:2]:
            lines.append(f"⚠ {warning.text}{_cite(warning.citations)}")
        if decision.purchase.arithmetic:
            lines.append(f"Verdi: {decision.purchase.arithmetic}.")
        if not decision.thresholds.verified:
            lines.append("Merk: noen terskelverdier er ikke verifisert (se «alt»).")
    elif reply.passages and not reply.questions:
        lines.append(sources_markdown(reply.passages[:1], _query(reply)))
    if reply.questions:
        lines.append(f"**Spørsmål:** {reply.questions[0].text}")
    if len(lines) == len(reply.notices):
        return reply.markdown
    if decision is not None or len(reply.passages) > 1:
        lines.append(HINT)
    return "\n\n".join(lines)


def _query(reply: Reply) -> str:
    return " ".join(str(f.source) for f in reply.facts.values())


def why(reply: Reply) -> str:
    if reply is None or reply.decision is None or not reply.decision.trace:
        return "Ingen regler å vise ennå: beskriv et kjøp først."
    steps = [
        f"{number}. {step.rule}: {step.because}" + (f" [{step.citation}]" if step.citation else "")
        for number, step in enumerate(reply.decision.trace, start=1)
    ]
    return "**Hvorfor (regelspor):**\n\n" + "\n".join(steps)


def sources(reply: Reply) -> str:
    if reply is None or not reply.passages:
        return "Ingen kilder å vise ennå."
    return sources_markdown(reply.passages, _query(reply))
