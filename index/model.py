"""Records of the search side: a Passage of a source document and a scored Hit.

The contract between index/, assistant/, the CLI and the TUI. Fields may be
added; existing names and `Hit.to_dict()` (one entry of `innkjop search --json`)
keep their meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Passage:
    id: str
    """Stable id: document id plus section plus chunk number."""
    text: str
    """The passage text, with its heading first."""
    document: str
    """Human name of the document, e.g. "Anskaffelsesstrategi 2022–2028" or "FOA"."""
    section: str
    """Section as cited, e.g. "2.2.3 Delmål 3" or "§ 7-2"."""
    citation: str
    """Short citation for answers, e.g. "Strategi 2.2.3" or "FOA § 7-2"."""
    page: int | None = None
    """1-based page for PDFs; None for text sources without pages."""
    source_path: str = ""
    url: str | None = None
    """Official text for checking (Lovdata, anskaffelser.no), where there is one."""
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    method: str = "fused"
    """"dense", "lexical" or "fused"."""

    def to_dict(self) -> dict[str, Any]:
        p = self.passage
        return {
            "text": p.text,
            "document": p.document,
            "section": p.section,
            "page": p.page,
            "score": round(float(self.score), 6),
            "citation": p.citation,
            "url": p.url,
        }
