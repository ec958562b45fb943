"""`innkjop analyse`: spend analysis of EHF invoices and accounting exports.

A thin layer over assistant.spend: parses arguments, runs the analysis, prints
the summary (or JSON) and writes reports. DuckDB and openpyxl are imported only
when this command runs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from knowledge.infra.errors import InputError

COMPACT_JSON_FROM = 2000
EXAMPLES = """Eksempler:
  innkjop analyse fakturaer/ regnskap-2025.csv
  innkjop analyse fakturaer/ --agreements avtaler.csv --kontrakter kontrakter.yaml
  innkjop analyse regnskap.xlsx --fra 01.01.2025 --til 31.12.2025 --json
  innkjop analyse fakturaer/ --rapport rapport/ --stikkprove 25 --seed 2025
  innkjop analyse --demo demo/          # skriv et syntetisk år med fasit

Filer: .xml er EHF (faktura og kreditnota), .csv/.txt og .xlsx er regnskapsutdrag.
Linjer som ikke kan leses, listes med fil og linje; resten analyseres."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyse", help="innkjøpsanalyse: kjøp utenfor avtale, direkteanskaffelser, duplikater",
        description=("Leser EHF-fakturaer og regnskapsutdrag og finner kjøp utenfor avtale,\n"
                     "mulige ulovlige direkteanskaffelser, oppdeling, duplikater, utløpte\n"
                     "avtaler og ugyldige organisasjonsnumre, med regel og kilde for hvert funn."),
        epilog=EXAMPLES)
    parser.add_argument("paths", nargs="*", metavar="STI", type=Path,
                        help="filer eller mapper (EHF .xml, .csv, .xlsx)")
    parser.add_argument("--agreements", metavar="FIL", type=Path,
                        help="avtaleregisteret (YAML eller CSV fra KAV)")
    parser.add_argument("--kontrakter", metavar="FIL", type=Path,
                        help="kontrakter vunnet i konkurranse (YAML eller CSV)")
    parser.add_argument("--fra", metavar="DATO", help="første dato (dd.mm.åååå eller ÅÅÅÅ-MM-DD)")
    parser.add_argument("--til", metavar="DATO", help="siste dato")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument("--rapport", metavar="MAPPE", type=Path,
                        help="skriv rapport.md, rapport.html og funn.xlsx i MAPPE")
    parser.add_argument("--stikkprove", metavar="N", type=int, default=0,
                        help="trekk N fakturaer med sannsynlighet etter beløp")
    parser.add_argument("--seed", metavar="S", type=int, default=None,
                        help="frø for stikkprøven (samme frø gir samme utvalg)")
    parser.add_argument("--demo", metavar="MAPPE", type=Path,
                        help="skriv et syntetisk år (EHF og CSV) med fasit i MAPPE")
    parser.set_defaults(func=run)


def parse_day(text: str, option: str) -> date:
    value = text.strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: ugyldig dato «{text}»: bruk dd.mm.åååå eller "
                         "ÅÅÅÅ-MM-DD.") from None


def run(args: argparse.Namespace) -> int:
    if args.demo is not None:
        from assistant.spend.demo import write_demo

        truth = write_demo(args.demo)
        print(f"Skrev et syntetisk år i {args.demo}: {truth['files']} filer, "
              f"{len(truth['findings'])} plantede funn (fasit i {args.demo / 'fasit.json'}).")
        return 0
    if not args.paths:
        raise InputError("oppgi minst én fil eller mappe (eller --demo MAPPE)")
    if args.stikkprove < 0:
        raise InputError("--stikkprove: oppgi et positivt antall fakturaer")
    if args.stikkprove and args.seed is None:
        raise InputError("--stikkprove trenger --seed S, så utvalget kan gjentas")
    start = parse_day(args.fra, "--fra") if args.fra else None
    end = parse_day(args.til, "--til") if args.til else None
    if start and end and end < start:
        raise InputError("--til er før --fra")
    from assistant.spend.analysis import Options, analyse
    from assistant.spend.report import summary

    analysis = analyse(list(args.paths), Options(args.agreements, args.kontrakter, start, end,
                                                 args.stikkprove, args.seed or 0))
    if args.rapport is not None:
        from assistant.spend.report_files import write_reports

        written = write_reports(analysis, args.rapport)
    if args.json:
        data = analysis.to_dict()
        # Large results are written compactly: indenting 100 000 findings costs more
        # than the analysis.
        indent = 2 if len(analysis.findings) <= COMPACT_JSON_FROM else None
        json.dump(data, sys.stdout, ensure_ascii=False, indent=indent)
        sys.stdout.write("\n")
    else:
        print(summary(analysis), end="")
        if args.rapport is not None:
            print("Rapport: " + ", ".join(str(p) for p in written))
    return 0
