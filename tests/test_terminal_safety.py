"""Terminal safety and messages of the command line: no escape sequence reaches the
terminal, no markup crash, no English OS/YAML text, bounded messages, correct wording."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from assistant.cli import main
from knowledge.infra.terminal import has_control, quote, safe_text

HOSTILE = {
    "osc title": "\x1b]0;PWNED\x07synlig",
    "osc st": "\x1b]8;;http://x\x1b\\lenke\x1b]8;;\x1b\\",
    "csi red": "\x1b[31mrød\x1b[0m tekst",
    "csi clear": "\x1b[2J\x1b[Hborte",
    "bell and nul": "a\x07b\x00c",
    "c1 csi": "\x9b31mtekst",
    "carriage return": "sikker\rFALSK",
    "backspace": "abc\x08\x08\x08xyz",
    "bidi override": "fil\u202egnp.exe",
    "dcs": "\x1bPq#0;2;0;0;0\x1b\\etter",
    "delete": "a\x7fb",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_safe_text_removes_escape_and_control_characters(name):
    cleaned = safe_text(HOSTILE[name])
    assert not has_control(cleaned)
    assert "\x1b" not in cleaned and "PWNED" not in cleaned


def test_safe_text_keeps_text_newlines_and_bounds_length():
    assert safe_text("Linje 1\n\tLinje 2") == "Linje 1\n\tLinje 2"
    assert safe_text("æøå § 7-2 «sitat»") == "æøå § 7-2 «sitat»"
    long = safe_text("x" * 100_000, 200)
    assert len(long) == 200 and long.endswith("…")
    assert len(quote("a b\n" * 50_000, 80)) <= 80


def _own_document(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_search_output_of_a_hostile_document_is_clean(capsys, isolated_data_dir):
    _own_document(isolated_data_dir / "dokumenter", "ondsinnet.txt",
                  "Kaffemaskiner \x1b]0;PWNED\x07kjøpes \x1b[31mfra Bryggeriet\x1b[0m.\r\n")
    assert main(["search", "--uten-modell", "-k", "1", "kaffemaskiner \x1b[5m"]) == 0
    out = capsys.readouterr().out
    assert "Bryggeriet" in out and not has_control(out) and "\x1b" not in out


def test_ask_and_error_messages_are_clean(capsys, tmp_path):
    assert main(["ask", "--uten-modell", "PC-er \x1b]0;PWNED\x07 for 250 000 kr i Tydal"]) == 0
    captured = capsys.readouterr()
    assert not has_control(captured.out + captured.err)
    assert main(["index", "add", str(tmp_path / "\x1b]0;PWNED\x07fil.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: ") and "\x1b" not in err and "\x07" not in err


def test_a_100000_character_input_is_not_repeated(capsys, tmp_path):
    huge = "ø" * 100_000
    assert main(["search", "--uten-modell", "-k", "1", huge]) in (0, 2)
    captured = capsys.readouterr()
    assert len(captured.out) + len(captured.err) < 10_000
    assert main(["index", "add", str(tmp_path / ("a" * 100_000 + ".txt"))]) == 2
    err = capsys.readouterr().err
    assert len(err) < 2000 and "File name too long" not in err
    assert main(["ask", "--uten-modell", "kaffe " * 20_000]) in (0, 2)
    captured = capsys.readouterr()
    assert len(captured.out) + len(captured.err) < 30_000


def test_usage_error_with_a_huge_argument_is_cut(capsys):
    with pytest.raises(SystemExit):
        main(["search", "--" + "x" * 100_000])
    assert len(capsys.readouterr().err) < 2000


@pytest.mark.parametrize("text", ["Привет, нужен ноутбук", "你好", "Ωμέγα 250 000"])
def test_non_latin_text_is_not_called_empty(capsys, text):
    code = main(["ask", "--uten-modell", text])
    err = capsys.readouterr().err
    assert "meldingen er tom" not in err and "Traceback" not in err
    assert code in (0, 2)


@pytest.mark.parametrize("text", ["   ", "?!…", "\x1b[31m"])
def test_empty_message_is_called_empty(capsys, text):
    assert main(["ask", "--uten-modell", text]) == 2
    assert "meldingen er tom" in capsys.readouterr().err


def test_os_error_in_a_command_is_norwegian(capsys, monkeypatch):
    import index.search

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/utilgjengelig")

    monkeypatch.setattr(index.search, "open_searcher", denied)
    assert main(["search", "kgv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Feil: ingen tilgang") and "Permission" not in err


@pytest.mark.parametrize("model", ["x[/]y", "[bold]modell", "\x1b]0;PWNED\x07"])
def test_markup_or_escapes_in_the_model_name(capsys, monkeypatch, model):
    monkeypatch.setenv("INNKJOP_MODEL", model)
    assert main(["search", "kgv"]) == 0  # word search answers; the model's trouble is told
    captured = capsys.readouterr()
    assert "språkmodellen kunne ikke lastes" in captured.err
    assert "\x1b" not in captured.err and "\x07" not in captured.err
    assert "\x1b" not in captured.out and "KGV" in captured.out


def test_config_with_yaml_error_is_norwegian(capsys, isolated_data_dir):
    (isolated_data_dir / "config.yaml").write_text("embedding_model: [/]]\n", encoding="utf-8")
    assert main(["search", "kgv"]) == 2
    err = capsys.readouterr().err
    assert "kan ikke leses som YAML (linje 1" in err
    assert "expected" not in err and "block" not in err


def _chat(monkeypatch, capsys, lines: list[str], *options: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["chat", "--uten-modell", *options]) == 0
    return capsys.readouterr().out


def test_piped_chat_has_no_prompt_and_compact_answers(monkeypatch, capsys):
    out = _chat(monkeypatch, capsys, [
        "Vi trenger nye PC-er til skolen i Tydal, ca. 250 000 kr inkl. mva, engangskjøp, "
        "ingen avtale", "hvorfor?", "kilder"])
    assert "> " not in out.splitlines()[0] and not any(
        line.startswith("> **") or line == ">" for line in out.splitlines()[:3])
    compact, _, rest = out.partition("**Hvorfor (regelspor):**")
    assert "**Hvem:**" in compact and "hvorfor?" in compact
    assert "## Hvorfor" not in compact  # the trace only on request
    assert len(compact.splitlines()) < 25
    assert "1. " in rest and "**Kilder:**" in rest


def test_full_chat_answer_on_request(monkeypatch, capsys):
    out = _chat(monkeypatch, capsys, ["PC-er for 250 000 kr inkl. mva i Tydal"], "--fullt")
    assert "Kilder:" in out or "Spørsmål" in out


def test_chat_with_hostile_input_stays_clean(monkeypatch, capsys):
    out = _chat(monkeypatch, capsys, ["\x1b]0;PWNED\x07[/]x[bold]", "\x00\x07", "kilder"])
    assert not has_control(out)


@pytest.mark.parametrize("norwegian, english", [
    (["--uten-modell"], ["--lexical"]),
    (["--dato", "2024-01-15", "--uten-modell"], ["--as-of", "2024-01-15", "--lexical"]),
])
def test_norwegian_options_and_english_aliases_agree(capsys, norwegian, english):
    text = "skolemøbler 2,25 mill eks mva"
    assert main(["ask", "--json", *norwegian, text]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["ask", "--json", *english, text]) == 0
    assert json.loads(capsys.readouterr().out) == first


def test_bad_date_option_is_a_message(capsys):
    assert main(["ask", "--dato", "2026-02-30", "--uten-modell", "kaffe"]) == 2
    assert "ugyldig dato" in capsys.readouterr().err


def test_scenarios_readme_example_has_a_clear_message_or_runs(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # a file that is neither here nor beside the project
    assert main(["scenarios", "run", "../ingen-slik-mappe/scenarios_dev.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "Finner ikke scenariofilen" in err and "knowledge/scenarios" in err
    assert main(["scenarios", "run", "knowledge/scenarios/grenser.yaml"]) in (0, 1)
    assert "scenarioer stemmer" in capsys.readouterr().out


def test_readme_uses_norwegian_option_names():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "--uten-modell" in readme and "--dato" in readme
    assert "innkjop index list" in readme and "innkjop index remove" in readme
    for english in ("--lexical", "--as-of", "--value", "--municipality"):
        assert english not in readme.split("## Kommandolinjen")[1].split("```")[1]


def test_progress_bar_keeps_its_carriage_return_only_on_a_terminal():
    from assistant.cli import SafeStream
    from assistant.cli._progress import progress_bar

    raw = io.StringIO()
    raw.isatty = lambda: True  # type: ignore[method-assign]
    progress_bar(SafeStream(raw))("Leser \x1b]0;PWNED\x07fil.pdf", 0.5)
    written = raw.getvalue()
    assert written.startswith("\r") and "\x1b" not in written and "\x07" not in written
    assert os.linesep not in written


def test_check_has_norwegian_option_names_with_english_aliases(capsys):
    norwegian = ["check", "--json", "--verdi", "12000", "--mva", "inkl", "--periode", "month",
                 "--varighet-mnd", "36", "--kategori", "varer", "--kommune", "Frosta",
                 "--ingen-avtale", "--dato", "2026-03-01"]
    english = ["check", "--json", "--value", "12000", "--vat", "inkl", "--period", "month",
               "--duration-months", "36", "--category", "varer", "--municipality", "Frosta",
               "--no-framework", "--as-of", "2026-03-01"]
    assert main(norwegian) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(english) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert first["purchase"]["framework"] is False
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    usage = capsys.readouterr().out
    assert "--verdi" in usage and "--kommune" in usage and "--avtale" in usage
