"""Amounts that are parts of one purchase, listed one after the other.

"8 bord à 5 500 kr, 24 stoler à 1 800 kr og en whiteboardtavle til 6 500 kr" (also "1
oppvaskmaskin til 245 000": the line's price, and "delkontrakt 2 gulv 520 000": a lot's number),
"grunnarbeid 1,2 mill, råbygg 4,1 mill og uteområde 650 000 kr", "honorar 95 000 kr,
i tillegg lyd og lys for 30 000": each amount after the first follows a separator
(a comma, "og", "+", "samt", "pluss", "i tillegg") and the few words naming its item.
An amount led by other words ("budsjett 250 000", "tilbudet var 300 000", "totalt
100 000", a new sentence) is no part. The rules add the parts (rules/estimate.py); this
module only says which amounts they are.
"""

from __future__ import annotations

import re

from assistant.amounts import Amount
from assistant.quantities import UnitPrice

_SEPARATOR = (r"(?:,|;|\+|\bog\b|\bsamt\b|\bpluss\b|\bi\s+tillegg\b|\btillegg\b"
              r"|\n\s*(?:[-*•]|\d{1,2}[.)])?)")
"""Between listed parts: a comma, "og", "+", or a new line (with a bullet or "1)")."""
_NOT_AN_ITEM = (
    r"budsjett\w*|tilbud\w*|maks\w*|ramme\w*|anslag\w*|anslått\w*|estimat\w*|total\w*|"
    r"samlet|sum\w*|sammen|tilsammen|alt|eller|tidligere|kjøpt\w*|kjøpte|fjor|allerede|mellom|per|pr|"
    r"mnd|måned\w*|uke\w*|kvartal\w*|mva|moms|eks\w*|inkl\w*|ikke|var|er|blir|ble")
_AMOUNT_WORD = r"(?:kr\.?|kroner|nok|,-)"
_VAT_AFTER = r"(?:(?:eks|ekskl|inkl|inkludert)\w*\.?\s*(?:mva|moms)\.?)"
_LEAD_RE = re.compile(
    rf"^(?P<before>[^.?!;]*?)(?:{_SEPARATOR}\s*)+(?P<item>(?:\d{{1,3}}\s+)?"
    rf"(?:[^\W\d_][\w/²³-]*\s+(?:\d{{1,2}}\s+)?){{1,8}}?)"
    r"(?:(?:til|for|på|à|:|=)\s*)?(?:kr\.?\s*|nok\s*)?$", re.IGNORECASE)
_AFTER_AMOUNT_RE = re.compile(
    rf"^\s*{_AMOUNT_WORD}?\s*(?:(?:per|pr\.?|/)\s*[\w²³]+\.?|stk\.?)?\s*{_VAT_AFTER}?\s*\)?\s*$",
    re.IGNORECASE)
"""What may follow a part's amount before the separator: "kr", "per m²", "eks mva"."""
_SEPARATED_RE = re.compile(rf"^\s*{_AMOUNT_WORD}?\s*{_VAT_AFTER}?\s*{_SEPARATOR}\s*$",
                           re.IGNORECASE)
_ITEM_WORD_BLOCK = re.compile(rf"\b(?:{_NOT_AN_ITEM})\b", re.IGNORECASE)


def _is_lead(between: str) -> bool:
    """The words between one part and the next: its unit words, a separator, the item."""
    match = _LEAD_RE.match(between)
    if match is None or not _AFTER_AMOUNT_RE.match(match.group("before")):
        return False
    return not _ITEM_WORD_BLOCK.search(match.group("item"))


def _extent(unit_price: UnitPrice) -> tuple[int, int]:
    """Where a unit price's words begin and end ("30 aksesspunkter à 3 900 kr")."""
    spans = (*unit_price.spans, (unit_price.amount.start, unit_price.amount.end))
    return min(s for s, _ in spans), max(e for _, e in spans)


def listed_parts(text: str, money: list[Amount], unit_prices: list[UnitPrice]) -> list[Amount]:
    """The amounts listed beside the first part (a unit price or an amount) that are parts
    of its purchase, in order; empty when there is no such list."""
    priced = {id(u.amount) for u in unit_prices}
    # a unit price spans its count and unit words; another amount its own digits
    extent = {id(a): (a.start, a.end) for a in money} | {
        id(u.amount): _extent(u) for u in unit_prices}
    spans = [s for u in unit_prices for s in u.spans]
    items = sorted(
        [a for a in money if id(a) in priced or not any(s <= a.start < e for s, e in spans)],
        key=lambda a: extent[id(a)][0])
    if len(items) < 2:
        return []
    chain = [items[0]]
    for previous, amount in zip(items, items[1:], strict=False):
        between = text[extent[id(previous)][1]:extent[id(amount)][0]]
        if id(amount) in priced and id(previous) in priced:
            chain.append(amount)  # unit prices are lines of their own (assistant/quantities)
        elif id(amount) in priced and _SEPARATED_RE.match(between):
            chain.append(amount)  # "et klatrestativ til 180 000 kr, 2 huskestativ à 45 000"
        elif _is_lead(between):
            chain.append(amount)
        else:
            break
    parts = [a for a in chain if id(a) not in priced]
    return parts if len(chain) > 1 else []
