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


@pytest.mark.parametrize(("written", "broken_as", "key"), [
    ("    count: [timer, timers, t, timeverk]\n", "", r"units\.hour\.count"),  # unit words gone
    ("  quarter:\n", "  fortnight:\n", r"periods"),  # an unknown period
    ("  hour:\n", "  hours:\n", r"units\.hour"),  # a unit the rules need is gone
    ("    label: liter\n", "", r"units\.litre\.label"),  # an added measure without its label
])
def test_a_broken_units_file_names_file_and_key(tmp_path, written, broken_as, key):
    broken = tmp_path / "units.yaml"
    broken.write_text(UNITS_FILE.read_text(encoding="utf-8").replace(written, broken_as),
                      encoding="utf-8")
    with pytest.raises(DataFileError, match=key):
        load_unit_words(broken)


def test_a_yes_no_topic_without_a_test_names_file_and_key(tmp_path):
    broken = tmp_path / "replies.yaml"
    broken.write_text("retrospective: {lead: a, date_stated: b, date_missing: c, should: d,\n"
                      "  allowed: e, breach: f, breach_stated: g, breach_agreement: h, next: i,\n"
                      "  direct_words: [j]}\nyes_no:\n  - words: [kgv]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"yes_no\[0\]"):
        load_replies(broken)
