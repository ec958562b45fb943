"""`innkjop ask` and `innkjop chat` from the command line (lexical search: no model load)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main

TEXT = ("Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr eks. mva. "
        "Vi har ingen avtale.")


def test_ask_json_has_the_agreed_shape_and_the_check_decision(capsys: pytest.CaptureFixture[str]):
    assert main(["ask", "--json", "--lexical", "--as-of", "2026-03-01", TEXT]) == 0
    got = json.loads(capsys.readouterr().out)
    assert {"intent", "facts", "decision", "questions", "passages"} <= set(got)
    assert got["intent"] == "purchase"
    assert got["facts"]["value"] == {"value": 180000.0, "source": "180 000 kr"}
    assert main(["check", "--json", "--as-of", "2026-03-01", "--value", "180000", "--vat", "eks",
                 "--category", "tjenester", "--municipality", "Selbu", "--no-framework"]) == 0
    check = json.loads(capsys.readouterr().out)
    for key in ("procedure", "authority", "documentation", "warnings", "thresholds", "as_of"):
        assert got["decision"][key] == check[key], key
    assert set(got["decision"]) == set(check)
    assert 2 <= len(got["passages"]) <= 3
    assert all({"document", "section", "page", "citation"} <= set(p) for p in got["passages"])


def test_ask_missing_facts_gives_questions_and_null_decision(capsys: pytest.CaptureFixture[str]):
    assert main(["ask", "--json", "--lexical", "--as-of", "2026-03-01", "Hva koster det?"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["decision"] is None
    assert "value" in [q["slot"] for q in got["questions"]]
    assert all(set(q) == {"slot", "text"} for q in got["questions"])


def test_ask_question_marks_the_relevant_sentence(capsys: pytest.CaptureFixture[str]):
    assert main(["ask", "--lexical", "hvor gammel kan skatteattesten være?"]) == 0
    out = capsys.readouterr().out
    assert "**" in out and "Kilder:" in out and "§ 7-2" in out


@pytest.mark.parametrize("argv", [
    ["ask", ""], ["ask", "😀😀"], ["ask", "--as-of", "i morgen", "PC-er for 100 000"],
])
def test_ask_bad_input_is_a_norwegian_error(argv: list[str], capsys: pytest.CaptureFixture[str]):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil:") and "Traceback" not in err


def test_ask_malformed_register_names_file_and_key(tmp_path: Path, monkeypatch,
                                                   capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "avtaler.yaml"
    bad.write_text("agreements:\n  - id: A\n    agreement: x\n    supplier: y\n"
                   "    category: varer\n    municipalities: [Oslo]\n    keywords: [stoler]\n",
                   encoding="utf-8")
    monkeypatch.setenv("INNKJOP_AGREEMENTS", str(bad))
    assert main(["ask", "--lexical", "kjøp av stoler for 50 000 kr"]) == 2
    assert "avtaler.yaml:agreements[0].municipalities[0]: ukjent kommune" in capsys.readouterr().err


def test_chat_remembers_and_obeys_commands(monkeypatch, capsys: pytest.CaptureFixture[str]):
    lines = iter(["Vi trenger rengjøringsmidler for 30 000", "ja", "ny", "hjelp", "avslutt"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat", "--lexical", "--plain", "--as-of", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Det finnes en rammeavtale" in out
    assert "avrop" in out
    assert "Ny samtale" in out
    assert "**" not in out


def test_chat_ends_on_end_of_input(monkeypatch, capsys: pytest.CaptureFixture[str]):
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", eof)
    assert main(["chat", "--lexical"]) == 0


def test_ask_falls_back_to_lexical_search_when_the_model_fails(
        tmp_path: Path, monkeypatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("INNKJOP_MODEL", str(tmp_path / "finnes-ikke"))
    assert main(["ask", "--json", "--as-of", "2026-03-01", TEXT]) == 0
    captured = capsys.readouterr()
    assert "bruker bare ordsøk" in captured.err
    assert json.loads(captured.out)["decision"]["procedure"]["code"] == "del1"
