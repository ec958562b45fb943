"""Contract length from a date range: "fra januar 2026 ut 2027" (24 months),
"01.03.2025–28.02.2027" (24), "fra 1.9.2026 til 31.8.2029" (36), "for perioden
2026–2028" (36), "fra august 2026 til og med juli 2028" (24), "fra august til
desember" (5).

A range needs both ends written. An end written as a month or a year runs to the
end of that month or year ("ut 2027", "til juli 2028", "2026–2028": the last year
counts); an end written as a day is that day. The length is whole months,
rounded, as the rules count durations (rules/model.py `duration_months`).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.periods import MONTHS, Found

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"


def _point_pattern(p: str) -> str:
    """One end of a range, its groups named with prefix `p`: a day (dotted, ISO or named
    month), a month and year, or a year."""
    return (rf"(?P<{p}day>\d{{1,2}})[./](?P<{p}dmonth>\d{{1,2}})[./-](?P<{p}dyear>{_YEAR})"
            rf"|(?P<{p}iso>{_YEAR}-\d{{1,2}}-\d{{1,2}})"
            rf"|(?P<{p}nday>\d{{1,2}})\.?\s+(?P<{p}nmonth>{_MONTH})\.?\s+(?P<{p}nyear>{_YEAR})"
            rf"|(?P<{p}month>{_MONTH})\.?\s+(?P<{p}myear>{_YEAR})"
            rf"|(?P<{p}year>{_YEAR})")


_START_WORDS = (r"(?:fra\s+og\s+med|f\.?o\.?m\.?|fra|oppstart|start|perioden|i\s+perioden"
                r"|for\s+perioden)")
_JOIN_WORDS = (r"(?:\s*(?:[-–—]|til\s+og\s+med|t\.?o\.?m\.?|fram\s+til|frem\s+til|"
               r"til\s+utgangen\s+av|til|(?:og\s+)?ut(?:\s+året)?)\s*)")
RANGE_RE = re.compile(
    rf"(?:\b{_START_WORDS}\s+(?:(?:i|den|med)\s+)?)?(?<![\d.,/-])"
    rf"(?:{_point_pattern('a')}|(?P<amonthonly>{_MONTH})(?=\s*(?:[-–—]|til\b)))"
    rf"(?P<join>{_JOIN_WORDS})(?:(?:i|den|utgangen\s+av)\s+)?"
    rf"(?:{_point_pattern('b')})(?![\d.,]\d)",
    re.IGNORECASE)
_BARE_JOIN_RE = re.compile(r"^\s*[-–—]\s*$")


@dataclass(frozen=True)
class _Point:
    first: date
    """The first day the point covers."""
    last: date
    """The last day it covers (a month's or a year's last day; a day itself)."""


def _point(match: re.Match[str], prefix: str) -> _Point | None:
    group = match.groupdict()
    try:
        if group[f"{prefix}day"]:
            day = date(int(group[f"{prefix}dyear"]), int(group[f"{prefix}dmonth"]),
                       int(group[f"{prefix}day"]))
            return _Point(day, day)
        if group[f"{prefix}iso"]:
            day = date.fromisoformat(_padded_iso(group[f"{prefix}iso"]))
            return _Point(day, day)
        if group[f"{prefix}nday"]:
            day = date(int(group[f"{prefix}nyear"]), MONTHS[group[f"{prefix}nmonth"].lower()],
                       int(group[f"{prefix}nday"]))
            return _Point(day, day)
        if group[f"{prefix}month"]:
            year, month = int(group[f"{prefix}myear"]), MONTHS[group[f"{prefix}month"].lower()]
            return _Point(date(year, month, 1), date(year, month, monthrange(year, month)[1]))
        if group.get(f"{prefix}monthonly"):
            return None
        year = int(group[f"{prefix}year"])
        return _Point(date(year, 1, 1), date(year, 12, 31))
    except (ValueError, KeyError):
        return None


def _padded_iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _months_between(first: date, last: date) -> int:
    """Whole months from the first day to the day after the last, rounded."""
    after = last + timedelta(days=1)
    months = (after.year - first.year) * 12 + (after.month - first.month)
    months += (after.day - first.day) / 30.4
    return int(round(months))


MONTHS_RANGE_RE = re.compile(
    rf"\bfra\s+(?:og\s+med\s+)?(?:i\s+)?(?P<first>{_MONTH})\.?\s+"
    rf"(?:til\s+og\s+med|t\.?o\.?m\.?|til|ut|og\s+ut)\s+(?:i\s+)?(?P<last>{_MONTH})\b"
    rf"(?!\.?\s*(?:19|20)\d{{2}})", re.IGNORECASE)
""""fra august til desember" (5), "fra oktober til april" (7): months without a year."""
_ITEM = r"(?:19|20)\d{2}(?:\s*/\s*\d{2,4})?"
YEAR_LIST_RE = re.compile(
    rf"\b(?P<what>\w*(?:sesong|sommer|somre|vinter|vintr|skoleår|barnehageår|semester)\w*"
    rf"|år(?:ene)?)\s+(?P<items>{_ITEM}(?:\s*(?:,|og|&)\s*{_ITEM})+)", re.IGNORECASE)
""""for sommeren 2025, 2026 og 2027" (3 years), "skoleårene 2025/26, 2026/27 og 2027/28"
(3), "sesongene 2026 og 2027" (2): the years listed, each a year (a semester half)."""
SEMESTER_RANGE_RE = re.compile(
    rf"\b(?P<first>vår|høst)semester\w*\s+(?P<first_year>{_YEAR})\s+"
    rf"(?:til\s+og\s+med|t\.?o\.?m\.?|til|[-–])\s+"
    rf"(?P<last>vår|høst)semester\w*\s+(?P<last_year>{_YEAR})", re.IGNORECASE)
""""fra og med vårsemesteret 2025 til og med høstsemesteret 2026": four semesters."""
MAX_MONTHS = 240
"""A range longer than this (20 years) is no contract length ("1990–2026")."""


def _listed_years(text: str) -> Found | None:
    match = YEAR_LIST_RE.search(text)
    if match is None:
        return None
    items = re.findall(_ITEM, match.group("items"))
    each = 6 if "semester" in match.group("what").lower() else 12
    return Found(len(items) * each, match.group(0), match.start(), match.end())


def _semesters(text: str) -> Found | None:
    match = SEMESTER_RANGE_RE.search(text)
    if match is None:
        return None
    first = int(match.group("first_year")) * 2 + (match.group("first").lower() == "høst")
    last = int(match.group("last_year")) * 2 + (match.group("last").lower() == "høst")
    if last < first:
        return None
    return Found((last - first + 1) * 6, match.group(0), match.start(), match.end())


def find_date_range(text: str) -> Found | None:
    """The contract length a written date range gives, in months, or None."""
    listed = _semesters(text) or _listed_years(text)
    if listed is not None:
        return listed
    months_only = MONTHS_RANGE_RE.search(text)
    if months_only:
        first, last = (MONTHS[months_only.group(g).lower()] for g in ("first", "last"))
        return Found((last - first) % 12 + 1, months_only.group(0), months_only.start(),
                     months_only.end())
    for match in RANGE_RE.finditer(text):
        start, end = _point(match, "a"), _point(match, "b")
        if match.group("amonthonly") and end is not None:  # "fra mars til mai 2026"
            month = MONTHS[match.group("amonthonly").lower()]
            year = end.first.year - (1 if month > end.first.month else 0)
            start = _Point(date(year, month, 1), date(year, month, monthrange(year, month)[1]))
        if start is None or end is None or end.last <= start.first:
            continue
        only_years = bool(match.group("ayear") and match.group("byear"))
        if only_years and not (_BARE_JOIN_RE.match(match.group("join"))
                               or match.group(0)[:1].isalpha()):
            continue  # "2 026 2027", "2026 til 2027" without "fra"/"perioden": not read
        months = _months_between(start.first, end.last)
        if 0 < months <= MAX_MONTHS:
            return Found(months, match.group(0).strip(), match.start(), match.end())
    return None
