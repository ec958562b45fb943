"""Benchmark: `innkjop analyse` end to end on synthetic data, with printed figures.

    .venv/bin/python benchmarks/bench_spend.py [--csv-lines N] [--ehf-files N] [--decisions N]

1. CSV: N accounting lines (default 1 000 000) in Windows-1252 with decimal comma,
   thousands spaces and dd.mm.yyyy, analysed in a child process (`innkjop analyse
   --json`): wall time and peak memory (max RSS of the child). Goal ≤ 60 s, ≤ 2 GB.
2. EHF: N BIS 3.0 invoices (default 100 000), analysed the same way. Goal ≤ 120 s.
   On a loaded machine run a smaller N; the figures are extrapolated linearly and
   say so.
3. Decisions: aggregates decided per second, with the threshold-band cache and
   without it (every aggregate through the rule engine).
Data is written to a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.spend.demo import invented_org  # noqa: E402
from assistant.spend.ehf_writer import EhfItem, ehf_xml  # noqa: E402
from knowledge.municipalities import MUNICIPALITIES  # noqa: E402

ACCOUNTS = ["11000", "11200", "11500", "12000", "12300", "12700", "13000", "17000", "12500"]
TEXTS = ["Kontorrekvisita", "Matvarer", "Reparasjon", "Konsulent", "Transport", "Verktøy",
         "Rengjøringsmidler", "Kurs", "Snekkerarbeid", "Lisenser"]
CPVS = ["30192000", "15800000", "50000000", "79411000", "60100000", "44510000", "39830000",
        "80500000", "45421000", "48000000"]


AGREEMENT_TEXTS = {"Kontorrekvisita": "Eksempel Kontor AS",
                   "Rengjøringsmidler": "Eksempel Renhold AS",
                   "Matvarer": "Eksempel Dagligvare AS"}


def write_csv(path: Path, lines: int, seed: int = 1) -> None:
    """A region's year of accounting lines: a few large and many small suppliers (Zipf),
    small amounts (log-normal, median ≈ 2 500 kr), and 85 % of the purchases within the
    example register's agreements (knowledge/agreements.yaml) made on them."""
    rng = random.Random(seed)
    suppliers = [(f"Leverandør {i} AS", invented_org(10_000 + i * 7)) for i in range(5000)]
    weights = [1 / (rank + 1) for rank in range(len(suppliers))]
    own = {name: invented_org(900_000 + i) for i, name in enumerate(AGREEMENT_TEXTS.values())}
    start = date(2026, 1, 1)
    picks = rng.choices(range(len(suppliers)), weights=weights, k=lines)
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("Kommune;Ansvar;Konto;Leverandørnr;Leverandørnavn;Org.nr;Fakturanr;"
                  "Fakturadato;Beløp eks. mva;Mva;Tekst\r\n")
        for n in range(lines):
            text = rng.choice(TEXTS)
            if text in AGREEMENT_TEXTS and rng.random() < 0.85:
                name = AGREEMENT_TEXTS[text]
                org = own[name]
            else:
                name, org = suppliers[picks[n]]
            amount = min(round(rng.lognormvariate(7.8, 1.2), 2), 500_000.0)
            money = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
            day = start + timedelta(days=rng.randrange(365))
            out.write(f"{MUNICIPALITIES[n % 6]};4100;{rng.choice(ACCOUNTS)};{n % 5000};{name};"
                      f"{org};B{n};{day.strftime('%d.%m.%Y')};{money};0,00;{text}\r\n")


def write_ehf(folder: Path, files: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    suppliers = [(f"Leverandør {i} AS", invented_org(50_000 + i * 7)) for i in range(2000)]
    start = date(2026, 1, 1)
    for n in range(files):
        name, org = suppliers[rng.randrange(2000)]
        index = rng.randrange(len(CPVS))
        items = [EhfItem(TEXTS[index], CPVS[index], rng.randrange(10_000, 2_000_000) / 100)
                 for _ in range(rng.randint(1, 3))]
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"F{n}.xml").write_text(ehf_xml(
            number=f"F{n}", issued=(start + timedelta(days=rng.randrange(365))).isoformat(),
            supplier=name, supplier_org=org, buyer=f"{MUNICIPALITIES[n % 6]} kommune",
            items=items), encoding="utf-8")


def run_analyse(path: Path, home: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and number of findings of `innkjop analyse --json PATH`
    in a child process (peak: the largest child so far)."""
    started = time.perf_counter()
    output = home.parent / "analyse.json"
    with output.open("w", encoding="utf-8") as out:
        result = subprocess.run(
            [sys.executable, "-m", "assistant", "analyse", str(path), "--json"], cwd=ROOT,
            stdout=out, stderr=subprocess.PIPE, text=True,
            env={"INNKJOP_HOME": str(home), "PATH": "/usr/bin"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"analyse feilet: {result.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    findings = len(json.loads(output.read_text(encoding="utf-8"))["findings"])
    output.unlink()
    return elapsed, peak, findings


def bench_decisions(count: int) -> None:
    from assistant.spend.decisions import DecisionCache
    from rules import decide
    from rules.model import Purchase

    rng = random.Random(3)
    aggregates = [(rng.uniform(1_000, 10_000_000), rng.choice(["varer", "tjenester",
                   "bygg_anlegg", "helse_sosial"]), date(2026, 1, 1)
                   + timedelta(days=rng.randrange(365))) for _ in range(count)]
    cache = DecisionCache()
    started = time.perf_counter()
    for value, category, day in aggregates:
        cache.decide(value, category, "Frosta", day)
    cached = time.perf_counter() - started
    uncached_n = min(count, 2000)
    started = time.perf_counter()
    for value, category, day in aggregates[:uncached_n]:
        decide(Purchase(value=value, vat="eks", category=category, framework=False,  # type: ignore[arg-type]
                        municipality="Frosta"), day)
    uncached = time.perf_counter() - started
    print(f"beslutninger: {count / cached:,.0f} aggregater/s med bufring etter terskelbånd "
          f"({cache.engine_runs} kjøringer av regelmotoren for {count} aggregater); "
          f"{uncached_n / uncached:,.0f}/s uten buffer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv-lines", type=int, default=1_000_000)
    parser.add_argument("--ehf-files", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-spend-") as tmp:
        root = Path(tmp)
        if args.csv_lines:
            csv_path = root / "regnskap-stjordal.csv"
            started = time.perf_counter()
            write_csv(csv_path, args.csv_lines)
            print(f"CSV: skrev {args.csv_lines:,} linjer ({csv_path.stat().st_size / 1e6:.0f} MB)"
                  f" på {time.perf_counter() - started:.1f} s")
            elapsed, peak, found = run_analyse(csv_path, root / "home")
            scale = 1_000_000 / args.csv_lines
            note = "" if scale == 1 else f" (ekstrapolert til 1 000 000: {elapsed * scale:.1f} s)"
            print(f"CSV: {args.csv_lines:,} linjer analysert på {elapsed:.1f} s, "
                  f"topp minne {peak:,.0f} MB, {found:,} funn{note}  [mål ≤ 60 s, ≤ 2 048 MB]")
            csv_path.unlink()
        if args.ehf_files:
            folder = root / "ehf"
            folder.mkdir()
            started = time.perf_counter()
            write_ehf(folder, args.ehf_files)
            print(f"EHF: skrev {args.ehf_files:,} filer på {time.perf_counter() - started:.1f} s")
            elapsed, peak, found = run_analyse(folder, root / "home")
            scale = 100_000 / args.ehf_files
            note = "" if scale == 1 else f" (ekstrapolert til 100 000: {elapsed * scale:.1f} s)"
            print(f"EHF: {args.ehf_files:,} filer analysert på {elapsed:.1f} s, "
                  f"topp minne (største barneprosess så langt) {peak:,.0f} MB, {found:,} funn{note}"
                  "  [mål ≤ 120 s]")
    if args.decisions:
        bench_decisions(args.decisions)


if __name__ == "__main__":
    main()
