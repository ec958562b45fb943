"""The domain glossary (knowledge/glossary.yaml): loading, validation and query expansion.

Each entry has a `term`, optional `aliases`, `expansions` (words added to a
lexical query that mentions the term or an alias), a Norwegian `definition`
and an optional `source`. Matching is on stemmed words, so inflections and
case do not matter ("rammeavtalen" matches "rammeavtale").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from index.text import stem, tokenize
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

GLOSSARY_PATH = KNOWLEDGE_DIR / "glossary.yaml"


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    aliases: tuple[str, ...]
    expansions: tuple[str, ...]
    definition: str
    source: str | None = None


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(t) if t.isalpha() else t for t in tokenize(phrase))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    @cached_property
    def _names(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """The stems of each entry's term and aliases, once (not per query)."""
        return tuple(tuple(_stems(name) for name in (entry.term, *entry.aliases))
                     for entry in self.entries)

    def matching(self, query: str) -> list[GlossaryEntry]:
        """Entries whose term or an alias occurs in the query."""
        words = _stems(query)
        return [entry for entry, names in zip(self.entries, self._names, strict=True)
                if any(_contains(words, name) for name in names)]

    def expansions(self, query: str) -> list[str]:
        """Phrases to add to the query (the expansions of every matching entry)."""
        phrases: list[str] = []
        for entry in self.matching(query):
            phrases.extend(entry.expansions)
        return list(dict.fromkeys(phrases))

    def lookup(self, word: str) -> GlossaryEntry | None:
        """The entry whose term or alias is `word` (case- and inflection-insensitive)."""
        target = _stems(word)
        for entry in self.entries:
            if any(_stems(name) == target for name in (entry.term, *entry.aliases)):
                return entry
        return None

    def words(self) -> list[str]:
        """Every term, alias and expansion (known words for compound splitting)."""
        return [w for e in self.entries for w in (e.term, *e.aliases, *e.expansions)]


def _strings(value: object, path: Path, key: str, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, key, "må være en liste med tekster")
    return tuple(value)


def parse_glossary(data: object, path: Path) -> Glossary:
    if data is None:
        return Glossary(())
    if not isinstance(data, list):
        raise DataFileError(path, "(rot)", "må være en liste med oppføringer (- term: ...)")
    entries: list[GlossaryEntry] = []
    for index, item in enumerate(data):
        where = f"[{index}]"
        if not isinstance(item, dict):
            raise DataFileError(path, where, "må være en tabell med term, expansions, definition")
        term = item.get("term")
        if not isinstance(term, str) or not term.strip():
            raise DataFileError(path, f"{where}.term", "mangler eller er ikke tekst")
        where = f"{where}({term})"
        definition = item.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            raise DataFileError(path, f"{where}.definition", "mangler eller er ikke tekst")
        if "expansions" not in item:
            raise DataFileError(path, f"{where}.expansions", "mangler (bruk [] for ingen)")
        source = item.get("source")
        entries.append(
            GlossaryEntry(
                term=term.strip(),
                aliases=_strings(item.get("aliases"), path, f"{where}.aliases", False),
                expansions=_strings(item.get("expansions"), path, f"{where}.expansions", False),
                definition=definition.strip(),
                source=str(source) if source is not None else None,
            )
        )
    return Glossary(tuple(entries))


def load_glossary(path: Path | None = None) -> Glossary:
    """Read and validate a glossary file (default: knowledge/glossary.yaml)."""
    path = Path(path) if path else GLOSSARY_PATH
    if not path.is_file():
        return Glossary(())
    return _load_cached(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_cached(path: Path, _mtime: int) -> Glossary:
    return parse_glossary(read_yaml(path), path)
