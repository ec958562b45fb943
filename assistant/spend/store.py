"""DuckDB: load spend lines, match them to agreements and contracts, aggregate.

One in-memory DuckDB connection per analysis. Accounting exports are read
natively with `read_csv` (explicit delimiter, quoting, all columns as text) and
parsed in SQL (decimal comma, thousands spaces, dd.mm.yyyy or ISO dates); rows
that cannot be parsed are returned as `Skipped` with their line. EHF lines,
parsed in Python, are bulk-loaded through a CSV file as well.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from assistant.spend.categories import Categoriser
from assistant.spend.ledger import LedgerSource
from assistant.spend.model import Skipped, SpendLine
from assistant.spend.register import Contract, SpendAgreement

LINE_COLUMNS = {name: "VARCHAR" for name in SpendLine._fields}
LINE_COLUMNS.update({"line": "INTEGER", "amount": "DOUBLE", "vat": "DOUBLE"})
MEMORY_LIMIT = "1GB"
"""DuckDB's buffer limit; beyond it, it spills to a temporary folder (keeps the whole
process under 2 GB for a million lines)."""
NULL = "\\N"
DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y", "%Y%m%d"]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _struct(columns: dict[str, str]) -> str:
    return "{" + ", ".join(f"{_quote(k)}: {_quote(v)}" for k, v in columns.items()) + "}"


class SpendStore:
    def __init__(self, workdir: Path, categoriser: Categoriser) -> None:
        self.workdir = workdir
        self.con = duckdb.connect(":memory:", config={"threads": 2,
                                                      "preserve_insertion_order": False})
        self.con.execute("SET enable_progress_bar = false")
        self.con.execute(f"SET memory_limit = {_quote(MEMORY_LIMIT)}")
        self.con.execute("SET temp_directory = " + _quote(str(workdir / "duckdb.tmp")))
        self._ehf_files = 0
        self._bulk = 0
        columns = ", ".join(f"{name} {kind}" for name, kind in LINE_COLUMNS.items())
        self.con.execute(f"CREATE TABLE lines ({columns})")
        self.con.execute("CREATE TABLE art_category (art VARCHAR, category VARCHAR, "
                         "health VARCHAR)")
        self.insert_rows("art_category", categoriser.art_table())
        self.con.execute("CREATE TABLE health_function (function VARCHAR)")
        self.insert_rows("health_function", [(f,) for f in categoriser.health_functions])
        self.patterns = categoriser.data["kostra_art"].get("account_patterns", [])


    # -- loading ---------------------------------------------------------------------

    def add_ehf_lines(self, lines: list[SpendLine]) -> None:
        if not lines:
            return
        self._ehf_files += 1
        path = self.workdir / f"ehf{self._ehf_files}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, delimiter="\t", lineterminator="\n").writerows(lines)
        self.con.execute(
            f"INSERT INTO lines SELECT * FROM read_csv({_quote(str(path))}, delim='\t', "
            f"quote='\"', escape='\"', header=false, auto_detect=false, "
            f"columns={_struct(LINE_COLUMNS)}, nullstr='')")
        path.unlink()

    def add_ledger(self, source: LedgerSource,
                   resolve: Callable[[str], str | None]) -> list[Skipped]:
        """Load one accounting export; return the rows that could not be used.

        `resolve` maps a municipality as written in the file to its canonical name."""
        con = self.con
        con.execute("DROP TABLE IF EXISTS raw")
        con.execute("DROP TABLE IF EXISTS buyer")
        con.execute("CREATE TEMP TABLE buyer (name VARCHAR, municipality VARCHAR)")
        columns = {name: "VARCHAR" for name in source.columns}
        con.execute(
            f"CREATE TEMP TABLE raw AS SELECT * FROM read_csv({_quote(str(source.csv_path))}, "
            f"delim={_quote(source.delimiter)}, quote='\"', escape='\"', header=true, "
            f"auto_detect=false, columns={_struct(columns)}, store_rejects=true, "
            f"null_padding=false, strict_mode=false)")
        skipped = self._rejects(source)
        m = source.mapping
        if "municipality" in m:
            written = [row[0] for row in con.execute(
                f"SELECT DISTINCT lower(regexp_replace(coalesce(trim({m['municipality']}), ''), "
                f"'\\s+', ' ', 'g')) FROM raw").fetchall()]
        else:
            written = [(source.municipality or "").lower()]
        self.insert_rows("buyer", [(w, resolve(w)) for w in written])

        def col(field: str, default: str = "''") -> str:
            return f"coalesce(trim({m[field]}), '')" if field in m else default

        decimal = source.decimal
        thousands = "." if decimal == "," else ","

        def number(field: str) -> str:
            """Text to a number: spaces, "kr" and thousands marks out, a decimal point, a
            trailing minus ("5 000,00-") moved to the front."""
            text = (f"replace(replace(regexp_replace({col(field)}, '[\\s\u00a0]|kr|nok', '', "
                    f"'gi'), {_quote(thousands)}, ''), {_quote(decimal)}, '.')")
            return f"regexp_replace({text}, '^(.*)-$', '-\\1')"

        amount_text, vat_text = number("amount"), number("vat")
        formats = "[" + ", ".join(_quote(f) for f in DATE_FORMATS) + "]"
        municipality = (f"lower(regexp_replace({col('municipality')}, '\\s+', ' ', 'g'))"
                        if "municipality" in m else _quote((source.municipality or "").lower()))
        art_expr = " ".join(f"WHEN regexp_matches(account, {_quote(p)}) THEN "
                            f"regexp_extract(account, {_quote(p)}, 1)" for p in self.patterns)
        art_expr = f"CASE {art_expr} ELSE '' END" if art_expr else "''"
        con.execute("DROP TABLE IF EXISTS parsed")
        con.execute(f"""
            CREATE TEMP TABLE parsed AS
            SELECT CAST(_linje AS INTEGER) AS line,
                   {municipality} AS municipality_raw,
                   b.municipality AS municipality,
                   {col('supplier_name')} AS supplier,
                   regexp_replace({col('supplier_org')}, '\\D', '', 'g') AS supplier_org,
                   {col('invoice_no')} AS invoice_no,
                   {col('date')} AS date_raw,
                   CAST(try_strptime({col('date')}, {formats}) AS DATE) AS day,
                   {col('amount')} AS amount_raw,
                   TRY_CAST({amount_text} AS DOUBLE) AS amount,
                   TRY_CAST(nullif({vat_text}, '') AS DOUBLE) AS vat,
                   regexp_replace({col('account')}, '\\s', '', 'g') AS account,
                   {col('function')} AS function,
                   {col('text')} AS text,
                   upper({col('currency', "'NOK'")}) AS currency
            FROM raw LEFT JOIN buyer b ON b.name = {municipality}""")
        problems = con.execute("""
            SELECT line, CASE
                WHEN currency NOT IN ('', 'NOK') THEN 'valuta «' || currency || '», ikke NOK'
                WHEN municipality IS NULL THEN 'ukjent kommune «' || municipality_raw || '»'
                WHEN date_raw = '' THEN 'mangler dato'
                WHEN day IS NULL THEN 'umulig dato «' || date_raw || '»'
                WHEN amount IS NULL THEN 'ugyldig beløp «' || amount_raw || '»'
                WHEN supplier = '' AND supplier_org = '' THEN 'mangler leverandør'
                END AS problem
            FROM parsed WHERE problem IS NOT NULL ORDER BY line""").fetchall()
        skipped += [Skipped(source.file, line, problem) for line, problem in problems]
        con.execute(f"""
            INSERT INTO lines
            SELECT 'regnskap', {_quote(source.file)}, line, invoice_no,
                   CASE WHEN amount < 0 THEN 'kreditnota' ELSE 'faktura' END,
                   municipality, supplier, supplier_org, strftime(day, '%Y-%m-%d'), amount, vat,
                   CASE WHEN hf.function IS NOT NULL THEN coalesce(ac.health, ac.category)
                        ELSE coalesce(ac.category, 'tjenester') END,
                   '', account, art, p.function, text
            FROM (SELECT *, {art_expr} AS art FROM parsed
                  WHERE municipality IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL
                    AND currency IN ('', 'NOK') AND NOT (supplier = '' AND supplier_org = '')) p
            LEFT JOIN art_category ac USING (art)
            LEFT JOIN health_function hf ON hf.function = left(p.function, 3)""")
        con.execute("DROP TABLE raw")
        con.execute("DROP TABLE parsed")
        return skipped

    def _rejects(self, source: LedgerSource) -> list[Skipped]:
        try:
            rows = self.con.execute(
                "SELECT csv_line, error_type FROM reject_errors").fetchall()
        except duckdb.CatalogException:
            return []
        self.con.execute("DELETE FROM reject_errors")
        self.con.execute("DELETE FROM reject_scans")
        skipped = []
        for csv_line, error_type in rows:
            number = (csv_line or "").lstrip("\n").split(source.delimiter, 1)[0]
            line = int(number) if number.isdigit() else None
            problem = {"MISSING COLUMNS": "for få felt", "TOO MANY COLUMNS": "for mange felt",
                       "UNQUOTED VALUE": "feil bruk av anførselstegn"}.get(
                           str(error_type), f"kan ikke leses ({error_type})")
            skipped.append(Skipped(source.file, line, f"{problem} i linjen"))
        return skipped

    # -- the register ----------------------------------------------------------------

    def add_register(self, agreements: list[SpendAgreement], contracts: list[Contract],
                     keyword_matches: list[tuple[str, str]]) -> None:
        con = self.con
        con.execute("CREATE TABLE agreement (agreement_id VARCHAR, name VARCHAR, "
                    "supplier VARCHAR, supplier_org VARCHAR, category VARCHAR, "
                    "valid_from DATE, valid_to DATE, has_codes BOOLEAN)")
        con.execute("CREATE TABLE agreement_municipality (agreement_id VARCHAR, "
                    "municipality VARCHAR)")
        con.execute("CREATE TABLE scope (owner VARCHAR, kind VARCHAR, prefix VARCHAR)")
        con.execute("CREATE TABLE keyword_match (text VARCHAR, agreement_id VARCHAR)")
        con.execute("CREATE TABLE contract (contract_id VARCHAR, supplier_org VARCHAR, "
                    "category VARCHAR, valid_from DATE, valid_to DATE, has_codes BOOLEAN, "
                    "reference VARCHAR)")
        con.execute("CREATE TABLE contract_municipality (contract_id VARCHAR, "
                    "municipality VARCHAR)")
        rows, munis, scopes = [], [], []
        for a in agreements:
            base = a.base
            rows.append((a.id, base.agreement, base.supplier, a.supplier_org, base.category,
                         base.valid_from, base.valid_to, bool(a.scope.cpv or a.scope.accounts)))
            munis += [(a.id, m) for m in base.municipalities]
            scopes += [(a.id, "cpv", p) for p in a.scope.cpv]
            scopes += [(a.id, "art", p) for p in a.scope.accounts]
        crow, cmunis = [], []
        for index, c in enumerate(contracts):
            ident = f"k{index}"
            crow.append((ident, c.supplier_org, c.scope.category, c.valid_from, c.valid_to,
                         bool(c.scope.cpv or c.scope.accounts), c.reference))
            cmunis += [(ident, m) for m in c.municipalities]
            scopes += [(ident, "cpv", p) for p in c.scope.cpv]
            scopes += [(ident, "art", p) for p in c.scope.accounts]
        for table, values in (("agreement", rows), ("agreement_municipality", munis),
                              ("scope", scopes), ("keyword_match", keyword_matches),
                              ("contract", crow), ("contract_municipality", cmunis)):
            self.insert_rows(table, values)

    def insert_rows(self, table: str, rows: list[tuple]) -> None:
        """Bulk-insert Python rows through a TSV file (DuckDB's executemany binds row by
        row and is slow); None becomes NULL, "" stays an empty text."""
        if not rows:
            return
        types = self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        self._bulk += 1
        path = self.workdir / f"bulk{self._bulk}.tsv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerows([NULL if v is None else v for v in row] for row in rows)
        self.con.execute(
            f"INSERT INTO {table} SELECT * FROM read_csv({_quote(str(path))}, delim='\t', "
            f"quote='\"', escape='\"', header=false, auto_detect=false, "
            f"columns={_struct(dict(types))}, nullstr={_quote(NULL)})")
        path.unlink()

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        return self.con.execute(sql, params or []).fetchall()

    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        self.con.execute(sql, params or [])

    def close(self) -> None:
        self.con.close()
