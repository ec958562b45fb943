"""Benchmark: the agreement register at scale (20 000 agreements).

    .venv/bin/python benchmarks/bench_agreements.py [--agreements N] [--rounds N]

Writes a synthetic register (made-up agreements with keywords drawn from a
vocabulary of 5 000 words plus the example register's words) to a temporary
folder, then prints: the one-time load, the warm lookup per message
(`Register.matching`, `Register.expired`) and a warm `ask` (Session.respond
without search) on purchase texts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant import agreements  # noqa: E402
from assistant.agreements import load_register  # noqa: E402
from assistant.session import Session  # noqa: E402

TEXTS = [
    "Vi trenger kopipapir og permer til Stjørdal rådhus for 20 000 kr eks mva",
    "skal kjøpe rengjøringsmidler til skolene i Frosta, 30 000 kr eks mva",
    "Vi trenger 10 nye PC-er til Tydal skole for 90 000 kr eks mva",
    "konsulent 1200 kr timen eks mva, ca 300 timer, Selbu",
    "kjøpe 30 nettbrett à 6000 kr eks mva til skolen i Tydal",
]
DAY = date(2026, 3, 1)


def synthetic(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    base = yaml.safe_load((ROOT / "knowledge" / "agreements.yaml").read_text(encoding="utf-8"))
    letters = "abcdefghijklmnoprstuvyæøå"
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 11)))
                  for _ in range(5000)]
    entries = list(base["agreements"])
    categories = ("varer", "tjenester", "bygg_anlegg", "helse_sosial")
    for i in range(n - len(entries)):
        start = date(2020 + rng.randint(0, 6), rng.randint(1, 12), 1)
        entries.append({
            "id": f"SYN-{i:05d}", "agreement": f"Syntetisk avtale {i}",
            "supplier": f"Leverandør {i % 900} AS", "category": rng.choice(categories),
            "municipalities": "alle", "valid_from": start.isoformat(),
            "valid_to": date(start.year + rng.randint(1, 4), start.month, 1).isoformat(),
            "keywords": rng.sample(vocabulary, 5),
        })
    return {"example": True, "agreements": entries}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agreements", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INNKJOP_HOME"] = str(Path(folder) / "home")  # the cache stays in here
        path = Path(folder) / "avtaler.yaml"
        path.write_text(yaml.safe_dump(synthetic(args.agreements), allow_unicode=True),
                        encoding="utf-8")
        started = time.perf_counter()
        register = load_register(path)
        load = time.perf_counter() - started
        cached_load = None
        if hasattr(agreements, "_load_cached"):  # a new process: the lru cache is empty
            agreements._load_cached.cache_clear()
            started = time.perf_counter()
            register = load_register(path)
            cached_load = time.perf_counter() - started
        lookups, asks = [], []
        for _ in range(args.rounds):
            for text in TEXTS:
                t0 = time.perf_counter()
                register.matching(text, category="varer", municipality=None, as_of=DAY)
                if hasattr(register, "expired"):
                    register.expired(text, category="varer", municipality=None, as_of=DAY)
                lookups.append(time.perf_counter() - t0)
                session = Session(agreements_path=path)
                t0 = time.perf_counter()
                session.respond(text, as_of=DAY)
                asks.append(time.perf_counter() - t0)
    print(f"register: {len(register.agreements)} agreements; first load {load:.2f} s"
          + (f"; load in a new process {cached_load:.2f} s" if cached_load is not None else ""))
    print(f"{'part':<16}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}")
    for name, values in (("lookup", lookups), ("ask (no search)", asks)):
        print(f"{name:<16}{pct(values, 0.5):>9.1f}{pct(values, 0.95):>9.1f}"
              f"{statistics.mean(values) * 1000:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
