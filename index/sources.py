"""The documents that make up the knowledge base, and their fingerprints.

Built-in: the strategy (and any other file) in knowledge/sources/, named by
knowledge/sources/sources.yaml, and the regulation passages in
knowledge/regulations/*.md. The user's own: every .txt/.md/.pdf in
`Settings.user_documents_dir` (added with `innkjop index add`). The glossary is
fingerprinted too, because compound splitting uses its words, and so are the
passage questions (knowledge/passage_questions.yaml), which are indexed with them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from index.ingest import SUPPORTED_SUFFIXES, DocumentInfo
from index.questions import QUESTIONS_PATH
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError, SourceDocumentError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.settings import Settings
from knowledge.infra.yamlfile import read_yaml

SOURCES_DIR = KNOWLEDGE_DIR / "sources"
REGULATIONS_DIR = KNOWLEDGE_DIR / "regulations"
SOURCES_INFO = SOURCES_DIR / "sources.yaml"


@dataclass(frozen=True)
class Source:
    path: Path
    info: DocumentInfo | None
    builtin: bool
    """Built-in sources must read cleanly; a bad user document is skipped with a warning."""

    @property
    def key(self) -> str:
        prefix = "knowledge" if self.builtin else "user"
        base = KNOWLEDGE_DIR if self.builtin else self.path.parent
        return f"{prefix}/{self.path.relative_to(base).as_posix()}"


def _document_infos() -> dict[str, DocumentInfo]:
    if not SOURCES_INFO.is_file():
        return {}
    data = read_yaml(SOURCES_INFO) or {}
    if not isinstance(data, dict):
        raise DataFileError(
            SOURCES_INFO, "(rot)", "må være en tabell filnavn -> document, citation_prefix"
        )
    infos: dict[str, DocumentInfo] = {}
    for name, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("document"), str):
            raise DataFileError(SOURCES_INFO, f"{name}.document", "mangler eller er ikke tekst")
        infos[str(name)] = DocumentInfo(
            document=entry["document"],
            citation_prefix=str(entry.get("citation_prefix") or entry["document"]),
            url=entry.get("url"),
        )
    return infos


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def list_sources(settings: Settings) -> tuple[list[Source], list[str]]:
    """(sources in a stable order, warnings about files that are skipped)."""
    infos = _document_infos()
    sources: list[Source] = []
    for path in _files(SOURCES_DIR):
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            sources.append(Source(path, infos.get(path.name), builtin=True))
    for path in _files(REGULATIONS_DIR):
        if path.suffix.lower() == ".md":
            sources.append(Source(path, None, builtin=True))
    warnings: list[str] = []
    for path in _files(settings.user_documents_dir):
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            sources.append(Source(path, None, builtin=False))
        else:
            warnings.append(f"{path.name}: filtypen støttes ikke og er hoppet over")
    return sources, warnings


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks (OSError if it cannot be read)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint(path: Path) -> str:
    """sha256 of a source's bytes ("" if it has vanished)."""
    try:
        return file_digest(path)
    except FileNotFoundError:
        return ""
    except OSError as error:
        raise SourceDocumentError(f"Filen {path} kan ikke leses: {os_reason(error)}.") from error


def fingerprints(settings: Settings, glossary_path: Path) -> dict[str, str]:
    """Source key -> sha256 for every current source, the glossary and the questions."""
    sources, _ = list_sources(settings)
    prints = {source.key: fingerprint(source.path) for source in sources}
    prints.update(knowledge_prints(glossary_path))
    return {k: v for k, v in prints.items() if v}


def knowledge_prints(glossary_path: Path) -> dict[str, str]:
    """sha256 of the knowledge files indexed with the sources (glossary, questions)."""
    files = {"knowledge/glossary.yaml": glossary_path,
             "knowledge/passage_questions.yaml": QUESTIONS_PATH}
    return {key: fingerprint(path) for key, path in files.items() if path.is_file()}
