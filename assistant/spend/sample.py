"""Random check by monetary-unit sampling (probability proportional to amount).

Each krone of positive net spend is a sampling unit; N points are taken at a
fixed interval J = total / N from a random start in [0, J) drawn from the seed,
and the invoice holding each point is selected (an invoice larger than J may be
hit more than once and is listed once with its number of hits). The same data,
N and seed always give the same sample. Done in SQL over the invoices.
"""

from __future__ import annotations

import random

from assistant.spend.model import SampleItem
from assistant.spend.store import SpendStore


def monetary_unit_sample(store: SpendStore, size: int, seed: int) -> list[SampleItem]:
    if size <= 0:
        return []
    total = store.query("SELECT coalesce(sum(amount), 0) FROM invoice WHERE amount > 0")[0][0]
    if total <= 0:
        return []
    interval = total / size
    start = random.Random(seed).random() * interval
    rows = store.query("""
        WITH c AS (
            SELECT *, sum(amount) OVER (ORDER BY file, line, invoice_no
                                        ROWS UNBOUNDED PRECEDING) AS upper_cum
            FROM invoice WHERE amount > 0),
        h AS (
            SELECT *, greatest(0, floor((upper_cum - ?) / ?) + 1)
                      - greatest(0, floor((upper_cum - amount - ?) / ?) + 1) AS hits
            FROM c)
        SELECT file, line, municipality, supplier, supplier_org, invoice_no,
               strftime(day, '%Y-%m-%d'), amount, CAST(hits AS INTEGER)
        FROM h WHERE hits > 0 ORDER BY file, line, invoice_no""",
                       [start, interval, start, interval])
    return [SampleItem(*row) for row in rows]
