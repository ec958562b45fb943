"""Write the report folder: rapport.md, rapport.html and funn.xlsx (one sheet per finding
type with the invoices behind each finding, plus loyalty, sample and skipped lines)."""

from __future__ import annotations

from pathlib import Path

from assistant.spend.model import Analysis
from assistant.spend.report import by_code, completeness, markdown
from assistant.spend.report_html import html_report
from knowledge.infra.errors import InputError


def write_xlsx(analysis: Analysis, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    info = workbook.create_sheet("Oversikt")
    info.append(["Status", completeness(analysis)])
    info.append(["Fakturaer", analysis.totals.invoices])
    info.append(["Beløp eks. mva", analysis.totals.amount_excl_vat])
    for code, findings in by_code(analysis).items():
        sheet = workbook.create_sheet(code[:31])
        sheet.append(["kommune", "leverandør", "org.nr", "kategori", "funn beløp eks. mva",
                      "prosedyre kreves", "kilde", "tekst", "fil", "linje", "fakturanr",
                      "dato", "faktura beløp eks. mva"])
        for f in findings:
            head = [f.municipality, f.supplier, f.supplier_org, f.category, f.amount_excl_vat,
                    f.procedure_required or "", ", ".join(f.citations), f.text]
            for ref in f.invoices or [None]:
                sheet.append(head + ([ref.file, ref.line, ref.invoice_no, ref.date,
                                      ref.amount_excl_vat] if ref else []))
    loyalty = workbook.create_sheet("avtalelojalitet")
    loyalty.append(["kommune", "avtale", "navn", "leverandør", "på avtalen", "i området",
                    "andel"])
    for item in analysis.loyalty:
        loyalty.append([item.municipality, item.agreement_id, item.agreement, item.supplier,
                        item.spend_on_agreement, item.spend_in_scope, item.share])
    sample = workbook.create_sheet("stikkprove")
    sample.append(["fil", "linje", "kommune", "leverandør", "org.nr", "fakturanr", "dato",
                   "beløp", "treff"])
    for s in analysis.sample:
        sample.append([s.file, s.line, s.municipality, s.supplier, s.supplier_org, s.invoice_no,
                       s.date, s.amount_excl_vat, s.hits])
    skipped = workbook.create_sheet("hoppet_over")
    skipped.append(["fil", "linje", "problem"])
    for s in analysis.skipped:
        skipped.append([s.file, s.line, s.problem])
    workbook.save(path)


def write_reports(analysis: Analysis, folder: Path) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{folder}: kan ikke lage rapportmappen ({error.strerror})") from None
    md, html, xlsx = folder / "rapport.md", folder / "rapport.html", folder / "funn.xlsx"
    md.write_text(markdown(analysis), encoding="utf-8")
    html.write_text(html_report(analysis), encoding="utf-8")
    write_xlsx(analysis, xlsx)
    return [md, html, xlsx]
