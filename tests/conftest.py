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


def shared_eval_file(name: str) -> Path:
    """A file of the shared evaluation sets (../shared/eval, or $INNKJOP_SHARED/eval).

    Skips the calling test with a clear reason on a clone that has no shared/ folder
    beside it; CI always has it.
    """
    path = SHARED_EVAL_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} finnes ikke: sett INNKJOP_SHARED til mappen shared/")
    return path


def shared_eval_lines(name: str) -> list[str]:
    """The non-empty lines of a shared evaluation file, or [] when it is not there
    (for parametrising at collection time, where a skip would skip a whole module)."""
    path = SHARED_EVAL_DIR / name
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
