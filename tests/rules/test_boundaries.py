"""Every threshold in every validity period: one krone below, equal, one krone above.

The cases are generated from the threshold data, so a new dated value is tested
without a new test. The expected side of each threshold is stated here, apart
from the rule data, as a second reading of procurement-rules.md §3–§6.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.thresholds import load_thresholds, threshold_set
from rules import decide
from rules.model import Purchase


def _below_lower_limit(day: date) -> str:
    # Below the law's lower limit: direct purchase, or a strategy competition when the
    # strategy's own 100 000 line is lower than the law's limit (from 2026-07-01).
    values = threshold_set(day).values
    below = values["lower_limit"].value - 1
    return "direkte" if below < values["strategy_competition"].value else "konkurranse_strategi"


# threshold -> (category, procedure one below, procedure at/above)
PROCEDURES = {
    "lower_limit": ("varer", _below_lower_limit, lambda day: "del1"),
    "national": ("varer", lambda day: "del1", lambda day: "del2"),
    "eea_goods_services": ("tjenester", lambda day: "del2", lambda day: "del3"),
    "eea_building": ("bygg_anlegg", lambda day: "del2", lambda day: "del3"),
    "eea_health_social": ("helse_sosial", lambda day: "del1", lambda day: "del3"),
}


def _first_covered_day(name: str, start: date) -> date:
    """The first day of a period on which every threshold the decision needs has a value
    (an EEA value from 2020 is tested from the day the lower limit is registered)."""
    needed_later = {
        other: first for other, first in threshold_set(start).missing().items()
        if other != "eea_health_social" or name == "eea_health_social"
    }
    return max([start, *needed_later.values()])


def _periods():
    for name, threshold in sorted(load_thresholds().items()):
        for index, entry in enumerate(threshold.values):
            day = _first_covered_day(name, entry.start)
            ends = threshold.values[index + 1].start if index + 1 < len(threshold.values) else None
            marks = [pytest.mark.skip(reason="no full threshold set in this period")] if (
                ends is not None and day >= ends) else []
            yield pytest.param(name, day, entry.value, id=f"{name}-{entry.start}", marks=marks)


def _decide(value: float, category: str, day: date):
    return decide(Purchase(value=value, vat="eks", category=category, municipality="Selbu",
                           framework=False), day)


@pytest.mark.parametrize(("name", "day", "limit"), list(_periods()))
def test_one_below_equal_one_above(name, day, limit):
    if name in PROCEDURES:
        category, below, above = PROCEDURES[name]
        assert _decide(limit - 1, category, day).procedure.code == below(day)
        assert _decide(limit, category, day).procedure.code == above(day)
        assert _decide(limit + 1, category, day).procedure.code == above(day)
    elif name == "tax_certificate":  # "over 500 000": equal does not trigger it
        for value, expected in ((limit - 1, False), (limit, False), (limit + 1, True)):
            docs = {d.code for d in _decide(value, "tjenester", day).documentation}
            assert ("skatteattest" in docs) is expected, value
    elif name == "strategy_competition":  # competent buyers in KGV from 100 000
        for value, expected in ((limit - 1, "bestiller"), (limit, "vr_innkjop"),
                                (limit + 1, "vr_innkjop")):
            decision = _decide(value, "varer", day)
            assert decision.authority.code == expected
            assert ("kgv" in {d.code for d in decision.documentation}) is (value >= limit)
    else:
        pytest.fail(f"no expectation written for threshold {name}")


def test_day_before_a_change_uses_the_old_value():
    assert _decide(2_250_000, "varer", date(2024, 3, 13)).procedure.code == "del3"
    assert _decide(2_250_000, "varer", date(2024, 3, 14)).procedure.code == "del2"
    assert _decide(300_000, "varer", date(2026, 6, 30)).procedure.code == "del1"
    assert _decide(300_000, "varer", date(2026, 7, 1)).procedure.code == "konkurranse_strategi"


def test_building_below_eea_goods_threshold_has_no_subcontractor_limit():
    docs = {d.code for d in _decide(2_000_000, "bygg_anlegg", date(2026, 3, 1)).documentation}
    assert "underleverandor_ledd" not in docs and "kunngjoring_doffin" in docs
    docs = {d.code for d in _decide(2_300_000, "bygg_anlegg", date(2026, 3, 1)).documentation}
    assert {"underleverandor_ledd", "lonns_og_arbeidsvilkar"} <= docs
