"""Calendar arithmetic and TimeML value spelling, free of any language.

The normaliser works out *which* period an expression means (a shift from the
reference, the nearest matching weekday...); this module does the date maths
and writes the period the way TIMEX3 values are written.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import MAXYEAR, MINYEAR, date, timedelta
from enum import Enum

FUTURE_WEIGHT = 2


class Direction(Enum):
    """Where to look for a cyclic name ("May", "Wednesday") relative to the reference."""

    PAST = "on or before"
    FUTURE = "on or after"
    BEFORE = "strictly before"
    AFTER = "strictly after"
    NEAREST = "nearest"


def parse_reference(value: str | None) -> date | None:
    """The calendar day of a reference ("2024-07-17", or a DCT with a time part); None if absent."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        raise ValueError(f"reference date must start with YYYY-MM-DD, got {value!r}")
    return date(int(match[1]), int(match[2]), int(match[3]))


class OutsideCalendar(ValueError):
    """A computed date falls outside years 1-9999 ("10,000 years ago"): the expression is
    kept with an unresolved value."""


def calendar_date(year: int, month: int, day: int) -> date:
    """`date(year, month, day)`, raising `OutsideCalendar` for a year outside 1-9999."""
    if not MINYEAR <= year <= MAXYEAR:
        raise OutsideCalendar(f"year {year} is outside {MINYEAR}-{MAXYEAR}")
    return date(year, month, day)


def shift_months(day: date, months: int) -> date:
    """`day` moved by whole months, the day clamped to the length of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not MINYEAR <= year <= MAXYEAR:
        raise OutsideCalendar(f"{day} moved by {months} months is outside {MINYEAR}-{MAXYEAR}")
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date:
    """`day` moved by `amount` units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "week"):
        days = amount * (7 if unit == "week" else 1)
        if not 1 <= day.toordinal() + days <= date.max.toordinal():
            raise OutsideCalendar(f"{day} moved by {days} days is outside {MINYEAR}-{MAXYEAR}")
        return day + timedelta(days=days)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    return shift_months(day, amount * months[unit])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> tuple[int, str]:
    """(year, TimeML season code) of a day; January and February belong to the winter before."""
    if day.month in (1, 2):
        return day.year - 1, "WI"
    return day.year, ["SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"][day.month - 3]


def render(day: date, granularity: str) -> str:
    """The TIMEX3 value of the period of `granularity` that contains `day`."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "weekend":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        year, code = season_of(day)
        return f"{year:04d}-{code}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def pick(reference: int, candidates: list[int], direction: Direction) -> int | None:
    """The candidate (an ordinal: day number, month index...) that `direction` selects.

    NEAREST counts a distance into the future double, since news mostly reports
    what happened: "in March" written in October is the March before.
    """
    if direction is Direction.PAST:
        return max((c for c in candidates if c <= reference), default=None)
    if direction is Direction.FUTURE:
        return min((c for c in candidates if c >= reference), default=None)
    if direction is Direction.BEFORE:
        return max((c for c in candidates if c < reference), default=None)
    if direction is Direction.AFTER:
        return min((c for c in candidates if c > reference), default=None)
    return min(
        candidates,
        key=lambda c: (c - reference) * FUTURE_WEIGHT if c > reference else reference - c,
        default=None,
    )


def weekday_date(reference: date, weekday: int, direction: Direction) -> date | None:
    """The day named `weekday` (1 = Monday) that `direction` selects around `reference`."""
    here = reference.toordinal()
    ordinals = [
        n
        for n in range(max(1, here - 7), min(date.max.toordinal(), here + 7) + 1)
        if date.fromordinal(n).isoweekday() == weekday
    ]
    chosen = pick(reference.toordinal(), ordinals, direction)
    return None if chosen is None else date.fromordinal(chosen)


def month_date(reference: date, month: int, direction: Direction) -> date | None:
    """The first day of the month numbered `month` that `direction` selects around `reference`."""
    here = reference.year * 12 + reference.month - 1
    years = _years_around(reference)
    chosen = pick(here, [year * 12 + month - 1 for year in years], direction)
    return None if chosen is None else date(chosen // 12, chosen % 12 + 1, 1)


def yearly_date(
    reference: date, in_year: Callable[[int], date | None], direction: Direction
) -> date | None:
    """The yearly date (`in_year` gives it for a year, or None) that `direction` selects."""
    years = _years_around(reference)
    options = [d.toordinal() for d in map(in_year, years) if d is not None]
    chosen = pick(reference.toordinal(), options, direction)
    return None if chosen is None else date.fromordinal(chosen)


def _years_around(reference: date) -> list[int]:
    """The years before, of and after `reference` that the calendar has."""
    return [y for y in range(reference.year - 1, reference.year + 2) if MINYEAR <= y <= MAXYEAR]


def month_day(month: int, day: int) -> Callable[[int], date | None]:
    """`in_year` for a month and day (None in years where it does not exist, as February 29)."""

    def in_year(year: int) -> date | None:
        return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None

    return in_year


def nth_weekday(month: int, weekday: int, nth: int) -> Callable[[int], date | None]:
    """`in_year` for "the fourth Thursday of November" and the like."""

    def in_year(year: int) -> date | None:
        first = date(year, month, 1)
        return shift(first, "day", (weekday - first.isoweekday()) % 7 + 7 * (nth - 1))

    return in_year
