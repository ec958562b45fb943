"""The agreement register's keyword index (built once), expired agreements, and the
validated register kept between processes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant import agreements
from assistant.agreements import load_register
from knowledge import KNOWLEDGE_DIR

EXAMPLE = KNOWLEDGE_DIR / "agreements.yaml"


@pytest.mark.parametrize(("text", "ident"), [
    ("vi trenger kopipapiret til rådhuset", "EKS-2023-001"),
    ("nye PC-er til skolen", "EKS-2022-003"),
    ("skjermene på kontoret", "EKS-2022-003"),
    ("Bestille toalettpapir", "EKS-2024-002"),
    ("tonerkassetter og penner", "EKS-2023-001"),
])
def test_keywords_match_inflections_and_compound_tails(text, ident):
    register = load_register(EXAMPLE)
    found = register.matching(text, category=None, municipality=None, as_of=date(2024, 3, 1))
    assert ident in [a.id for a in found]


def test_no_keyword_no_match():
    register = load_register(EXAMPLE)
    assert register.matching("snøbrøyting av parkeringsplassen", category=None,
                             municipality=None, as_of=date(2026, 3, 1)) == []


def test_an_ended_agreement_is_expired_not_matching():
    register = load_register(EXAMPLE)
    day = date(2026, 3, 1)
    assert not register.matching("PC-er", category="varer", municipality="Tydal", as_of=day)
    ended = register.expired("PC-er", category="varer", municipality="Tydal", as_of=day)
    assert [a.id for a in ended][:1] == ["EKS-2022-003"]
    assert ended[0].valid_to == date(2025, 8, 31)
    assert not register.expired("PC-er", category="varer", municipality="Tydal",
                                as_of=date(2025, 6, 1))


def _register_file(folder: Path, keyword: str) -> Path:
    path = folder / "avtaler.yaml"
    path.write_text(
        "agreements:\n"
        "  - {id: A-1, agreement: Stoler, supplier: Møbel AS, category: varer,\n"
        f"     municipalities: alle, valid_from: 2024-01-01, keywords: [{keyword}]}}\n",
        encoding="utf-8")
    return path


def test_the_validated_register_is_kept_for_the_next_process(tmp_path, isolated_data_dir):
    path = _register_file(tmp_path, "kontorstol")
    first = load_register(path)
    agreements._load_cached.cache_clear()  # as in a new process
    cache = list((isolated_data_dir / "cache").glob("avtaleregister-*.json"))
    assert cache, "the register is cached in the data folder"
    again = load_register(path)
    assert again.agreements == first.agreements
    assert again.matching("kontorstolene", category=None, municipality=None,
                          as_of=date(2026, 1, 1))


def test_a_changed_register_is_read_again(tmp_path):
    path = _register_file(tmp_path, "kontorstol")
    load_register(path)
    agreements._load_cached.cache_clear()
    _register_file(tmp_path, "skrivebordsstol")
    changed = load_register(path)
    assert changed.agreements[0].keywords == ("skrivebordsstol",)
