"""Find quantity expressions in a sentence: qualifier, number or range, unit.

A left-to-right walk over spaCy tokens (no re-parsing): a currency sign, a
number in digits or words (with "thousand"/"million" multipliers and digit
groups split by spaces), an optional range ("1 to 2", "1-2", "between 5 and
7", "from one to two"), then the unit, possibly after a few modifiers
("14 populated areas", "100 Russian servicemen"). Nouns missing from the
unit lexicon still count things when plural ("46 homes"), except time words.
Whether an expression is a claim at all is decided by the claims component.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from triangulate.nlp.claims import quantities as q
from triangulate.resources import units

MAX_MODIFIERS = 3
MODIFIER_POS = {"ADJ", "PROPN", "NOUN", "VERB"}
TIME_WORDS = {
    "second", "minute", "hour", "day", "night", "week", "weekend", "month", "year",
    "decade", "century", "morning", "evening", "afternoon", "time", "age",
}  # fmt: skip
RANGE_WORDS = {"to", "-", "\u2013", "\u2014"}
SPACE_GROUP = {" ", "\u00a0", "\u202f"}


@dataclass
class Found:
    """A quantity expression: tokens [first, last], chars [start, end), value(s) and unit."""

    first: int
    last: int
    start: int
    end: int
    low: float
    high: float
    surface_value: str
    value_end: int  # char end of the number part
    unit: units.UnitWord | None = None
    unit_surface: str | None = None
    unit_token: int | None = None
    qualifier: str | None = None
    qualifier_start: int | None = None
    qualifier_first: int | None = None  # token index of the qualifier's first word
    vague: bool = False
    spelled: bool = False  # written in words only
    range_start: int | None = None  # char start of the second number of a range


@dataclass
class _Number:
    end: int  # token index after the number
    low: float
    high: float
    vague: bool = False
    spelled: bool = False


def scan_sentence(doc: Doc, start: int, end: int, text: str, norp: set[int]) -> list[Found]:
    """Every quantity expression in tokens [start, end); `norp` holds tokens of NORP mentions."""
    found: list[Found] = []
    i = start
    while i < end:
        item = _parse_at(doc, i, end, text, norp)
        if item is None:
            i += 1
            continue
        found.append(item)
        i = item.last + 1
    return found


def _currency(token: Token) -> units.UnitWord | None:
    entry = units.unit_lexicon().get((token.lower_,))
    if entry is not None and entry.kind == "currency" and not token.is_alpha:
        return entry
    if token.text.isupper() and entry is not None and entry.kind == "currency":
        return entry
    return None


def _parse_at(doc: Doc, i: int, end: int, text: str, norp: set[int]) -> Found | None:
    currency = _currency(doc[i])
    j = i + 1 if currency else i
    if j >= end:
        return None
    number = _read_number(doc, j, end, text)
    if number is None:
        return None
    low, high, k = number.low, number.high, number.end
    range_start = None
    qualifier, qualifier_first, before = _qualifier(doc, i)
    between = before is not None and doc[before].lower_ in ("between", "from")
    if (
        k + 1 < end
        and low == high
        and (doc[k].lower_ in RANGE_WORDS or (doc[k].lower_ == "and" and between))
    ):
        second = _read_number(doc, k + 1, end, text)
        if second is not None and second.low > low and not second.vague:
            range_start = doc[k + 1].idx
            high, k = second.low, second.end
            number = _Number(k, low, high, spelled=number.spelled and second.spelled)
    value_end = doc[k - 1].idx + len(doc[k - 1])
    found = Found(
        first=i, last=k - 1, start=doc[i].idx, end=value_end, low=low, high=high,
        surface_value=text[doc[j].idx : value_end], value_end=value_end,
        qualifier=qualifier, qualifier_first=qualifier_first, vague=number.vague,
        qualifier_start=None if qualifier_first is None else doc[qualifier_first].idx,
        spelled=number.spelled, range_start=range_start,
    )  # fmt: skip
    if currency is not None:
        found.unit, found.unit_surface = currency, doc[i].text
        found.surface_value = text[doc[j].idx : value_end]
        _unit_after(doc, k, end, text, norp, found, currency_only=True)
        return found
    if number.vague and k < end and doc[k].lower_ == "of":
        k += 1
    _unit_after(doc, k, end, text, norp, found, currency_only=False)
    return found


def _unit_after(
    doc: Doc, k: int, end: int, text: str, norp: set[int], found: Found, currency_only: bool
) -> None:
    """Attach the unit following token k, extending `found` to cover it."""
    if (
        k < end
        and doc[k].text == "-"
        and k + 1 < end
        and doc[k].idx == doc[k - 1].idx + len(doc[k - 1])
    ):
        k += 1  # "10-kilometre"
    for skip in range(0, MAX_MODIFIERS + 1):
        if k + skip >= end:
            return
        if skip and not _modifier(doc[k + skip - 1]):
            return
        words = [t.lower_ for t in doc[k + skip : min(end, k + skip + units.unit_max_words())]]
        match = units.match_unit(words)
        if match is not None:
            entry, n, last_chars = match
            if currency_only and entry.kind != "currency":
                return
            if found.unit is not None and entry.kind != found.unit.kind:
                return
            last = k + skip + n - 1
            unit_start = doc[k + skip].idx
            unit_end = doc[last].idx + last_chars
            found.unit, found.last, found.end = entry, last, unit_end
            found.unit_surface = (
                text[unit_start:unit_end] if skip == 0 else text[doc[k].idx : unit_end]
            )
            found.unit_token = last
            return
        if currency_only:
            return
        token = doc[k + skip]
        if _open_count(token, norp):
            kind = "person" if token.i in norp else "count"
            found.unit = units.UnitWord((token.lemma_.lower(),), kind, kind)
            found.last, found.end, found.unit_token = token.i, token.idx + len(token), token.i
            found.unit_surface = text[doc[k].idx : found.end]
            return


def _modifier(token: Token) -> bool:
    return token.pos_ in MODIFIER_POS and token.is_alpha and token.tag_ != "VBZ"


def _open_count(token: Token, norp: set[int]) -> bool:
    """A plural noun not in the lexicon counts things, unless it measures time."""
    if token.i in norp:
        return token.text.endswith("s")
    return (
        token.tag_ == "NNS" and token.is_alpha and token.is_lower
        and token.lemma_.lower() not in TIME_WORDS
    )  # fmt: skip


def _qualifier(doc: Doc, i: int) -> tuple[str | None, int | None, int | None]:
    """The qualifier right before token i, its first token, and the token before it all."""
    for n in range(q.QUALIFIER_MAX_WORDS, 0, -1):
        if i - n < 0:
            continue
        words = tuple(t.lower_ for t in doc[i - n : i])
        if n == 1 and doc[i - 1].dep_ == "prt":
            continue  # "handed over 64": a particle of the verb, not a qualifier
        if words in q.QUALIFIERS:
            return q.QUALIFIERS[words], i - n, (i - n - 1 if i - n > 0 else None)
    return None, None, (i - 1 if i > 0 else None)


def _read_number(doc: Doc, j: int, end: int, text: str) -> _Number | None:
    token = doc[j]
    span = q.parse_range_token(token.text)
    if span is not None:
        return _Number(j + 1, span[0], span[1])
    value = q.parse_digits(token.text)
    if value is not None:
        k = j + 1
        while (
            k < end and len(doc[k].text) == 3 and doc[k].text.isdigit()
            and text[doc[k - 1].idx + len(doc[k - 1]) : doc[k].idx] in SPACE_GROUP
            and doc[k - 1].text.isdigit() and len(doc[k - 1].text) <= 3
        ):  # fmt: skip
            value = value * 1000 + float(doc[k].text)
            k += 1
        while k < end and doc[k].lower_ in q.MULTIPLIERS:
            value *= q.MULTIPLIERS[doc[k].lower_]
            k += 1
        return _Number(k, value, value)
    lower = token.lower_
    if lower in q.VAGUE and j + 1 < end and doc[j + 1].lower_ == "of":
        return _Number(j + 1, q.VAGUE[lower], q.VAGUE[lower], vague=True)
    return _read_words(doc, j, end)


def _joins_number_words(doc: Doc, k: int, end: int, words: list[str]) -> bool:
    """A hyphen ("thirty-eight") or "and" after hundred ("two hundred and five") inside words."""
    if not words or k + 1 >= end or not q.is_number_word(doc[k + 1].lower_):
        return False
    lower = doc[k].lower_
    return lower == "-" or (lower == "and" and words[-1] == "hundred")


def _read_words(doc: Doc, j: int, end: int) -> _Number | None:
    words: list[str] = []
    k = j
    if doc[j].lower_ in ("a", "an"):
        if j + 1 >= end or doc[j + 1].lower_ not in ("dozen", "hundred", *q.MULTIPLIERS):
            return None
        words.append(doc[j].lower_)
        k += 1
    while k < end:
        lower = doc[k].lower_
        if q.is_number_word(lower):
            words.append(lower)
        elif not _joins_number_words(doc, k, end, words):
            break
        k += 1
    if not words or words == ["a"]:
        return None
    value = q.word_value(words)
    if value is None:
        return None
    return _Number(k, value, value, spelled=True)
