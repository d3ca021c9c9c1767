"""Calendar arithmetic and value spelling behind the time expressions, without spaCy."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triangulate.nlp.time.calendar import (
    Direction,
    month_date,
    nth_weekday,
    parse_reference,
    render,
    shift_months,
    weekday_date,
)
from triangulate.nlp.time.extent import period
from triangulate.nlp.time.lexicon import number_value, spoken_year

THURSDAY = date(2024, 8, 15)


@pytest.mark.parametrize(
    ("granularity", "day", "expected"),
    [
        ("day", date(2024, 7, 17), "2024-07-17"),
        ("week", date(2024, 12, 30), "2025-W01"),
        ("weekend", date(2024, 7, 17), "2024-W29-WE"),
        ("month", date(2024, 7, 17), "2024-07"),
        ("quarter", date(2024, 7, 17), "2024-Q3"),
        ("half", date(2024, 7, 17), "2024-H2"),
        ("season", date(2024, 1, 10), "2023-WI"),
        ("season", date(2024, 12, 10), "2024-WI"),
        ("year", date(2024, 7, 17), "2024"),
        ("decade", date(1994, 7, 17), "199"),
        ("century", date(1994, 7, 17), "19"),
    ],
)
def test_render(granularity: str, day: date, expected: str) -> None:
    assert render(day, granularity) == expected


@pytest.mark.parametrize(
    ("direction", "weekday", "expected"),
    [
        (Direction.PAST, 3, date(2024, 8, 14)),
        (Direction.PAST, 4, THURSDAY),
        (Direction.BEFORE, 4, date(2024, 8, 8)),
        (Direction.FUTURE, 1, date(2024, 8, 19)),
        (Direction.AFTER, 4, date(2024, 8, 22)),
        (Direction.NEAREST, 5, date(2024, 8, 16)),  # one day ahead beats six back
        (Direction.NEAREST, 7, date(2024, 8, 11)),  # three ahead count as six: four back wins
    ],
)
def test_weekday_directions(direction: Direction, weekday: int, expected: date) -> None:
    assert weekday_date(THURSDAY, weekday, direction) == expected


def test_nearest_month_leans_to_the_past() -> None:
    october = date(1989, 10, 26)
    assert month_date(october, 3, Direction.NEAREST) == date(1989, 3, 1)
    assert month_date(october, 1, Direction.NEAREST) == date(1990, 1, 1)


def test_shift_months_clamps_the_day() -> None:
    assert shift_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert shift_months(date(2024, 3, 31), -13) == date(2023, 2, 28)


def test_thanksgiving_is_the_fourth_thursday_of_november() -> None:
    assert nth_weekday(11, 4, 4)(1999) == date(1999, 11, 25)


def test_reference_accepts_timestamps_and_rejects_other_text() -> None:
    assert parse_reference("1998-02-13T14:26:00") == date(1998, 2, 13)
    assert parse_reference(None) is None
    with pytest.raises(ValueError):
        parse_reference("13/02/1998")


@pytest.mark.parametrize(
    ("count", "unit", "halves", "expected"),
    [
        (3, "day", False, "P3D"),
        (5, "hour", False, "PT5H"),
        (2, "year", True, "P2Y6M"),
        (0, "hour", True, "PT30M"),
        (2, "week", True, "P17DT12H"),
        (2, "decade", False, "P20Y"),
        (2, "quarter", False, "P6M"),
        (None, "year", False, "PXY"),
        (None, "minute", False, "PTXM"),
        (None, "decade", False, "PXE"),
    ],
)
def test_period(count: int | None, unit: str, halves: bool, expected: str) -> None:
    assert period(count, unit, halves) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("twenty four", 24), ("twenty-four", 24), ("1,000", 1000), ("a", 1), ("a couple of", 2),
     ("one hundred", 100), ("several", None), ("a few", None)],
)  # fmt: skip
def test_number_value(written: str, expected: int | None) -> None:
    assert number_value(written) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [("nineteen ninety-six", 1996), ("nineteen oh five", 1905), ("two thousand", 2000),
     ("two thousand and one", 2001), ("nineteen hundred", 1900)],
)  # fmt: skip
def test_spoken_year(said: str, expected: int) -> None:
    assert spoken_year(said) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 7))
def test_past_and_future_weekdays_are_within_a_week(reference: date, weekday: int) -> None:
    past = weekday_date(reference, weekday, Direction.PAST)
    future = weekday_date(reference, weekday, Direction.FUTURE)
    assert past is not None and future is not None
    assert 0 <= (reference - past).days < 7 and 0 <= (future - reference).days < 7
    assert past.isoweekday() == future.isoweekday() == weekday
