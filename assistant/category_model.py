"""Category by meaning: the embedding model against labelled examples, with a confidence.

When the lexicon (assistant/category.py) finds no category, what is bought is
compared with labelled examples: a description and short purchases per label,
kept as data (knowledge/category_examples.yaml). Examples and description are
read alike (what is bought, after the file's `frame`). The lexicon's own words
are no examples: a description holding one never reaches the model. The
`neighbours` nearest examples vote, each with weight exp((sim - best) /
`temperature`); the confidence is the winning category's share of the votes
(measured on tests/data/category_dev*.jsonl, see the YAML). At or above `decide_from`
the category is assumed and the assumption shown ("tolket som varer:
kjøretøy"); below it the buyer is asked, with the two likeliest categories as
the choices offered first.

Descriptions and the text are both embedded as queries (a symmetric task for e5).
The descriptions' vectors are computed once per encoder and kept (index/vector_cache.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.category import GOODS, what_is_bought
from assistant.category_grammar import load_grammar
from assistant.ports import Encoder
from assistant.render import CATEGORY_TITLES
from index.encoders import encode_queries
from index.vector_cache import EncodingStopped, VectorCache
from knowledge import KNOWLEDGE_DIR
from knowledge.infra.errors import DataFileError
from knowledge.infra.settings import load_settings
from knowledge.infra.yamlfile import load_parsed
from rules.model import CATEGORIES

EXAMPLES_PATH = KNOWLEDGE_DIR / "category_examples.yaml"


@dataclass(frozen=True)
class Examples:
    labels: tuple[tuple[str, str], ...]
    """(category, label) of each description, in the order of `texts`."""
    texts: tuple[str, ...]
    decide_from: float
    temperature: float
    neighbours: int
    frame: str = ""
    """Put before every example and every description the model reads ("innkjøp: ")."""

    @property
    def framed(self) -> list[str]:
        """The examples as the model reads them."""
        return [self.frame + text for text in self.texts]


@dataclass(frozen=True)
class CategoryGuess:
    category: str
    label: str
    """The label of the nearest description ("kjøretøy")."""
    confidence: float
    runner_up: str
    runner_up_confidence: float
    words: str
    """What was compared: the description without amounts and filler words."""
    decided: bool

    @property
    def assumption(self) -> str:
        return (f"tolket som {CATEGORY_TITLES.get(self.category, self.category)}: {self.label} "
                f"(språkmodellen, sikkerhet {self.confidence:.2f})")

    @property
    def question(self) -> str:
        first = CATEGORY_TITLES.get(self.category, self.category)
        second = CATEGORY_TITLES.get(self.runner_up, self.runner_up)
        return (f"Hva slags kjøp er «{self.words[:60]}»? Mest sannsynlig {first} "
                f"({self.label}) eller {second}; svar med kategorien (varer, tjenester, "
                "bygg og anlegg, helse- og sosialtjenester).")


def _fraction(data: dict, key: str, path: Path, high: float) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= high:
        raise DataFileError(path, key, f"må være et tall over 0 og høyst {high}")
    return float(value)


def parse_examples(data: Any, path: Path) -> Examples:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise DataFileError(path, "categories", "mangler (en tabell per kategori)")
    labels: list[tuple[str, str]] = []
    texts: list[str] = []
    for category, entries in data["categories"].items():
        if category not in CATEGORIES:
            raise DataFileError(path, f"categories.{category}",
                                f"ukjent kategori (gyldige: {', '.join(CATEGORIES)})")
        if not isinstance(entries, dict) or not entries:
            raise DataFileError(path, f"categories.{category}",
                                "må være en tabell merkelapp -> beskrivelse")
        for label, described in entries.items():
            written = described if isinstance(described, list) else [described]
            for number, text in enumerate(written):
                if not isinstance(text, str) or not text.strip():
                    where = f"categories.{category}.{label}" + (
                        f"[{number}]" if isinstance(described, list) else "")
                    raise DataFileError(path, where, "må være en beskrivelse (tekst) eller "
                                        "en liste av beskrivelser")
                labels.append((str(category), str(label)))
                texts.append((what_is_bought(text.strip()) or text.strip()).lower())
    if len({c for c, _ in labels}) < 2:
        raise DataFileError(path, "categories", "trenger eksempler for minst to kategorier")
    neighbours = data.get("neighbours")
    if isinstance(neighbours, bool) or not isinstance(neighbours, int) or neighbours < 1:
        raise DataFileError(path, "neighbours", "må være et heltall over 0")
    frame = data.get("frame", "")
    if not isinstance(frame, str):
        raise DataFileError(path, "frame", "må være en tekst (for eksempel «innkjøp: »)")
    return Examples(tuple(labels), tuple(texts), _fraction(data, "decide_from", path, 1.0),
                    _fraction(data, "temperature", path, 1.0), neighbours, frame)


def load_examples(path: Path | None = None) -> Examples:
    return load_parsed(path or EXAMPLES_PATH, parse_examples)


_VECTORS: dict[tuple[int, int], tuple[Encoder, Examples, np.ndarray]] = {}
"""Example vectors per (encoder, examples); the entry holds both objects, so their ids
stay theirs while cached."""
_VECTORS_LOCK = threading.Lock()


def _queries(encoder: Encoder, texts: list[str]) -> np.ndarray:
    return np.asarray(encode_queries(encoder, texts), dtype=np.float32)


def _example_vectors(encoder: Encoder, examples: Examples,
                     stop: Callable[[], bool] | None = None) -> np.ndarray | None:
    key = (id(encoder), id(examples))
    with _VECTORS_LOCK:
        entry = _VECTORS.get(key)
        if entry is None or entry[0] is not encoder or entry[1] is not examples:
            vectors = _stored_vectors(encoder, examples, stop)
            if vectors is None:
                return None
            entry = (encoder, examples, vectors)
            _VECTORS[key] = entry
        return entry[2]


CACHE_NAME = "category-vectors"
"""The examples' vectors in the data folder (index/vector_cache.py); the default model's
ship in knowledge/builtin.vectors.npz (scripts/builtin_vectors.py), so only another
model or a changed example is encoded (~600 examples take ~14 s on 2 cores)."""


def _stored_vectors(encoder: Encoder, examples: Examples,
                    stop: Callable[[], bool] | None = None) -> np.ndarray | None:
    """The examples' vectors: shipped or cached, the rest computed and cached. None when
    `stop()` ended the computing (nothing is stored then)."""
    cache = VectorCache(encoder, load_settings().data_dir, name=CACHE_NAME)
    try:
        vectors = cache.vectors(examples.framed, "query", stop=stop)
    except EncodingStopped:
        return None
    cache.save()
    return vectors


def warm(encoder: Encoder, stop: Callable[[], bool] | None = None) -> None:
    """Have the examples' vectors ready (from the cache, or computed and stored), so the
    first unlisted word does not wait for them (`innkjop index build`);
    `stop` ends it early (checked between batches)."""
    _example_vectors(encoder, load_examples(), stop)


def classify(text: str, encoder: Encoder, examples: Examples | None = None) -> CategoryGuess | None:
    """The model's category for a description, with its confidence; None without words."""
    examples = examples or load_examples()
    words = what_is_bought(text)
    if not words:
        return None
    vector = _queries(encoder, [examples.frame + words.lower()])[0]
    stored = _example_vectors(encoder, examples)
    assert stored is not None  # without `stop` the vectors are always computed
    return vote(text, words, stored @ vector, examples)


def vote(text: str, words: str, sims: np.ndarray, examples: Examples) -> CategoryGuess:
    """The guess the nearest examples make, given the text's similarity to each example
    (apart from `classify` so benchmarks/bench_category.py can tune the parameters)."""
    nearest = np.argsort(-sims, kind="stable")[:examples.neighbours]
    votes: dict[str, float] = {}
    label_of: dict[str, str] = {}
    for index in nearest:
        category, label = examples.labels[index]
        votes[category] = votes.get(category, 0.0) + float(
            np.exp((sims[index] - sims[nearest[0]]) / examples.temperature))
        label_of.setdefault(category, label)
    worked = load_grammar()
    if GOODS in votes and votes[GOODS] == max(votes.values()) and worked.activity_on(text):
        # "suging av fettutskiller": goods after an activity are what a service works on
        moved = worked.activity_category
        if votes[GOODS] > votes.get(moved, 0.0):
            label_of[moved] = worked.activity_label
        votes[moved] = votes.get(moved, 0.0) + votes.pop(GOODS)
    total = sum(votes.values())
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    category, runner_up = ranked[0][0], (ranked[1][0] if len(ranked) > 1 else "")
    confidence = ranked[0][1] / total
    second = ranked[1][1] / total if len(ranked) > 1 else 0.0
    if not runner_up:
        runner_up = next(c for c in CATEGORIES if c != category)
    label = label_of[category]
    return CategoryGuess(category, label, confidence, runner_up, second, words,
                         confidence >= examples.decide_from)
