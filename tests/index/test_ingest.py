"""Ingestion: the strategy's sections, regulation front matter, PDFs by page, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from index.ingest import DocumentInfo, load_document, page_quality
from index.sources import SOURCES_DIR
from knowledge.infra.errors import DataFileError, SourceDocumentError
from tests.conftest import shared_eval_file

STRATEGY = SOURCES_DIR / "anskaffelsesstrategi-vaernesregionen-2022-2028.txt"


@pytest.fixture(scope="module")
def strategy_passages():
    info = DocumentInfo("Anskaffelsesstrategi 2022–2028", "Strategi")
    return load_document(STRATEGY, info).passages


def test_strategy_sections_are_cited_by_number_and_short_title(strategy_passages):
    citations = {p.citation for p in strategy_passages}
    assert "Strategi 2.2.3 Delmål 3" in citations
    assert "Strategi 1.4 Anskaffelser i Værnesregionen" in citations
    assert "Strategi 3 Implementering og oppfølging" in citations
    delmal3 = [p for p in strategy_passages if p.section == "2.2.3 Delmål 3"]
    assert any("konkurransegjennomføringssystem (KGV)" in p.text for p in delmal3)


def test_table_of_contents_is_skipped(strategy_passages):
    assert not any("....." in p.text or "\t" in p.text for p in strategy_passages)
    # the TOC line "2.2.3.<tab>Delmål 3 ...<tab>9" must not open a section of its own
    delmal3 = [p for p in strategy_passages if p.section == "2.2.3 Delmål 3"]
    assert all("konkurransegjennomføring" in p.text or "Strategiske" in p.text or
               "Anskaffelsesfunksjonen" in p.text or "Tiltak" in p.text for p in delmal3)


def test_every_chunk_starts_with_its_heading(strategy_passages):
    for passage in strategy_passages:
        if passage.section:
            number = passage.section.split()[0]
            assert passage.text.startswith(number), passage.text[:60]


def test_gold_phrases_are_not_split_across_chunks(strategy_passages):
    from index.evaluation import fold, load_questions

    texts = [fold(p.text) for p in strategy_passages]
    for question in load_questions(shared_eval_file("retrieval_dev.jsonl")):
        assert any(fold(g) in t for g in question.gold for t in texts), question.q


def test_page_break_inside_a_sentence_is_mended(strategy_passages):
    assert any("kontrollsystem som gjør at anskaffelsesprosessene" in p.text
               for p in strategy_passages)


def test_regulation_front_matter(tmp_path: Path):
    path = tmp_path / "foa-07-2.md"
    path.write_text(
        "---\ndocument: FOA\nreference: \"§ 7-2\"\ntitle: Skatteattest\ncitation: \"FOA § 7-2\"\n"
        "valid_from: 2017-01-01\nvalid_to: null\nurl: https://lovdata.no/forskrift/2016-08-12-974/§7-2\n"
        "verified: true\n---\n# FOA § 7-2 Skatteattest\n\nKommunen skal kreve skatteattest.\n",
        encoding="utf-8",
    )
    [passage] = load_document(path).passages
    assert (passage.document, passage.section, passage.citation) == ("FOA", "§ 7-2", "FOA § 7-2")
    assert passage.valid_from == "2017-01-01" and passage.valid_to is None
    assert passage.url.endswith("§7-2")
    assert passage.text.startswith("FOA § 7-2 Skatteattest\n")


def test_regulation_without_citation_names_file_and_key(tmp_path: Path):
    path = tmp_path / "bad.md"
    path.write_text("---\ndocument: FOA\nreference: \"§ 1\"\n---\nTekst.\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.md:citation:"):
        load_document(path)


def test_pdf_text_is_found_by_page(make_pdf):
    path = make_pdf("rutine.pdf", [
        ["1. Innledning", "Denne rutinen gjelder kjøp av kaffemaskiner."],
        ["2. Godkjenning", "Økonomisjefen godkjenner alle avtaler over 50 000 kroner."],
    ])
    loaded = load_document(path)
    by_page = {p.page: p for p in loaded.passages}
    assert "kaffemaskiner" in by_page[1].text
    assert "Økonomisjefen" in by_page[2].text
    assert by_page[2].section == "2 Godkjenning"
    assert by_page[2].citation == "rutine.pdf, 2 Godkjenning, s. 2"
    assert loaded.warnings == []


def test_pdf_quality_warnings_name_the_page(make_pdf):
    path = make_pdf("skannet.pdf", [
        ["Vanlig tekst med mellomrom mellom ordene her."],
        [],
        ["Detteerentekstderalleordeneharhengtsammenutenmellomrom ogsåher"
         "etlangtordsomikkeslutteratalltidfortsetter"],
    ])
    warnings = load_document(path).warnings
    assert any("side 2" in w and "ingen tekst" in w for w in warnings)
    assert any("side 3" in w and "henge sammen" in w for w in warnings)
    assert not any("side 1" in w for w in warnings)


def test_page_quality_accepts_normal_text():
    assert page_quality(1, "Dette er en helt vanlig side med norsk tekst og mellomrom.") is None


def test_scanned_pdf_without_text_is_refused(make_pdf):
    path = make_pdf("scan.pdf", [[], []])
    with pytest.raises(SourceDocumentError, match="ingen tekst"):
        load_document(path)


def test_truncated_pdf_is_refused(make_pdf, tmp_path: Path):
    good = make_pdf("hel.pdf", [["Litt tekst her."]])
    cut = tmp_path / "kuttet.pdf"
    cut.write_bytes(good.read_bytes()[:120])
    with pytest.raises(SourceDocumentError):
        load_document(cut)


def test_encrypted_pdf_is_refused(make_pdf, tmp_path: Path):
    plain = make_pdf("plain.pdf", [["Hemmelig innhold om kontrakter."]])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="hemmelig", owner_password="eier")
    locked = tmp_path / "laast.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(SourceDocumentError, match="passordbeskyttet|kryptert"):
        load_document(locked)


@pytest.mark.parametrize("name, data, message", [
    ("korrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> x\n%%EOF",
     "skadet|ingen tekst"),
    ("avtale.docx", b"PK\x03\x04", "støttes ikke"),
    ("latin1.txt", "Innkjøp på Frosta".encode("latin-1"), "ikke UTF-8"),
    ("tom.txt", b"  \n\n", "ingen tekst"),
])
def test_bad_files_are_refused_in_norwegian(tmp_path: Path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceDocumentError, match=message):
        load_document(path)


def test_missing_file_is_refused(tmp_path: Path):
    with pytest.raises(SourceDocumentError, match="finnes ikke"):
        load_document(tmp_path / "borte.txt")


def test_passages_serialize(strategy_passages):
    from dataclasses import asdict

    assert json.loads(json.dumps(asdict(strategy_passages[0])))["document"]


def test_cover_page_is_not_a_passage(strategy_passages):
    assert all(p.section for p in strategy_passages)
    assert not any(p.text.startswith("STRATEGI FOR ANSKAFFELSER") for p in strategy_passages)
