"""Search tuning kept as data (knowledge/search.yaml): fusion parameters and source cues.

    tuning = load_tuning()
    tuning.fusion.dense_weight         # weight of the normalised dense score
    tuning.source_of("hva sier strategien om miljøkrav?")   # "strategy"

A question that names a source (the strategy, the law or a §) asks for that
source's passages first: `source_of` finds the named source by its cue words
(whole words, any case), `strip_cues` removes them from the text to score, and
`kind_of` tells a passage's source from its citation and document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import load_parsed

TUNING_PATH = KNOWLEDGE_DIR / "search.yaml"


@dataclass
class FusionParams:
    dense_weight: float
    normalise_over: int
    protected: int
    unit_share: float = 0.7
    """A passage's dense score: this share of its best sentence unit, the rest whole."""
    question_share: float = 0.5
    """The share of a passage's best question (knowledge/passage_questions.yaml) in it."""


@dataclass(frozen=True)
class SourceKind:
    name: str
    cues: tuple[str, ...]
    citations: tuple[str, ...]
    pattern: re.Pattern[str]
    """Any cue."""
    words: re.Pattern[str] | None
    """The cues that are words (removed before scoring; "§ 7-2" stays)."""


@dataclass
class Tuning:
    fusion: FusionParams
    sources: tuple[SourceKind, ...]
    by_model: dict[str, FusionParams] = field(default_factory=dict)
    """Fusion measured for a particular model spec (the weak English MiniLM)."""

    def fusion_for(self, model: str | None) -> FusionParams:
        return self.by_model.get(model or "", self.fusion)

    def source_of(self, query: str) -> str | None:
        """The one source a question names, or None (none, or more than one)."""
        named = [kind.name for kind in self.sources if kind.pattern.search(query)]
        return named[0] if len(named) == 1 else None

    def strip_cues(self, query: str, kind: str) -> str:
        """The query without the cue words of `kind` (the query itself if nothing is left)."""
        for source in self.sources:
            if source.name == kind and source.words is not None:
                rest = " ".join(source.words.sub(" ", query).split())
                return rest if re.search(r"\w{3,}", rest) else query
        return query

    def kind_of(self, citation: str, document: str) -> str | None:
        """The source of a passage by its own citation (the first, before any "; see also")."""
        text = f"{citation.split(';')[0]} {document}".lower()
        for source in self.sources:
            if any(marker in text for marker in source.citations):
                return source.name
        return None


def _number(data: dict, key: str, path: Path, kind: type, low: float, high: float,
            where: str = "fusion") -> Any:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            (kind is int and not isinstance(value, int)) or not low <= value <= high:
        raise DataFileError(path, f"{where}.{key}",
                            f"må være et {'heltall' if kind is int else 'tall'} "
                            f"fra {low} til {high}")
    return kind(value)


def _words(entry: dict, key: str, where: str, path: Path) -> tuple[str, ...]:
    words = entry.get(key)
    if not isinstance(words, list) or not words or \
            not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(path, f"{where}.{key}", "må være en liste med ord")
    return tuple(w.strip().lower() for w in words)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(c) if not c[0].isalnum() else rf"(?<!\w){re.escape(c)}(?!\w)"
             for c in sorted(cues, key=len, reverse=True)]
    return re.compile("|".join(parts), re.IGNORECASE)


def parse_tuning(data: Any, path: Path) -> Tuning:
    if not isinstance(data, dict):
        raise DataFileError(path, "(rot)", "må være en tabell med fusion og sources")
    fusion = data.get("fusion")
    if not isinstance(fusion, dict):
        raise DataFileError(path, "fusion", "mangler (en tabell)")
    params = _params(fusion, path, "fusion")
    by_model = data.get("fusion_by_model") or {}
    if not isinstance(by_model, dict) or \
            not all(isinstance(entry, dict) for entry in by_model.values()):
        raise DataFileError(path, "fusion_by_model", "må være en tabell modell -> fusion")
    overrides = {str(model): _params(entry, path, f"fusion_by_model.{model}")
                 for model, entry in by_model.items()}
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise DataFileError(path, "sources", "mangler (en tabell per kilde)")
    kinds: list[SourceKind] = []
    owner: dict[str, str] = {}
    for name, entry in sources.items():
        where = f"sources.{name}"
        if not isinstance(entry, dict):
            raise DataFileError(path, where, "må ha cues og citations")
        cues = _words(entry, "cues", where, path)
        for cue in cues:
            if cue in owner and owner[cue] != name:
                raise DataFileError(path, f"{where}.cues",
                                    f"«{cue}» står også under sources.{owner[cue]}")
            owner[cue] = str(name)
        citations = _words(entry, "citations", where, path)
        words = tuple(c for c in cues if c[0].isalnum())
        kinds.append(SourceKind(str(name), cues, citations, _cue_pattern(cues),
                                _cue_pattern(words) if words else None))
    return Tuning(params, tuple(kinds), overrides)


def _params(data: dict, path: Path, where: str) -> FusionParams:
    return FusionParams(
        dense_weight=_number(data, "dense_weight", path, float, 0.0, 10.0, where),
        normalise_over=_number(data, "normalise_over", path, int, 2, 1000, where),
        protected=_number(data, "protected", path, int, 0, 5, where),
        unit_share=_number(data, "unit_share", path, float, 0.0, 1.0, where),
        question_share=_number(data, "question_share", path, float, 0.0, 1.0, where),
    )


def load_tuning(path: Path | None = None) -> Tuning:
    return load_parsed(path or TUNING_PATH, parse_tuning)
