"""Settings: data folder from INNKJOP_HOME, model and register configurable."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.infra.settings import DEFAULT_MODEL, load_settings


def test_data_dir_follows_env(isolated_data_dir: Path):
    settings = load_settings()
    assert settings.data_dir == isolated_data_dir
    assert settings.embedding_model == DEFAULT_MODEL
    assert settings.index_dir == isolated_data_dir / "index"


def test_model_from_config_file_and_env_overrides(isolated_data_dir: Path, monkeypatch):
    (isolated_data_dir / "config.yaml").write_text("embedding_model: /modeller/norsk\n")
    assert load_settings().embedding_model == "/modeller/norsk"
    monkeypatch.setenv("INNKJOP_MODEL", "/annen/modell")
    assert load_settings().embedding_model == "/annen/modell"


def test_malformed_config_names_file_and_key(isolated_data_dir: Path):
    (isolated_data_dir / "config.yaml").write_text("embedding_model: [1, 2]\n")
    with pytest.raises(DataFileError) as error:
        load_settings()
    assert "config.yaml:embedding_model:" in str(error.value)
