"""Section-aware chunking: plain text into sections (by heading) and sections into passages.

`split_sections` finds numbered headings ("2.2.3. Delmål 3 - ...") and Markdown
headings ("## Tittel"), skips a table of contents, and mends paragraphs broken
by a page break. `chunk_section` packs whole paragraphs and list items into
passages of at most `MAX_WORDS` words, each starting with its section heading
(and the list label, e.g. "Tiltak:", when a list continues), so a chunk boundary
never falls inside a sentence unless a single paragraph is longer than a chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHUNKER_VERSION = "4"
"""Bump when chunking changes: the persistent index is rebuilt."""
MAX_WORDS = 90
"""Most words of body text in one passage (the heading comes on top)."""

TITLE_BLOCK_WORDS = 25
"""A text before the first heading shorter than this, with no sentence, is a cover page."""

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-ZÆØÅ«\"].{0,200})$")
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_TOC_LINE = re.compile(r"(\.{3,}|\t)\s*\d+\s*$")
_BULLET = re.compile(r"^\s*(?:[-•*–▪·]|\d+\))\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"(])")


@dataclass
class Section:
    """A run of text under one heading."""

    number: str
    """"2.2.3" for numbered headings, "" otherwise."""
    title: str
    """Heading text without its number, "" for text before the first heading."""
    units: list[str] = field(default_factory=list)
    """Paragraphs and list items (labels like "Tiltak:" are their own unit)."""
    page: int | None = None

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def label(self) -> str:
        """Section as cited: number and a short title ("2.2.3 Delmål 3")."""
        title = self.title
        for dash in (" - ", " – ", " — "):
            head, sep, _ = title.partition(dash)
            if sep and len(head.split()) <= 3:
                title = head
                break
        return f"{self.number} {title}".strip()


def _is_label(unit: str) -> bool:
    words = unit.rstrip(":").split()
    return 0 < len(words) <= 4 and not unit.endswith(".") and not _BULLET.match(unit)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; each list item is its own paragraph."""
    units: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            units.append(" ".join(current))
            current.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif _BULLET.match(line):
            flush()
            current.append(line)
        else:
            current.append(line)
    flush()
    return _mend_breaks(units)


def _mend_breaks(units: list[str]) -> list[str]:
    """Join a paragraph cut mid-sentence (no end mark, next starts in lower case)."""
    mended: list[str] = []
    for unit in units:
        if (
            mended
            and unit[:1].islower()
            and not _BULLET.match(unit)
            and not re.search(r"[.!?:;»\"]$", mended[-1])
        ):
            mended[-1] = f"{mended[-1]} {unit}"
        else:
            mended.append(unit)
    return mended


def heading_of(line: str) -> tuple[str, str] | None:
    """(number, title) if `line` is a section heading, else None."""
    line = line.strip()
    if _TOC_LINE.search(line):
        return None
    if match := _MARKDOWN.match(line):
        return "", match.group(2).strip()
    if (match := _NUMBERED.match(line)) and len(line.split()) <= 30:
        title = match.group(2).strip()
        if title.endswith((".", ",")) and not title.endswith(".."):
            return None
        return match.group(1), title
    return None


def split_sections(
    text: str, page: int | None = None, carry: Section | None = None
) -> list[Section]:
    """Sections of `text` in order. `carry` continues a section from the previous page."""
    sections: list[Section] = []
    current = Section(carry.number, carry.title, page=page) if carry else Section("", "", page=page)
    lines: list[str] = []

    def close() -> None:
        current.units = _paragraphs(lines)
        if current.units:
            sections.append(current)
        lines.clear()

    for line in text.splitlines():
        if _TOC_LINE.search(line.strip()):
            continue
        found = heading_of(line)
        if found:
            close()
            current = Section(found[0], found[1], page=page)
        else:
            lines.append(line)
    close()
    return _drop_title_block(sections)


def _drop_title_block(sections: list[Section]) -> list[Section]:
    """Drop a cover page (short lines before the first heading, e.g. title and "Innhold")."""
    if len(sections) > 1 and not sections[0].title and not sections[0].number:
        words = sum(len(unit.split()) for unit in sections[0].units)
        if words < TITLE_BLOCK_WORDS and not any(u.endswith(".") for u in sections[0].units):
            return sections[1:]
    return sections


def split_sentences(text: str) -> list[str]:
    """`text` cut at sentence ends (a full stop, ! or ? before an upper-case start)."""
    return _SENTENCE_END.split(text)


def _split_long(unit: str, max_words: int) -> list[str]:
    """Split a paragraph longer than `max_words` at sentence ends."""
    if len(unit.split()) <= max_words:
        return [unit]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(unit):
        if current and len(" ".join([*current, sentence]).split()) > max_words:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_section(section: Section, heading: str, max_words: int = MAX_WORDS) -> list[str]:
    """Texts of the passages of one section, each starting with `heading`."""
    chunks: list[str] = []
    body: list[str] = []
    label = ""
    words = 0

    def flush() -> None:
        nonlocal words
        if any(not _is_label(u) for u in body):
            chunks.append("\n".join([heading, *body]) if heading else "\n".join(body))
        body.clear()
        words = 0

    for unit in section.units:
        if _is_label(unit):
            if body and words + len(unit.split()) > max_words // 2:
                flush()
            label = unit if unit.endswith(":") else f"{unit}:"
            body.append(unit)
            words += len(unit.split())
            continue
        if not _BULLET.match(unit) and label and body and not _is_label(body[-1]):
            label = ""
        for piece in _split_long(unit, max_words):
            size = len(piece.split())
            if body and words + size > max_words:
                flush()
                if label and _BULLET.match(piece):
                    body.append(label)
                    words += len(label.split())
            body.append(piece)
            words += size
    flush()
    return chunks
