"""Hostile or broken documents: encrypted PDFs, invalid front-matter dates, huge lines,
FIFOs, folders, dot-files, links out of the user's folders, a full disk during `index add`."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from assistant.cli import main
from index.chunking import MAX_PASSAGE_CHARS
from index.ingest import load_document
from index.search import open_searcher
from knowledge.infra.errors import SourceDocumentError
from tests.index.conftest import write_pdf


def _encrypted(tmp_path: Path, user: str, algorithm: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", [["1. Kaffe", "Kaffemaskiner kjøpes fra AS."]])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password="eier-passord", algorithm=algorithm)
    path = tmp_path / f"kryptert-{algorithm}-{'med' if user else 'uten'}-passord.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_permissions_only_encrypted_pdf_is_read(tmp_path, algorithm):
    loaded = load_document(_encrypted(tmp_path, "", algorithm))
    assert any("Kaffemaskiner" in p.text for p in loaded.passages)


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_password_protected_pdf_gives_a_norwegian_message(tmp_path, algorithm):
    with pytest.raises(SourceDocumentError, match="passordbeskyttet"):
        load_document(_encrypted(tmp_path, "hemmelig", algorithm))


def test_password_pdf_among_own_documents_keeps_search_working(tmp_path, isolated_data_dir,
                                                              capsys):
    folder = isolated_data_dir / "dokumenter"
    folder.mkdir()
    (folder / "laast.pdf").write_bytes(_encrypted(tmp_path, "hemmelig", "AES-256").read_bytes())
    (folder / "aapen.pdf").write_bytes(_encrypted(tmp_path, "", "AES-256").read_bytes())
    searcher = open_searcher(dense=False)
    warnings = searcher.manifest["warnings"]
    assert any("laast.pdf" in w and "passordbeskyttet" in w for w in warnings)
    assert searcher.search("kaffemaskiner", k=1)[0].passage.document == "aapen.pdf"
    assert capsys.readouterr().err == ""  # no English pypdf warnings on stderr


@pytest.mark.parametrize("value", ["2026-02-30", "i morgen", "2026-13-01", "[/]]", "12345"])
def test_invalid_front_matter_date_is_ignored_with_a_warning(tmp_path, value, isolated_data_dir):
    folder = isolated_data_dir / "dokumenter"
    folder.mkdir()
    (folder / "regel.md").write_text(
        "---\ndocument: Egen rutine\nreference: Punkt 1\ncitation: Rutine 1\n"
        f"valid_from: {json.dumps(value)}\n---\n# Rutine\nKaffemaskiner kjøpes fra Bryggeriet.\n",
        encoding="utf-8",
    )
    searcher = open_searcher(dense=False)
    warning = next(w for w in searcher.manifest["warnings"] if "regel.md" in w)
    assert "valid_from" in warning and "ignorert" in warning
    hit = searcher.search("kaffemaskiner bryggeriet", k=1)[0]
    assert hit.passage.citation == "Rutine 1" and hit.passage.valid_from is None


def test_front_matter_yaml_error_is_norwegian(isolated_data_dir):
    folder = isolated_data_dir / "dokumenter"
    folder.mkdir()
    (folder / "feil.md").write_text("---\ndocument: [uavsluttet\n---\nTekst.\n", encoding="utf-8")
    searcher = open_searcher(dense=False)
    warning = next(w for w in searcher.manifest["warnings"] if "feil.md" in w)
    assert "kan ikke leses som YAML (linje 1, kolonne" in warning
    assert "expected" not in warning and "flow sequence" not in warning


@pytest.mark.parametrize("text", [
    "x" * 20_000_000,                       # 20 MB, one line, no space
    "ord " * 3_000_000,                     # 12 MB of words, no sentence end
    "# " + "overskrift" * 100_000 + "\nTekst.",  # a 1 MB heading
    "." * 2_000_000 + " 12",                # a contents-line lookalike
])
def test_huge_lines_become_bounded_passages(tmp_path, text):
    path = tmp_path / "stor.txt"
    path.write_text(text, encoding="utf-8")
    passages = load_document(path).passages
    assert passages and max(len(p.text) for p in passages) <= MAX_PASSAGE_CHARS + 400


def test_huge_document_answer_stays_bounded(tmp_path, isolated_data_dir, capsys):
    big = tmp_path / "stor.txt"
    big.write_text("kaffemaskin " * 500_000, encoding="utf-8")
    assert main(["index", "add", "--uten-modell", str(big)]) == 0
    capsys.readouterr()
    assert main(["ask", "--uten-modell", "hva sier vi om kaffemaskin?"]) == 0
    assert len(capsys.readouterr().out) < 20_000


def test_fifo_and_folder_are_not_called_missing_files(tmp_path, capsys, isolated_data_dir):
    fifo = tmp_path / "rør.txt"
    os.mkfifo(fifo)
    assert main(["index", "add", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert "ikke en vanlig fil" in err and "Finner ikke" not in err


def test_index_add_folder_recursive_with_summary(tmp_path, capsys, isolated_data_dir):
    root = tmp_path / "rutiner"
    (root / "under" / "dypere").mkdir(parents=True)
    (root / "a.txt").write_text("Kaffe kjøpes fra Bryggeriet.", encoding="utf-8")
    (root / "under" / "b.md").write_text("# B\nTe kjøpes fra Teaterhuset.", encoding="utf-8")
    (root / "under" / "dypere" / "c.txt").write_text("Melk fra Gården.", encoding="utf-8")
    (root / ".skjult.txt").write_text("hemmelig", encoding="utf-8")
    (root / "bilde.png").write_bytes(b"\x89PNG")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("intern", encoding="utf-8")
    assert main(["index", "add", "--uten-modell", str(root)]) == 0
    captured = capsys.readouterr()
    assert "Sammendrag: 3 lagt til, 0 fantes fra før, 1 hoppet over" in captured.out
    assert "bilde.png" in captured.err
    names = sorted(p.name for p in (isolated_data_dir / "dokumenter").iterdir()
                   if not p.name.startswith("."))
    assert names == ["a.txt", "b.md", "c.txt"]


def test_dot_file_is_refused(tmp_path, capsys, isolated_data_dir):
    hidden = tmp_path / ".notat.txt"
    hidden.write_text("Kaffe.", encoding="utf-8")
    assert main(["index", "add", str(hidden)]) == 2
    assert "skjult fil" in capsys.readouterr().err
    assert not (isolated_data_dir / "dokumenter").exists()


def test_symlink_out_of_the_users_folders_is_refused(tmp_path, capsys, monkeypatch,
                                                    isolated_data_dir):
    home = tmp_path / "hjem"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    outside = tmp_path / "system" / "passwd.txt"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0:root:/root:/bin/bash", encoding="utf-8")
    link = home / "passord.txt"
    link.symlink_to(outside)
    assert main(["index", "add", str(link)]) == 2
    err = capsys.readouterr().err
    assert "utenfor dine mapper" in err
    assert not (isolated_data_dir / "dokumenter").exists()
    inside = home / "notat.txt"
    inside.write_text("Kaffe fra Bryggeriet.", encoding="utf-8")
    (home / "lenke.txt").symlink_to(inside)
    assert main(["index", "add", "--uten-modell", str(home / "lenke.txt")]) == 0


def test_full_disk_during_add_leaves_no_truncated_copy(tmp_path, capsys, monkeypatch,
                                                      isolated_data_dir):
    import index.userdocs as userdocs

    source = tmp_path / "rutine.txt"
    source.write_text("Kaffe kjøpes fra Bryggeriet. " * 2000, encoding="utf-8")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(userdocs.os, "fsync", full)
    assert main(["index", "add", "--uten-modell", str(source)]) == 2
    err = capsys.readouterr().err
    assert "disken er full" in err and "No space" not in err
    folder = isolated_data_dir / "dokumenter"
    assert [p.name for p in folder.iterdir()] == []  # no copy, no temporary file
    monkeypatch.setattr(userdocs.os, "fsync", real_fsync)
    assert main(["index", "add", "--uten-modell", str(source)]) == 0
    assert main(["index", "add", "--uten-modell", str(source)]) == 0  # again: unchanged
    assert "finnes allerede" in capsys.readouterr().out
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == ["rutine.txt"]
    source.write_text("Ny versjon: te kjøpes fra Teaterhuset.", encoding="utf-8")
    assert main(["index", "add", "--uten-modell", str(source)]) == 0  # same place, new content
    assert "Oppdaterte rutine.txt" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "rutine.txt"]
    assert "Teaterhuset" in (folder / "rutine.txt").read_text(encoding="utf-8")


def test_index_list_and_remove(tmp_path, capsys, isolated_data_dir):
    assert main(["index", "list"]) == 0
    assert "Ingen egne dokumenter" in capsys.readouterr().out
    note = tmp_path / "notat.txt"
    note.write_text("Kaffemaskiner kjøpes fra Bryggeriet.", encoding="utf-8")
    assert main(["index", "add", "--uten-modell", str(note)]) == 0
    capsys.readouterr()
    assert main(["index", "list"]) == 0
    assert "1 egne dokumenter" in capsys.readouterr().out
    assert main(["index", "remove", "finnes-ikke.txt"]) == 2
    err = capsys.readouterr().err
    assert "Finner ikke dokumentet" in err and "notat.txt" in err
    assert main(["index", "remove", "--uten-modell", "notat.txt"]) == 0
    out = capsys.readouterr().out
    assert "Fjernet notat.txt" in out and "0 egne)" in out
    assert main(["search", "--uten-modell", "--json", "-k", "1", "kaffemaskiner"]) == 0
    assert json.loads(capsys.readouterr().out)[0][0]["document"] != "notat.txt"


def test_counts_agree_between_build_and_status(tmp_path, capsys, isolated_data_dir):
    note = tmp_path / "notat.txt"
    note.write_text("Kaffe.", encoding="utf-8")
    assert main(["index", "add", "--uten-modell", str(note)]) == 0
    built = capsys.readouterr().out.splitlines()[-1]
    assert main(["index", "status"]) == 0
    status = capsys.readouterr().out
    phrase = built.split(" fra ")[1].split(" på ")[0]
    assert f"Kilder: {phrase}" in status and "1 egne)" in phrase
