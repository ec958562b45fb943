"""A self-contained HTML report with inline SVG bar charts (prints on A4).

Charts: agreement loyalty per municipality, spend by category, top suppliers
outside agreements. No scripts, fonts or images from outside the file.
"""

from __future__ import annotations

from html import escape

from assistant.render import CATEGORY_TITLES
from assistant.spend.config import load_config
from assistant.spend.model import Analysis
from assistant.spend.report import MAX_FINDINGS_PER_KIND_IN_REPORT, by_code, completeness
from rules.formatting import kr

CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; font-size: 10pt; color: #111; max-width: 180mm; margin: auto; }
h1 { font-size: 16pt; } h2 { font-size: 12pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
td, th { border: 1px solid #ccc; padding: 2pt 4pt; text-align: left; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; }
.warn { background: #fde8e8; border: 2px solid #b00; padding: 6pt; font-weight: bold; }
.ok { background: #e8f5e8; border: 1px solid #070; padding: 4pt; }
section { page-break-inside: avoid; } svg { max-width: 100%; }
"""


def bar_chart(title: str, rows: list[tuple[str, float]], *, percent: bool = False) -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return f"<p><em>{escape(title)}: ingen data.</em></p>"
    width, label_w, bar_h = 640, 220, 18
    height = 24 + bar_h * len(rows) + 6
    peak = max((v for _, v in rows), default=0) or 1
    if percent:
        peak = 1.0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="14" font-size="12" font-weight="bold">{escape(title)}</text>']
    for index, (label, value) in enumerate(rows):
        y = 24 + index * bar_h
        length = max(0.0, (width - label_w - 110) * (value / peak))
        shown = f"{value:.0%}" if percent else kr(value)
        parts += [f'<text x="0" y="{y + 13}" font-size="11">{escape(label[:34])}</text>',
                  f'<rect x="{label_w}" y="{y + 2}" width="{length:.1f}" height="{bar_h - 5}" '
                  f'fill="#3b6ea5"/>',
                  f'<text x="{label_w + length + 4:.1f}" y="{y + 13}" font-size="11">'
                  f'{escape(shown)}</text>']
    parts.append("</svg>")
    return "".join(parts)


def _loyalty_by_municipality(analysis: Analysis) -> list[tuple[str, float]]:
    totals: dict[str, list[float]] = {}
    for item in analysis.loyalty:
        on, scope = totals.setdefault(item.municipality, [0.0, 0.0])
        totals[item.municipality] = [on + item.spend_on_agreement, scope + item.spend_in_scope]
    return [(m, on / scope) for m, (on, scope) in sorted(totals.items()) if scope]


def html_report(analysis: Analysis) -> str:
    titles = load_config().findings
    t = analysis.totals
    status_class = "ok" if analysis.complete else "warn"
    out = ["<!DOCTYPE html>", '<html lang="nb"><head><meta charset="utf-8">',
           "<title>Innkjøpsanalyse</title>", f"<style>{CSS}</style></head><body>",
           "<h1>Innkjøpsanalyse</h1>",
           f'<p class="{status_class}">{escape(completeness(analysis))}</p>',
           f"<p>{t.files} filer, {t.invoices} fakturaer, {t.lines} linjer, "
           f"{escape(kr(t.amount_excl_vat))} eks. mva.</p>",
           "<section>", bar_chart("Avtalelojalitet per kommune",
                                  _loyalty_by_municipality(analysis), percent=True), "</section>",
           "<section>", bar_chart("Kjøp per kategori", [
               (CATEGORY_TITLES.get(c, c), v) for c, v in analysis.spend_by_category.items()]),
           "</section>", "<section>",
           bar_chart("Største leverandører utenfor avtale", analysis.top_outside), "</section>"]
    for code, findings in by_code(analysis).items():
        kind = titles.get(code)
        out.append(f"<section><h2>{escape(kind.title if kind else code)} ({len(findings)})</h2>")
        if kind:
            out.append(f"<p><em>Regel:</em> {escape(kind.rule)}</p>")
        if findings:
            out.append("<table><tr><th>kommune</th><th>leverandør</th><th>org.nr</th>"
                       "<th>beløp eks. mva</th><th>funn</th><th>kilde</th></tr>")
            for f in findings[:MAX_FINDINGS_PER_KIND_IN_REPORT]:
                out.append(f"<tr><td>{escape(f.municipality)}</td><td>{escape(f.supplier)}</td>"
                           f"<td>{escape(f.supplier_org)}</td>"
                           f'<td class="n">{escape(kr(f.amount_excl_vat))}</td>'
                           f"<td>{escape(f.text)}</td><td>{escape(', '.join(f.citations))}</td>"
                           "</tr>")
            out.append("</table>")
            if len(findings) > MAX_FINDINGS_PER_KIND_IN_REPORT:
                out.append(f"<p>… og {len(findings) - MAX_FINDINGS_PER_KIND_IN_REPORT} funn til "
                           "(alle står i funn.xlsx).</p>")
        out.append("</section>")
    if analysis.sample:
        out.append(f"<section><h2>Stikkprøve (frø {analysis.sample_seed})</h2><table>"
                   "<tr><th>dato</th><th>kommune</th><th>leverandør</th><th>faktura</th>"
                   "<th>beløp</th></tr>")
        out += [f"<tr><td>{s.date}</td><td>{escape(s.municipality)}</td>"
                f"<td>{escape(s.supplier)}</td><td>{escape(s.invoice_no)}</td>"
                f'<td class="n">{escape(kr(s.amount_excl_vat))}</td></tr>' for s in analysis.sample]
        out.append("</table></section>")
    if analysis.skipped:
        out.append("<section><h2>Hoppet over</h2><ul>")
        out += [f"<li>{escape(s.message())}</li>" for s in analysis.skipped]
        out.append("</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
