"""The persistent search index: build, write atomically, check freshness, load.

Layout of `Settings.index_dir`:

    CURRENT                 name of the active build folder (replaced atomically)
    builds/<id>/            manifest.json, passages.json, lexical.npz, lexical.json,
                            dense.faiss (absent in a lexical-only build),
                            units.npz (sentence-unit and passage-question vectors,
                            see index/units.py and index/questions.py; dense builds
                            up to MAX_UNIT_PASSAGES passages)
    builds/.tmp-<id>/       a build in progress; renamed to builds/<id> when complete

A build is written into a temporary folder and only then made current, so a
failed or interrupted build leaves the previous index usable. The manifest
records the model, the chunker version and a sha256 for every source; when any
of them changes, the index is stale and `open_searcher` rebuilds it.

Integrity: the manifest also holds a sha256 of every file of the build
(`files`), checked at load together with the counts; a damaged build (truncated
or bit-flipped archive, emptied or edited passages, a binary CURRENT) is never
used: `load_or_build` rebuilds it and reports a Norwegian notice.

One build at a time: builds hold an exclusive `fcntl` lock on `build.lock` in
the index folder. A process that finds the index stale while another builds it
waits (with a notice) and then loads the other's build instead of building again.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from index.buildfolder import (
    Notice,
    build_lock,
    check_files,
    current_folder,
    has_pointer,
    no_notice,
    remove_old_builds,
)
from index.chunking import CHUNKER_VERSION
from index.dense import DenseIndex, Encoder
from index.encoders import identity
from index.glossary import GLOSSARY_PATH, load_glossary
from index.ingest import load_document
from index.lexical import LexicalIndex
from index.model import Passage
from index.questions import lexical_texts, load_questions, questions_of
from index.sources import file_digest, fingerprint, knowledge_prints, list_sources
from index.text import ANALYZER_VERSION
from index.units import MAX_UNIT_PASSAGES, UnitScorer, sentence_units
from index.vector_cache import VectorCache
from knowledge.infra.errors import DataFileError, SearchIndexError, SourceDocumentError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.settings import Settings

FORMAT = 5
"""Bump when the files of a build change shape (4: checksums of the build's files;
5: passage questions in units.npz and in the BM25 texts)."""

Progress = Callable[[str, float], None]


def _no_progress(message: str, fraction: float) -> None:
    return None


@dataclass
class LoadedIndex:
    folder: Path
    manifest: dict
    passages: list[Passage]
    lexical: LexicalIndex
    dense: DenseIndex | None
    units: UnitScorer | None = None
    notices: list[str] = field(default_factory=list)
    """Norwegian notices for the user (the index was damaged and rebuilt, ...)."""


def read_manifest(index_dir: Path) -> dict | None:
    folder = current_folder(index_dir)
    if folder is None:
        return None
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def is_fresh(manifest: dict | None, prints: dict[str, str],
             model: str | dict | None) -> bool:
    """Whether a manifest matches the current sources (and, if given, the model).

    `model` is a model name, or an encoder's identity (index.encoders.identity:
    backend, model, prefixes, revision), every field of which must match.
    """
    if not manifest or manifest.get("format") != FORMAT:
        return False
    if manifest.get("chunker") != CHUNKER_VERSION or manifest.get("sources") != prints:
        return False
    if manifest.get("analyzer") != ANALYZER_VERSION:
        return False
    if isinstance(model, dict):
        return all(manifest.get(key) == value for key, value in model.items())
    return model is None or manifest.get("model") == model


def _read_passages(
    settings: Settings, progress: Progress
) -> tuple[list[Passage], dict[str, str], list[str]]:
    sources, warnings = list_sources(settings)
    passages: list[Passage] = []
    prints: dict[str, str] = {}
    for number, source in enumerate(sources):
        progress(f"Leser {source.path.name}", 0.3 * number / max(len(sources), 1))
        digest = fingerprint(source.path)
        try:
            if not digest:
                raise SourceDocumentError(f"Filen {source.path} forsvant under byggingen.")
            loaded = load_document(source.path, source.info)
        except (SourceDocumentError, DataFileError) as error:
            if source.builtin:
                raise
            warnings.append(f"{source.path.name} er hoppet over: {error}")
            continue
        passages.extend(loaded.passages)
        warnings.extend(loaded.warnings)
        prints[source.key] = digest
    prints.update(knowledge_prints(GLOSSARY_PATH))
    if not passages:
        raise SearchIndexError("Fant ingen dokumenter å søke i (knowledge/ er tom).")
    return passages, prints, warnings


def build_index(
    settings: Settings, encoder: Encoder | None = None, progress: Progress | None = None,
    notice: Notice | None = None,
) -> LoadedIndex:
    """Read every source, build lexical (and dense, with an encoder) indexes, write, activate.

    Holds the build lock: a build started by another process finishes first."""
    with build_lock(settings.index_dir, notice):
        return _build(settings, encoder, progress)


def load_or_build(
    settings: Settings, prints: dict[str, str], encoder: Encoder | None, *,
    dense: bool = True, progress: Progress | None = None, notice: Notice | None = None,
) -> LoadedIndex:
    """The current index if it is fresh and sound, else one build (never two at once).

    A damaged index is rebuilt, with a notice (also in `LoadedIndex.notices`)."""
    notice = notice or no_notice
    model = identity(encoder) if dense and encoder is not None else None
    notices: list[str] = []
    loaded, damage = _load_fresh(settings.index_dir, prints, model, dense)
    if loaded is not None:
        return loaded
    with build_lock(settings.index_dir, notice):
        # Another process may have built it while we waited for the lock.
        again, damage_now = _load_fresh(settings.index_dir, prints, model, dense)
        if again is not None:
            return again
        damage = damage_now or damage
        if damage:
            notices.append(f"{damage} Den bygges på nytt.")
            notice(notices[-1])
        elif has_pointer(settings.index_dir):
            notice("Kildene er endret: bygger søkeindeksen på nytt …")
        else:
            notice("Bygger søkeindeksen (første gang, noen sekunder) …")
        built = _build(settings, encoder if dense else None, progress)
    built.notices[:0] = notices
    return built


def _load_fresh(
    index_dir: Path, prints: dict[str, str], model: str | None, dense: bool
) -> tuple[LoadedIndex | None, str | None]:
    """(the loaded index or None, a description of damage found or None)."""
    if current_folder(index_dir) is None:
        if has_pointer(index_dir):
            return None, "Søkeindeksen er skadet (CURRENT peker ikke på en gyldig bygging)."
        return None, None
    manifest = read_manifest(index_dir)
    if manifest is None:
        return None, "Søkeindeksen er skadet (manifest.json kan ikke leses)."
    if not is_fresh(manifest, prints, model):
        return None, None
    try:
        return load_index(index_dir, dense=dense), None
    except SearchIndexError as error:
        return None, str(error).split(" Kjør «innkjop index build»")[0]


def _build(
    settings: Settings, encoder: Encoder | None = None, progress: Progress | None = None
) -> LoadedIndex:
    progress = progress or _no_progress
    started = time.perf_counter()
    passages, prints, warnings = _read_passages(settings, progress)
    progress("Bygger leksikalsk indeks", 0.3)
    table = load_questions()
    questions, question_owner, stale = questions_of(passages, table)
    warnings.extend(stale)
    texts = [p.text for p in passages]
    lexical = LexicalIndex.build(lexical_texts(passages, table), load_glossary().words())
    dense: DenseIndex | None = None
    units: UnitScorer | None = None
    if encoder is not None:
        with_units = len(passages) <= MAX_UNIT_PASSAGES
        unit_texts, owner = sentence_units(passages) if with_units else ([], None)
        cache = VectorCache(encoder, settings.data_dir)
        split = 0.85 if questions and owner is not None else 0.95
        vectors = cache.vectors(texts + unit_texts, "passage", _span(progress, 0.4, split))
        dense = DenseIndex.build(vectors[:len(texts)])
        if owner is not None:
            question_vectors = (cache.vectors(questions, "query", _span(progress, split, 0.95))
                                if questions else None)
            units = UnitScorer(vectors[:len(texts)], vectors[len(texts):], owner,
                               question_vectors, question_owner)
        cache.save()
    manifest = {
        "format": FORMAT,
        "chunker": CHUNKER_VERSION,
        "analyzer": ANALYZER_VERSION,
        "model": encoder.name if encoder else None,
        **({key: value for key, value in identity(encoder).items() if key != "model"}
           if encoder else {}),
        "dim": encoder.dim if encoder else None,
        "dense_index": dense.kind if dense else None,
        "passages": len(passages),
        "units": len(units.owner) if units else 0,
        "questions": len(units.question_owner) if units else 0,
        "sources": prints,
        "warnings": warnings,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 3),
    }
    progress("Skriver indeksen", 0.95)
    folder = _write_atomically(settings.index_dir, manifest, passages, lexical, dense, units)
    progress("Ferdig", 1.0)
    return LoadedIndex(folder, manifest, passages, lexical, dense, units)


def _span(progress: Progress, low: float, high: float) -> Callable[[float], None]:
    return lambda done: progress("Lager vektorer", low + (high - low) * done)


def _write_files(
    folder: Path, manifest: dict, passages: list[Passage], lexical: LexicalIndex,
    dense: DenseIndex | None, units: UnitScorer | None = None,
) -> None:
    records = [asdict(p) for p in passages]
    (folder / "passages.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    lexical.save(folder)
    if dense is not None:
        dense.save(folder / "dense.faiss")
    if units is not None:
        import numpy as np

        with open(folder / "units.npz", "wb") as handle:
            np.savez(handle, passages=units.passage_vectors, units=units.unit_vectors,
                     owner=units.owner, questions=units.question_vectors,
                     question_owner=units.question_owner)
    manifest["files"] = {
        path.name: file_digest(path) for path in sorted(folder.iterdir()) if path.is_file()
    }
    # The manifest last: a folder without one is never taken for a complete build.
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def _write_atomically(
    index_dir: Path, manifest: dict, passages: list[Passage], lexical: LexicalIndex,
    dense: DenseIndex | None, units: UnitScorer | None = None,
) -> Path:
    builds = index_dir / "builds"
    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    tmp = builds / f".tmp-{build_id}"
    had_index = current_folder(index_dir) is not None
    try:
        tmp.mkdir(parents=True)
        _write_files(tmp, manifest, passages, lexical, dense, units)
        final = builds / build_id
        os.rename(tmp, final)
        pointer = index_dir / f".CURRENT-{build_id}"
        pointer.write_text(build_id, encoding="utf-8")
        current = index_dir / "CURRENT"
        if current.is_dir() and not current.is_symlink():
            shutil.rmtree(current)  # a folder where the pointer belongs: damage
        os.replace(pointer, current)
    except OSError as error:
        kept = " Den forrige indeksen er beholdt." if had_index else ""
        raise SearchIndexError(
            f"Søkeindeksen kan ikke skrives i {index_dir}: {os_reason(error)}.{kept}"
        ) from error
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    remove_old_builds(builds, keep=build_id)
    return final


def load_index(index_dir: Path, dense: bool = True) -> LoadedIndex:
    """Load the current build (its dense part only if `dense`)."""
    folder = current_folder(index_dir)
    if folder is None:
        raise SearchIndexError(
            f"Det finnes ingen søkeindeks i {index_dir}. Kjør «innkjop index build»."
        )
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("manifest")
        check_files(folder, manifest)
        records = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
        passages = [Passage(**record) for record in records]
        lexical = LexicalIndex.load(folder)
        if not passages or len(passages) != manifest.get("passages") or (
            lexical.weights.shape[0] != len(passages)
        ):
            raise SearchIndexError(
                f"Søkeindeksen i {folder} er skadet (antall passasjer stemmer ikke). "
                "Kjør «innkjop index build» for å bygge den på nytt."
            )
        dense_index = None
        units = None
        if dense and manifest.get("model"):
            dense_index = DenseIndex.load(folder / "dense.faiss")
            if manifest.get("units"):
                import numpy as np

                with np.load(folder / "units.npz") as data:
                    units = UnitScorer(data["passages"], data["units"], data["owner"],
                                       data["questions"], data["question_owner"])
                if len(units.question_owner) != manifest.get("questions", 0):
                    raise ValueError("question count")
            if dense_index.size != len(passages):
                raise ValueError("dense size")
    except SearchIndexError:
        raise
    except (OSError, ValueError, TypeError, KeyError, RuntimeError, EOFError,
            IndexError, AttributeError) as error:
        raise SearchIndexError(
            f"Søkeindeksen i {folder} er skadet ({type(error).__name__}). "
            "Kjør «innkjop index build» for å bygge den på nytt."
        ) from error
    return LoadedIndex(folder, manifest, passages, lexical, dense_index, units)
