"""`analyse(paths, ...)`: files and folders in, an `Analysis` out (findings, loyalty, sample).

The library entry of `innkjop analyse` and the TUI's spend screen. Files: `.xml`
is EHF, `.csv`/`.txt` and `.xlsx` are accounting exports; folders are walked.
A path that does not exist raises InputError (exit code 2 in the CLI); a file
that cannot be read, or a line of it, becomes a `Skipped` record and the rest is
analysed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from assistant.spend.categories import Categoriser
from assistant.spend.config import SpendConfig, load_config
from assistant.spend.decisions import DecisionCache
from assistant.spend.ehf import EhfResult, read_ehf_files
from assistant.spend.findings import FindingBuilder
from assistant.spend.identity import resolve_buyer
from assistant.spend.ledger import prepare_ledger
from assistant.spend.matching import build
from assistant.spend.model import Analysis, Loyalty, Skipped, Totals
from assistant.spend.register import load_contracts, load_spend_register
from assistant.spend.sample import monetary_unit_sample
from assistant.spend.store import SpendStore
from knowledge.infra.errors import InnkjopError, InputError


class AnalysisError(InnkjopError):
    """The analysis could not finish (e.g. out of memory); a Norwegian message."""

    exit_code = 1

EHF_SUFFIXES = (".xml",)
LEDGER_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
EHF_BATCH = 2000
PARALLEL_FROM = 4000
MAX_WORKERS = 4


@dataclass(frozen=True)
class Options:
    agreements: Path | None = None
    contracts: Path | None = None
    start: date | None = None
    end: date | None = None
    sample_size: int = 0
    seed: int = 0


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The analysable files under `paths`; InputError for a path that does not exist."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: finnes ikke (oppgi en fil eller mappe med EHF-fakturaer "
                             "eller regnskapsutdrag)")
        if path.is_dir():
            found = []
            for folder, _dirs, names in os.walk(path):  # no stat per file: fast for 100 000
                found += [Path(folder, name) for name in names
                          if name.lower().endswith(EHF_SUFFIXES + LEDGER_SUFFIXES)]
            files += sorted(found)
        elif path.suffix.lower() in EHF_SUFFIXES + LEDGER_SUFFIXES:
            files.append(path)
        else:
            skipped.append(Skipped(str(path), None, f"filtypen «{path.suffix}» leses ikke "
                                   "(bruk .xml for EHF, .csv eller .xlsx for regnskap)"))
    return list(dict.fromkeys(files)), skipped


def _keyword_matches(store: SpendStore, register) -> list[tuple[str, str]]:
    """(text, agreement id) for agreements whose keyword occurs in a line's text (the
    register's own matching: inflections and compound tails count)."""
    if not register.keywords:
        return []
    texts = [row[0] for row in store.query("SELECT DISTINCT text FROM lines WHERE text <> ''")]
    return [(text, agreement.id) for text in texts for agreement in register.named_in(text)]


def analyse(paths: list[Path], options: Options, config: SpendConfig | None = None,
            progress: Callable[[str], None] | None = None) -> Analysis:
    config = config or load_config()
    if options.agreements is None:
        from knowledge.infra.settings import load_settings

        agreements_path = load_settings().agreement_register
    else:
        agreements_path = options.agreements
    if not agreements_path.exists():
        raise InputError(f"{agreements_path}: avtaleregisteret finnes ikke")
    if options.contracts is not None and not options.contracts.exists():
        raise InputError(f"{options.contracts}: kontraktslisten finnes ikke")
    files, skipped = collect_files(paths)
    register, agreements = load_spend_register(agreements_path, config.columns["register"])
    contracts = (load_contracts(options.contracts, config.columns["contracts"])
                 if options.contracts else [])
    categoriser = Categoriser(config.categories)
    with tempfile.TemporaryDirectory(prefix="innkjop-analyse-") as tmp:
        workdir = Path(tmp)
        store = SpendStore(workdir, categoriser)
        try:
            return _run(store, files, skipped, workdir, config, categoriser, register,
                        agreements, contracts, options, progress)
        except duckdb.OutOfMemoryException as error:
            raise AnalysisError("for lite minne til analysen: del opp filene (f.eks. per "
                                "kommune eller halvår) og kjør dem hver for seg") from error
        except duckdb.Error as error:
            raise AnalysisError(f"databasen feilet under analysen ({type(error).__name__}): "
                                f"{str(error).splitlines()[0]}") from error
        finally:
            store.close()


def _run(store: SpendStore, files: list[Path], skipped: list[Skipped], workdir: Path,
         config: SpendConfig, categoriser: Categoriser, register, agreements, contracts,
         options: Options, progress: Callable[[str], None] | None) -> Analysis:
    ehf_files = [p for p in files if p.suffix.lower() in EHF_SUFFIXES]
    for result in _ehf_batches(ehf_files, categoriser):
        store.add_ehf_lines(result.lines)
        skipped += result.skipped
    for index, path in enumerate(files):
        if path.suffix.lower() not in EHF_SUFFIXES:
            if progress:
                progress(f"leser {path.name}")
            source, problems = prepare_ledger(path, workdir, config.columns["ledger"],
                                              index)
            skipped += problems
            if source is not None:
                skipped += store.add_ledger(source, resolve_buyer)
    store.add_register(agreements, contracts, _keyword_matches(store, register))
    build(store, options.start, options.end)
    cache = DecisionCache()
    findings = FindingBuilder(store, config, cache).all()
    result = Analysis(
        findings=findings, loyalty=_loyalty(store),
        sample=monetary_unit_sample(store, options.sample_size, options.seed),
        skipped=sorted(skipped, key=lambda s: (s.file, s.line or 0)),
        totals=_totals(store, len(files)),
        spend_by_category=dict(store.query(
            "SELECT category, round(sum(amount), 2) FROM spend WHERE counted "
            "GROUP BY category ORDER BY 2 DESC")),
        top_outside=_top_outside(store, int(config.parameters["top_suppliers"])),
        period=(options.start.isoformat() if options.start else None,
                options.end.isoformat() if options.end else None),
        sample_seed=options.seed if options.sample_size else None)
    result.totals.aggregates_decided = cache.lookups
    result.totals.engine_runs = cache.engine_runs
    return result


def _ehf_batches(files: list[Path], categoriser: Categoriser) -> Iterator[EhfResult]:
    """EHF files read in batches; with many files, in worker processes (one per core, at
    most MAX_WORKERS), since parsing is Python and the machine's other cores are idle."""
    chunks = [files[i:i + EHF_BATCH] for i in range(0, len(files), EHF_BATCH)]
    workers = min(MAX_WORKERS, os.cpu_count() or 1, len(chunks))
    if workers <= 1 or len(files) < PARALLEL_FROM:
        for chunk in chunks:
            yield read_ehf_files(chunk, categoriser)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_ehf_files, chunks, [categoriser] * len(chunks))


def _loyalty(store: SpendStore) -> list[Loyalty]:
    rows = store.query("""
        SELECT s.municipality, st.agreement_id, any_value(a.name), any_value(a.supplier),
               round(coalesce(sum(s.amount) FILTER (WHERE st.own), 0), 2), round(sum(s.amount), 2)
        FROM line_status st JOIN spend s USING (id) JOIN agreement a USING (agreement_id)
        WHERE st.valid GROUP BY s.municipality, st.agreement_id
        ORDER BY s.municipality, st.agreement_id""")
    return [Loyalty(*row) for row in rows]


def _totals(store: SpendStore, files: int) -> Totals:
    lines, amount = store.query("SELECT count(*), coalesce(sum(amount), 0) FROM spend "
                                "WHERE counted")[0]
    invoices = store.query("SELECT count(*) FROM invoice")[0][0]
    mirrored = store.query("SELECT count(*) FROM spend WHERE NOT counted")[0][0]
    return Totals(files, lines, invoices, round(amount, 2), mirrored)


def _top_outside(store: SpendStore, limit: int) -> list[tuple[str, float]]:
    return [(name, amount) for name, amount in store.query("""
        SELECT any_value(s.supplier), round(sum(s.amount), 2) FROM spend s
        WHERE s.id IN (SELECT st.id FROM line_status st JOIN flags f USING (id)
                       WHERE st.valid AND NOT st.own AND NOT f.covered)
        GROUP BY s.skey ORDER BY 2 DESC LIMIT ?""", [limit])]
