"""Norwegian text analysis for the lexical index: tokens, stems and compound parts.

`tokenize` lower-cases and splits text into words, keeping paragraph references
such as "7-2" or "5b" whole, so that "§ 7-2" and "7-2" find the same passages.
`Analyzer` stems with the Snowball Norwegian stemmer (PyStemmer) and splits
compounds against a lexicon of known stems: "konkurransegjennomføringssystem"
yields the extra terms "konkurrans", "gjennomføring" and "system", so a query for
"konkurranse" finds it. The same analysis runs on passages and on queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.yamlfile import read_yaml

STOPWORDS_PATH = KNOWLEDGE_DIR / "stopwords.yaml"

# A reference ("7-2", "13-4", "5b", "20-2") or a word (letters, digits).
_TOKEN = re.compile(r"\d+[a-z]?(?:-\d+[a-z]?)+|[0-9a-zæøåäöüéèáàóôç]+")
_HYPHEN_WORD = re.compile(r"[a-zæøåäöüéèáàóôç]+(?:-[a-zæøåäöüéèáàóôç]+)+")
ANALYZER_VERSION = "2"
"""Bump when analysis changes (tokens, stems, weights): the persistent index is rebuilt."""
MIN_PART = 4
"""Shortest compound part we split off (shorter ones give noise: "lov", "mål")."""
MIN_COMPOUND = 8
"""Shortest word we try to split."""
PART_WEIGHT = 0.75
"""Weight of a compound part (and verb stem of a verbal noun) next to a whole word's 1."""
LINKS = ("s", "e")
TOKEN_CACHE_SIZE = 500_000
"""Linking letters between compound parts (innkjøp-s-analyse, vare-e-...)."""


_DIGIT = re.compile(r"\d")
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[ .\u00a0]\d{3})+(?!\d|,\d)")
_THOUSANDS = re.compile(r"(?<![\w,.])(\d+)\s?k\b")
_MILLIONS = re.compile(r"(?<![\w,.])(\d+)(?:,(\d+))?\s?(?:mill\w*|mnok|mill\.)")


def _millions(match: re.Match[str]) -> str:
    whole, fraction = match.group(1), (match.group(2) or "")
    return str(int(whole + fraction.ljust(6, "0")[:6]))


def normalize(text: str) -> str:
    """NFC, lower case, no soft hyphens; amounts as plain digits.

    "100 000", "100.000" and "100k" all become "100000"; "1,3 millioner" and
    "1,3 mill" become "1300000", so amounts match however they are typed.
    """
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("\u00ad", "").replace("\u200b", "")
    if not _DIGIT.search(text):
        return text
    text = _GROUPED_NUMBER.sub(lambda m: re.sub(r"[ .\u00a0]", "", m.group()), text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + "000", text)
    return _MILLIONS.sub(_millions, text)


def tokenize(text: str) -> list[str]:
    """Words and references of `text`, lower-cased, in order.

    Hyphenated words give their parts and the joined word ("e-læring" ->
    "e", "læring", "elæring"); references stay whole ("7-2").
    """
    text = normalize(text)
    tokens = _TOKEN.findall(text)
    if "-" in text:
        tokens += [word.replace("-", "") for word in _HYPHEN_WORD.findall(text)]
    return tokens


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("norwegian")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words skipped as search terms (knowledge/stopwords.yaml)."""
    data = read_yaml(STOPWORDS_PATH)
    words = data.get("stopwords") if isinstance(data, dict) else None
    if not isinstance(words, str):
        raise DataFileError(
            STOPWORDS_PATH, "stopwords", "må være en tekst med ord skilt av mellomrom"
        )
    return frozenset(w.lower() for w in words.split())


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


class Analyzer:
    """Turns text into weighted lexical terms, with compound splitting.

    `lexicon` holds the known word forms and stems that compound parts are
    matched against (built from the corpus vocabulary and the glossary).
    """

    def __init__(self, lexicon: Iterable[str] = ()) -> None:
        self.lexicon: set[str] = {w for w in lexicon if len(w) >= MIN_PART}
        self._parts_cache: dict[str, tuple[str, ...]] = {}
        self._token_cache: dict[tuple[str, float], tuple[tuple[str, float], ...]] = {}

    @staticmethod
    def build_lexicon(texts: Iterable[str], extra: Iterable[str] = ()) -> set[str]:
        return Analyzer.lexicon_from_tokens((tokenize(t) for t in texts), extra)

    @staticmethod
    def lexicon_from_tokens(
        token_lists: Iterable[list[str]], extra: Iterable[str] = ()
    ) -> set[str]:
        """Known forms for compound splitting.

        Every word of the texts and its stem; the longest prefix shared by
        neighbouring words in sorted order (the head of a compound family:
        "konkurransedyktig", "konkurransegjennomføringssystem" -> "konkurranse");
        and `extra` words (the glossary).
        """
        words: set[str] = set()
        for tokens in token_lists:
            words.update(t for t in tokens if len(t) >= MIN_PART and t.isalpha())
        for term in extra:
            words.update(t for t in tokenize(term) if len(t) >= MIN_PART and t.isalpha())
        stemmer = _stemmer()
        lexicon = set(words)
        lexicon.update(stemmer.stemWords(list(words)))
        ordered = sorted(words)
        for left, right in zip(ordered, ordered[1:], strict=False):
            shared = _common_prefix(left, right)
            if len(shared) >= 6 and len(left) - len(shared) >= 3 and len(right) - len(shared) >= 3:
                lexicon.add(shared)
        return lexicon

    def _known(self, part: str) -> bool:
        return part in self.lexicon

    def compound_parts(self, word: str) -> tuple[str, ...]:
        """Stems of the parts of a compound word, or () if it does not split.

        Greedy: the longest known head (a linking "s"/"e" may follow), then the
        rest split the same way; a rest with no known head gives its longest
        known tail.
        """
        if len(word) < MIN_COMPOUND or not word.isalpha():
            return ()
        cached = self._parts_cache.get(word)
        if cached is not None:
            return cached
        whole = stem(word)
        parts = self._split(word, top=True)
        stems = tuple(
            dict.fromkeys(s for s in (stem(p) for p in parts) if s != whole and len(s) >= 3)
        )
        self._parts_cache[word] = stems
        return stems

    def _split(self, word: str, top: bool = False) -> list[str]:
        n = len(word)
        if n < MIN_PART:
            return []
        if not top and self._known(word):
            return [word]
        for j in range(n - MIN_PART, MIN_PART - 1, -1):
            if self._known(word[:j]):
                rest = word[j:]
                if rest[0] in LINKS and len(rest) > MIN_PART and not self._known(rest):
                    rest = rest[1:]
                return [word[:j], *self._split(rest)]
        for i in range(1, n - MIN_PART + 1):
            if self._known(word[i:]):
                return [word[i:]]
        return []

    def terms(self, text: str, part_weight: float | None = None) -> dict[str, float]:
        """Term -> weight (counts) of `text`: stems weigh 1, compound parts `PART_WEIGHT`."""
        part_weight = PART_WEIGHT if part_weight is None else part_weight
        return self.terms_of_tokens(tokenize(text), part_weight)

    def terms_of_tokens(self, tokens: list[str], part_weight: float | None = None
                        ) -> dict[str, float]:
        part_weight = PART_WEIGHT if part_weight is None else part_weight
        weights: dict[str, float] = {}
        for token in tokens:
            for term, weight in self._token_terms(token, part_weight):
                weights[term] = weights.get(term, 0.0) + weight
        return weights

    def _token_terms(self, token: str, part_weight: float) -> tuple[tuple[str, float], ...]:
        """The weighted terms of one token (cached: corpora repeat their words)."""
        key = (token, part_weight)
        cached = self._token_cache.get(key)
        if cached is not None:
            return cached
        found: list[tuple[str, float]] = []
        if token not in stopwords():
            term = token if not token.isalpha() else stem(token)
            found.append((term, 1.0))
            for part in (term, *self.compound_parts(token)):
                if part != term:
                    found.append((part, part_weight))
                if len(part) >= 7 and part.endswith("ing"):
                    # verbal noun -> verb stem: "evaluering" also matches "evalueres"
                    found.append((part[:-3], part_weight))
        result = tuple(found)
        if len(self._token_cache) < TOKEN_CACHE_SIZE:
            self._token_cache[key] = result
        return result


def _common_prefix(a: str, b: str) -> str:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return a[:i]
