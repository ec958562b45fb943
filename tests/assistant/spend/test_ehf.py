"""EHF / BIS Billing 3.0 reading: amounts, credit notes, CPV categories, hostile XML."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.spend.categories import Categoriser
from assistant.spend.config import load_config
from assistant.spend.ehf import read_ehf
from tests.conftest import shared_eval_file

from .conftest import DATA

CAT = Categoriser(load_config().categories)


def test_invoice_lines_cpv_categories_and_document_allowance():
    result = read_ehf(DATA / "faktura-selbu-renhold.xml", CAT)
    assert result.skipped == []
    assert sum(line.amount for line in result.lines) == 21000.0  # TaxExclusiveAmount
    by_text = {line.text: line for line in result.lines}
    assert by_text["Tørkepapir, kartong"].category == "varer"
    assert by_text["Tørkepapir, kartong"].cpv == "33760000"
    assert by_text["Hjemmehjelp, timer"].category == "helse_sosial"  # FOA annex code
    assert {line.municipality for line in result.lines} == {"Selbu"}
    assert {line.supplier_org for line in result.lines} == {"904242438"}


def test_credit_note_subtracts():
    result = read_ehf(DATA / "kreditnota-selbu-renhold.xml", CAT)
    assert [line.amount for line in result.lines] == [-2400.0]
    assert result.lines[0].doc_type == "kreditnota"


def test_shared_samples_net_60680():
    invoice = read_ehf(shared_eval_file("spend_dev/faktura-EV-2025-017.xml"), CAT)
    credit = read_ehf(shared_eval_file("spend_dev/kreditnota-EV-2025-017-K.xml"), CAT)
    total = sum(line.amount for line in invoice.lines + credit.lines)
    assert total == 60680.0
    assert {line.category for line in invoice.lines} == {"varer", "bygg_anlegg"}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_xxe_is_refused_and_not_expanded(tmp_path):
    secret = _write(tmp_path, "hemmelig.txt", "HEMMELIG-INNHOLD")
    path = _write(tmp_path, "xxe.xml", f"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file://{secret}">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:ID>&xxe;</cbc:ID></Invoice>""")
    result = read_ehf(path, CAT)
    assert result.lines == []
    assert result.skipped[0].line == 2
    assert "XXE" in result.skipped[0].problem
    assert "HEMMELIG" not in repr(result)


def test_billion_laughs_is_refused_quickly(tmp_path):
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    path = _write(tmp_path, "lol.xml", f"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY l0 "ha">{entities}]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&l9;</Invoice>""")
    started = time.perf_counter()
    result = read_ehf(path, CAT)
    assert time.perf_counter() - started < 2
    assert result.lines == [] and "entiteter" in result.skipped[0].problem


def test_malformed_xml_names_line(tmp_path):
    path = _write(tmp_path, "brutt.xml", "<?xml version='1.0'?>\n<Invoice>\n<cbc:ID>1</Invoice>")
    result = read_ehf(path, CAT)
    assert result.skipped[0].line == 3
    assert result.skipped[0].problem.startswith("ugyldig XML")


def test_not_an_invoice(tmp_path):
    path = _write(tmp_path, "ordre.xml", '<?xml version="1.0"?>\n'
                  '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>')
    result = read_ehf(path, CAT)
    assert "ikke en EHF-faktura" in result.skipped[0].problem
    assert result.skipped[0].line == 2


def test_non_nok_and_impossible_date(tmp_path):
    text = (DATA / "faktura-selbu-renhold.xml").read_text(encoding="utf-8")
    eur = _write(tmp_path, "eur.xml", text.replace(">NOK<", ">EUR<"))
    bad_day = _write(tmp_path, "dato.xml", text.replace("2026-03-10", "2026-02-30"))
    skipped_eur = read_ehf(eur, CAT).skipped[0]
    skipped_day = read_ehf(bad_day, CAT).skipped[0]
    assert "EUR" in skipped_eur.problem and "ikke NOK" in skipped_eur.problem
    assert skipped_eur.line == text[:text.index("DocumentCurrencyCode")].count("\n") + 1
    assert "umulig fakturadato" in skipped_day.problem


def test_unknown_buyer_is_skipped(tmp_path):
    text = (DATA / "faktura-selbu-renhold.xml").read_text(encoding="utf-8")
    path = _write(tmp_path, "oslo.xml", text.replace("Selbu kommune", "Oslo kommune"))
    assert "Oslo kommune" in read_ehf(path, CAT).skipped[0].problem


def test_utf16_document_with_dtd_goes_through_defusedxml(tmp_path):
    path = tmp_path / "utf16.xml"
    path.write_bytes('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY a "b">]>'
                     '<Invoice>&a;</Invoice>'.encode("utf-16"))
    result = read_ehf(path, CAT)
    assert result.lines == [] and "entiteter" in result.skipped[0].problem
