"""Vectors of texts already embedded, so a rebuild encodes only what is new.

Encoding the built-in knowledge (82 passages, ~520 sentence units, ~650 passage
questions) takes about a minute on 2 cores with multilingual-e5-small; most of
it is the same at every build. A vector depends only on the model (its
identity: backend, model, prefixes, revision), the role of the text (a query or
a passage: e5 gives them different prefixes) and the text, so it is kept under
that key:

- shipped: `knowledge/builtin.vectors.npz` holds the built-in texts' vectors for
  the default model, the category examples' included (`scripts/builtin_vectors.py`
  writes it after the sources, the chunker, the passage questions or the category
  examples change; a stale file only costs time);
- the data folder's `cache/<name>-<model>.npz`: what the last build (or the
  category examples, under their own name) computed that the shipped file lacks
  (a user's documents, another model).

A damaged or foreign cache file is ignored (the texts are encoded again); a cache
that cannot be written only costs the time again at the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from index.encoders import encode_queries, identity
from knowledge import KNOWLEDGE_DIR

Role = Literal["query", "passage"]
BUNDLED = KNOWLEDGE_DIR / "builtin.vectors.npz"
CACHE_FOLDER = "cache"
BATCH = 64


def model_digest(encoder: Any) -> str:
    """What every vector of a cache depends on besides its text: the model's identity."""
    return hashlib.sha256(json.dumps(identity(encoder), sort_keys=True, default=str)
                          .encode()).hexdigest()[:24]


def text_key(role: Role, text: str) -> bytes:
    return hashlib.blake2b(f"{role}\0{text}".encode(), digest_size=16).digest()


class EncodingStopped(Exception):
    """The caller's `stop()` ended the encoding before every text had its vector."""


class VectorCache:
    """Known vectors of one model, and the ones computed since it was opened."""

    def __init__(self, encoder: Any, data_dir: Path | None, shipped: bool = True,
                 name: str = "vectors") -> None:
        """`name` keeps one purpose's data-folder file apart from another's ("vectors" for
        the index, "category-vectors" for the category examples): saving prunes a file to
        the texts its user looked up."""
        self.encoder = encoder
        self.digest = model_digest(encoder)
        self.path = (data_dir / CACHE_FOLDER / f"{name}-{self.digest}.npz"
                     if data_dir is not None else None)
        self._known: dict[bytes, np.ndarray] = {}
        self._bundled: set[bytes] = set()
        self._used: dict[bytes, np.ndarray] = {}
        for path, bundled in ((BUNDLED if shipped else None, True), (self.path, False)):
            for key, vector in _read(path, self.digest, encoder.dim):
                self._known[key] = vector
                if bundled:
                    self._bundled.add(key)

    def vectors(self, texts: Sequence[str], role: Role,
                progress: Callable[[float], None] | None = None,
                stop: Callable[[], bool] | None = None) -> np.ndarray:
        """Vectors of `texts` in their order: known ones looked up, the rest encoded in
        batches of similar length (little padding); `progress` gets the share done.
        Raises EncodingStopped when `stop()` turns true between two batches."""
        keys = [text_key(role, t) for t in texts]
        missing = sorted({k: i for i, k in enumerate(keys) if k not in self._known}.values(),
                         key=lambda i: len(texts[i]))
        for start in range(0, len(missing), BATCH):
            if stop is not None and stop():
                raise EncodingStopped
            if progress:
                progress(start / len(missing))
            batch = [texts[i] for i in missing[start:start + BATCH]]
            encoded = (encode_queries(self.encoder, batch) if role == "query"
                       else self.encoder.encode(batch))
            for i, vector in zip(missing[start:start + BATCH], encoded, strict=True):
                self._known[keys[i]] = np.asarray(vector, dtype=np.float32)
        for key in keys:
            self._used[key] = self._known[key]
        dim = self.encoder.dim
        if not keys:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([self._known[k] for k in keys]).astype(np.float32, copy=False)

    def has(self, role: Role, text: str) -> bool:
        return text_key(role, text) in self._known

    def used(self) -> dict[bytes, np.ndarray]:
        """Every vector looked up or computed since the cache was opened."""
        return dict(self._used)

    def save(self) -> None:
        """Keep the vectors this build used that the shipped file lacks (and no others)."""
        if self.path is None:
            return
        own = {k: v for k, v in self._used.items() if k not in self._bundled}
        try:
            if not own:
                self.path.unlink(missing_ok=True)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write(self.path, self.digest, own)
        except OSError:
            pass


def write(path: Path, digest: str, vectors: dict[bytes, np.ndarray]) -> None:
    """Write a cache file atomically."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    keys = np.frombuffer(b"".join(vectors), dtype=np.uint8).reshape(len(vectors), 16)
    with open(partial, "wb") as out:
        np.savez(out, digest=np.asarray(digest), keys=keys,
                 vectors=np.stack(list(vectors.values())).astype(np.float32))
    os.replace(partial, path)


def _read(path: Path | None, digest: str, dim: int) -> list[tuple[bytes, np.ndarray]]:
    if path is None or not path.is_file():
        return []
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["digest"]) != digest:
                return []
            keys, vectors = np.asarray(data["keys"]), np.asarray(data["vectors"])
    except (OSError, ValueError, KeyError, EOFError):
        return []
    if keys.ndim != 2 or keys.shape[1] != 16 or keys.dtype != np.uint8 or \
            vectors.shape != (len(keys), dim) or vectors.dtype != np.float32 or \
            not np.isfinite(vectors).all():
        return []
    return [(bytes(key), vector) for key, vector in zip(keys, vectors, strict=True)]
