"""Fixtures of the spend-analysis tests: the demo year, written once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from assistant.spend.demo import write_demo

    folder = tmp_path_factory.mktemp("demo_year")
    write_demo(folder)
    return folder, json.loads((folder / "fasit.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_analysis(demo_year):
    from assistant.spend.analysis import Options, analyse

    folder, _ = demo_year
    return analyse([folder / "ehf", folder / "regnskap"],
                   Options(agreements=folder / "avtaler.yaml",
                           contracts=folder / "kontrakter.yaml", sample_size=10, seed=7))
