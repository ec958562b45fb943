"""Text forms of an Analysis: the terminal summary and the Markdown report.

A report says plainly when lines were skipped: it is then marked incomplete at
the top and lists every skipped file and line with its reason.
"""

from __future__ import annotations

from assistant.render import CATEGORY_TITLES
from assistant.spend.config import load_config
from assistant.spend.model import Analysis, Finding
from rules.formatting import kr

MAX_SKIPPED_IN_SUMMARY = 20
MAX_FINDINGS_PER_KIND_IN_SUMMARY = 10
MAX_FINDINGS_PER_KIND_IN_REPORT = 300


def completeness(analysis: Analysis) -> str:
    if analysis.complete:
        return "Alle linjer er analysert."
    return (f"UFULLSTENDIG: {len(analysis.skipped)} filer eller linjer er hoppet over "
            "(se listen); tallene gjelder bare det som kunne leses.")


def by_code(analysis: Analysis) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {code: [] for code in load_config().findings}
    for finding in analysis.findings:
        groups.setdefault(finding.code, []).append(finding)
    return groups


def summary(analysis: Analysis) -> str:
    titles = load_config().findings
    t = analysis.totals
    lines = [f"Analysert: {t.files} filer, {t.invoices} fakturaer, {t.lines} linjer, "
             f"{kr(t.amount_excl_vat)} eks. mva."]
    if t.ledger_lines_matched_to_ehf:
        lines.append(f"{t.ledger_lines_matched_to_ehf} regnskapslinjer er samme faktura som en "
                     "EHF og er telt én gang.")
    lines.append(completeness(analysis))
    lines.append("")
    lines.append("Funn:")
    for code, findings in by_code(analysis).items():
        total = sum(f.amount_excl_vat for f in findings)
        lines.append(f"  {titles[code].title if code in titles else code}: {len(findings)}"
                     + (f" ({kr(total)})" if findings else ""))
    for code, findings in by_code(analysis).items():
        for finding in findings[:MAX_FINDINGS_PER_KIND_IN_SUMMARY]:
            lines.append(f"- [{code}] {finding.text} ({', '.join(finding.citations)})")
        if len(findings) > MAX_FINDINGS_PER_KIND_IN_SUMMARY:
            lines.append(f"  … og {len(findings) - MAX_FINDINGS_PER_KIND_IN_SUMMARY} funn til av "
                         "denne typen (alle står i --json og i rapporten)")
    if analysis.loyalty:
        lines += ["", "Avtalelojalitet (kjøp på avtalen / alle kjøp innenfor avtalens område):"]
        for item in analysis.loyalty:
            share = f"{item.share:.0%}" if item.share is not None else "–"
            lines.append(f"  {item.municipality}: {item.agreement} ({item.agreement_id}) "
                         f"{share} av {kr(item.spend_in_scope)}")
    if analysis.sample:
        lines += ["", f"Stikkprøve ({len(analysis.sample)} fakturaer, frø {analysis.sample_seed}, "
                  "sannsynlighet etter beløp):"]
        for item in analysis.sample:
            lines.append(f"  {item.date} {item.municipality} {item.supplier} "
                         f"{item.invoice_no} {kr(item.amount_excl_vat)}")
    if analysis.skipped:
        lines += ["", "Hoppet over:"]
        for skipped in analysis.skipped[:MAX_SKIPPED_IN_SUMMARY]:
            lines.append(f"  {skipped.message()}")
        if len(analysis.skipped) > MAX_SKIPPED_IN_SUMMARY:
            lines.append(f"  … og {len(analysis.skipped) - MAX_SKIPPED_IN_SUMMARY} til "
                         "(alle står i --json og i rapporten)")
    return "\n".join(lines) + "\n"


def markdown(analysis: Analysis) -> str:
    titles = load_config().findings
    t = analysis.totals
    out = ["# Innkjøpsanalyse", ""]
    if not analysis.complete:
        out += [f"> **{completeness(analysis)}**", ""]
    period = analysis.period
    out += [f"Periode: {period[0] or 'fra første faktura'} – {period[1] or 'til siste faktura'}. "
            f"{t.files} filer, {t.invoices} fakturaer, {t.lines} linjer, "
            f"{kr(t.amount_excl_vat)} eks. mva.", ""]
    out += ["## Kjøp per kategori", "", "| kategori | beløp eks. mva |", "|---|---:|"]
    out += [f"| {CATEGORY_TITLES.get(c, c)} | {kr(v)} |"
            for c, v in analysis.spend_by_category.items()]
    out += ["", "## Avtalelojalitet", "",
            "| kommune | avtale | leverandør | på avtalen | i avtalens område | andel |",
            "|---|---|---|---:|---:|---:|"]
    for item in analysis.loyalty:
        share = f"{item.share:.0%}" if item.share is not None else "–"
        out.append(f"| {item.municipality} | {item.agreement} ({item.agreement_id}) | "
                   f"{item.supplier} | {kr(item.spend_on_agreement)} | "
                   f"{kr(item.spend_in_scope)} | {share} |")
    for code, findings in by_code(analysis).items():
        kind = titles.get(code)
        out += ["", f"## {kind.title if kind else code} ({len(findings)})", ""]
        if kind:
            out += [f"*Regel:* {kind.rule}", ""]
        for finding in findings[:MAX_FINDINGS_PER_KIND_IN_REPORT]:
            out.append(f"- {finding.text} [{', '.join(finding.citations)}]")
            for ref in finding.invoices[:10]:
                out.append(f"  - {ref.date} faktura {ref.invoice_no}: {kr(ref.amount_excl_vat)} "
                           f"({ref.file}:{ref.line})")
            if len(finding.invoices) > 10:
                out.append(f"  - … {finding.details.get('invoice_count')} fakturaer i alt")
        if len(findings) > MAX_FINDINGS_PER_KIND_IN_REPORT:
            out.append(f"- … og {len(findings) - MAX_FINDINGS_PER_KIND_IN_REPORT} funn til "
                       "(alle står i funn.xlsx)")
    if analysis.sample:
        out += ["", f"## Stikkprøve (frø {analysis.sample_seed})", "",
                "| dato | kommune | leverandør | faktura | beløp |", "|---|---|---|---|---:|"]
        out += [f"| {s.date} | {s.municipality} | {s.supplier} | {s.invoice_no} | "
                f"{kr(s.amount_excl_vat)} |" for s in analysis.sample]
    if analysis.skipped:
        out += ["", "## Hoppet over", ""]
        out += [f"- {s.message()}" for s in analysis.skipped]
    return "\n".join(out) + "\n"
