"""Derived tables in DuckDB: which lines count, which agreement scopes they fall in,
whether an agreement or a won contract covers them, and one row per invoice.

- `spend`: the lines in the period, with a supplier key; an accounting line for an
  invoice that is also present as EHF is not counted twice (`counted`).
- `line_status`: (line, agreement) for every agreement whose scope (CPV prefix, art
  prefix, or for an agreement without codes a keyword in the text and the same
  category) holds the line, for that municipality: valid on the date? the
  agreement's own supplier? after valid_to?
- `flags`: per counted line, `covered` (on a valid agreement of its own supplier,
  or within a won contract).
- `invoice`: one row per (file, supplier, invoice number) of counted lines.
"""

from __future__ import annotations

from datetime import date

from assistant.spend.store import SpendStore

FAR_PAST = "DATE '0001-01-01'"
FAR_FUTURE = "DATE '9999-12-31'"


def build(store: SpendStore, start: date | None, end: date | None) -> None:
    where = ["TRUE"]
    params: list[object] = []
    if start:
        where.append("CAST(date AS DATE) >= ?")
        params.append(start)
    if end:
        where.append("CAST(date AS DATE) <= ?")
        params.append(end)
    store.execute(f"""
        CREATE TABLE spend AS
        WITH base AS (
            SELECT *, CAST(date AS DATE) AS day,
                   CASE WHEN supplier_org <> '' THEN supplier_org
                        ELSE 'navn:' || lower(trim(supplier)) END AS skey
            FROM lines WHERE {' AND '.join(where)}),
        ehf_docs AS (
            SELECT DISTINCT skey, invoice_no FROM base WHERE kind = 'ehf' AND invoice_no <> '')
        SELECT row_number() OVER () AS id, b.*,
               (b.kind = 'ehf' OR e.skey IS NULL) AS counted
        FROM base b LEFT JOIN ehf_docs e  -- a pure equi-join (hashed); kind is tested above
          ON e.skey = b.skey AND e.invoice_no = b.invoice_no""", params)
    store.execute("DROP TABLE lines")  # everything below reads `spend`
    store.execute("""
        CREATE TABLE line_scope AS
        SELECT DISTINCT s.id, a.agreement_id FROM spend s
        JOIN agreement_municipality am ON am.municipality = s.municipality
        JOIN agreement a ON a.agreement_id = am.agreement_id
        JOIN scope sc ON sc.owner = a.agreement_id
        WHERE s.counted AND (
              (sc.kind = 'cpv' AND s.cpv <> '' AND starts_with(s.cpv, sc.prefix))
           OR (sc.kind = 'art' AND s.art <> '' AND starts_with(s.art, sc.prefix)))
        UNION
        SELECT s.id, a.agreement_id FROM spend s
        JOIN keyword_match k ON k.text = s.text
        JOIN agreement a ON a.agreement_id = k.agreement_id AND NOT a.has_codes
                        AND a.category = s.category
        JOIN agreement_municipality am ON am.agreement_id = a.agreement_id
                                      AND am.municipality = s.municipality
        WHERE s.counted""")
    store.execute(f"""
        CREATE TABLE line_status AS
        SELECT ls.id, ls.agreement_id,
               s.day BETWEEN coalesce(a.valid_from, {FAR_PAST})
                         AND coalesce(a.valid_to, {FAR_FUTURE}) AS valid,
               ((a.supplier_org <> '' AND s.supplier_org = a.supplier_org)
                OR lower(trim(s.supplier)) = lower(trim(a.supplier))) AS own,
               coalesce(s.day > a.valid_to, FALSE) AS expired
        FROM line_scope ls JOIN spend s USING (id) JOIN agreement a USING (agreement_id)""")
    store.execute(f"""
        CREATE TABLE contract_cover AS
        SELECT DISTINCT s.id FROM spend s
        JOIN contract c ON c.supplier_org = s.supplier_org
        JOIN contract_municipality cm ON cm.contract_id = c.contract_id
                                     AND cm.municipality = s.municipality
        LEFT JOIN scope sc ON sc.owner = c.contract_id
        WHERE s.counted
          AND s.day BETWEEN coalesce(c.valid_from, {FAR_PAST})
                        AND coalesce(c.valid_to, {FAR_FUTURE})
          AND (c.category IS NULL OR c.category = s.category)
          AND (NOT c.has_codes
               OR (sc.kind = 'cpv' AND s.cpv <> '' AND starts_with(s.cpv, sc.prefix))
               OR (sc.kind = 'art' AND s.art <> '' AND starts_with(s.art, sc.prefix)))""")
    store.execute("""
        CREATE TABLE flags AS
        SELECT s.id,
               coalesce(bool_or(st.valid AND st.own), FALSE) OR bool_or(cc.id IS NOT NULL)
                   AS covered
        FROM spend s LEFT JOIN line_status st USING (id) LEFT JOIN contract_cover cc USING (id)
        WHERE s.counted GROUP BY s.id""")
    store.execute("""
        CREATE TABLE invoice AS
        SELECT file, min(line) AS line, municipality, skey, any_value(supplier) AS supplier,
               any_value(supplier_org) AS supplier_org, invoice_no, min(day) AS day,
               sum(amount) AS amount, any_value(kind) AS kind, count(*) AS lines
        FROM spend WHERE counted GROUP BY file, municipality, skey, invoice_no""")
