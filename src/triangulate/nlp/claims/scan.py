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

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from triangulate.nlp.claims import quantities as q
from triangulate.resources import units
from triangulate.resources.lexicons import lexicon

MAX_MODIFIERS = 3
MODIFIER_POS = {"ADJ", "PROPN", "NOUN", "VERB"}
TIME_WORDS = lexicon("time_words")
RANGE_WORDS = {"to", "-", "\u2013", "\u2014"}
RATE_WORDS = {"per", "a", "an", "/", "each"}
MAX_RANGE_GAP = 4  # "from $36,040 at 10.45pm last night to $34,935"
FRACTION_OF = {("of", "a"), ("of", "an")}  # "1/16 of a US pint"
TIME_ADVERBS = {"earlier", "ago", "later", "before", "after", "on", "from"}
# Multipliers glued to a figure or written after it; lower-case "m" and "b" only after a
# currency ("$13.6m"; "100m" alone is a distance).
CASED_MULTIPLIERS = {"M": 1e6, "B": 1e9, "K": 1e3, "bn": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12,
                     "k": 1e3, "Bn": 1e9}  # fmt: skip
CURRENCY_MULTIPLIERS = {"m": 1e6, "b": 1e9}
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
    sign: str | None = None  # "+", "-", "~", "<", ">" glued to the number
    scale: float = 1.0  # the multiplier written with the number


@dataclass
class _Number:
    end: int  # token index after the number
    low: float
    high: float
    vague: bool = False
    spelled: bool = False
    scale: float = 1.0  # the multiplier written with it ("billion", "m")
    prefix: units.UnitWord | None = None  # a currency glued before it ("RM23.50")
    suffix: units.UnitWord | None = None  # a unit glued after it ("40min", "118.5p")
    sign: str | None = None


def scan_sentence(doc: Doc, start: int, end: int, text: str, norp: set[int]) -> list[Found]:
    """Every quantity expression in tokens [start, end); `norp` holds tokens of NORP mentions."""
    found: list[Found] = []
    i = start
    while i < end:
        item = _parse_at(doc, i, end, text, norp)
        if item is None:
            i += 1
            continue
        if found and _range_pair(doc, found[-1], item):
            found[-1] = _joined(found[-1], item, text)
        else:
            found.append(item)
        i = item.last + 1
    return found


def _range_pair(doc: Doc, first: Found, second: Found) -> bool:
    """Two figures that are the ends of one range: "$200 to $4 million", "between 5% and 6%",
    "from 4.8 to 4.7 percent" (a range written from a start may go down)."""
    if first.low != first.high or second.low != second.high or first.vague or second.vague:
        return False
    if second.qualifier is not None or second.first <= first.last + 1:
        return False
    start = first.qualifier_first if first.qualifier_first is not None else first.first
    opener = doc[start - 1].lower_ if start > 0 else ""
    joint = doc[second.first - 1].lower_
    if not (joint in RANGE_WORDS or (joint == "and" and opener == "between")):
        return False
    opened = opener in ("between", "from")
    gap = doc[first.last + 1 : second.first - 1]
    if len(gap) > (MAX_RANGE_GAP if opener == "from" and joint == "to" else 0):
        return False  # only "from X <when or how> to Y" may hold words between its ends
    if any(t.is_punct or t.like_num for t in gap):
        return False
    if first.unit is not None and second.unit is None:
        if not opened:
            return False  # "5% to 120" is a change and a level; "from 208 pounds to 193" a range
    elif first.unit is not None and second.unit is not None and first.unit.name != second.unit.name:
        return False
    return first.low * _carried_scale(first, second) < second.low or opened


def _carried_scale(first: Found, second: Found) -> float:
    """The multiplier of the high end when the low end has none and keeps the range rising:
    "$89 to $93 billion", but not "$200 to $4 million"."""
    if first.scale == 1 and second.scale > 1 and first.low * second.scale < second.low:
        return second.scale
    return 1.0


def _joined(first: Found, second: Found, text: str) -> Found:
    scale = _carried_scale(first, second)
    unit = second.unit or first.unit
    return replace(
        first, last=second.last, end=second.end, low=first.low * scale, high=second.high,
        unit=unit, unit_surface=second.unit_surface or first.unit_surface,
        unit_token=second.unit_token if second.unit else first.unit_token,
        range_start=second.start, value_end=second.value_end,
        surface_value=text[first.start : second.value_end], scale=second.scale,
    )  # fmt: skip


def _currency(token: Token) -> units.UnitWord | None:
    """A currency written as a symbol or a code ("$", "US$", "EUR"), not a word."""
    entry = units.unit_lexicon().get((token.lower_,))
    if entry is not None and entry.kind == "currency" and not token.is_alpha:
        return entry
    if token.text.isupper() and entry is not None and entry.kind == "currency":
        return entry
    return None


def _currency_at(doc: Doc, i: int, end: int) -> tuple[units.UnitWord | None, int]:
    """The currency starting at token i ("$", "US $", "HK$") and the token after it."""
    if i + 1 < end and not doc[i + 1].is_alpha and (doc[i].is_upper or not doc[i].whitespace_):
        pair = units.unit_lexicon().get((doc[i].lower_ + doc[i + 1].lower_,))  # "HK $", "US $"
        if pair is not None and pair.kind == "currency":
            return pair, i + 2
    currency = _currency(doc[i])
    return currency, (i + 1 if currency else i)


def _parse_at(doc: Doc, i: int, end: int, text: str, norp: set[int]) -> Found | None:
    currency, j = _currency_at(doc, i, end)
    if j >= end:
        return None
    number = _read_number(doc, j, end, text, currency)
    if number is None:
        return None
    if number.prefix is not None:
        currency = number.prefix
    low, high, k = number.low, number.high, number.end
    range_start = None
    qualifier, qualifier_first, before = _qualifier(doc, i)
    between = before is not None and doc[before].lower_ in ("between", "from")
    joint = doc[k].lower_ if k < end else ""
    if (
        k + 1 < end
        and low == high
        and (joint in RANGE_WORDS or (joint == "and" and between) or joint == "or")
    ):
        second = _read_number(doc, k + 1, end, text, currency)
        scaled = low
        if second is not None and number.scale == 1 and second.scale > 1 and not number.spelled:
            scaled = low * second.scale  # "1 to 2 thousand"
        ascending = second is not None and second.low > scaled
        if second is not None and (ascending or (between and joint != "or")) and not second.vague:
            range_start, low = doc[k + 1].idx, scaled
            high, k = second.low, second.end
            number = _Number(k, low, high, spelled=number.spelled and second.spelled,
                             suffix=second.suffix or number.suffix, sign=number.sign)  # fmt: skip
    value_end = doc[k - 1].idx + len(doc[k - 1])
    found = Found(
        first=i, last=k - 1, start=doc[i].idx, end=value_end, low=low, high=high,
        surface_value=text[doc[j].idx : value_end], value_end=value_end,
        qualifier=qualifier, qualifier_first=qualifier_first, vague=number.vague,
        qualifier_start=None if qualifier_first is None else doc[qualifier_first].idx,
        spelled=number.spelled, range_start=range_start, sign=number.sign, scale=number.scale,
    )  # fmt: skip
    if number.suffix is not None:
        found.unit, found.unit_surface, found.unit_token = number.suffix, number.suffix.name, k - 1
        _rate_after(doc, k, end, found)
        return found
    if currency is not None:
        found.unit = currency
        found.unit_surface = text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1])]
        found.surface_value = text[doc[j].idx : value_end]
        _unit_after(doc, k, end, text, norp, found, currency_only=True)
        _rate_after(doc, found.last + 1, end, found)
        return found
    if (number.vague or (number.spelled and high == 1)) and k < end and doc[k].lower_ == "of":
        k += 1  # "dozens of people", "one of the best speakers"
        if number.spelled and k < end and doc[k].pos_ == "DET":
            k += 1
    elif 0 < high < 1 and k + 1 < end and (doc[k].lower_, doc[k + 1].lower_) in FRACTION_OF:
        k += 2  # "1/16 of a US pint"
    _unit_after(doc, k, end, text, norp, found, currency_only=False)
    if found.unit is None and not found.spelled and _age_apposition(doc, i, found.last, end):
        found.unit = units.unit_lexicon()[("years", "old")]
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
        window = doc[k + skip : min(end, k + skip + units.unit_max_words())]
        match = units.match_unit([t.lower_ for t in window], [t.text for t in window])
        if match is not None:
            entry, n, last_chars = match
            if currency_only and entry.kind != "currency":
                return
            if found.unit is not None and entry.kind != found.unit.kind:
                return
            if entry.kind == "time" and skip:
                return  # "2.1 last year": a time word after modifiers is no unit of the figure
            last = k + skip + n - 1
            unit_start = doc[k + skip].idx
            unit_end = doc[last].idx + last_chars
            found.unit, found.last, found.end = entry, last, unit_end
            found.unit_surface = (
                text[unit_start:unit_end] if skip == 0 else text[doc[k].idx : unit_end]
            )
            found.unit_token = last
            _rate_after(doc, last + 1, end, found)
            return
        if currency_only:
            return
        token = doc[k + skip]
        if _open_count(token, norp) or (found.high == 1 and _singular_count(token)):
            kind = "person" if token.i in norp else "count"
            lemma = token.lemma_.lower()
            found.unit = units.UnitWord((lemma,), kind, kind, lemma)
            found.last, found.end, found.unit_token = token.i, token.idx + len(token), token.i
            found.unit_surface = text[doc[k].idx : found.end]
            return


def _rate_after(doc: Doc, k: int, end: int, found: Found) -> None:
    """Make the unit a rate when "per X", "a X" or "/X" follows ("$5 a month", "km/h"),
    but not for "a year earlier"."""
    if found.unit is None or k + 1 >= end:
        return
    hyphen = 0
    if doc[k].text == "-" and k + 3 < end and doc[k + 2].text == "-":
        k, hyphen = k + 1, 1  # "52,000 barrel-a-day"
    if doc[k].lower_ not in RATE_WORDS:
        return
    first = k + 1 + hyphen
    words = [t.lower_ for t in doc[first : min(end, first + units.unit_max_words())]]
    match = units.match_unit(words)
    entry, n = (match[0], match[1] + hyphen) if match else (None, 1 + hyphen)
    token = doc[k + n]
    if entry is None and doc[k].lower_ in ("per", "/") and token.pos_ == "NOUN":
        entry = units.UnitWord((token.lower_,), token.lemma_.lower(), "count", token.lemma_.lower())
    if entry is None or entry.kind in ("currency", "percent", "age"):
        return
    if k + n + 1 < end and doc[k + n + 1].lower_ in TIME_ADVERBS:
        return
    found.unit = units.per(found.unit, entry)
    found.last, found.end, found.unit_token = token.i, token.idx + len(token), token.i
    found.unit_surface = f"{found.unit_surface} {doc[k : k + n + 1].text}"


def _modifier(token: Token) -> bool:
    """A word between a figure and what it counts ("14 first-team players", "4.3M digital and
    physical sales")."""
    if token.text == "-" and not token.whitespace_ and token.i > 0:
        return not token.doc[token.i - 1].whitespace_
    if token.lower_ in ("and", "or") and token.i + 1 < len(token.doc):
        return token.doc[token.i + 1].pos_ == "ADJ"
    return token.pos_ in MODIFIER_POS and token.is_alpha and token.tag_ != "VBZ"


def _singular_count(token: Token) -> bool:
    """A single thing counted ("one solution", "one area"; never a time word), the head of
    its phrase ("one fluid ounce" counts ounces)."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.tag_ == "NN" and token.is_alpha and token.is_lower
        and token.lemma_.lower() not in TIME_WORDS
        and (following is None or following.pos_ != "NOUN")
    )  # fmt: skip


def _age_apposition(doc: Doc, first: int, last: int, end: int) -> bool:
    """A bare figure set off by commas right after a name is an age ("Maddon, 66, has")."""
    if first < 2 or doc[first - 1].text != "," or doc[first - 2].pos_ != "PROPN":
        return False
    return last + 1 >= end or doc[last + 1].text in (",", ".", ";")


def _open_count(token: Token, norp: set[int]) -> bool:
    """A plural noun not in the lexicon counts things, unless it measures time."""
    if token.i in norp:
        return token.text.endswith("s")
    plural = token.tag_ == "NNS" or (token.tag_ == "NNPS" and token.text.endswith("s"))
    return (
        plural and token.is_alpha and (token.is_lower or token.tag_ == "NNPS")
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


def _multiplier(word: str, currency: units.UnitWord | None) -> float | None:
    """The factor of a multiplier word ("billion", "bn", "M"; "m." ending a sentence)."""
    word = word[:-1] if len(word) > 1 and word.endswith(".") else word
    if word in CASED_MULTIPLIERS:
        return CASED_MULTIPLIERS[word]
    if currency is not None and word.lower() in CURRENCY_MULTIPLIERS:
        return CURRENCY_MULTIPLIERS[word.lower()]
    return q.MULTIPLIERS.get(word.lower())


def _read_glued(doc: Doc, j: int, end: int, currency: units.UnitWord | None) -> _Number | None:
    """A number glued to a currency, sign or unit ("RM23.50", "+0.2", "5pc", "$-50.8bn")."""
    parts = q.split_glued(doc[j].text)
    if parts is None:
        return None
    pre, sign, value, suffix = parts
    lexicon = units.unit_lexicon()
    prefix = None
    if pre:
        joined = ((currency.words[0] if currency else "") + pre).lower()
        prefix = lexicon.get((joined,)) or lexicon.get((pre.lower(),))
        if prefix is None or prefix.kind != "currency":
            return None
    unit = None
    if suffix:
        factor = _multiplier(suffix, prefix or currency)
        if factor is not None:
            value *= factor
        else:
            unit = lexicon.get((suffix.lower(),))
            if unit is None or unit.kind == "currency" and not suffix.isalpha():
                return None
    if sign == "-":
        value = -value
    k = j + 1
    scale = factor if suffix and unit is None and factor is not None else 1.0
    while k < end and (factor := _multiplier(doc[k].text, prefix or currency)) is not None:
        value, scale = value * factor, scale * factor
        k += 1
    return _Number(k, value, value, scale=scale, prefix=prefix, suffix=unit, sign=sign)


def _read_number(
    doc: Doc, j: int, end: int, text: str, currency: units.UnitWord | None = None
) -> _Number | None:
    token = doc[j]
    span = q.parse_range_token(token.text)
    if span is not None:
        return _Number(j + 1, span[0], span[1])
    value = q.parse_digits(token.text)
    if value is None and any(c.isdigit() for c in token.text):
        return _read_glued(doc, j, end, currency)
    if value is not None:
        k = j + 1
        while (
            k < end and len(doc[k].text) == 3 and doc[k].text.isdigit()
            and text[doc[k - 1].idx + len(doc[k - 1]) : doc[k].idx] in SPACE_GROUP
            and doc[k - 1].text.isdigit() and len(doc[k - 1].text) <= 3
        ):  # fmt: skip
            value = value * 1000 + float(doc[k].text)
            k += 1
        scale = 1.0
        while k < end and (factor := _multiplier(doc[k].text, currency)) is not None:
            value, scale = value * factor, scale * factor
            k += 1
        return _Number(k, value, value, scale=scale)
    lower = token.lower_
    if lower in q.VAGUE and j + 1 < end and doc[j + 1].lower_ == "of":
        base, k = q.VAGUE[lower], j + 1
        while k + 2 < end and doc[k + 1].lower_ in q.VAGUE and doc[k + 2].lower_ == "of":
            base, k = base * q.VAGUE[doc[k + 1].lower_], k + 2  # "tens of thousands of"
        return _Number(k, base, base * q.VAGUE_SPREAD, vague=True)
    if lower in ("minus", "negative") and j + 1 < end:
        number = _read_number(doc, j + 1, end, text, currency)
        if number is not None and number.low >= 0:
            return replace(number, low=-number.high, high=-number.low, sign="-")
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
    if not words or words == ["a"] or (len(words) == 1 and words[0] in ("dozen", *q.MULTIPLIERS)):
        return None  # "a baker's dozen", "several hundred": no figure
    value = q.word_value(words)
    if value is None:
        return None
    return _Number(k, value, value, spelled=True)
