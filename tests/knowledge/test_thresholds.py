"""Thresholds as dated data: values per period, and malformed files named file:key."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.thresholds import THRESHOLDS_DIR, load_thresholds, threshold_set


@pytest.mark.parametrize(
    ("day", "name", "value", "verified"),
    [
        (date(2022, 1, 1), "eea_goods_services", 2_200_000, True),
        (date(2024, 3, 13), "eea_goods_services", 2_200_000, True),
        (date(2024, 3, 14), "eea_goods_services", 2_300_000, True),
        (date(2026, 4, 20), "eea_goods_services", 2_300_000, True),
        (date(2026, 4, 21), "eea_goods_services", 2_500_000, False),
        (date(2024, 3, 13), "eea_building", 56_000_000, True),
        (date(2024, 3, 14), "eea_building", 57_800_000, True),
        (date(2026, 11, 25), "eea_building", 62_900_000, False),
        (date(2024, 3, 14), "eea_health_social", 7_800_000, True),
        (date(2026, 11, 25), "eea_health_social", 8_700_000, False),
        (date(2026, 6, 30), "lower_limit", 100_000, True),
        (date(2026, 7, 1), "lower_limit", 500_000, False),
        (date(2026, 11, 25), "national", 1_300_000, True),
        (date(2026, 11, 25), "strategy_competition", 100_000, True),
        (date(2026, 11, 25), "tax_certificate", 500_000, True),
    ],
)
def test_value_in_force_on_each_date(day, name, value, verified):
    entry = threshold_set(day).values[name]
    assert entry.value == value
    assert entry.verified is verified
    assert entry.reference and entry.url and entry.last_reviewed


def test_no_value_is_invented_before_the_data_starts():
    assert "eea_health_social" not in threshold_set(date(2024, 3, 13)).values
    assert threshold_set(date(2021, 12, 31)).values == {}
    assert threshold_set(date(2024, 3, 13)).missing() == {"eea_health_social": date(2024, 3, 14)}


def test_set_name_and_unverified_listing():
    current = threshold_set(date(2026, 11, 25))
    assert current.name == "terskelverdier per 2026-11-25"
    assert set(current.unverified) == {
        "lower_limit", "eea_goods_services", "eea_building", "eea_health_social",
    }
    assert threshold_set(date(2026, 3, 1)).unverified == []


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
        ("national.yaml", "verified: true", "verified: kanskje", "values.2022-01-01.verified"),
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
