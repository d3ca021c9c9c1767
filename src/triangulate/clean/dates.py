"""Calendar dates written the ways news pages write them, parsed without guessing.

Only complete dates (year, month, day) become values; a month and day without
a year (as in datelines) are returned separately so they can confirm a date
found elsewhere but never invent a year.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

FULL_DATE_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mm>\d{{1,2}})-(?P<dd>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b{_YEAR}/(?P<mm>\d{{1,2}})/(?P<dd>\d{{1,2}})(?!\d)"),
    re.compile(rf"\b(?P<dd>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.{_YEAR}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
]
MONTH_DAY_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b", re.IGNORECASE),
]


def find_full_date(text: str) -> tuple[str, str] | None:
    """The first complete date in `text` as (ISO value, surface), or None."""
    found: list[tuple[int, str, str]] = []
    for pattern in FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _iso(match)
            if value:
                found.append((match.start(), value, match.group(0)))
                break
    if not found:
        return None
    _, value, surface = min(found)
    return value, surface


def find_month_day(text: str) -> tuple[int, int] | None:
    """A (month, day) pair written without a year, as in 'MOSCOW, July 17.'."""
    for pattern in MONTH_DAY_PATTERNS:
        match = pattern.search(text)
        if match:
            return MONTHS[match.group("month").casefold()], int(match.group("day"))
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"].casefold()] if groups.get("month") else int(groups["mm"])
    day = int(groups.get("day") or groups["dd"])
    try:
        return date(int(groups["year"]), month, day).isoformat()
    except ValueError:
        return None
