"""Benchmark of the rule engine (figures printed; not a test).

1. In-process decisions per second: `decide()` on varied, fully stated purchases
   (values spread over all thresholds, all categories, with and without an
   agreement), one process; and the same spread over 2 processes (2 cores).
2. Decisions with missing facts (the alternatives are evaluated).
3. `innkjop check` wall time from a cold process (fresh interpreter each run),
   and whether torch / sentence-transformers were imported.

Run: .venv/bin/python benchmarks/bench_rules.py [--seconds 3] [--cold-runs 5]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rules import decide  # noqa: E402
from rules.model import CATEGORIES, Purchase  # noqa: E402

DATES = (date(2024, 6, 1), date(2026, 3, 1), date(2026, 11, 25))


def purchases(count: int, seed: int = 7) -> list[tuple[Purchase, date]]:
    rng = random.Random(seed)
    items = []
    for _ in range(count):
        value = round(10 ** rng.uniform(3, 8.2))  # 1 000 kr .. 160 M kr, log-spread
        items.append((
            Purchase(value=value, vat=rng.choice(("inkl", "eks")), category=rng.choice(CATEGORIES),
                     municipality="Selbu", framework=rng.random() < 0.2),
            rng.choice(DATES),
        ))
    return items


def rate(items: list[tuple[Purchase, date]], seconds: float) -> tuple[float, int, float]:
    """Decisions per wall-clock second, count, and decisions per CPU second of this
    process (the fair figure when other work shares the cores)."""
    decide(*items[0])  # compile and register the rulesets once
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for purchase, day in items:
            decide(purchase, day)
        done += len(items)
    return (done / (time.perf_counter() - start), done,
            done / max(time.process_time() - cpu, 1e-9))


def _worker(args: tuple[int, float]) -> float:
    seed, seconds = args
    return rate(purchases(500, seed), seconds)[0]


def durable_floor(seconds: float, actions: int = 6) -> float:
    """Sessions per second of bare durable_rules: one fact, `actions` no-op rules firing,
    state read and deleted. The engine's own floor on this machine right now."""
    from durable.lang import c, m, when_all

    from rules.engine import _SyncHost

    def noop(closure) -> None:
        return None

    rules = {}
    for index in range(actions):
        rule = when_all(c.p << ((m.t == "p") & (m.v >= index)))
        rule.func = [noop]
        rules[f"r{index}"] = rule.define()
    host = _SyncHost()
    host.register_rulesets({"floor": rules})
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        sid = f"s{done}"
        host.assert_fact("floor", {"sid": sid, "id": "p", "t": "p", "v": actions,
                                   "value": 1000.0, "category": "varer", "call_off": False})
        host.get_state("floor", sid)
        host.delete_state("floor", sid)
        done += 1
    return done / (time.perf_counter() - start)


def cold_check(runs: int) -> tuple[list[float], str]:
    program = (
        "import sys, time\n"
        "from assistant.cli import main\n"
        "code = main(['check', '--value', '12000', '--vat', 'inkl', '--period', 'month',"
        " '--duration-months', '36', '--category', 'varer', '--municipality', 'Frosta',"
        " '--no-framework', '--json'])\n"
        "print(','.join(m for m in ('torch', 'sentence_transformers', 'faiss', 'textual')"
        " if m in sys.modules) or 'ingen', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    times, heavy = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", program], cwd=REPO,
                                capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        json.loads(result.stdout)
        heavy = result.stderr.strip().splitlines()[-1]
    return times, heavy


def innkjop_binary(runs: int) -> list[float]:
    binary = Path(sys.executable).parent / "innkjop"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(binary), "check", "--value", "180000", "--vat", "eks", "--category",
                        "tjenester", "--municipality", "Selbu", "--no-framework"],
                       cwd=REPO, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    items = purchases(1000)
    with open("/proc/loadavg", encoding="ascii") as load:
        print(f"belastning (loadavg) før måling: {load.read().split()[0]}")
    per_second, done, per_cpu_second = rate(items, args.seconds)
    print(f"decide(), 1 prosess:     {per_second:8.0f} beslutninger/s ({done} beslutninger); "
          f"{per_cpu_second:.0f} per CPU-sekund")
    print(f"durable_rules alene (6 tomme regler per beslutning): "
          f"{durable_floor(args.seconds / 2):8.0f} økter/s (motorens gulv akkurat nå)")
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        rates = pool.map(_worker, [(1, args.seconds), (2, args.seconds)])
    print(f"decide(), 2 prosesser:   {sum(rates):8.0f} beslutninger/s "
          f"({' + '.join(f'{r:.0f}' for r in rates)})")

    missing = [Purchase(value=v, category=None, framework=None) for v in (8000, 150000, 2_000_000)]
    start = time.perf_counter()
    for purchase in missing * 20:
        decide(purchase, date(2026, 3, 1))
    per = (time.perf_counter() - start) / (len(missing) * 20)
    print(f"manglende fakta (mva, kategori, avtale ukjent): {per * 1000:6.1f} ms per beslutning")
    start = time.perf_counter()
    decide(Purchase(), date(2026, 3, 1))
    print(f"ingen fakta (alle alternativer):                 "
          f"{(time.perf_counter() - start) * 1000:6.1f} ms")

    times, heavy = cold_check(args.cold_runs)
    print(f"innkjop check, kald prosess (python -c main): median {statistics.median(times):.2f} s, "
          f"maks {max(times):.2f} s over {len(times)} kjøringer; tunge moduler importert: {heavy}")
    binary = innkjop_binary(args.cold_runs)
    print(f"innkjop check, kald prosess (.venv/bin/innkjop): median "
          f"{statistics.median(binary):.2f} s, maks {max(binary):.2f} s")


if __name__ == "__main__":
    main()
