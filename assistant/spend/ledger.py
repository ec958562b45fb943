"""Accounting exports (CSV and XLSX): find the header, map columns, detect number formats.

Columns are recognised by the Norwegian header synonyms in
knowledge/spend/columns.yaml. `prepare_ledger()` turns a file into a
`LedgerSource`: a normalised UTF-8 CSV (textfile.py) plus the column mapping and
the decimal mark, which store.py reads natively with DuckDB. XLSX files are read
with openpyxl in read-only mode and written as such a CSV first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from assistant.spend.config import ColumnSet
from assistant.spend.identity import buyer_names
from assistant.spend.model import Skipped
from assistant.spend.textfile import LINE_FIELD, normalise

_COMMA_DECIMAL = re.compile(r"\d,\d{1,2}$")
_DOT_DECIMAL = re.compile(r"\d\.\d{1,2}$")
MIN_HEADER_FIELDS = 2


@dataclass
class LedgerSource:
    file: str
    csv_path: Path
    delimiter: str
    columns: list[str]
    """Column names for DuckDB: LINE_FIELD, then c0, c1, ... in file order."""
    mapping: dict[str, str]
    """field (date, amount, supplier_name, ...) -> DuckDB column name."""
    decimal: str
    encoding: str
    municipality: str | None
    """The municipality of the whole file when it has no Kommune column (from its name)."""


def _decimal(values: list[str]) -> str:
    comma = sum(1 for v in values if _COMMA_DECIMAL.search(v.strip()))
    dot = sum(1 for v in values if _DOT_DECIMAL.search(v.strip()))
    return "," if comma >= dot else "."


def _municipality_from_name(path: Path) -> str | None:
    words = re.split(r"[\W_]+", path.stem.lower())
    names = buyer_names()
    for word in words:
        if word in names and not word.isdigit():
            return names[word]
    return None


def _xlsx_to_csv(source: Path, target: Path) -> list[Skipped]:
    """The first sheet of a workbook as a ';' CSV with one line per row (row = line)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        return [Skipped(str(source), None, f"kan ikke leses som XLSX ({type(error).__name__})")]
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";", lineterminator="\n")
            for row in sheet.iter_rows(values_only=True):
                writer.writerow([_cell(value) for value in row])
    finally:
        workbook.close()
    return []


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 2))
    return str(value).replace("\n", " ")


def prepare_ledger(path: Path, workdir: Path, columns: ColumnSet,
                   index: int) -> tuple[LedgerSource | None, list[Skipped]]:
    """A LedgerSource for `path`, or None and why the file cannot be used."""
    name = str(path)
    source = path
    skipped: list[Skipped] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        source = workdir / f"xlsx{index}.csv"
        skipped = _xlsx_to_csv(path, source)
        if skipped:
            return None, skipped
    try:
        normalised = normalise(
            source, workdir / f"ledger{index}.csv",
            is_header=lambda fields: len(columns.match(fields)) >= MIN_HEADER_FIELDS)
    except OSError as error:
        return None, [Skipped(name, None, f"kan ikke leses: {error.strerror or error}")]
    skipped = [Skipped(name, s.line, s.problem) for s in normalised.skipped]
    found = columns.match(normalised.header)
    municipality = None
    if "municipality" not in found:
        municipality = _municipality_from_name(path)
    missing = columns.missing(found)
    if municipality is None and "municipality" not in found:
        synonyms = ", ".join(columns.fields["municipality"])
        missing.append(f"Kommune (godtatt: {synonyms}, eller kommunens navn i filnavnet)")
    if not normalised.header or missing:
        line = normalised.header_line or 1
        return None, skipped + [Skipped(name, line, "mangler kolonner: " + "; ".join(missing))]
    amount_index = found["amount"]
    decimal = _decimal([row[amount_index] for row in normalised.sample if len(row) > amount_index])
    names = [LINE_FIELD] + [f"c{i}" for i in range(len(normalised.header))]
    return LedgerSource(
        file=name, csv_path=normalised.path, delimiter=normalised.delimiter, columns=names,
        mapping={field: f"c{i}" for field, i in found.items()}, decimal=decimal,
        encoding=normalised.encoding, municipality=municipality,
    ), skipped
