"""Findings from the derived tables (matching.py): each with its invoices, rule, citations
and one Norwegian sentence (templates in knowledge/spend/findings.yaml).

utenfor_avtale, avtale_utlopt, duplikat_faktura and ugyldig_orgnr are queries;
mulig_ulovlig_direkteanskaffelse / mangler_konkurranse_strategi aggregate the
uncovered lines of one supplier and category over the FOA § 5-4 window and let
the rule engine decide each aggregate; mulig_oppdeling looks for invoices close
in time, each below a threshold their sum reaches.
"""

from __future__ import annotations

from datetime import date, timedelta

from assistant.render import CATEGORY_TITLES
from assistant.spend.config import SpendConfig
from assistant.spend.decisions import DecisionCache
from assistant.spend.identity import valid_org
from assistant.spend.model import Finding, InvoiceRef
from assistant.spend.store import SpendStore
from knowledge.thresholds import load_thresholds
from rules.formatting import kr
from rules.titles import title as code_title

MAX_INVOICES = 500
"""At most this many invoices are listed per finding (the count is in `details`)."""


class FindingBuilder:
    def __init__(self, store: SpendStore, config: SpendConfig, cache: DecisionCache) -> None:
        self.store = store
        self.config = config
        self.cache = cache
        self.parameters = config.parameters

    def make(self, code: str, *, municipality: str, supplier: str, supplier_org: str,
             category: str, amount: float, invoices: list[InvoiceRef], count: int,
             values: dict[str, object], procedure: str | None = None,
             citations: tuple[str, ...] = (), trace: tuple[dict, ...] = ()) -> Finding:
        kind = self.config.findings[code]
        fields = {"municipality": municipality, "supplier": supplier or supplier_org,
                  "supplier_org": supplier_org or "mangler", "amount": kr(amount),
                  "category_title": CATEGORY_TITLES.get(category, category), **values}
        return Finding(
            code=code, municipality=municipality, supplier=supplier, supplier_org=supplier_org,
            category=category, amount_excl_vat=round(amount, 2), invoices=invoices,
            citations=list(dict.fromkeys([*kind.citations, *citations])),
            text=kind.text.format(**fields), rule=kind.rule, procedure_required=procedure,
            details={"invoice_count": count, **{k: v for k, v in values.items()
                                                if isinstance(v, str | int | float)}},
            trace=list(trace))

    def invoice_groups(self, selection: str, params: list[object] | None = None
                       ) -> dict[tuple, tuple[list[InvoiceRef], int]]:
        """The invoices behind many findings in one query.

        `selection` is SQL giving columns g (a group key, any type) and id (a spend line);
        the result maps each key to its invoices (date order, at most MAX_INVOICES) and
        their number."""
        rows = self.store.query(f"""
            WITH sel AS ({selection})
            SELECT sel.g, s.file, min(s.line), s.invoice_no, strftime(min(s.day), '%Y-%m-%d'),
                   sum(s.amount)
            FROM sel JOIN spend s USING (id)
            GROUP BY sel.g, s.file, s.invoice_no
            ORDER BY sel.g, min(s.day), s.file, s.invoice_no""", params)
        groups: dict[tuple, tuple[list[InvoiceRef], int]] = {}
        for key, file, line, number, day, amount in rows:
            key = tuple(key) if isinstance(key, list | tuple) else (key,)
            refs, count = groups.get(key, ([], 0))
            if count < MAX_INVOICES:
                refs.append(InvoiceRef(file, line, number, day, round(amount, 2)))
            groups[key] = (refs, count + 1)
        return groups

    def main_categories(self) -> dict[tuple[str, str], str]:
        """The category with most spend per (municipality, supplier key)."""
        rows = self.store.query("""
            SELECT municipality, skey, arg_max(category, total) FROM (
                SELECT municipality, skey, category, sum(amount) AS total FROM spend
                WHERE counted GROUP BY ALL) GROUP BY municipality, skey""")
        return {(m, k): c for m, k, c in rows}

    # -- agreements -------------------------------------------------------------------

    def _agreement_findings(self, code: str, condition: str) -> list[Finding]:
        rows = self.store.query(f"""
            SELECT s.municipality, s.skey, any_value(s.supplier), any_value(s.supplier_org),
                   st.agreement_id, any_value(a.name), any_value(a.supplier),
                   strftime(any_value(a.valid_to), '%d.%m.%Y'), any_value(a.category),
                   sum(s.amount)
            FROM line_status st JOIN spend s USING (id) JOIN flags f USING (id)
            JOIN agreement a USING (agreement_id)
            WHERE {condition} AND NOT f.covered
            GROUP BY s.municipality, s.skey, st.agreement_id
            HAVING sum(s.amount) > 0 ORDER BY sum(s.amount) DESC""")
        invoices = self.invoice_groups(f"""
            SELECT [s.municipality, s.skey, st.agreement_id] AS g, s.id
            FROM line_status st JOIN spend s USING (id) JOIN flags f USING (id)
            WHERE {condition} AND NOT f.covered""")
        findings = []
        for muni, skey, supplier, org, ident, name, a_supplier, valid_to, category, total in rows:
            refs, count = invoices[(muni, skey, ident)]
            findings.append(self.make(
                code, municipality=muni, supplier=supplier, supplier_org=org, category=category,
                amount=total, invoices=refs, count=count,
                values={"agreement": name, "agreement_id": ident, "agreement_supplier": a_supplier,
                        "valid_to": valid_to or ""}))
        return findings

    def outside_agreement(self) -> list[Finding]:
        return self._agreement_findings("utenfor_avtale", "st.valid AND NOT st.own")

    def expired_agreement(self) -> list[Finding]:
        return self._agreement_findings("avtale_utlopt", "st.expired AND st.own")

    # -- 12-month aggregates decided by the rule engine ---------------------------------

    def aggregates(self) -> list[tuple[str, str, str, str, str, date, float]]:
        days = int(self.parameters["aggregate_days"]) - 1
        return self.store.query(f"""
            WITH d AS (
                SELECT municipality, skey, category, day, sum(amount) AS amount
                FROM spend s JOIN flags f USING (id) WHERE NOT f.covered
                GROUP BY municipality, skey, category, day),
            w AS (
                SELECT *, sum(amount) OVER (
                    PARTITION BY municipality, skey, category ORDER BY day
                    RANGE BETWEEN INTERVAL {days} DAYS PRECEDING AND CURRENT ROW) AS total
                FROM d)
            SELECT w.municipality, w.skey, any_value(n.supplier), any_value(n.supplier_org),
                   w.category, arg_max(w.day, w.total), max(w.total)
            FROM w JOIN (SELECT skey, any_value(supplier) AS supplier,
                                any_value(supplier_org) AS supplier_org
                         FROM spend GROUP BY skey) n USING (skey)
            GROUP BY w.municipality, w.skey, w.category
            HAVING max(w.total) > 0
            ORDER BY max(w.total) DESC, w.municipality, w.skey""")

    def direct_awards(self) -> list[Finding]:
        direct = set(self.parameters.get("procedures_direct_award", []))
        strategy = set(self.parameters.get("procedures_strategy", []))
        days = int(self.parameters["aggregate_days"]) - 1
        flagged = []
        for muni, skey, supplier, org, category, end, total in self.aggregates():
            verdict = self.cache.decide(total, category, muni, end)
            if verdict.procedure in direct:
                code = "mulig_ulovlig_direkteanskaffelse"
            elif verdict.procedure in strategy:
                code = "mangler_konkurranse_strategi"
            else:
                continue
            flagged.append((code, muni, skey, supplier, org, category, end, total, verdict))
        self.store.execute("CREATE OR REPLACE TEMP TABLE flagged (municipality VARCHAR, "
                           "skey VARCHAR, category VARCHAR, first_day DATE, last_day DATE)")
        self.store.insert_rows("flagged", [
            (m, k, c, e - timedelta(days=days), e) for _, m, k, _, _, c, e, _, _ in flagged])
        invoices = self.invoice_groups("""
            SELECT [a.municipality, a.skey, a.category] AS g, s.id
            FROM flagged a JOIN spend s ON s.municipality = a.municipality AND s.skey = a.skey
              AND s.category = a.category AND s.day BETWEEN a.first_day AND a.last_day
            JOIN flags f ON f.id = s.id WHERE NOT f.covered""")
        findings = []
        for code, muni, skey, supplier, org, category, end, total, verdict in flagged:
            start = end - timedelta(days=days)
            refs, count = invoices.get((muni, skey, category), ([], 0))
            period = f"{refs[0].date if refs else start} – {end.isoformat()}"
            findings.append(self.make(
                code, municipality=muni, supplier=supplier, supplier_org=org, category=category,
                amount=total, invoices=refs, count=count, procedure=verdict.procedure,
                citations=verdict.citations, trace=verdict.trace,
                values={"period": period,
                        "procedure_title": code_title("procedure", verdict.procedure),
                        "strategy_limit": kr(verdict.thresholds.get("strategy_competition", 0)),
                        "unverified_thresholds": ", ".join(verdict.unverified)}))
        return findings

    # -- splitting --------------------------------------------------------------------

    def _split_thresholds(self) -> list[tuple]:
        """(category, name, label, value, from, to) for every value of every threshold a
        split may try to stay under (parameters.split_thresholds), with its period."""
        thresholds = load_thresholds()
        rows = []
        for category, names in self.parameters["split_thresholds"].items():
            for name in names:
                threshold = thresholds.get(name)
                if threshold is None:
                    continue
                values = threshold.values
                for index, value in enumerate(values):
                    until = (values[index + 1].start - timedelta(days=1)
                             if index + 1 < len(values) else date(9999, 12, 31))
                    rows.append((category, name, threshold.label, value.value, value.start,
                                 until))
        return rows

    def splits(self) -> list[Finding]:
        """Windows of `split_window_days` ending at an invoice date where each invoice is
        below a threshold in force that their sum reaches; per supplier the window reaching
        the highest threshold (the earliest of those). All in SQL."""
        window = int(self.parameters["split_window_days"]) - 1
        minimum = int(self.parameters["split_min_invoices"])
        self.store.execute("CREATE OR REPLACE TEMP TABLE split_threshold (category VARCHAR, "
                           "name VARCHAR, label VARCHAR, value DOUBLE, valid_from DATE, "
                           "valid_to DATE)")
        self.store.insert_rows("split_threshold", self._split_thresholds())
        self.store.execute(f"""
            CREATE OR REPLACE TEMP TABLE split_window AS
            WITH d AS (
                SELECT s.municipality, s.skey, s.category, s.file, s.invoice_no,
                       min(s.day) AS day, sum(s.amount) AS amount
                FROM spend s JOIN flags f USING (id) WHERE NOT f.covered
                GROUP BY s.municipality, s.skey, s.category, s.file, s.invoice_no
                HAVING sum(s.amount) > 0),
            w AS (
                SELECT municipality, skey, category, day,
                       sum(amount) OVER win AS total, max(amount) OVER win AS largest,
                       count(*) OVER win AS n
                FROM d WINDOW win AS (PARTITION BY municipality, skey, category ORDER BY day
                                      RANGE BETWEEN INTERVAL {window} DAYS PRECEDING
                                      AND CURRENT ROW)),
            hit AS (
                SELECT DISTINCT w.municipality, w.skey, w.category, w.day, w.total, t.name,
                       t.label, t.value
                FROM w JOIN split_threshold t ON t.category = w.category
                  AND w.day BETWEEN t.valid_from AND t.valid_to
                WHERE w.n >= {minimum} AND w.largest < t.value AND w.total + 0.005 >= t.value),
            best AS (
                SELECT municipality, skey, category, max(value) AS value FROM hit
                GROUP BY municipality, skey, category)
            SELECT h.municipality, h.skey, h.category, min(h.day) AS last_day,
                   min(h.day) - INTERVAL {window} DAYS AS first_day,
                   any_value(h.name) AS name, any_value(h.label) AS label, b.value
            FROM hit h JOIN best b USING (municipality, skey, category)
            WHERE h.value = b.value GROUP BY h.municipality, h.skey, h.category, b.value""")
        rows = self.store.query("""
            SELECT w.municipality, w.skey, n.supplier, n.supplier_org, w.category, w.name,
                   w.label, w.value
            FROM split_window w JOIN (SELECT skey, any_value(supplier) AS supplier,
                                             any_value(supplier_org) AS supplier_org
                                      FROM spend GROUP BY skey) n USING (skey)
            ORDER BY w.municipality, w.skey, w.category""")
        invoices = self.invoice_groups("""
            SELECT [w.municipality, w.skey, w.category] AS g, s.id
            FROM split_window w JOIN spend s ON s.municipality = w.municipality
              AND s.skey = w.skey AND s.category = w.category
              AND s.day BETWEEN w.first_day AND w.last_day
            JOIN flags f ON f.id = s.id WHERE NOT f.covered""")
        findings = []
        for muni, skey, supplier, org, category, name, label, value in rows:
            refs, count = invoices.get((muni, skey, category), ([], 0))
            refs = [r for r in refs if r.amount_excl_vat > 0]
            days = (date.fromisoformat(refs[-1].date) - date.fromisoformat(refs[0].date)).days + 1
            findings.append(self.make(
                "mulig_oppdeling", municipality=muni, supplier=supplier, supplier_org=org,
                category=category, amount=sum(r.amount_excl_vat for r in refs), invoices=refs,
                count=len(refs),
                values={"count": len(refs), "days": days, "threshold": kr(value),
                        "threshold_title": label, "threshold_name": name}))
        return findings

    # -- invoice control ----------------------------------------------------------------

    def duplicates(self) -> list[Finding]:
        minimum = float(self.parameters["duplicate_min_amount"])
        groups = self.store.query("""
            SELECT municipality, skey, any_value(supplier), any_value(supplier_org),
                   'nummer', invoice_no, NULL, NULL, list(file || '|' || invoice_no) AS keys
            FROM invoice WHERE invoice_no <> ''
            GROUP BY municipality, skey, invoice_no HAVING count(*) >= 2
            UNION ALL
            SELECT municipality, skey, any_value(supplier), any_value(supplier_org),
                   'beløp', NULL, amount, day, list(file || '|' || invoice_no)
            FROM invoice WHERE amount >= ?
            GROUP BY municipality, skey, day, amount HAVING count(DISTINCT invoice_no) >= 2
            UNION ALL
            SELECT municipality, skey, any_value(supplier), any_value(supplier_org),
                   'linje', invoice_no, NULL, NULL, list(DISTINCT file || '|' || invoice_no)
            FROM spend s SEMI JOIN (SELECT file, skey, invoice_no FROM invoice
                                    WHERE lines > 1 AND kind = 'regnskap') i
                 USING (file, skey, invoice_no)
            WHERE counted
            GROUP BY municipality, skey, file, invoice_no, day, amount, account, text
            HAVING count(*) >= 2""", [minimum])
        self.store.execute("CREATE OR REPLACE TEMP TABLE dup_key (g INTEGER, municipality "
                           "VARCHAR, skey VARCHAR, file VARCHAR, invoice_no VARCHAR)")
        keyed = [(index, muni, skey, *k.split("|", 1))
                 for index, (muni, skey, *_rest, keys) in enumerate(groups) for k in keys]
        self.store.insert_rows("dup_key", keyed)
        invoices = self.invoice_groups("""
            SELECT d.g, s.id FROM dup_key d
            JOIN spend s USING (municipality, skey, file, invoice_no) WHERE s.counted""")
        categories = self.main_categories()
        findings = []
        for index, (muni, skey, supplier, org, kind, number, amount, day, _keys) in enumerate(
                groups):
            reason = {
                "nummer": f"samme fakturanummer {number} to ganger",
                "beløp": f"samme beløp {kr(amount or 0)} samme dag "
                         f"({day.strftime('%d.%m.%Y') if day else ''}) med ulike fakturanumre",
                "linje": f"samme linje (faktura {number}) to ganger i samme fil",
            }[kind]
            refs, count = invoices.get((index,), ([], 0))
            total = sum(r.amount_excl_vat for r in refs)
            invoice_list = ", ".join(sorted({r.invoice_no for r in refs}))
            findings.append(self.make(
                "duplikat_faktura", municipality=muni, supplier=supplier, supplier_org=org,
                category=categories.get((muni, skey), ""), amount=total, invoices=refs,
                count=count, values={"reason": reason, "invoices": invoice_list}))
        return findings

    def invalid_org_numbers(self) -> list[Finding]:
        rows = self.store.query("""
            SELECT municipality, supplier_org, any_value(supplier), sum(amount)
            FROM spend WHERE counted AND supplier_org <> ''
            GROUP BY municipality, supplier_org ORDER BY municipality, supplier_org""")
        invalid = [(muni, org, supplier, total) for muni, org, supplier, total in rows
                   if not valid_org(org)]
        self.store.execute("CREATE OR REPLACE TEMP TABLE invalid_org (municipality VARCHAR, "
                           "supplier_org VARCHAR)")
        self.store.insert_rows("invalid_org", [(m, o) for m, o, _, _ in invalid])
        invoices = self.invoice_groups("""
            SELECT [s.municipality, s.supplier_org] AS g, s.id FROM invalid_org i
            JOIN spend s USING (municipality, supplier_org) WHERE s.counted""")
        categories = self.main_categories()
        findings = []
        for muni, org, supplier, total in invalid:
            refs, count = invoices.get((muni, org), ([], 0))
            findings.append(self.make(
                "ugyldig_orgnr", municipality=muni, supplier=supplier, supplier_org=org,
                category=categories.get((muni, org), ""), amount=total, invoices=refs,
                count=count, values={}))
        return findings

    def all(self) -> list[Finding]:
        return [*self.outside_agreement(), *self.direct_awards(), *self.splits(),
                *self.duplicates(), *self.expired_agreement(), *self.invalid_org_numbers()]
