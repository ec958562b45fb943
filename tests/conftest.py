"""Shared test setup: never touch the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("INNKJOP_SHARED", REPO_ROOT.parent / "shared"))
SHARED_EVAL_DIR = SHARED_DIR / "eval"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point INNKJOP_HOME at a fresh temporary folder for every test."""
    home = tmp_path_factory.mktemp("innkjop_home")
    monkeypatch.setenv("INNKJOP_HOME", str(home))
    monkeypatch.delenv("INNKJOP_MODEL", raising=False)
    monkeypatch.delenv("INNKJOP_AGREEMENTS", raising=False)
    return home
