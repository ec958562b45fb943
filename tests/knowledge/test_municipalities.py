"""The six municipalities, with spellings and inflections as data."""

from __future__ import annotations

import pytest

from knowledge.infra.errors import InputError
from knowledge.municipalities import MUNICIPALITIES, resolve_municipality


def test_six_municipalities():
    assert MUNICIPALITIES == ("Stjørdal", "Tydal", "Selbu", "Meråker", "Frosta", "Holtålen")


@pytest.mark.parametrize(("text", "name"), [
    ("stjørdal", "Stjørdal"), ("Stjordal", "Stjørdal"), ("Meraker", "Meråker"),
    ("  holtålen  kommune ", "Holtålen"), ("SELBU", "Selbu"), ("Frostas", "Frosta"),
])
def test_spellings_resolve(text, name):
    assert resolve_municipality(text) == name


def test_unknown_lists_the_valid_names():
    with pytest.raises(InputError, match="Gyldige kommuner: Stjørdal, Tydal, Selbu, Meråker"):
        resolve_municipality("Trondheim")
