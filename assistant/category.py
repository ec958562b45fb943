"""Procurement category of a purchase from what is bought.

A lexicon kept as data (`knowledge/category_lexicon.yaml`) gives each category
its words; the longest word matching at a place in the text wins, strong words
(what is bought) count twice as much as weak ones (the kind: "tjeneste").
A tie or no match leaves the category unknown, unless an embedding encoder is
given: then the text is compared with each category's words (the model is
optional and only used for words the lexicon lacks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assistant.places import fold
from knowledge import KNOWLEDGE_DIR
from knowledge.errors import DataFileError
from rules.model import CATEGORIES

LEXICON_PATH = KNOWLEDGE_DIR / "category_lexicon.yaml"
STRONG, WEAK = 2.0, 1.0
SHORT = 4
"""Terms of at most this many letters match whole words (with inflection) only."""
_INFLECTION = r"(?:en|er|ene|et|a|e|s|r|ne)?"
DESTINATION_RE = re.compile(r"\b(?:av|til|for|på|ved|hos|i)\s+(?:\w+\s+){0,2}$")
"""A word after "av"/"til"/"for" ("renhold av bygg", "bleier til sykehjemmet") names what
the head word acts on or where it goes, not what is bought: half weight."""
DESTINATION_FACTOR = 0.5
EMBEDDING_MIN_SIMILARITY = 0.8
EMBEDDING_MIN_MARGIN = 0.05
"""Measured on the bundled MiniLM: it mends misspellings ("telefonløsnig" 0.92) but
guesses wrong on unknown words ("brannbil" ~ "brannsikring" 0.75), so only near-spellings count."""


@dataclass(frozen=True)
class CategoryMatch:
    category: str
    source: str
    """The words the category came from (or "modell: …" for the embedding fallback)."""
    score: float


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, tuple[str, float]]
    """term -> (category, weight)."""
    pattern: re.Pattern[str]

    def words_of(self, category: str) -> list[str]:
        return [t for t, (c, w) in self.terms.items() if c == category and w == STRONG]


def parse_lexicon(data: Any, path: Path) -> Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise DataFileError(path, "categories", "mangler (en tabell per kategori)")
    terms: dict[str, tuple[str, float]] = {}
    for category, entry in data["categories"].items():
        if category not in CATEGORIES:
            raise DataFileError(path, f"categories.{category}",
                                f"ukjent kategori (gyldige: {', '.join(CATEGORIES)})")
        if not isinstance(entry, dict):
            raise DataFileError(path, f"categories.{category}", "må ha strong/weak-lister")
        for kind, weight in (("strong", STRONG), ("weak", WEAK)):
            words = entry.get(kind, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip()
                                                      for w in words):
                raise DataFileError(path, f"categories.{category}.{kind}",
                                    "må være en liste med ord")
            for word in words:
                term = word.strip().lower()
                terms[term] = (category, weight)
                terms.setdefault(fold(term), (category, weight))  # "skolemobler", "stoler"
    if not terms:
        raise DataFileError(path, "categories", "ingen ord")
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        if len(term) <= SHORT:
            alternatives.append(rf"(?<![\wæøå-]){escaped}{_INFLECTION}(?![\wæøå])")
        elif " " in term:  # "ny skole" is not "ny skolebuss"
            alternatives.append(rf"{escaped}{_INFLECTION}(?![\wæøå])")
        else:
            alternatives.append(escaped)
    pattern = re.compile("|".join(alternatives))
    return Lexicon(terms, pattern)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Lexicon:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise DataFileError(file, "(fil)", f"kan ikke leses: {error}") from error
    return parse_lexicon(data, file)


def load_lexicon(path: Path | None = None) -> Lexicon:
    file = path or LEXICON_PATH
    try:
        mtime = file.stat().st_mtime
    except OSError as error:
        raise DataFileError(file, "(fil)", "finnes ikke") from error
    return _load_cached(str(file), mtime)


def _term_of(lexicon: Lexicon, matched: str) -> str:
    if matched in lexicon.terms:
        return matched
    for term in lexicon.terms:  # a short or multi-word term with an inflection ending
        if (len(term) <= SHORT or " " in term) and matched.startswith(term) and \
                len(matched) - len(term) <= 3:
            return term
    return matched


def match_category(text: str, lexicon: Lexicon | None = None) -> CategoryMatch | None:
    """The category the lexicon gives the text, or None (no match or a tie)."""
    lexicon = lexicon or load_lexicon()
    lowered = text.lower()
    scores: dict[str, float] = {}
    sources: dict[str, list[str]] = {}
    for match in lexicon.pattern.finditer(lowered):
        term = _term_of(lexicon, match.group(0))
        category, weight = lexicon.terms.get(term, ("", 0.0))
        if not category:
            continue
        if DESTINATION_RE.search(lowered[max(0, match.start() - 40):match.start()]):
            weight *= DESTINATION_FACTOR
        scores[category] = scores.get(category, 0.0) + weight
        start, end = match.start(), match.end()
        while start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] == "-"):
            start -= 1
        while end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "-"):
            end += 1
        sources.setdefault(category, []).append(text[start:end])
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    best = ranked[0][0]
    return CategoryMatch(best, ", ".join(dict.fromkeys(sources[best])), ranked[0][1])


_STOP_RE = re.compile(
    r"\b(?:vi|jeg|skal|trenger|kjøpe?|kjøp|inn|av|en|ei|et|ny|nye|nytt|for|til|i|på|og|med|"
    r"ca|cirka|rundt|omtrent|kr|kroner|nok|mill\w*|tusen|eks\w*|inkl\w*|mva|moms|ingen|"
    r"har|ikke|avtale\w*|rammeavtale\w*|kommunen?s?|anslått|til\s+sammen|per|pr|år|"
    r"måned\w*|mnd|det|den|som|er|må|vil)\b|[\d.,:;!?()«»\'\"’-]+", re.IGNORECASE)


def what_is_bought(text: str) -> str:
    """The words of a description with amounts, VAT, agreement and filler words removed."""
    return " ".join(_STOP_RE.sub(" ", text).split())


def embed_category(text: str, encoder: Any, lexicon: Lexicon | None = None
                   ) -> CategoryMatch | None:
    """Fallback: the category of the lexicon word nearest the text in embedding space.

    Only a clear nearest word counts (similarity and margin to the best word of
    another category); otherwise the category stays unknown and is asked for.
    """
    lexicon = lexicon or load_lexicon()
    words = what_is_bought(text)
    if not words:
        return None
    terms, categories, matrix = _term_vectors(encoder, lexicon)
    sims = matrix @ encoder.encode([words])[0]
    best: dict[str, tuple[float, str]] = {}
    for index, sim in enumerate(sims):
        category = categories[index]
        if category not in best or sim > best[category][0]:
            best[category] = (float(sim), terms[index])
    ranked = sorted(best.items(), key=lambda kv: kv[1][0], reverse=True)
    category, (score, term) = ranked[0]
    margin = score - ranked[1][1][0] if len(ranked) > 1 else score
    if score < EMBEDDING_MIN_SIMILARITY or margin < EMBEDDING_MIN_MARGIN:
        return None
    return CategoryMatch(category, f"modell: «{words[:60]}» ligner «{term}»", score)


_TERM_CACHE: dict[tuple[int, int], tuple[list[str], list[str], Any]] = {}


def _term_vectors(encoder: Any, lexicon: Lexicon) -> tuple[list[str], list[str], Any]:
    key = (id(encoder), id(lexicon))
    if key not in _TERM_CACHE:
        terms = [t for t, (_, w) in lexicon.terms.items() if w == STRONG]
        categories = [lexicon.terms[t][0] for t in terms]
        _TERM_CACHE[key] = (terms, categories, encoder.encode(terms))
    return _TERM_CACHE[key]
