"""Monetary-unit sampling, the CLI (exit codes, JSON, reports), and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.cli import main
from assistant.spend.analysis import Options, analyse

ROOT = Path(__file__).resolve().parents[3]


def test_sample_is_reproducible_and_proportional(demo_year):
    folder, _ = demo_year
    def draw(seed):
        return analyse([folder / "ehf"], Options(agreements=folder / "avtaler.yaml",
                                                 sample_size=20, seed=seed)).sample
    first, second, other = draw(1), draw(1), draw(2)
    assert first == second and first != other
    assert sum(item.hits for item in first) == 20
    # Invoices of 450 000 and 500 000 are larger than the interval: always drawn.
    assert {450000.0, 500000.0} <= {item.amount_excl_vat for item in first}


def test_missing_path_exit_2(tmp_path, capsys):
    assert main(["analyse", str(tmp_path / "finnes-ikke")]) == 2
    assert "finnes ikke" in capsys.readouterr().err


def test_bad_date_option_exit_2(tmp_path, capsys):
    assert main(["analyse", str(tmp_path), "--fra", "31.02.2026"]) == 2
    assert "ugyldig dato" in capsys.readouterr().err


def test_json_and_reports(demo_year, tmp_path, capsys):
    folder, _ = demo_year
    broken = tmp_path / "inn"
    broken.mkdir()
    (broken / "brutt.xml").write_text("<Invoice>", encoding="utf-8")
    report = tmp_path / "rapport"
    code = main(["analyse", str(folder / "ehf"), str(broken), "--agreements",
                 str(folder / "avtaler.yaml"), "--json", "--rapport", str(report),
                 "--stikkprove", "3", "--seed", "1"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert {"findings", "loyalty", "sample", "skipped"} <= set(data)
    assert data["complete"] is False
    assert data["skipped"][0]["file"].endswith("brutt.xml")
    required = {"code", "municipality", "supplier", "supplier_org", "category",
                "amount_excl_vat", "invoices", "procedure_required", "citations", "text"}
    assert all(required <= set(f) for f in data["findings"])
    html = (report / "rapport.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "UFULLSTENDIG" in html and "@page" in html
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "UFULLSTENDIG" in (report / "rapport.md").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    workbook = load_workbook(report / "funn.xlsx", read_only=True)
    assert {"utenfor_avtale", "duplikat_faktura", "hoppet_over"} <= set(workbook.sheetnames)


def test_check_and_ask_never_import_duckdb():
    code = ("import sys; from assistant.cli import main; "
            "main(['check', '--value', '50000', '--vat', 'eks', '--category', 'varer', "
            "'--no-framework']); import assistant.cli.ask; "
            "assert 'duckdb' not in sys.modules and 'openpyxl' not in sys.modules, 'imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
