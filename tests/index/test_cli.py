"""`innkjop search` and `innkjop index` through the CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


def test_search_json_one_list_per_query(capsys):
    assert main(["search", "--lexical", "--json", "-k", "3", "skatteattest", "KGV"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len(payload) == 2 and all(len(hits) == 3 for hits in payload)
    first = payload[0][0]
    assert {"text", "document", "section", "page", "score"} <= set(first)
    assert first["section"] == "§ 7-2"


def test_search_text_output(capsys):
    assert main(["search", "--lexical", "-k", "1", "§ 7-2"]) == 0
    out = capsys.readouterr().out
    assert "FOA § 7-2" in out and "Søk: «§ 7-2»" in out


@pytest.mark.parametrize("query, message", [("", "tomt"), ("?!%", "ingen ord")])
def test_bad_queries_exit_2_with_norwegian_message(capsys, query, message):
    assert main(["search", "--lexical", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: ") and message in err and "Traceback" not in err


def test_long_query_notice(capsys):
    assert main(["search", "--lexical", "-k", "1", "rammeavtale " * 1000]) == 0
    assert "Merk: Søket var" in capsys.readouterr().err


def test_bad_k(capsys):
    assert main(["search", "--lexical", "-k", "0", "kgv"]) == 2


def test_index_add_status_and_search(capsys, make_pdf, isolated_data_dir: Path):
    pdf = make_pdf("rutiner.pdf", [["1. Kaffe", "Kaffemaskiner kjøpes fra Bryggeriet AS."]])
    assert main(["index", "add", "--lexical", str(pdf)]) == 0
    assert (isolated_data_dir / "dokumenter" / "rutiner.pdf").is_file()
    assert main(["index", "status"]) == 0
    out = capsys.readouterr().out
    assert "rutiner.pdf" in out and "innebygde, 1 egne)" in out
    assert main(["search", "--lexical", "--json", "-k", "1", "kaffemaskin"]) == 0
    hit = json.loads(capsys.readouterr().out)[0][0]
    assert hit["document"] == "rutiner.pdf" and hit["page"] == 1


def test_index_add_refuses_bad_files_and_keeps_index(capsys, tmp_path: Path,
                                                     isolated_data_dir: Path):
    assert main(["index", "build", "--lexical"]) == 0
    current = (isolated_data_dir / "index" / "CURRENT").read_text()
    capsys.readouterr()
    bad = tmp_path / "avtale.docx"
    bad.write_bytes(b"PK")
    scanned = tmp_path / "skannet.pdf"
    scanned.write_bytes(b"%PDF-1.4 not really")
    for path in (bad, scanned, tmp_path / "finnes-ikke.pdf"):
        assert main(["index", "add", str(path)]) == 2
        assert capsys.readouterr().err.startswith("Feil: ")
    assert (isolated_data_dir / "index" / "CURRENT").read_text() == current
    assert not (isolated_data_dir / "dokumenter").exists()


def test_index_add_same_name_keeps_both(tmp_path: Path, isolated_data_dir: Path):
    first = tmp_path / "a" / "notat.txt"
    second = tmp_path / "b" / "notat.txt"
    for path, text in ((first, "Første notat om kaffe."), (second, "Andre notat om te.")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    assert main(["index", "add", "--lexical", str(first)]) == 0
    assert main(["index", "add", "--lexical", str(second)]) == 0
    assert main(["index", "add", "--lexical", str(first)]) == 0  # same file again: kept once
    names = sorted(p.name for p in (isolated_data_dir / "dokumenter").iterdir()
                   if not p.name.startswith("."))
    assert names == ["notat-2.txt", "notat.txt"]


def test_bad_model_path_is_a_norwegian_notice_and_lexical_search(capsys, monkeypatch,
                                                                 tmp_path: Path):
    monkeypatch.setenv("INNKJOP_MODEL", str(tmp_path / "finnes-ikke"))
    assert main(["search", "kgv"]) == 0
    out, err = capsys.readouterr()
    assert "Fant ikke embeddingmodellen" in err and "bruker bare ordsøk" in err
    assert "Traceback" not in err
    assert "KGV" in out
