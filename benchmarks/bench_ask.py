"""Benchmark: in-process `ask` latency, warm, split between understanding, rules
and search.

    .venv/bin/python benchmarks/bench_ask.py [--lexical] [--rounds N]

Opens the searcher once (the one-time model and index load is reported apart),
warms up, then answers every text of the shared dev scenarios and our own ask
cases with a fresh Session each (a first message) and prints p50/p95 of the
whole reply and of each part. Goal: p50 <= 100 ms warm.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.session import Session  # noqa: E402
from index.search import open_searcher  # noqa: E402
from tests.conftest import SHARED_EVAL_DIR  # noqa: E402


def texts() -> list[tuple[str, date]]:
    found = []
    own = ROOT / "tests" / "data" / "ask_cases.jsonl"
    v2 = own.with_name("ask_cases_v2.jsonl")
    for path in (SHARED_EVAL_DIR / "scenarios_dev.jsonl", own, v2):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                found.append((case["text"], date.fromisoformat(case["as_of"])))
    return found


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lexical", action="store_true", help="lexical search only")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0,
                        help="torch threads for the query encoder (0: torch's default)")
    args = parser.parse_args()
    if args.threads and not args.lexical:
        import torch

        torch.set_num_threads(args.threads)

    started = time.perf_counter()
    searcher = open_searcher(dense=not args.lexical)
    load = time.perf_counter() - started
    cases = texts()
    warm_up = [*cases[:5], ("ny dings for 50 000 kr", date(2026, 3, 1))]
    for text, day in warm_up:  # lazy imports, rule engine, caches, category vectors of the model
        Session(searcher).respond(text, as_of=day)

    total, understanding, rules, search = [], [], [], []
    for _ in range(args.rounds):
        for text, day in cases:
            session = Session(searcher)
            t0 = time.perf_counter()
            session.respond(text, as_of=day)
            total.append(time.perf_counter() - t0)
            understanding.append(session.timings.understanding)
            rules.append(session.timings.rules)
            search.append(session.timings.search)

    print(f"search mode: {searcher.mode}; one-time open (model + index): {load:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"messages: {len(total)} ({len(cases)} texts x {args.rounds} rounds)")
    print(f"{'part':<14}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}")
    for name, values in (("whole reply", total), ("understanding", understanding),
                         ("rules", rules), ("search", search)):
        print(f"{name:<14}{pct(values, 0.5):>9.1f}{pct(values, 0.95):>9.1f}"
              f"{statistics.mean(values) * 1000:>9.1f}")
    other = [t - u - r - s for t, u, r, s in zip(total, understanding, rules, search, strict=True)]
    print(f"{'compose/other':<14}{pct(other, 0.5):>9.1f}{pct(other, 0.95):>9.1f}"
          f"{statistics.mean(other) * 1000:>9.1f}")
    print(f"goal p50 <= 100 ms: {'met' if pct(total, 0.5) <= 100 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
