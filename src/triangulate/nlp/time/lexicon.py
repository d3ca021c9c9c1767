"""Words of time: calendar names, numbers and units, as lookups and regex fragments.

Kept apart from the rules so that the detection patterns (`time_patterns`) and
the value normalisation (`time_values`) read the same vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from triangulate.clean.dates import MONTHS as MONTHS  # one month table for the project
from triangulate.resources.number_words import ONES, TENS

# Month names that are also common words: bare, they need a proper-noun tag.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "jul", "dec", "sep"})

WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], start=1
    )
}

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
# Counts that are known only vaguely: the TimeML value then has an X for the number.
VAGUE_COUNTS = (
    "a few",
    "few",
    "several",
    "many",
    "a number of",
    "dozens of",
    "hundreds of",
    "numerous",
)
# "a couple of years" is P2Y in TimeBank.
EXACT_COUNTS = {
    "a": 1, "an": 1, "a single": 1, "a couple": 2, "a couple of": 2, "couple of": 2,
    "a dozen": 12, "a half-dozen": 6,
}  # fmt: skip

# unit word -> (TimeML unit letter, is a clock unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("M", False, 3),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "millennium": ("Y", False, 1000),
}
# A vague number of decades or centuries keeps its own TimeBank unit letter.
VAGUE_UNIT_LETTER = {"decade": "E", "century": "C", "millennium": "L"}
UNIT_PLURALS = {"century": "centuries", "millennium": "millennia"}

FREQUENCY_ADVERBS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
}

# Holidays on a weekday of a month: name -> (month, ISO weekday, which one).
WEEKDAY_HOLIDAYS = {"thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4)}
# Fixed-date holidays: name -> (month, day).
HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "orthodox christmas": (1, 7),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
}


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, for readable word lists."""
    return frozenset(text.split())


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of `items`, longest first so a prefix never wins over the whole."""
    ordered = sorted(items, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def unit_forms(unit: str) -> str:
    """Singular and plural spellings of a unit word as a regex."""
    plural = UNIT_PLURALS.get(unit, unit + "s")
    return f"{re.escape(plural)}|{re.escape(unit)}"


def spoken_year(said: str) -> int | None:
    """A year said in words: "nineteen ninety-six", "nineteen oh five", "two thousand and one"."""
    text = re.sub(r"[\s-]+", " ", said.lower()).strip()
    if text.startswith("two thousand"):
        return 2000 + (number_value(text.removeprefix("two thousand")) or 0)
    head, _, rest = text.partition(" ")
    tail = 0 if rest == "hundred" else number_value(rest.removeprefix("oh "))
    return None if tail is None else ONES.get(head, TENS.get(head, 0)) * 100 + tail


def number_value(written: str) -> int | None:
    """The integer a written number stands for ("twenty four", "1,000", "a"); None if vague."""
    text = re.sub(r"[\s-]+", " ", written.lower()).strip()
    if text in EXACT_COUNTS:
        return EXACT_COUNTS[text]
    if re.fullmatch(r"\d[\d,]*", text):
        return int(text.replace(",", ""))
    total = current = 0
    for word in text.split():
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in ("a", "an", "and"):
            continue
        else:
            return None
    return total + current
