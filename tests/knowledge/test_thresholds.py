"""Thresholds as dated data: values per period, and malformed files named file:key."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.thresholds import THRESHOLDS_DIR, load_thresholds, threshold_set


@pytest.mark.parametrize(
    ("day", "name", "value", "status"),
    [
        (date(2020, 2, 13), "eea_goods_services", 2_050_000, "secondary"),
        (date(2022, 2, 1), "eea_goods_services", 2_050_000, "secondary"),
        (date(2022, 3, 22), "eea_building", 51_500_000, "secondary"),
        (date(2022, 3, 23), "eea_goods_services", 2_200_000, "secondary"),
        (date(2022, 3, 23), "eea_building", 56_000_000, "secondary"),
        (date(2024, 3, 13), "eea_goods_services", 2_200_000, "secondary"),
        (date(2024, 3, 14), "eea_goods_services", 2_300_000, "secondary"),
        (date(2026, 4, 20), "eea_goods_services", 2_300_000, "secondary"),
        (date(2026, 4, 21), "eea_goods_services", 2_500_000, "unverified"),
        (date(2024, 3, 14), "eea_building", 57_800_000, "secondary"),
        (date(2026, 11, 25), "eea_building", 62_900_000, "unverified"),
        (date(2024, 3, 14), "eea_health_social", 7_800_000, "secondary"),
        (date(2026, 11, 25), "eea_health_social", 8_700_000, "unverified"),
        (date(2026, 6, 30), "lower_limit", 100_000, "verified"),
        (date(2026, 7, 1), "lower_limit", 500_000, "secondary"),
        (date(2026, 11, 25), "national", 1_300_000, "verified"),
        (date(2026, 11, 25), "strategy_competition", 100_000, "verified"),
        (date(2026, 11, 25), "tax_certificate", 500_000, "secondary"),
    ],
)
def test_value_in_force_on_each_date(day, name, value, status):
    entry = threshold_set(day).values[name]
    assert entry.value == value
    assert entry.status == status
    assert entry.verified is (status == "verified")
    assert entry.reference and entry.last_reviewed
    assert (entry.url != "") is (status != "unverified")


def test_every_value_carries_its_evidence_list():
    for threshold in load_thresholds().values():
        for value in threshold.values:
            for item in value.evidence:
                assert item.title and item.url and item.quote and item.checked
            if value.status == "verified":
                assert any(item.kind == "primary" for item in value.evidence)


def test_status_is_derived_from_the_kind_of_evidence(tmp_path):
    directory = _broken_copy(tmp_path, "tax_certificate.yaml", "kind: secondary", "kind: primary")
    assert load_thresholds(directory)["tax_certificate"].values[0].status == "verified"
    directory = _broken_copy(tmp_path / "b", "national.yaml", "kind: primary", "kind: secondary")
    assert load_thresholds(directory)["national"].values[0].status == "secondary"


def test_fallback_is_the_latest_earlier_value_with_stronger_evidence():
    thresholds = load_thresholds()
    fallback = thresholds["lower_limit"].fallback(date(2026, 8, 1))
    assert fallback.value == 100_000 and fallback.status == "verified"
    eea = thresholds["eea_goods_services"].fallback(date(2026, 8, 1))
    assert eea.value == 2_300_000 and eea.status == "secondary"
    assert thresholds["eea_goods_services"].fallback(date(2025, 1, 1)) is None
    assert thresholds["national"].fallback(date(2026, 8, 1)) is None


def test_no_value_is_invented_before_the_data_starts():
    assert "eea_health_social" not in threshold_set(date(2024, 3, 13)).values
    assert threshold_set(date(2020, 2, 12)).values == {}
    assert set(threshold_set(date(2021, 12, 31)).values) == {"eea_goods_services", "eea_building"}
    assert threshold_set(date(2024, 3, 13)).missing() == {"eea_health_social": date(2024, 3, 14)}


def test_set_name_and_unconfirmed_listing():
    current = threshold_set(date(2026, 11, 25))
    assert current.name == "terskelverdier per 2026-11-25"
    assert set(current.unverified) == {
        "lower_limit", "eea_goods_services", "eea_building", "eea_health_social",
        "tax_certificate",
    }
    assert current.status("lower_limit") == "secondary"
    assert current.status("eea_building") == "unverified"
    assert "national" not in threshold_set(date(2026, 3, 1)).unverified


def test_comparison_is_data():
    thresholds = load_thresholds()
    assert thresholds["tax_certificate"].comparison == "gt"
    assert thresholds["national"].comparison == "gte"
    assert thresholds["national"].reaches(1_300_000, date(2026, 3, 1)) is True
    assert thresholds["tax_certificate"].reaches(500_000, date(2026, 3, 1)) is False


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "terskler"
    shutil.copytree(THRESHOLDS_DIR, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "key"),
    [
        ("national.yaml", "value: 1300000", "value: mange", "values.2022-01-01.value"),
        ("national.yaml", "    reference: FOA § 5-1\n", "", "values.2022-01-01.reference"),
        ("national.yaml", "kind: primary", "kind: kanskje",
         "values.2022-01-01.evidence[0].kind"),
        ("national.yaml", "        checked: 2026-12-01\n", "",
         "values.2022-01-01.evidence[0].checked"),
        ("national.yaml", "    last_reviewed: 2026-12-01\n",
         "    last_reviewed: 2026-12-01\n    verified: true\n", "values.2022-01-01.verified"),
        ("tax_certificate.yaml", "    evidence:\n", "    evidence_missing:\n",
         "values.2022-01-01.evidence"),
        ("lower_limit.yaml", "2026-07-01:", "2026-13-01:", "values.2026-13-01"),
        ("national.yaml", "comparison: gte", "comparison: about", "comparison"),
        ("national.yaml", "label: nasjonal terskelverdi", "label: ''", "label"),
        ("national.yaml", "value: 1300000", "value: -5", "values.2022-01-01.value"),
    ],
)
def test_malformed_file_names_file_and_key(tmp_path, file, old, new, key):
    directory = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(DataFileError) as error:
        load_thresholds(directory)
    assert str(error.value).startswith(f"{directory / file}:{key}: ")


def test_unreadable_yaml(tmp_path):
    directory = _broken_copy(tmp_path, "national.yaml", "values:", "values: [")
    with pytest.raises(DataFileError, match=r"national\.yaml:\(fil\): kan ikke leses som YAML"):
        load_thresholds(directory)


def test_environment_variable_points_elsewhere(tmp_path, monkeypatch):
    directory = _broken_copy(tmp_path, "national.yaml", "value: 1300000", "value: 1400000")
    monkeypatch.setenv("INNKJOP_THRESHOLDS", str(directory))
    assert threshold_set(date(2026, 3, 1)).values["national"].value == 1_400_000


def test_duplicate_date_key_is_an_error_not_a_silent_override(tmp_path):
    duplicate = (
        "  2022-01-01:\n    value: 150000\n    reference: FOA § 5-1\n"
        "    last_reviewed: 2026-12-01\n    evidence: []\n"
    )
    directory = _broken_copy(tmp_path, "national.yaml", "  2022-01-01:\n",
                             duplicate + "  2022-01-01:\n")
    with pytest.raises(DataFileError) as error:
        load_thresholds(directory)
    assert str(error.value).startswith(f"{directory / 'national.yaml'}:values.2022-01-01: ")
    assert "to ganger" in str(error.value)


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "problem"),
    [
        # A national threshold below the lower limit.
        ("national.yaml", "value: 1300000", "value: 90000", "values.2022-01-01",
         "er ikke over nedre grense"),
        # An EEA value below the national threshold on some date.
        ("eea_goods_services.yaml", "value: 2200000", "value: 1200000", "values.2022-03-23",
         "er ikke over nasjonal terskelverdi"),
        # The lower limit from 2026 above the national threshold.
        ("lower_limit.yaml", "value: 500000", "value: 1500000", "values.2022-01-01",
         "er ikke over nedre grense"),
        ("national.yaml", "above: [lower_limit]", "above: [nedre]", "above", "ukjent"),
    ],
)
def test_order_of_thresholds_is_checked_on_every_date(tmp_path, file, old, new, key, problem):
    directory = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(DataFileError) as error:
        load_thresholds(directory)
    message = str(error.value)
    assert problem in message
    assert f":{key}: " in message


def test_bad_threshold_folder_exits_2_with_file_key_problem(tmp_path, monkeypatch, capsys):
    from assistant.cli import main

    directory = _broken_copy(tmp_path, "national.yaml", "value: 1300000", "value: 90000")
    monkeypatch.setenv("INNKJOP_THRESHOLDS", str(directory))
    assert main(["terskler"]) == 2
    err = capsys.readouterr().err
    assert f"{directory / 'national.yaml'}:values.2022-01-01: " in err
