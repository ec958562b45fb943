"""read_yaml: every failure to read a data file is a DataFileError naming the file."""

from __future__ import annotations

import pytest

from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml


def test_reads_yaml(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: 1\nb: [x, y]\n", encoding="utf-8")
    assert read_yaml(path) == {"a": 1, "b": ["x", "y"]}


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"a: [1, 2\n", "kan ikke leses som YAML"), (b"navn: Mer\xe5ker\n", "er ikke UTF-8-tekst")],
)
def test_bad_file_names_file_and_problem(tmp_path, content: bytes, problem: str):
    path = tmp_path / "feil.yaml"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=rf"feil\.yaml:\(fil\): {problem}"):
        read_yaml(path)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=r"borte\.yaml:\(fil\): finnes ikke"):
        read_yaml(tmp_path / "borte.yaml")
