"""Numbers as words: values of number words and digits, qualifiers, rounding.

Everything here works on lower-cased word strings, so the claims scanner can
stay a thin walk over spaCy tokens. Units (lexicon, canonical units, pint
conversion) are in `triangulate.resources.units`.
"""

from __future__ import annotations

import math
import re

from triangulate.resources.lexicons import lexicon_pairs
from triangulate.resources.number_words import ONES, TENS

MULTIPLIERS = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "mn": 1e6, "mln": 1e6,
}  # fmt: skip
DOZEN = 12
SUFFIXES = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "k": 1e3}  # "m" only after a currency (scan)
# Plural collectives ("dozens of", "hundreds of") give an order of magnitude: from one
# of these to ten of them ("hundreds" 100-1000, "tens of thousands" 1e4-1e5).
VAGUE = {"dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 100.0, "thousands": 1e3,
         "millions": 1e6, "billions": 1e9}  # fmt: skip
VAGUE_SPREAD = 10.0

# Qualifiers, longest first when matched. "nearly"/"almost"/"just under" mean a
# value close to but below the figure, so they map to less_than, which keeps
# the direction a reader needs when comparing with "at least" figures.
QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(words.split()): qualifier for words, qualifier in lexicon_pairs("qualifiers").items()
}
QUALIFIER_MAX_WORDS = max(len(k) for k in QUALIFIERS)

_DIGITS = re.compile(r"^\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|mln|k)$", re.IGNORECASE)
# A number glued to a prefix (currency, sign, "minus-", "sub-") and a suffix (multiplier or
# unit): "RM23.50", "HK$20", "+0.2", "-50.8bn", "118.5p", "40min", "1.99×10−30".
_GLUED = re.compile(
    r"^(?P<pre>[^\d+\-\u2212~.]*?)(?P<sign>[+\-\u2212~])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)"
    r"(?:[x\u00d7]10(?P<exp>[\-\u2212]?\d+))?(?P<suf>[^\d].*)?$"
)
SIGNED_PREFIXES = {"minus-": "-", "minus": "-", "sub-": "<", "over-": ">"}
_FRACTION = re.compile(r"^(\d{1,2})[/\u2044](\d{1,3})$")
_RANGE_TOKEN = re.compile(r"^(\d+(?:[.,]\d+)?)[-\u2013\u2014](\d+(?:[.,]\d+)?)$")

ROUNDING_FLOOR = 0.01  # every value is trusted to 1% at least (the gold's own tolerance)


def parse_digits(text: str) -> float | None:
    """'1,100' / '11 000' / '0.6' / '3bn' / '1/16' -> value; None for anything else."""
    fraction = _FRACTION.match(text)
    if fraction:
        numerator, denominator = int(fraction.group(1)), int(fraction.group(2))
        return numerator / denominator if 0 < numerator < denominator else None
    match = _SUFFIXED.match(text)
    if match:
        return float(match.group(1)) * SUFFIXES[match.group(2).lower()]
    if not _DIGITS.match(text):
        return None
    return float(re.sub(r"[,\u00a0\u202f ]", "", text))


def split_glued(text: str) -> tuple[str, str | None, float, str] | None:
    """'RM23.50' -> ('RM', None, 23.5, ''); '-50.8bn' -> ('', '-', 50.8, 'bn'); None if no number.

    The sign is "-" for a negative value, "+", "~" or "<" / ">" (from "sub-", "over-")."""
    match = _GLUED.match(text)
    if not match:
        return None
    pre, sign = match.group("pre"), match.group("sign")
    if (pre + (sign or "")).lower() in SIGNED_PREFIXES:
        pre, sign = "", SIGNED_PREFIXES[(pre + (sign or "")).lower()]
    elif pre.lower() in SIGNED_PREFIXES:
        pre, sign = "", SIGNED_PREFIXES[pre.lower()]
    value = float(match.group("num").replace(",", ""))
    if match.group("exp"):
        value *= 10.0 ** int(match.group("exp").replace("\u2212", "-"))
    return pre, ("-" if sign == "\u2212" else sign), value, match.group("suf") or ""


def parse_range_token(text: str) -> tuple[float, float] | None:
    """'0.6-1.2' / '5–7' as one token -> (low, high) when low < high."""
    match = _RANGE_TOKEN.match(text)
    if not match:
        return None
    low, high = (float(g.replace(",", "")) for g in match.groups())
    return (low, high) if low < high else None


def word_value(words: list[str]) -> float | None:
    """The value of a run of number words ('twelve thousand', 'a dozen', 'thirty eight')."""
    total, current, seen = 0.0, 0.0, False
    for i, word in enumerate(words):
        if word in ("a", "an") and i == 0:
            current, seen = 1.0, False
            continue
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1.0) * DOZEN
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in MULTIPLIERS:
            total += (current or 1.0) * MULTIPLIERS[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def is_number_word(word: str) -> bool:
    return word in ONES or word in TENS or word in MULTIPLIERS or word == "dozen"


def rounding(surface: str) -> float:
    """Half a unit of the last written significant digit, relative to the value.

    '0.6' -> 0.05/0.6; '386' -> 0.5/386; '310' -> 5/310 (a trailing zero is
    taken as rounding); never below 1%. A restatement in another unit is
    rounded to its own written precision, so this is how far it may stray.
    """
    digits = re.sub(r"[^\d.]", "", surface)
    if not digits or float(digits) == 0:
        return ROUNDING_FLOOR
    value = float(digits)
    if "." in digits:
        step = 10.0 ** -len(digits.split(".")[1])
    else:
        stripped = digits.rstrip("0")
        step = 10.0 ** (len(digits) - len(stripped))
    return max(ROUNDING_FLOOR, step / 2 / value)


def agree(a: float, b: float, tolerance: float) -> bool:
    """Whether two canonical values agree within a relative tolerance."""
    if a == b:
        return True
    return math.isclose(a, b, rel_tol=tolerance)
