"""`innkjop check` and `innkjop scenarios`: dev cases through the CLI, JSON, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date

import pytest

from assistant.cli import main
from knowledge.thresholds import THRESHOLDS_DIR
from rules import decide
from rules.model import Purchase
from rules.scenario_check import compare
from tests.conftest import REPO_ROOT, shared_eval_cases, shared_eval_file

DEV_CASES = shared_eval_cases("scenarios_dev.jsonl")


def check_args(case: dict) -> list[str]:
    args = ["check", "--json", "--as-of", case["as_of"]]
    fields = case.get("check", {})
    for key in ("value", "vat", "period", "duration_months", "category", "municipality"):
        if fields.get(key) is not None:
            args += [f"--{key.replace('_', '-')}", str(fields[key])]
    if "framework" in fields:
        args.append("--framework" if fields["framework"] else "--no-framework")
    return args


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", DEV_CASES)
def test_dev_case_through_check(case, capsys):
    code, out, err = run_cli(check_args(case), capsys)
    assert code == 0, err
    assert compare(json.loads(out), case["expect"]) == []


def test_json_is_exactly_decision_to_dict(capsys):
    code, out, _ = run_cli(["check", "--json", "--value", "12000", "--vat", "inkl", "--period",
                            "month", "--duration-months", "36", "--category", "varer",
                            "--municipality", "Frosta", "--no-framework", "--as-of", "2026-03-01"],
                           capsys)
    expected = decide(Purchase(value=12000, vat="inkl", period="month", duration_months=36,
                               category="varer", municipality="Frosta", framework=False),
                      date(2026, 3, 1)).to_dict()
    assert code == 0 and json.loads(out) == expected
    assert expected["purchase"]["arithmetic"] == (
        "12 000 kr/mnd inkl. mva × 36 mnd ÷ 1,25 = 345 600 kr eks. mva")


def test_quantity_and_unit_price_as_fields_match_the_text(capsys):
    code, out, _ = run_cli(["check", "--json", "--value", "1200", "--quantity", "300", "--unit",
                            "timer", "--vat", "eks", "--category", "tjenester",
                            "--municipality", "Selbu", "--as-of", "2026-03-01"], capsys)
    purchase = json.loads(out)["purchase"]
    assert code == 0 and purchase["value_excl_vat"] == 360_000
    assert purchase["arithmetic"] == "300 timer × 1 200 kr eks. mva = 360 000 kr eks. mva"


def test_measures_and_half_years_are_facts_the_check_takes(capsys):
    code, out, _ = run_cli(["check", "--json", "--value", "18", "--quantity", "2000", "--enhet",
                            "liter", "--vat", "eks", "--category", "varer",
                            "--as-of", "2026-03-01"], capsys)
    assert code == 0 and json.loads(out)["purchase"]["value_excl_vat"] == 36_000
    code, out, _ = run_cli(["check", "--json", "--value", "155000", "--periode", "half_year",
                            "--varighet-mnd", "36", "--vat", "eks", "--category", "tjenester",
                            "--as-of", "2026-03-01"], capsys)
    assert code == 0 and json.loads(out)["purchase"]["value_excl_vat"] == 930_000


def test_an_unknown_unit_is_a_norwegian_error_naming_the_valid_ones(capsys):
    code, _, err = run_cli(["check", "--value", "18", "--quantity", "20", "--enhet", "fat",
                            "--category", "varer"], capsys)
    assert code == 2 and "ukjent enhet «fat»" in err and "liter" in err


@pytest.mark.parametrize("quantity", ["0", "-3", "abc", "1e99"])
def test_a_bad_quantity_is_a_norwegian_error(quantity, capsys):
    code, out, err = run_cli(["check", "--value", "6000", "--quantity", quantity,
                              "--category", "varer", "--municipality", "Tydal"], capsys)
    assert code == 2 and out == ""
    assert "--quantity: ugyldig antall" in err and "Traceback" not in err


def test_card_is_norwegian_markdown_with_citations(capsys):
    code, out, _ = run_cli(["check", "--value", "1800000", "--vat", "eks", "--category",
                            "tjenester", "--municipality", "meraker", "--no-framework",
                            "--as-of", "2026-03-01"], capsys)
    assert code == 0
    assert "## Prosedyre" in out and "**FOA del II (nasjonal kunngjøring)**" in out
    assert "[FOA § 7-2]" in out and "`del2`" not in out
    assert "kommune: Meråker" in out and "## Hvorfor (regelspor)" in out


def test_an_unconfirmed_value_that_decides_the_answer_is_named_in_words(capsys):
    _, out, _ = run_cli(["check", "--value", "300000", "--vat", "eks", "--category", "varer",
                         "--no-framework", "--as-of", "2026-11-25"], capsys)
    assert "⚠ Svaret avhenger av en terskelverdi som ikke er bekreftet i forskriften" in out
    assert "500 000 kr (fra 2026-07-01) er bare i sekundærkilder" in out
    assert "med 100 000 kr (bekreftet i forskriften" in out and "«FOA del I»" in out
    assert "Sjekk verdien på Lovdata" in out


def test_february_2022_goods_over_the_eea_value_then_in_force_is_part_iii(capsys):
    code, out, _ = run_cli(["check", "--as-of", "2022-02-01", "--value", "2100000", "--vat",
                            "eks", "--category", "varer", "--no-framework", "--json"], capsys)
    decision = json.loads(out)
    assert code == 0 and decision["procedure"]["code"] == "del3"
    assert decision["thresholds"]["values"]["eea_goods_services"] == 2_050_000
    assert decision["thresholds"]["status"]["eea_goods_services"] == "secondary"
    _, out, _ = run_cli(["check", "--as-of", "2022-03-23", "--value", "2100000", "--vat",
                         "eks", "--category", "varer", "--no-framework", "--json"], capsys)
    assert json.loads(out)["procedure"]["code"] == "del2"


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--value", "-5"], "større enn null"),
        (["--value", "0"], "større enn null"),
        (["--value", "mange"], "ugyldig beløp"),
        (["--value", "1e12"], "urimelig"),
        (["--value", "1000000000000"], "urimelig"),
        (["--value", "100000", "--period", "month", "--duration-months", "1200",
          "--category", "varer", "--no-framework"], None),
        (["--value", "900000000", "--vat", "eks", "--period", "month", "--duration-months", "1200"],
         "urimelig"),
        (["--value", "1000", "--category", "mat"], "varer, tjenester, bygg_anlegg, helse_sosial"),
        (["--value", "1000", "--municipality", "Oslo"], "Stjørdal, Tydal, Selbu, Meråker"),
        (["--value", "1000", "--as-of", "2026-02-30"], "ugyldig dato"),
        (["--value", "1000", "--as-of", "i morgen"], "ugyldig dato"),
        (["--value", "1000", "--duration-months", "tre"], "helt tall"),
        (["--value", "1000", "--duration-months", "0"], "fra 1 og oppover"),
        (["--value", "1000", "--duration-months", "1201"], "mellom 1 og"),
        (["--value", "12²"], "«²» er ikke et siffer"),
        (["--value", ""], "--value: mangler beløp"),
        (["--value", "1000", "--related", "-3"], "større enn null"),
        (["--value", "1000", "--category", "varer", "--no-framework", "--as-of", "2021-01-01"],
         "ingen terskelverdi er registrert"),
    ],
)
def test_bad_input_gives_norwegian_message_and_exit_2(args, phrase, capsys):
    code, out, err = run_cli(["check", *args], capsys)
    if phrase is None:  # a long but reasonable contract is fine
        assert code == 0
        return
    assert code == 2
    assert err.startswith("Feil: ") and phrase in err
    assert "Traceback" not in err and out == ""


def test_bad_vat_choice_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--value", "1000", "--vat", "kanskje"])
    assert exit_info.value.code == 2
    assert "Feil: argument --mva/--vat: ugyldig valg" in capsys.readouterr().err


def test_malformed_thresholds_file(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "terskler"
    shutil.copytree(THRESHOLDS_DIR, folder)
    path = folder / "national.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 1300000", "value: mye"),
                    encoding="utf-8")
    monkeypatch.setenv("INNKJOP_THRESHOLDS", str(folder))
    code, _, err = run_cli(["check", "--value", "1000"], capsys)
    assert code == 2
    assert f"{path}:values.2022-01-01.value: må være et tall" in err
    assert "Traceback" not in err


def test_dev_case_in_a_cold_subprocess_never_imports_torch():
    shared_eval_file("scenarios_dev.jsonl")  # skips with the reason when it is not there
    case = next(p.values[0] for p in DEV_CASES if p.id == "D08")
    program = (
        "import sys\n"
        "from assistant.cli import main\n"
        f"code = main({check_args(case)!r})\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'faiss', 'textual')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert compare(json.loads(result.stdout), case["expect"]) == []
    assert "HEAVY []" in result.stderr


def test_real_innkjop_process_exit_code_for_bad_input():
    result = subprocess.run([sys.executable, "-m", "assistant", "check", "--value", "-1"],
                            capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("Feil: ") and "Traceback" not in result.stderr


def test_scenarios_run_library_and_dev_set(capsys):
    code, out, _ = run_cli(["scenarios", "run"], capsys)
    assert code == 0 and "scenarioer stemmer." in out
    code, out, _ = run_cli(["scenarios", "run", str(shared_eval_file("scenarios_dev.jsonl"))],
                           capsys)
    assert code == 0 and "12 av 12 scenarioer stemmer." in out


def test_scenarios_run_exits_1_on_failure(tmp_path, capsys):
    path = tmp_path / "feil.yaml"
    path.write_text(
        "scenarios:\n  - id: X1\n    title: Feil forventning\n    lesson: Skal feile.\n"
        "    as_of: 2026-03-01\n"
        "    purchase: {value: 50000, vat: eks, category: varer, framework: false}\n"
        "    expect: {procedure: del3}\n", encoding="utf-8")
    code, out, _ = run_cli(["scenarios", "run", str(path)], capsys)
    assert code == 1 and "FEIL" in out and "1 feilet" in out


def test_scenarios_list_shows_lessons(capsys):
    code, out, _ = run_cli(["scenarios", "list"], capsys)
    assert code == 0 and "G02" in out and "Lik grensen regnes som over den" in out


def test_without_framework_flag_the_check_decides_as_no_agreement_and_says_so(capsys):
    code, out, _ = run_cli(["check", "--as-of", "2022-02-01", "--value", "2100000", "--vat",
                            "eks", "--category", "varer", "--json"], capsys)
    assert code == 0
    decision = json.loads(out)
    assert decision["procedure"]["code"] == "del3"
    assert decision["questions"] == []
    assert any("Ingen avtale å avrope på er oppgitt" in a for a in decision["assumptions"])
