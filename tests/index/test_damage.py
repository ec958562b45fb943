"""A damaged index is noticed (checksums, counts) and rebuilt with a Norwegian notice,
never used silently; builds take a lock so that waiting processes do not build again."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from index.buildfolder import LOCK_NAME, build_lock, current_folder
from index.search import open_searcher
from index.store import load_index, read_manifest
from knowledge.infra.errors import SearchIndexError
from knowledge.infra.settings import load_settings


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def _passages_empty(path: Path) -> None:
    path.write_text("[]", encoding="utf-8")


def _passages_half(path: Path) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(records[: len(records) // 2]), encoding="utf-8")


def _passages_swapped(path: Path) -> None:
    """Still valid JSON of the right length: two passages' texts exchanged."""
    records = json.loads(path.read_text(encoding="utf-8"))
    first = next(i for i, r in enumerate(records) if "7-2" in r["citation"])
    other = next(i for i, r in enumerate(records) if "7-9" in r["citation"]) if any(
        "7-9" in r["citation"] for r in records) else (first + 1)
    records[first]["text"], records[other]["text"] = records[other]["text"], records[first]["text"]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def _vocabulary_truncated(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    key = next(k for k, v in data.items() if isinstance(v, list))
    data[key] = data[key][: len(data[key]) // 2]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(64))


DAMAGE = {
    "lexical.npz truncated": ("lexical.npz", _truncate),
    "lexical.npz bit flipped": ("lexical.npz", _flip_bit),
    "units.npz truncated": ("units.npz", _truncate),
    "units.npz bit flipped": ("units.npz", _flip_bit),
    "dense.faiss truncated": ("dense.faiss", _truncate),
    "passages.json []": ("passages.json", _passages_empty),
    "passages.json half": ("passages.json", _passages_half),
    "passages.json texts swapped": ("passages.json", _passages_swapped),
    "lexical.json vocabulary truncated": ("lexical.json", _vocabulary_truncated),
    "manifest.json garbage": ("manifest.json", _garbage),
    "passages.json deleted": ("passages.json", lambda p: p.unlink()),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_index_is_rebuilt_with_a_notice(case, hash_encoder):
    open_searcher(encoder=hash_encoder)
    settings = load_settings()
    folder = current_folder(settings.index_dir)
    name, damage = DAMAGE[case]
    damage(folder / name)
    notices: list[str] = []
    searcher = open_searcher(encoder=hash_encoder, notice=notices.append)
    assert current_folder(settings.index_dir) != folder  # rebuilt, not used
    assert any("skadet" in n and "bygges på nytt" in n for n in notices), notices
    hits = searcher.search("skatteattest § 7-2", k=3)
    assert any("7-2" in h.passage.citation for h in hits)
    assert any("7-2" in h.passage.citation and "7-2" in h.passage.text for h in hits)


@pytest.mark.parametrize("case", ["binary", "directory", "empty", "path escape", "symlink loop"])
def test_bad_current_pointer_is_rebuilt(case, isolated_data_dir, capsys):
    open_searcher(dense=False)
    settings = load_settings()
    pointer = settings.index_dir / "CURRENT"
    pointer.unlink()
    if case == "binary":
        pointer.write_bytes(b"\xff\xfe\x00\x81garbage")
    elif case == "directory":
        pointer.mkdir()
    elif case == "empty":
        pointer.write_text("")
    elif case == "path escape":
        pointer.write_text("../../..")
    else:
        pointer.symlink_to(pointer)
    assert current_folder(settings.index_dir) is None
    from assistant.cli import main

    assert main(["index", "status"]) == 0
    assert "Status: skadet" in capsys.readouterr().out
    notices: list[str] = []
    searcher = open_searcher(dense=False, notice=notices.append)
    assert searcher.search("skatteattest", k=1)
    assert current_folder(settings.index_dir) is not None
    assert any("skadet" in n for n in notices)


def test_load_index_names_the_damaged_file(hash_encoder):
    open_searcher(encoder=hash_encoder)
    settings = load_settings()
    _passages_swapped(current_folder(settings.index_dir) / "passages.json")
    with pytest.raises(SearchIndexError, match="passages.json stemmer ikke med sjekksummen"):
        load_index(settings.index_dir)


def test_manifest_lists_a_checksum_for_every_file(hash_encoder):
    open_searcher(encoder=hash_encoder)
    settings = load_settings()
    folder = current_folder(settings.index_dir)
    files = read_manifest(settings.index_dir)["files"]
    on_disk = {p.name for p in folder.iterdir()} - {"manifest.json"}
    assert set(files) == on_disk and all(len(v) == 64 for v in files.values())


def test_no_previous_index_is_not_claimed_to_be_kept(monkeypatch):
    import index.store as store

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_files", fail)
    with pytest.raises(SearchIndexError) as first:
        open_searcher(dense=False)
    assert "disken er full" in str(first.value)
    assert "beholdt" not in str(first.value) and "No space" not in str(first.value)
    monkeypatch.undo()
    open_searcher(dense=False)
    monkeypatch.setattr(store, "_write_files", fail)
    with pytest.raises(SearchIndexError, match="Den forrige indeksen er beholdt"):
        store.build_index(load_settings())


def _hold_lock(index_dir: str, seconds: float, ready) -> None:
    with build_lock(Path(index_dir)):
        ready.set()
        time.sleep(seconds)


def test_a_second_process_waits_for_the_running_build(isolated_data_dir):
    settings = load_settings()
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold_lock, args=(str(settings.index_dir), 1.5, ready))
    holder.start()
    try:
        assert ready.wait(10)
        notices: list[str] = []
        started = time.monotonic()
        searcher = open_searcher(dense=False, notice=notices.append)
        assert time.monotonic() - started >= 1.0  # waited for the lock
        assert notices[0].startswith("Venter på at en annen prosess")
        assert searcher.search("kgv", k=1)
    finally:
        holder.join(10)
    assert (settings.index_dir / LOCK_NAME).exists()


def _search_once(home: str, queue) -> None:
    os.environ["INNKJOP_HOME"] = home
    notices: list[str] = []
    open_searcher(dense=False, notice=notices.append)
    queue.put(sum("Bygger" in n or "bygger" in n for n in notices))


def test_parallel_searches_build_once(isolated_data_dir):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_search_once, args=(str(isolated_data_dir), queue))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    builds = sum(queue.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(30)
    assert builds == 1
    assert len(list((isolated_data_dir / "index" / "builds").iterdir())) == 1


def test_stale_temporary_build_of_a_killed_process_is_ignored(isolated_data_dir):
    open_searcher(dense=False)
    settings = load_settings()
    half = settings.index_dir / "builds" / ".tmp-20260101T000000-deadbeef"
    half.mkdir()
    (half / "passages.json").write_text("[", encoding="utf-8")
    shutil.rmtree(current_folder(settings.index_dir))
    searcher = open_searcher(dense=False)
    assert searcher.search("kgv", k=1)
