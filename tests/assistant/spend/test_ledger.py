"""Accounting exports: encodings, delimiters, number and date formats, bad lines."""

from __future__ import annotations

from pathlib import Path

from assistant.spend.analysis import Options, analyse
from tests.conftest import shared_eval_file

from .conftest import DATA

REGISTER = DATA / "avtaler-test.yaml"
HEADER = "Kommune;Konto;Leverandørnavn;Org.nr;Fakturanr;Fakturadato;Beløp eks. mva;Tekst"


def run(*paths: Path):
    return analyse(list(paths), Options(agreements=REGISTER))


def test_windows_1252_sample_decimal_comma_thousands_space():
    analysis = run(shared_eval_file("spend_dev/regnskap-eksempel.csv"))
    assert analysis.complete
    assert analysis.totals.lines == 2
    assert analysis.totals.amount_excl_vat == 60680.0
    assert analysis.spend_by_category == {"bygg_anlegg": 60680.0}  # account 12300: art 230


def test_ledger_mirroring_ehf_is_counted_once():
    analysis = run(shared_eval_file("spend_dev/regnskap-eksempel.csv"),
                   shared_eval_file("spend_dev/faktura-EV-2025-017.xml"),
                   shared_eval_file("spend_dev/kreditnota-EV-2025-017-K.xml"))
    assert analysis.totals.amount_excl_vat == 60680.0
    assert analysis.totals.ledger_lines_matched_to_ehf == 2
    assert not [f for f in analysis.findings if f.code == "duplikat_faktura"]


def test_utf8_bom_comma_delimiter_iso_dates(tmp_path):
    path = tmp_path / "frosta.csv"
    text = ("Kommune,Konto,Leverandør,Orgnr,Faktura,Dato,Netto,Beskrivelse\n"
            'Frosta,12000,Test AS,901313148,A1,2026-01-05,"1 250.50",Papir\n')
    path.write_bytes(text.encode("utf-8-sig"))
    analysis = run(path)
    assert analysis.complete and analysis.totals.amount_excl_vat == 1250.5


def test_municipality_from_file_name_when_no_column(tmp_path):
    path = tmp_path / "tydal-regnskap.csv"
    path.write_text("Konto;Leverandørnavn;Fakturanr;Bilagsdato;Beløp\n12700;Råd AS;9;01.02.2026;"
                    "5 000,00\n", encoding="utf-8")
    analysis = run(path)
    assert analysis.complete and analysis.totals.invoices == 1
    assert analysis.spend_by_category == {"tjenester": 5000.0}


def test_missing_columns_lists_synonyms(tmp_path):
    path = tmp_path / "frosta.csv"
    path.write_text("Kommune;Leverandørnavn;Tekst\nFrosta;A AS;x\n", encoding="utf-8")
    analysis = run(path)
    problem = analysis.skipped[0]
    assert problem.line == 1 and "mangler kolonner" in problem.problem
    assert "Bilagsdato" in problem.problem and "Beløp eks. mva" in problem.problem


def test_bad_lines_are_skipped_with_line_and_rest_analysed(tmp_path):
    path = tmp_path / "selbu.csv"
    lines = [HEADER,
             "Selbu;12000;A AS;901313148;1;31.02.2026;100,00;umulig dato",
             "",
             "Selbu;12000;A AS;901313148;2;01.03.2026;abc;ugyldig beløp",
             "Selbu;12000;A AS;901313148;3;01.03.2026;200,00;ok",
             "Oslo;12000;A AS;901313148;4;01.03.2026;300,00;ukjent kommune",
             "Selbu;12000;A AS",
             ]
    raw = "\n".join(lines).encode("utf-8") + b"\nSelbu;12000;B \xe6\xff AS;;5;01.03.2026;1,00;x\n"
    raw = raw.replace(b"B \xe6\xff", b"B \xc3\xa6\xff")  # valid UTF-8 elsewhere, one bad byte
    path.write_bytes(raw)
    analysis = run(path)
    problems = {s.line: s.problem for s in analysis.skipped}
    assert "umulig dato" in problems[2]
    assert "ugyldig beløp" in problems[4]
    assert "ukjent kommune" in problems[6]
    assert "for få felt" in problems[7]
    assert "kan ikke leses som UTF-8" in problems[8]
    assert analysis.totals.amount_excl_vat == 200.0
    assert not analysis.complete


def test_non_nok_currency_column(tmp_path):
    path = tmp_path / "frosta.csv"
    path.write_text(HEADER + ";Valuta\nFrosta;12000;A AS;901313148;1;01.03.2026;10,00;x;EUR\n",
                    encoding="utf-8")
    assert "ikke NOK" in run(path).skipped[0].problem


def test_xlsx_export(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Regnskapsutdrag 2026"])  # a title above the table
    sheet.append(HEADER.split(";"))
    sheet.append(["Meråker", 12300, "Snekker AS", "901313148", "X1", datetime(2026, 4, 1),
                  12500.5, "Vindu"])
    path = tmp_path / "meraker.xlsx"
    workbook.save(path)
    analysis = run(path)
    assert analysis.complete
    assert analysis.totals.amount_excl_vat == 12500.5
    assert analysis.spend_by_category == {"bygg_anlegg": 12500.5}


def test_trailing_minus_kr_and_municipality_with_extra_words(tmp_path):
    path = tmp_path / "utdrag.csv"
    path.write_text(HEADER + "\nStjørdal kommune, Helse og velferd;12000;A AS;901313148;1;"
                    "01.03.2026;kr 1 000,00;x\nSTJØRDAL;12000;A AS;901313148;2;02.03.2026;"
                    "250,00-;kreditnota\n", encoding="utf-8")
    analysis = run(path)
    assert analysis.complete
    assert analysis.totals.amount_excl_vat == 750.0
