"""Reading source documents (.txt, .md, .pdf) into cited passages.

- Text files (.txt) are split at their numbered headings (the strategy: "2.2.3.
  Delmål 3 - ..."), so passages cite "Strategi 2.2.3 Delmål 3".
- Markdown files with YAML front matter are regulation passages
  (knowledge/regulations/*.md): document, reference (the section), citation, url,
  valid_from/valid_to. Markdown without front matter splits at its "#" headings.
- PDF files are read page by page with pypdf; each passage carries its page, and
  pages with no text (scans) or glued words give a warning naming the page.

Every failure to read a file is a SourceDocumentError (or DataFileError for a
malformed front matter) with a Norwegian message naming the file. An invalid
date in the front matter (`valid_from: 2026-02-30`) is ignored with a warning
naming the file and the field. Encrypted PDFs open when their user password is
empty (permissions-only, AES via `cryptography`); a real password gives a message.
pypdf's own English warnings are silenced: the page warnings here replace them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.chunking import Section, chunk_section, split_sections
from index.model import Passage
from knowledge.infra.errors import DataFileError, SourceDocumentError
from knowledge.infra.oserrors import os_reason
from knowledge.infra.terminal import quote
from knowledge.infra.yamlfile import yaml_problem

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_GLUED_WORD = re.compile(r"[^\W\d_]{25,}")
REGULATION_MAX_WORDS = 220
"""A regulation passage is one topic: keep it whole up to this many words."""


@dataclass(frozen=True)
class DocumentInfo:
    """How a document is named in citations."""

    document: str
    citation_prefix: str
    url: str | None = None
    separator: str = " "
    """Between prefix and section: "Strategi 2.2.3", "notat.pdf, Innledning"."""


@dataclass
class LoadedDocument:
    passages: list[Passage]
    warnings: list[str] = field(default_factory=list)


def _passages(
    sections: list[Section], info: DocumentInfo, path: Path, doc_key: str, **extra: object
) -> list[Passage]:
    passages: list[Passage] = []
    for number, section in enumerate(sections):
        label = section.label
        citation = info.citation_prefix
        if label:
            citation = f"{citation}{info.separator}{label}"
        if section.page is not None:
            citation = f"{citation}, s. {section.page}"
        for index, text in enumerate(chunk_section(section, section.heading)):
            passages.append(
                Passage(
                    id=f"{doc_key}#{section.number or number}#p{section.page or 0}#{index}",
                    text=text,
                    document=info.document,
                    section=label,
                    citation=citation,
                    page=section.page,
                    source_path=str(path),
                    url=info.url,
                    **extra,  # type: ignore[arg-type]
                )
            )
    return passages


def check_regular_file(path: Path) -> None:
    """SourceDocumentError unless `path` is a regular file (a FIFO would hang the read)."""
    if path.is_dir():
        raise SourceDocumentError(f"{path} er en mappe, ikke en fil.")
    if not path.exists():
        raise SourceDocumentError(f"Filen {path} finnes ikke (flyttet eller slettet?).")
    if not path.is_file():
        raise SourceDocumentError(
            f"{path} er ikke en vanlig fil (en enhet, FIFO eller socket) og kan ikke leses."
        )


def read_text(path: Path) -> str:
    """The UTF-8 text of a file, or a SourceDocumentError in Norwegian."""
    check_regular_file(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise SourceDocumentError(f"Filen {path} finnes ikke (flyttet eller slettet?).") from error
    except OSError as error:
        raise SourceDocumentError(f"Filen {path} kan ikke leses: {os_reason(error)}.") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceDocumentError(
            f"Filen {path} er ikke UTF-8-tekst (byte {error.start}). "
            "Lagre den som UTF-8 og prøv igjen."
        ) from error


def load_text(path: Path, info: DocumentInfo) -> LoadedDocument:
    text = read_text(path)
    passages = _passages(split_sections(text), info, path, path.name)
    if not passages:
        raise SourceDocumentError(f"Filen {path} har ingen tekst.")
    return LoadedDocument(passages)


def _date(meta: dict, path: Path, key: str, warnings: list[str]) -> str | None:
    """The ISO date of `meta[key]`, or None (with a warning when it is not a valid date)."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    warnings.append(
        f"{path.name}: {key}: «{quote(value, 40)}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD); "
        "feltet er ignorert"
    )
    return None


def load_markdown(path: Path, info: DocumentInfo) -> LoadedDocument:
    text = read_text(path)
    match = _FRONT_MATTER.match(text)
    if not match:
        passages = _passages(split_sections(text), info, path, path.name)
        if not passages:
            raise SourceDocumentError(f"Filen {path} har ingen tekst.")
        return LoadedDocument(passages)
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise DataFileError(path, "(front matter)", yaml_problem(error)) from error
    if not isinstance(meta, dict):
        raise DataFileError(path, "(front matter)", "må være en tabell med nøkler")
    for key in ("document", "reference", "citation"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise DataFileError(path, key, "mangler eller er ikke tekst")
    body = text[match.end():]
    sections = split_sections(body)
    if not sections:
        raise DataFileError(path, "(tekst)", "passasjen har ingen tekst")
    heading = sections[0].heading or f"{meta['citation']} {meta.get('title') or ''}".strip()
    units = list(sections[0].units)
    for later in sections[1:]:
        units.extend([later.heading, *later.units] if later.heading else later.units)
    merged = Section("", heading, units)
    url = meta.get("url")
    notes: list[str] = []
    valid_from = _date(meta, path, "valid_from", notes)
    valid_to = _date(meta, path, "valid_to", notes)
    passages = [
        Passage(
            id=f"{path.name}#{index}",
            text=chunk,
            document=meta["document"].strip(),
            section=meta["reference"].strip(),
            citation=meta["citation"].strip(),
            page=None,
            source_path=str(path),
            url=str(url) if url else None,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        for index, chunk in enumerate(chunk_section(merged, heading, REGULATION_MAX_WORDS))
    ]
    return LoadedDocument(passages, notes)


def page_quality(page: int, text: str) -> str | None:
    """A warning for a page without text or with glued words, else None."""
    stripped = text.strip()
    if not stripped:
        return f"side {page}: ingen tekst (skannet side eller bilde?)"
    letters = sum(len(w) for w in re.findall(r"[^\W\d_]+", stripped))
    glued = sum(len(w) for w in _GLUED_WORD.findall(stripped))
    if letters >= 40 and glued / letters > 0.3:
        return f"side {page}: ordene ser ut til å henge sammen (mangler mellomrom)"
    return None


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's English log lines and warnings while reading one file."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def load_pdf(path: Path, info: DocumentInfo) -> LoadedDocument:
    check_regular_file(path)
    with _quiet_pypdf():
        texts = _pdf_texts(path)
    return _pdf_document(path, info, texts)


def _pdf_texts(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except DependencyError as error:
                raise SourceDocumentError(
                    f"PDF-en {path} er kryptert med AES; installer pakken «cryptography» "
                    "for å lese den."
                ) from error
            except (PyPdfError, NotImplementedError) as error:
                raise SourceDocumentError(
                    f"PDF-en {path} er kryptert og kan ikke leses."
                ) from error
            if not decrypted:
                raise SourceDocumentError(
                    f"PDF-en {path} er passordbeskyttet. Lagre en kopi uten passord og prøv igjen."
                )
        return [page.extract_text() or "" for page in reader.pages]
    except FileNotFoundError as error:
        raise SourceDocumentError(f"Filen {path} finnes ikke (flyttet eller slettet?).") from error
    except FileNotDecryptedError as error:
        raise SourceDocumentError(f"PDF-en {path} er kryptert og kan ikke leses.") from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, ZeroDivisionError, EOFError) as error:
        raise SourceDocumentError(
            f"PDF-en {path} er skadet eller ikke en gyldig PDF ({type(error).__name__})."
        ) from error


def _pdf_document(path: Path, info: DocumentInfo, texts: list[str]) -> LoadedDocument:
    warnings = [w for n, t in enumerate(texts, start=1) if (w := page_quality(n, t))]
    if not any(t.strip() for t in texts):
        raise SourceDocumentError(
            f"PDF-en {path} har ingen tekst (skannet dokument?). "
            "Kjør tekstgjenkjenning (OCR) på den først."
        )
    sections: list[Section] = []
    carry: Section | None = None
    for page_number, text in enumerate(texts, start=1):
        page_sections = split_sections(text, page=page_number, carry=carry)
        if page_sections:
            carry = page_sections[-1]
        sections.extend(page_sections)
    passages = _passages(sections, info, path, path.name)
    return LoadedDocument(passages, [f"{path.name}: {w}" for w in warnings])


def load_document(path: Path, info: DocumentInfo | None = None) -> LoadedDocument:
    """Passages of one document, by its file type."""
    path = Path(path)
    info = info or DocumentInfo(document=path.name, citation_prefix=path.name, separator=", ")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return load_text(path, info)
    if suffix == ".md":
        return load_markdown(path, info)
    if suffix == ".pdf":
        return load_pdf(path, info)
    raise SourceDocumentError(
        f"Filtypen «{path.suffix or path.name}» støttes ikke ({path.name}). "
        f"Bruk {', '.join(SUPPORTED_SUFFIXES)}."
    )
