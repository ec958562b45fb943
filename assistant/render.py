"""The Norwegian decision card: `decision_markdown(decision)`.

Markdown that also reads well as plain text (used by `innkjop check`, the
assistant's answers and the TUI's decision panel): what the purchase is worth
and how that was computed, the procedure, who carries it out, what must be on
file, warnings, open questions, assumptions, the threshold set used, and the
why-trace. Every conclusion shows its citations in brackets.
"""

from __future__ import annotations

from rules.formatting import number
from rules.model import Conclusion, Decision

PROCEDURE_TITLES = {
    "avrop": "Avrop på avtale",
    "direkte": "Direkte kjøp",
    "konkurranse_strategi": "Konkurranse etter strategien (utenfor regelverket)",
    "del1": "FOA del I",
    "del2": "FOA del II (nasjonal kunngjøring)",
    "del3": "FOA del III (EØS-kunngjøring)",
}
AUTHORITY_TITLES = {
    "bestiller": "Bestillende enhet",
    "vr_innkjop": "VR Innkjøp",
    "kommunen": "Kommunens egne innkjøpere",
}
DOCUMENT_TITLES = {
    "ehandel": "Bestilling i eHandel",
    "kgv": "Konkurranse i KGV",
    "protokoll": "Anskaffelsesprotokoll",
    "skatteattest": "Skatteattest",
    "etiske_retningslinjer": "Etiske retningslinjer",
    "kunngjoring_doffin": "Kunngjøring på Doffin",
    "kunngjoring_ted": "Kunngjøring i TED",
    "espd": "ESPD",
    "klima_miljo": "Klima og miljø",
    "lonns_og_arbeidsvilkar": "Lønns- og arbeidsvilkår",
    "underleverandor_ledd": "Høyst to ledd underleverandører",
    "behovsvurdering": "Behovsvurdering",
    "kontraktsoppfolging": "Kontraktsoppfølging",
    "ehf": "EHF-faktura",
}
CATEGORY_TITLES = {
    "varer": "varer",
    "tjenester": "tjenester",
    "bygg_anlegg": "bygg og anlegg",
    "helse_sosial": "helse- og sosialtjenester",
}


def _cite(citations: list[str]) -> str:
    return f" [{'; '.join(citations)}]" if citations else ""


def _conclusion(conclusion: Conclusion, titles: dict[str, str]) -> str:
    title = titles.get(conclusion.code, conclusion.code)
    return f"**{title}** (`{conclusion.code}`): {conclusion.text}{_cite(conclusion.citations)}"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", *(f"- {item}" for item in items), ""] if items else []


def _threshold_label(name: str, values: dict[str, float]) -> str:
    from knowledge.infra.errors import DataFileError
    from knowledge.thresholds import load_thresholds

    try:
        label = load_thresholds()[name].label
    except (DataFileError, KeyError):
        label = name
    value = values.get(name)
    return f"{label} ({number(value)} kr)" if value is not None else label


def decision_markdown(decision: Decision, *, trace: bool = True) -> str:
    """The decision card as Markdown (readable as plain text too)."""
    lines: list[str] = [f"# Hva kjøpet krever (per {decision.as_of.isoformat()})", ""]
    purchase = decision.purchase
    facts = []
    if purchase.get("category"):
        facts.append(f"kategori: {CATEGORY_TITLES.get(purchase['category'], purchase['category'])}")
    if purchase.get("municipality"):
        facts.append(f"kommune: {purchase['municipality']}")
    if purchase.get("framework") is not None:
        facts.append("avtale finnes" if purchase["framework"] else "ingen avtale å avrope på")
    if purchase.get("is_framework_agreement"):
        facts.append("ny rammeavtale")
    if facts:
        lines += [f"Kjøp: {', '.join(facts)}.", ""]
    if purchase.get("arithmetic"):
        lines += [f"Verdi: {purchase['arithmetic']}.", ""]
    elif purchase.get("arithmetic_alternatives"):
        lines.append("Verdi (avhenger av svarene under):")
        lines += [f"- {line}" for line in purchase["arithmetic_alternatives"]]
        lines.append("")

    for title, conclusion, titles, open_text in (
        ("Prosedyre", decision.procedure, PROCEDURE_TITLES,
         "Ikke avgjort ennå: svar på spørsmålene under."),
        ("Hvem gjennomfører", decision.authority, AUTHORITY_TITLES, "Avhenger av svarene under."),
    ):
        body = _conclusion(conclusion, titles) if conclusion else open_text
        lines += [f"## {title}", body, ""]
    lines += _section("Dokumentasjon og plikter",
                      [_conclusion(d, DOCUMENT_TITLES) for d in decision.documentation])
    lines += _section("Advarsler", [f"⚠ {w.text}{_cite(w.citations)}" for w in decision.warnings])
    lines += _section("Dette må avklares", [q.text for q in decision.questions])
    lines += _section("Forutsetninger", decision.assumptions)
    info = decision.thresholds
    status = "alle verifisert" if info.verified else (
        "UVERIFISERT: " + ", ".join(_threshold_label(name, info.values) for name in info.unverified)
        + "; verifiser på Lovdata / anskaffelser.no"
    )
    lines += [f"Terskelverdier: {info.set} ({status}).", ""]
    if trace and decision.trace:
        lines.append("## Hvorfor (regelspor)")
        for number, step in enumerate(decision.trace, start=1):
            lines.append(f"{number}. `{step.rule}`: {step.because} [{step.citation}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
