"""Persistent index and the search API: freshness, atomic rebuilds, bad input, modes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import index.store as store
from index.search import MAX_QUERY_CHARS, open_searcher, prepare_query
from index.store import current_folder, read_manifest
from knowledge.infra.errors import InputError, SearchIndexError
from knowledge.infra.settings import load_settings
from tests.conftest import REPO_ROOT
from tests.index.conftest import HashEncoder


def test_build_then_reuse_the_saved_index(hash_encoder):
    progress: list[tuple[str, float]] = []
    searcher = open_searcher(encoder=hash_encoder, progress=lambda m, f: progress.append((m, f)))
    assert searcher.mode == "hybrid"
    assert progress[-1][1] == 1.0
    assert [f for _, f in progress] == sorted(f for _, f in progress)
    settings = load_settings()
    manifest = read_manifest(settings.index_dir)
    assert manifest["model"] == "test-hash-encoder"
    assert "knowledge/glossary.yaml" in manifest["sources"]
    assert any(k.startswith("knowledge/regulations/") for k in manifest["sources"])
    folder = current_folder(settings.index_dir)
    again = open_searcher(encoder=HashEncoder())
    assert current_folder(settings.index_dir) == folder  # loaded, not rebuilt
    assert len(again.passages) == len(searcher.passages)


def test_search_finds_strategy_and_regulation_passages(hash_encoder):
    searcher = open_searcher(encoder=hash_encoder)
    [hits] = searcher.search_many(["skatteattest § 7-2"], k=3)
    assert hits[0].passage.citation == "FOA § 7-2"
    kgv = searcher.search("hva er kgv", k=5)
    assert any("konkurransegjennomføringssystem (KGV)" in h.passage.text for h in kgv)
    entry = kgv[0].to_dict()
    assert set(entry) >= {"text", "document", "section", "page", "score"}
    assert all(hit.method == "fused" for hit in kgv)


def test_lexical_mode(hash_encoder):
    searcher = open_searcher(dense=False)
    assert searcher.mode == "lexical"
    hits = searcher.search("konkurranse", k=10)
    assert hits and all(h.method == "lexical" for h in hits)
    with pytest.raises(SearchIndexError):
        searcher.search_many(["konkurranse"], method="dense")


def test_lexical_open_does_not_import_torch(tmp_path: Path):
    code = (
        "import sys\n"
        "from index.search import open_searcher\n"
        "s = open_searcher(dense=False)\n"
        "assert s.search('rammeavtale avrop'), 'no hits'\n"
        "heavy = ('torch', 'sentence_transformers', 'transformers')\n"
        "bad = [m for m in heavy if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "INNKJOP_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_new_user_document_triggers_rebuild(hash_encoder):
    open_searcher(encoder=hash_encoder)
    settings = load_settings()
    before = current_folder(settings.index_dir)
    settings.user_documents_dir.mkdir(parents=True)
    (settings.user_documents_dir / "notat.md").write_text(
        "# Kaffe\n\nVi kjøper kaffemaskiner fra Bryggeriet AS.\n", encoding="utf-8")
    searcher = open_searcher(encoder=hash_encoder)
    assert current_folder(settings.index_dir) != before
    assert searcher.search("kaffemaskiner", k=1)[0].passage.document == "notat.md"


def test_model_change_triggers_rebuild():
    open_searcher(encoder=HashEncoder("modell-a"))
    settings = load_settings()
    before = current_folder(settings.index_dir)
    open_searcher(encoder=HashEncoder("modell-b"))
    assert current_folder(settings.index_dir) != before
    assert read_manifest(settings.index_dir)["model"] == "modell-b"


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failed_build_leaves_previous_index_usable(monkeypatch, failure):
    open_searcher(encoder=HashEncoder("modell-a"))
    settings = load_settings()
    before = current_folder(settings.index_dir)
    real_write = store._write_files

    def write_then_fail(folder, *args):
        real_write(folder, *args)
        (folder / "passages.json").write_text("[", encoding="utf-8")  # half-written
        raise failure

    monkeypatch.setattr(store, "_write_files", write_then_fail)
    with pytest.raises((SearchIndexError, KeyboardInterrupt)):
        open_searcher(encoder=HashEncoder("modell-b"))
    assert current_folder(settings.index_dir) == before
    assert not [p for p in (settings.index_dir / "builds").iterdir() if p.name.startswith(".tmp")]
    monkeypatch.undo()
    old = open_searcher(dense=False)
    assert old.search("skatteattest")


def test_damaged_index_is_rebuilt(hash_encoder):
    open_searcher(encoder=hash_encoder)
    settings = load_settings()
    (current_folder(settings.index_dir) / "lexical.npz").write_bytes(b"not numpy")
    assert open_searcher(encoder=hash_encoder).search("skatteattest")


def test_vanishing_and_bad_user_documents_are_skipped(monkeypatch, hash_encoder):
    settings = load_settings()
    settings.user_documents_dir.mkdir(parents=True)
    vanishing = settings.user_documents_dir / "forsvinner.txt"
    vanishing.write_text("Denne filen forsvinner under byggingen.\n", encoding="utf-8")
    (settings.user_documents_dir / "latin1.txt").write_bytes("Innkjøp".encode("latin-1"))
    (settings.user_documents_dir / "bilde.png").write_bytes(b"\x89PNG")
    real_load = store.load_document

    def load_after_delete(path, info=None):
        if path == vanishing and path.exists():
            path.unlink()
        return real_load(path, info)

    monkeypatch.setattr(store, "load_document", load_after_delete)
    searcher = open_searcher(encoder=hash_encoder)
    warnings = " ".join(searcher.manifest["warnings"])
    assert "forsvinner.txt" in warnings and "latin1.txt" in warnings and "bilde.png" in warnings
    assert not any(p.document == "forsvinner.txt" for p in searcher.passages)
    assert searcher.search("skatteattest")


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_is_refused(query):
    with pytest.raises(InputError, match="tomt"):
        prepare_query(query)


@pytest.mark.parametrize("query", ["%%% ???", "§§ – !!", "…"])
def test_symbols_only_query_is_refused(query):
    with pytest.raises(InputError, match="ingen ord"):
        prepare_query(query)


def test_very_long_query_is_cut_with_a_notice(hash_encoder):
    long_query = ("skatteattest " * 800)[:10_000]
    query, notice = prepare_query(long_query)
    assert len(query) == MAX_QUERY_CHARS and "10000" in notice
    searcher = open_searcher(encoder=hash_encoder)
    assert searcher.search(long_query, k=3)[0].passage.citation == "FOA § 7-2"


def test_search_many_batches_queries(hash_encoder):
    searcher = open_searcher(encoder=hash_encoder)
    calls = hash_encoder.calls
    results = searcher.search_many(["KGV", "skatteattest", "rammeavtale"], k=2)
    assert [len(r) for r in results] == [2, 2, 2]
    assert hash_encoder.calls == calls + 1


def test_large_corpora_get_an_approximate_index(monkeypatch, tmp_path: Path):
    import numpy as np

    import index.dense as dense

    monkeypatch.setattr(dense, "APPROXIMATE_FROM", 500)
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2000, 16)).astype(np.float32)
    built = dense.DenseIndex.build(vectors)
    assert built.kind == "IndexIVFFlat"
    built.save(tmp_path / "dense.faiss")
    loaded = dense.DenseIndex.load(tmp_path / "dense.faiss")
    scores, ids = loaded.search(vectors[7:8], 5)
    assert ids[0][0] == 7 and scores[0][0] > 0.99
    np.testing.assert_allclose(loaded.index.reconstruct_batch(np.array([7])),
                               dense.normalize_rows(vectors[7:8]), atol=1e-6)
    small = dense.DenseIndex.build(vectors[:100])
    assert small.kind == "IndexFlatIP"


def test_concurrent_searches_agree(hash_encoder):
    from concurrent.futures import ThreadPoolExecutor

    searcher = open_searcher(encoder=hash_encoder)
    queries = ["skatteattest", "KGV", "rammeavtale avrop", "lærlinger"] * 5
    expected = [[h.passage.id for h in searcher.search(q, 3)] for q in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda q: [h.passage.id for h in searcher.search(q, 3)], queries))
    assert got == expected
