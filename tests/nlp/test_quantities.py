"""Number words, digits, ranges, units and conversion (no spaCy needed)."""

from __future__ import annotations

import pytest

from triangulate.nlp.claims import quantities as q
from triangulate.resources import units


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["a", "thousand"], 1000),
        (["twelve", "thousand"], 12000),
        (["thirty", "eight"], 38),
        (["a", "dozen"], 12),
        (["two", "hundred", "thousand"], 200000),
        (["three", "million"], 3e6),
    ],
)
def test_number_words(words: list[str], value: float) -> None:
    assert q.word_value(words) == value


def test_not_number_words() -> None:
    assert q.word_value(["many"]) is None
    assert q.word_value([]) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,100", 1100), ("11\u00a0000", 11000), ("0.6", 0.6), ("3bn", 3e9), ("45", 45)],
)
def test_digits(text: str, value: float) -> None:
    assert q.parse_digits(text) == value


def test_digits_reject_codes_and_times() -> None:
    assert q.parse_digits("4:30") is None
    assert q.parse_digits("Su-34") is None
    assert q.parse_range_token("0.6-1.2") == (0.6, 1.2)
    assert q.parse_range_token("2024-03") is None  # low > high: a date, not a range


def test_units_convert_to_canonical() -> None:
    square_miles, n, _ = units.match_unit(["square", "miles", "of"]) or (None, 0, 0)
    assert square_miles is not None and n == 2 and square_miles.canonical == "km2"
    assert units.to_canonical(386, square_miles) == pytest.approx(999.7, rel=1e-3)
    miles = units.match_unit(["miles"])
    assert miles is not None and units.to_canonical(1.2, miles[0]) == pytest.approx(1.931, rel=1e-3)
    for words, unit in [
        (["km²"], "km2"), (["sq", "km"], "km2"), (["per", "cent"], "percent"),
        (["troops"], "person"), (["military", "personnel"], "person"),
        (["populated", "areas"], "count"), (["drones"], "count"), (["euros"], "eur"),
    ]:  # fmt: skip
        found = units.match_unit(words)
        assert found is not None and found[0].canonical == unit, words


def test_a_unit_glued_to_the_next_word_ends_where_the_unit_ends() -> None:
    found = units.match_unit(["square", "kilometresaccording", "to"])
    assert found is not None
    entry, n, chars = found
    assert entry.canonical == "km2" and n == 2 and chars == len("kilometres")
    assert units.match_unit(["villagers"]) is None


def test_registry_knows_people_and_counts() -> None:
    ureg = units.registry()
    assert ureg.Quantity(3, "person").dimensionality != ureg.Quantity(3, "count").dimensionality


def test_rounding_follows_written_precision() -> None:
    assert q.rounding("0.6") == pytest.approx(0.05 / 0.6)
    assert q.rounding("386") == q.ROUNDING_FLOOR
    assert q.rounding("310") == pytest.approx(5 / 310)
