"""Findings from the derived tables (matching.py): each with its invoices, rule, citations
and one Norwegian sentence (templates in knowledge/spend/findings.yaml).

utenfor_avtale, avtale_utlopt, duplikat_faktura and ugyldig_orgnr are queries;
mulig_ulovlig_direkteanskaffelse / mangler_konkurranse_strategi aggregate the
uncovered lines of one supplier and category over the FOA § 5-4 window and let
the rule engine decide each aggregate; mulig_oppdeling looks for invoices close
in time, each below a threshold their sum reaches.
"""

from __future__ import annotations

from collections import deque
from datetime import date, timedelta
from functools import lru_cache

from assistant.render import CATEGORY_TITLES, PROCEDURE_TITLES
from assistant.spend.config import SpendConfig
from assistant.spend.decisions import DecisionCache
from assistant.spend.identity import valid_org
from assistant.spend.model import Finding, InvoiceRef
from assistant.spend.store import SpendStore
from knowledge.thresholds import threshold_set
from rules.formatting import kr


@lru_cache(maxsize=512)
def _thresholds(day: date, names: tuple[str, ...]) -> tuple[tuple[str, float, str], ...]:
    """(name, value, label) of the named thresholds in force on `day`."""
    thresholds = threshold_set(day)
    return tuple((name, thresholds.values[name].value, thresholds.thresholds[name].label)
                 for name in names if name in thresholds.values)


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
                        "procedure_title": PROCEDURE_TITLES.get(verdict.procedure or "",
                                                                str(verdict.procedure)),
                        "strategy_limit": kr(verdict.thresholds.get("strategy_competition", 0)),
                        "unverified_thresholds": ", ".join(verdict.unverified)}))
        return findings

    # -- splitting --------------------------------------------------------------------

    def splits(self) -> list[Finding]:
        window = int(self.parameters["split_window_days"])
        minimum = int(self.parameters["split_min_invoices"])
        rows = self.store.query("""
            SELECT s.municipality, s.skey, any_value(s.supplier), any_value(s.supplier_org),
                   s.category, s.file, s.invoice_no, min(s.day), sum(s.amount), min(s.line)
            FROM spend s JOIN flags f USING (id)
            JOIN (SELECT municipality, skey, category FROM spend s2 JOIN flags f2 USING (id)
                  WHERE NOT f2.covered AND s2.amount > 0
                  GROUP BY municipality, skey, category HAVING sum(s2.amount) >= ?) g
              ON g.municipality = s.municipality AND g.skey = s.skey AND g.category = s.category
            WHERE NOT f.covered
            GROUP BY s.municipality, s.skey, s.category, s.file, s.invoice_no
            HAVING sum(s.amount) > 0
            ORDER BY s.municipality, s.skey, s.category, min(s.day), s.file, s.invoice_no""",
                               [self._smallest_split_threshold()])
        groups: dict[tuple, list[tuple]] = {}
        for row in rows:
            groups.setdefault((row[0], row[1], row[4]), []).append(row)
        findings = []
        for (muni, _skey, category), docs in groups.items():
            best = self._best_split(docs, category, window, minimum)
            if best is None:
                continue
            chosen, name, value, label = best
            total = sum(d[8] for d in chosen)
            refs = [InvoiceRef(d[5], d[9], d[6], d[7].isoformat(), round(d[8], 2))
                    for d in chosen]
            findings.append(self.make(
                "mulig_oppdeling", municipality=muni, supplier=docs[0][2],
                supplier_org=docs[0][3], category=category, amount=total, invoices=refs,
                count=len(refs),
                values={"count": len(chosen), "days": (chosen[-1][7] - chosen[0][7]).days + 1,
                        "threshold": kr(value), "threshold_title": label,
                        "threshold_name": name}))
        return findings

    def _smallest_split_threshold(self) -> float:
        """The lowest value any split threshold has in the data's period (a group whose
        positive invoices never reach it cannot be a split)."""
        days = self.store.query("SELECT DISTINCT day FROM spend WHERE counted")
        names = tuple(n for group in self.parameters["split_thresholds"].values() for n in group)
        values = [value for (day,) in days for _, value, _ in _thresholds(day, names)]
        return min(values, default=0.0)

    def _best_split(self, docs: list[tuple], category: str, window: int, minimum: int):
        """The window of invoices reaching the highest threshold that each stays under.

        Two pointers over the invoices in date order: the window ends at each invoice and
        holds those at most `window` days before it (running sum, running maximum)."""
        names = self.parameters["split_thresholds"].get(category, [])
        best = None
        first = 0
        total = 0.0
        peaks: deque[int] = deque()  # indices of a decreasing run of amounts in the window
        for end_index, last in enumerate(docs):
            total += last[8]
            while peaks and docs[peaks[-1]][8] <= last[8]:
                peaks.pop()
            peaks.append(end_index)
            start_day = last[7] - timedelta(days=window - 1)
            while docs[first][7] < start_day:
                total -= docs[first][8]
                first += 1
            while peaks[0] < first:
                peaks.popleft()
            if end_index - first + 1 < minimum:
                continue
            largest = docs[peaks[0]][8]
            for name, value, label in _thresholds(last[7], tuple(names)):
                if largest < value <= total + 0.005 and (best is None or value > best[2]):
                    best = (docs[first:end_index + 1], name, value, label)
        return best

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
            FROM spend WHERE counted AND kind = 'regnskap'
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
