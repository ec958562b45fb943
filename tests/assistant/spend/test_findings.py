"""Findings: recall and precision 1.0 on the demo year and the hand-written EHF samples."""

from __future__ import annotations

from assistant.spend.analysis import Options, analyse
from assistant.spend.decisions import DecisionCache
from assistant.spend.identity import valid_org

from .conftest import DATA


def keys(findings):
    return {(f.code, f.municipality, f.supplier_org) for f in findings}


def test_demo_year_recall_and_precision(demo_year, demo_analysis):
    _, truth = demo_year
    expected = {(t["code"], t["municipality"], t["supplier_org"]) for t in truth["findings"]}
    found = keys(demo_analysis.findings)
    assert found == expected, (found - expected, expected - found)
    assert demo_analysis.complete


def test_every_finding_carries_what_the_issue_requires(demo_analysis):
    for finding in demo_analysis.findings:
        assert finding.citations and finding.text and finding.rule
        assert finding.invoices and finding.category
        assert finding.amount_excl_vat > 0
    direct = [f for f in demo_analysis.findings if f.code == "mulig_ulovlig_direkteanskaffelse"]
    assert {f.procedure_required for f in direct} <= {"del1", "del2", "del3"}
    assert all("FOA § 5-4" in f.citations and f.trace for f in direct)
    strategy = [f for f in demo_analysis.findings if f.code == "mangler_konkurranse_strategi"]
    assert [f.procedure_required for f in strategy] == ["konkurranse_strategi"]


def test_contract_won_in_competition_is_not_flagged(demo_year):
    folder, _ = demo_year
    without = analyse([folder / "ehf"], Options(agreements=folder / "avtaler.yaml"))
    builder = [f for f in without.findings if f.supplier == "Demo Entreprenør AS"]
    assert [f.code for f in builder] == ["mulig_ulovlig_direkteanskaffelse"]
    assert builder[0].amount_excl_vat == 1_500_000


def test_loyalty_share(demo_analysis):
    stjordal = [item for item in demo_analysis.loyalty
                if item.municipality == "Stjørdal" and item.agreement_id == "DEMO-01"][0]
    outside = [f for f in demo_analysis.findings
               if f.code == "utenfor_avtale" and f.municipality == "Stjørdal"][0]
    assert stjordal.spend_in_scope - stjordal.spend_on_agreement == outside.amount_excl_vat
    assert 0 < stjordal.share < 1


def test_hand_written_ehf_outside_agreement():
    analysis = analyse([DATA / "faktura-selbu-renhold.xml", DATA / "kreditnota-selbu-renhold.xml"],
                       Options(agreements=DATA / "avtaler-test.yaml"))
    assert keys(analysis.findings) == {("utenfor_avtale", "Selbu", "904242438")}
    finding = analysis.findings[0]
    assert finding.amount_excl_vat == 12000 - 1000 - 2400  # line, allowance, credit note
    assert {ref.invoice_no for ref in finding.invoices} == {"RV-88", "RV-88-K1"}
    assert analysis.totals.amount_excl_vat == 18600.0


def test_period_filter(demo_year):
    folder, _ = demo_year
    analysis = analyse([folder / "ehf"], Options(agreements=folder / "avtaler.yaml",
                                                 start=__import__("datetime").date(2026, 7, 1)))
    assert "avtale_utlopt" in {f.code for f in analysis.findings}
    assert "mulig_oppdeling" not in {f.code for f in analysis.findings}  # March


def test_mod11():
    assert valid_org("962096654")
    assert not valid_org("962096655")
    assert not valid_org("12345678")


def test_decisions_are_cached_by_threshold_band():
    from datetime import date

    cache = DecisionCache()
    low = cache.decide(150_000, "varer", "Frosta", date(2025, 5, 1))
    again = cache.decide(180_000, "varer", "Frosta", date(2025, 9, 1))
    high = cache.decide(2_000_000, "varer", "Frosta", date(2025, 9, 1))
    assert low == again and cache.engine_runs == 2
    assert low.procedure == "del1" and high.procedure == "del2"


def test_register_as_kav_csv_in_windows_1252(tmp_path):
    register = tmp_path / "kav-eksport.csv"
    register.write_bytes(
        ("Avtalenr;Avtale;Leverandør;Org.nr;Kategori;Kommuner;Gyldig fra;Gyldig til;CPV;Konto\n"
         "K-9;Tørkepapir;Prøve Renhold AS;901313148;varer;Selbu, Frosta;01.01.2025;"
         "31.12.2027;3376;\n").encode("cp1252"))
    analysis = analyse([DATA / "faktura-selbu-renhold.xml"], Options(agreements=register))
    assert keys(analysis.findings) == {("utenfor_avtale", "Selbu", "904242438")}
    assert analysis.findings[0].details["agreement_id"] == "K-9"
    assert [(item.agreement_id, item.share) for item in analysis.loyalty] == [("K-9", 0.0)]


def test_bad_register_is_a_data_file_error(tmp_path):
    import pytest

    from knowledge.infra.errors import DataFileError

    register = tmp_path / "kav.csv"
    register.write_text("Avtale;Leverandør\nX;Y\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="mangler kolonner"):
        analyse([DATA / "faktura-selbu-renhold.xml"], Options(agreements=register))
