"""Section-aware chunking: plain text into sections (by heading) and sections into passages.

`split_sections` finds numbered headings ("2.2.3. Delmål 3 - ...") and Markdown
headings ("## Tittel"), skips a table of contents, and mends paragraphs broken
by a page break. `chunk_section` packs whole paragraphs and list items into
passages of at most `MAX_WORDS` words, each starting with its section heading
(and the list label, e.g. "Tiltak:", when a list continues), so a chunk boundary
never falls inside a sentence unless a single paragraph is longer than a chunk.

Every passage is bounded: a sentence of more than `2 * MAX_WORDS` words is cut
at word boundaries and any text at `MAX_PASSAGE_CHARS` characters, so a 20 MB
one-line file becomes many bounded passages, never one huge one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHUNKER_VERSION = "5"
"""Bump when chunking changes: the persistent index is rebuilt."""
MAX_WORDS = 90
"""Most words of body text in one passage (the heading comes on top)."""

MAX_PASSAGE_CHARS = 2400
"""Most characters of body text in one passage (a bound for text without spaces)."""
MAX_HEADING_CHARS = 300
"""A longer line is never a heading (and is not scanned for one)."""

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
    if len(unit) > 80:
        return False
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
    if len(line) > MAX_HEADING_CHARS or _TOC_LINE.search(line):
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
        if len(line) > MAX_HEADING_CHARS:
            lines.append(line)  # body text: no heading or contents line is this long
            continue
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
    """Split a paragraph longer than `max_words` at sentence ends (each piece bounded)."""
    if len(unit) <= MAX_PASSAGE_CHARS and len(unit.split()) <= max_words:
        return [unit]
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in _SENTENCE_END.split(unit):
        words = len(sentence.split())
        if current and size + words > max_words:
            pieces.append(" ".join(current))
            current, size = [], 0
        current.append(sentence)
        size += words
    if current:
        pieces.append(" ".join(current))
    return [bounded for piece in pieces for bounded in _bound(piece, 2 * max_words)]


def _bound(text: str, max_words: int) -> list[str]:
    """`text` in pieces of at most `max_words` words and `MAX_PASSAGE_CHARS` characters."""
    if len(text) <= MAX_PASSAGE_CHARS and len(text.split()) <= max_words:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    chars = 0
    for word in text.split():
        if len(word) > MAX_PASSAGE_CHARS:  # no space to cut at
            if current:
                pieces.append(" ".join(current))
                current, chars = [], 0
            cut = len(word) - len(word) % MAX_PASSAGE_CHARS
            pieces += [word[i:i + MAX_PASSAGE_CHARS] for i in range(0, cut, MAX_PASSAGE_CHARS)]
            word = word[cut:]
        if current and (len(current) >= max_words or chars + len(word) + 1 > MAX_PASSAGE_CHARS):
            pieces.append(" ".join(current))
            current, chars = [], 0
        if word:
            current.append(word)
            chars += len(word) + 1
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_section(section: Section, heading: str, max_words: int = MAX_WORDS) -> list[str]:
    """Texts of the passages of one section, each starting with `heading`."""
    chunks: list[str] = []
    body: list[str] = []
    label = ""
    words = 0
    chars = 0

    def flush() -> None:
        nonlocal words, chars
        if any(not _is_label(u) for u in body):
            chunks.append("\n".join([heading, *body]) if heading else "\n".join(body))
        body.clear()
        words = chars = 0

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
            if body and (words + size > max_words or chars + len(piece) > MAX_PASSAGE_CHARS):
                flush()
                if label and _BULLET.match(piece):
                    body.append(label)
                    words += len(label.split())
            body.append(piece)
            words += size
            chars += len(piece)
    flush()
    return chunks
