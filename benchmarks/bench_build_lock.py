"""Benchmark: N parallel `innkjop search` on an out-of-date index (one build, the rest wait).

    .venv/bin/python benchmarks/bench_build_lock.py [--processes 16] [--hybrid]

In a fresh temporary data folder the index is built once, then made out of date
(an own document is added), and N processes of `python -m assistant search` start
at the same moment. The first to take the build lock rebuilds the index; the
others print «Venter på at en annen prosess …» and then load that build. Prints
each process's wall time (spread: min, median, max), how many processes built
(should be 1), how many waited, and the exit codes. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(home: Path, processes: int, hybrid: bool) -> list[tuple[float, int, str]]:
    env = {**os.environ, "INNKJOP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "assistant", "search", "-k", "1", "skatteattest"]
    if not hybrid:
        command.insert(4, "--uten-modell")
    started = time.perf_counter()
    running = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    results = []
    for process in running:
        _, err = process.communicate(timeout=900)
        results.append((time.perf_counter() - started, process.returncode, err))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--hybrid", action="store_true", help="with the language model")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="innkjop-bench-lock-") as folder:
        home = Path(folder)
        first = _run(home, 1, args.hybrid)
        print(f"first build (1 process): {first[0][0]:.1f} s, exit {first[0][1]}")
        own = home / "dokumenter"
        own.mkdir()
        (own / "notat.txt").write_text("Kaffemaskiner kjøpes fra Bryggeriet.", encoding="utf-8")
        results = _run(home, args.processes, args.hybrid)
        times = sorted(t for t, _, _ in results)
        built = sum("bygger søkeindeksen" in err.lower() for _, _, err in results)
        waited = sum("Venter på at en annen prosess" in err for _, _, err in results)
        codes = sorted({code for _, code, _ in results})
        builds = len(list((home / "index" / "builds").iterdir()))
        mode = "hybrid" if args.hybrid else "ordsøk"
        print(f"{args.processes} parallel searches ({mode}) on an out-of-date index:")
        print(f"  wall time per process: min {times[0]:.1f} s, median "
              f"{statistics.median(times):.1f} s, max {times[-1]:.1f} s")
        print(f"  processes that built: {built}; waited for the lock: {waited}; "
              f"exit codes: {codes}; build folders afterwards: {builds}")


if __name__ == "__main__":
    main()
