"""Legal data beside the rules: code titles, the apprentice duty, dated parameters, climate text."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.thresholds import load_thresholds
from rules import decide
from rules.model import CATEGORIES, Purchase
from rules.rulebook import RULES_DIR, load_rulebook
from rules.titles import check_titles, code_titles, title

DAY = date(2026, 9, 1)


def _books(national: Path | None = None, strategy: Path | None = None):
    names = set(load_thresholds())
    return [load_rulebook("nasjonal", names, national), load_rulebook("strategi", names, strategy)]


def test_every_code_the_rules_conclude_has_a_title():
    titles = check_titles(_books(), CATEGORIES)
    for book in _books():
        for rule in book.rules:
            assert rule.code in titles[rule.kind], rule.name
            if rule.procedure:
                assert rule.procedure in titles["procedure"]
    assert title("warning", "uverifisert_terskel") == "Terskelverdi som ikke er bekreftet"
    assert title("status", "secondary") == "bare i sekundærkilder"
    assert code_titles()["category"]["bygg_anlegg"] == "bygg og anlegg"


def test_a_code_without_a_title_fails_naming_the_rule(tmp_path):
    copy = tmp_path / "strategy.yaml"
    text = (RULES_DIR / "strategy.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("    vr_innkjop: VR Innkjøp\n", ""), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        check_titles(_books(strategy=copy), CATEGORIES)
    assert str(error.value).startswith(
        f"{copy}:rules.vr_innkjop_varer_tjenester.then.authority: ")
    assert "vr_innkjop" in str(error.value)


def test_titles_are_not_written_in_python():
    root = Path(__file__).resolve().parents[2]
    for folder in ("assistant", "rules"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for written in ("\"Konkurranse etter strategien", "\"Kommunens egne innkjøpere",
                            "\"Høyst to ledd underleverandører", "\"EØS-terskel varer"):
                assert written not in text, (path, written)


def _docs(purchase: Purchase, day: date = DAY) -> set[str]:
    return {d.code for d in decide(purchase, day).documentation}


def test_the_70_million_building_case_lists_the_apprentice_duty():
    decision = decide(Purchase(value=70_000_000, vat="eks", category="bygg_anlegg",
                               municipality="Holtålen", framework=False), DAY)
    duty = next(d for d in decision.documentation if d.code == "laerlinger")
    assert "LOA § 7" in duty.citations
    assert not any("7-8" in c for c in duty.citations)
    assert "over 3 måneder" in duty.text


@pytest.mark.parametrize(
    ("purchase", "expected"),
    [
        (Purchase(value=3_000_000, vat="eks", category="bygg_anlegg", duration_months=12,
                  framework=False), True),
        (Purchase(value=3_000_000, vat="eks", category="bygg_anlegg", duration_months=2,
                  framework=False), False),
        (Purchase(value=3_000_000, vat="eks", category="tjenester", duration_months=24,
                  framework=False), True),
        (Purchase(value=3_000_000, vat="eks", category="varer", duration_months=24,
                  framework=False), False),
        # Below the non-state EEA threshold the duty does not apply.
        (Purchase(value=2_000_000, vat="eks", category="bygg_anlegg", duration_months=24,
                  framework=False), False),
    ],
)
def test_apprentice_duty_follows_category_duration_and_the_eea_value(purchase, expected):
    assert ("laerlinger" in _docs(purchase)) is expected


def test_apprentice_value_limit_is_the_eea_goods_services_value_of_the_date():
    building = Purchase(value=2_400_000, vat="eks", category="bygg_anlegg", duration_months=12,
                        framework=False)
    assert "laerlinger" in _docs(building, date(2026, 3, 1))      # 2 300 000 then
    assert "laerlinger" not in _docs(building, date(2026, 9, 1))  # 2 500 000 now


def test_near_share_in_texts_and_conditions_is_the_parameter(tmp_path, monkeypatch):
    decision = decide(Purchase(value=95_000, vat="eks", category="varer", framework=False),
                      date(2026, 3, 1))
    near = [w for w in decision.warnings if w.code == "naer_terskel"]
    assert near and "innenfor 10 % av" in near[0].text


def test_framework_limit_and_vat_come_from_parameters():
    from knowledge.parameters import parameter
    from rules.estimate import open_ended_months, vat_factor

    assert vat_factor(date(2026, 3, 1)) == 1 + parameter("vat_rate").value(date(2026, 3, 1))
    assert open_ended_months(date(2026, 3, 1)) == 48
    assert parameter("framework_max_years").months() == 48
    decision = decide(Purchase(value=100_000, vat="eks", period="year", duration_months=60,
                               category="varer", framework=False, is_framework_agreement=True),
                      date(2026, 3, 1))
    warning = next(w for w in decision.warnings if w.code == "rammeavtale_over_4_ar")
    assert "lenger enn 4 år; 60 måneder" in warning.text


def test_a_changed_parameter_changes_the_rules(tmp_path, monkeypatch):
    import knowledge.parameters as parameters
    from rules.engine import parameter_constants

    target = tmp_path / "parametre"
    shutil.copytree(parameters.PARAMETERS_DIR, target)
    share = target / "near_share.yaml"
    share.write_text(share.read_text(encoding="utf-8").replace("value: 0.10", "value: 0.25"),
                     encoding="utf-8")
    monkeypatch.setattr(parameters, "PARAMETERS_DIR", target)
    assert parameter_constants(DAY)["near_share"] == 0.25
    assert parameters.parameter("near_share").display(DAY) == "25 %"
    day = date(2025, 5, 5)  # a date no other test evaluates (evaluators are cached per date)
    decision = decide(Purchase(value=80_000, vat="eks", category="varer", framework=False), day)
    near = [w.text for w in decision.warnings if w.code == "naer_terskel"]
    assert near and all("innenfor 25 % av" in text for text in near)


def test_climate_duty_names_the_exception_and_award_criteria_correctly():
    decision = decide(Purchase(value=500_000, vat="eks", category="varer", framework=False),
                      date(2026, 3, 1))
    duty = next(d for d in decision.documentation if d.code == "klima_miljo")
    assert "uvesentlig" in duty.text and "lite" not in duty.text
    assert "tildelingskriterier" in duty.text and "30 %" in duty.text


def test_duplicate_key_in_any_data_file_is_reported_with_its_path(tmp_path):
    from knowledge.infra.yamlfile import read_yaml

    path = tmp_path / "dobbel.yaml"
    path.write_text("a:\n  b: 1\n  c: 2\n  b: 3\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        read_yaml(path)
    assert str(error.value).startswith(f"{path}:a.b: ")
    assert "linje 2 og 4" in str(error.value)


def test_rule_texts_name_legal_constants_by_parameter_not_by_hand():
    import re

    typed = re.compile(r"\d+ ?%|\b(fire|48) (år|måneder)\b|\btre måneder\b")
    for book in _books():
        for rule in book.rules:
            for sentence in (rule.text, rule.because):
                assert not typed.search(sentence), (rule.name, typed.search(sentence))
