"""Units: the lexicon of unit words, canonical units, conversion and unit families.

The lexicon of unit words lives in `data/units.csv` (surface, pint unit or
currency code, kind, name: the unit in words, singular, British spelling; a
surface's words are as spaCy splits them, so "year - old" for "year-old").
Units are converted with one pint `UnitRegistry` (built once) that also
knows the count-like units `person` and `count`; currencies are kept as ISO
codes and never converted (no rates). Canonical units are the ones the
`claims` table stores (`km2`, `km`, `tonne`, `person`, `usd`, ...);
`UNIT_FAMILIES` says which canonical units measure the same thing, for
comparing claims across reports.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pint

CANONICAL_BY_DIMENSION = {
    "[length] ** 2": "km2", "[length]": "km", "[mass]": "tonne",
}  # fmt: skip
PINT_CANONICAL = {"km2": "km**2", "km": "km", "tonne": "tonne"}
RESTATED_UNITS = frozenset({"km2", "km", "tonne"})  # units a writer converts for readers
# Canonical unit -> (family, factor to the family's base unit).
UNIT_FAMILIES: dict[str, tuple[str, float]] = {
    "km2": ("area", 1.0),
    "m2": ("area", 1e-6),
    "ha": ("area", 0.01),
    "mi2": ("area", 2.589988),
    "km": ("length", 1.0),
    "m": ("length", 0.001),
    "mi": ("length", 1.609344),
    "person": ("count", 1.0),
    "count": ("count", 1.0),
    "percent": ("percent", 1.0),
    "kg": ("mass", 1.0),
    "tonne": ("mass", 1000.0),
    "hour": ("duration", 1 / 24),
    "day": ("duration", 1.0),
    "week": ("duration", 7.0),
    "month": ("duration", 30.44),
    "year": ("duration", 365.25),
}


@cache
def registry() -> pint.UnitRegistry:
    """The one unit registry, with person and count as their own dimensions."""
    ureg: pint.UnitRegistry = pint.UnitRegistry()
    ureg.define("person = [person]")
    ureg.define("count = [count]")
    ureg.define("MMBtu = 1e6 * Btu")
    return ureg


@dataclass(frozen=True)
class UnitWord:
    """One lexicon entry: how a unit is written, its pint unit (or currency code), its kind."""

    words: tuple[str, ...]
    unit: str
    kind: str  # measure, percent, currency, person, count, time (durations), age
    name: str = ""

    @property
    def canonical(self) -> str:
        if self.kind != "measure":
            return self.unit
        dims = str(registry().parse_units(self.unit).dimensionality)
        return CANONICAL_BY_DIMENSION.get(dims, self.unit)


def per(first: UnitWord, second: UnitWord) -> UnitWord:
    """A rate: `first` per `second` ("$ a month", "shekels a year", "tests per day")."""
    return UnitWord(
        (*first.words, "per", *second.words),
        f"{first.unit}/{second.unit}",
        "rate",
        f"{first.name} per {second.name}",
    )


@cache
def _lexicons() -> tuple[dict[tuple[str, ...], UnitWord], dict[tuple[str, ...], UnitWord]]:
    """(lower-case surfaces, case-sensitive surfaces) -> entry, read once from `units.csv`.

    A surface written with a capital is matched only as written: "Nm" is a newton metre,
    "nm" a nanometre; "PS" after a figure is metric horsepower.
    """
    text = resources.files("triangulate.data").joinpath("units.csv").read_text("utf-8")
    lexicon: dict[tuple[str, ...], UnitWord] = {}
    cased: dict[tuple[str, ...], UnitWord] = {}
    for row in csv.DictReader(text.splitlines()):
        words = tuple(row["surface"].split())
        entry = UnitWord(words, row["unit"], row["kind"], row["name"])
        folded = row["surface"].islower() or not row["surface"].isalpha()
        (lexicon if folded else cased)[words] = entry
    return lexicon, cased


def unit_lexicon() -> dict[tuple[str, ...], UnitWord]:
    """Lower-case unit surface words -> entry."""
    return _lexicons()[0]


def cased_lexicon() -> dict[tuple[str, ...], UnitWord]:
    """Unit surfaces matched only as written ("Nm", "PS")."""
    return _lexicons()[1]


@cache
def unit_max_words() -> int:
    return max(len(k) for k in unit_lexicon())


def match_unit(
    words: list[str], written: list[str] | None = None
) -> tuple[UnitWord, int, int] | None:
    """The longest unit at the start of `words` (lower-cased; `written` as in the text):
    (entry, words used, chars of the last word).

    The last word may be glued to the next one by an extraction error
    ("kilometersaccording"): a unit word of five letters or more followed by
    four or more lowercase letters still counts, and the char count tells
    where the unit really ends. A unit abbreviation ending a sentence keeps its
    full stop ("per sq m."), which is not part of the unit.
    """
    if written and (cased := cased_lexicon().get((written[0],))) is not None:
        return cased, 1, len(written[0])
    lexicon = unit_lexicon()
    for n in range(min(unit_max_words(), len(words)), 0, -1):
        head, last = tuple(words[: n - 1]), words[n - 1]
        entry = lexicon.get((*head, last))
        if entry is not None:
            return entry, n, len(last)
        if len(last) > 1 and last.endswith("."):
            entry = lexicon.get((*head, last[:-1]))
            if entry is not None:
                return entry, n, len(last) - 1
        for size in range(len(last) - 4, 4, -1):
            entry = lexicon.get((*head, last[:size]))
            if entry is not None and last[size:].isalpha() and last[size:].islower():
                return entry, n, size
    return None


def to_canonical(value: float, unit: UnitWord) -> float:
    """`value` in `unit` expressed in the canonical unit (identity for counts and money)."""
    if unit.kind != "measure":
        return value
    canonical = unit.canonical
    if canonical not in PINT_CANONICAL or unit.unit == PINT_CANONICAL[canonical]:
        return value
    quantity = registry().Quantity(value, unit.unit)
    return float(quantity.to(PINT_CANONICAL[canonical]).magnitude)


def unit_family(unit: str) -> tuple[str, float]:
    """(family, factor to the family's base unit): `UNIT_FAMILIES`, else the unit's pint
    dimension (MW and GW, barrels and litres compare); a unit pint cannot scale (no
    dimension, an offset like degC, an index `point`) is its own family."""
    if unit in UNIT_FAMILIES:
        return UNIT_FAMILIES[unit]
    return _pint_family(unit)


_OWN_FAMILY = frozenset({"point"})  # pint's `point` is the printer's length unit


@cache
def _pint_family(unit: str) -> tuple[str, float]:
    if unit in _OWN_FAMILY:
        return (unit, 1.0)
    try:
        one = registry().Quantity(1.0, unit)
        if not one.unitless and not one._is_multiplicative:  # degC, degF
            return (unit, 1.0)
        base = one.to_base_units()
    except (pint.errors.PintError, AttributeError, ValueError, TypeError):
        return (unit, 1.0)
    dimension = str(one.dimensionality)
    if not dimension or dimension == "dimensionless":
        return (unit, 1.0)
    if dimension == "[time]":  # with hours and days, in days
        return ("duration", float(base.magnitude) / 86400)
    return (dimension, float(base.magnitude))
