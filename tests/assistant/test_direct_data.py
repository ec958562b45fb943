"""The data of issue 9's text layer and direct answers: loaded and validated
(`file:key: problem`)."""

from __future__ import annotations

import pytest

from assistant.direct import load_replies
from assistant.unit_words import UNITS_FILE, load_unit_words
from knowledge.infra.errors import DataFileError


def test_the_shipped_files_load():
    vocab = load_unit_words()
    assert vocab.units["hour"].label == "timer" and "timen" in vocab.units["hour"].each
    assert "mndl." in vocab.periods["month"].adjective
    assert load_replies().topics


def test_a_unit_without_its_words_names_file_and_key(tmp_path):
    broken = tmp_path / "units.yaml"
    broken.write_text(UNITS_FILE.read_text(encoding="utf-8").replace(
        "    count: [timer, timers, t, timeverk]\n", ""), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"units\.hour\.count"):
        load_unit_words(broken)


def test_an_unknown_period_names_file_and_key(tmp_path):
    broken = tmp_path / "units.yaml"
    broken.write_text(UNITS_FILE.read_text(encoding="utf-8").replace(
        "  quarter:\n", "  fortnight:\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"periods"):
        load_unit_words(broken)


def test_a_yes_no_topic_without_a_test_names_file_and_key(tmp_path):
    broken = tmp_path / "replies.yaml"
    broken.write_text("retrospective: {lead: a, date_stated: b, date_missing: c, should: d,\n"
                      "  allowed: e, breach: f, breach_stated: g, breach_agreement: h, next: i,\n"
                      "  direct_words: [j]}\nyes_no:\n  - words: [kgv]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"yes_no\[0\]"):
        load_replies(broken)
