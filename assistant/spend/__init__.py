"""Spend analysis (`innkjop analyse`): invoices and accounting lines against the rules.

EHF / PEPPOL BIS Billing 3.0 invoices and credit notes (ehf.py) and accounting
exports in CSV or XLSX (ledger.py, textfile.py) become lines in an embedded
DuckDB database (store.py). Aggregates of those lines are compared with the
agreement register (register.py) and decided by the rule engine like any
purchase (decisions.py), giving findings with citations (findings.py), agreement
loyalty, a monetary-unit sample (sample.py) and reports (report*.py).
`analysis.analyse()` ties it together. Nothing here is imported by `check` or
`ask`: DuckDB is loaded only by this package.
"""
