"""How reports are matched across outlets: content words, date periods, events.

The timeline, the claim groups, the statement groups and the date inference all
decide whether two reports tell the same thing from the same evidence: the stems
of their content words (`content_words`, compared by `dice`), the calendar
period a date value stands for (`period`, `same_date`) and, for events, actors,
place and wording together (`event_similarity`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.models import Row
from triangulate.resources.lexicons import lexicon_pairs

# How similar (0..1) two events must be to count as one.
SAME_EVENT = 0.45

# spaCy's English stop words, and reporting verbs and number words, which say nothing of what.
_STOPWORDS = STOP_WORDS | {"said", "says", "told", "according", "thousand", "million", "new"}
# Words that name the same quantity or happening in different outlets' wording.
# Spellings of one name ("kiev", "kyiv") likewise.
_CONCEPTS = {**lexicon_pairs("matching_concepts"), **lexicon_pairs("spellings")}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_STEM_LENGTH = 5
_POSSESSIVE_END = re.compile(r"['’]s$")
CONTENT_WORDS_CACHE = 65_536


@lru_cache(maxsize=CONTENT_WORDS_CACHE)
def content_words(text: str | None) -> frozenset[str]:
    """Stems of the content words of a phrase: concept words unified, others cut to 5 letters.

    A prefix stem is crude but language-free and cheap: it makes "Russia" and "Russian",
    "kilometres" and "kilometers" equal, which is what matching two reports needs.
    Cached: claim grouping and date inference compare the same sentences many times.
    """
    found = set()
    for word in _WORD.findall((text or "").casefold()):
        word = _POSSESSIVE_END.sub("", word)
        if word in _STOPWORDS or len(word) < 3:
            continue
        found.add(_CONCEPTS.get(word) or word[:_STEM_LENGTH])
    return frozenset(found)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(frozen=True, order=True)
class Period:
    """The calendar days (first and last, inclusive) a TimeML date value stands for."""

    start: date
    end: date
    granularity: str = field(compare=False)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def gap_days(self, other: Period) -> int:
        """Days between the two periods, 0 when they overlap."""
        if self.overlaps(other):
            return 0
        return max((other.start - self.end).days, (self.start - other.end).days)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def period(value: str | None) -> Period | None:
    """The period of an anchored TimeML DATE value; None for relative, vague or duration values."""
    if not value:
        return None
    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return Period(day, day, "day")
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-(\d|WE))?", value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3] and m[3] != "WE":
            day = monday + timedelta(days=int(m[3]) - 1)
            return Period(day, day, "day")
        return Period(monday + timedelta(days=5 if m[3] else 0), monday + timedelta(days=6), "week")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _months(int(m[1]), int(m[2]), 1, "month")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _months(int(m[1]), 3 * int(m[2]) - 2, 3, "quarter")
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return _months(int(m[1]), 6 * int(m[2]) - 5, 6, "quarter")
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        first, last = _SEASONS[m[2]]
        return _months(int(m[1]), first, last - first + 1, "season")
    if m := re.fullmatch(r"\d{4}", value):
        return Period(date(int(value), 1, 1), date(int(value), 12, 31), "year")
    if m := re.fullmatch(r"\d{3}", value):
        return Period(date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31), "decade")
    return None


def _months(year: int, month: int, count: int, granularity: str) -> Period | None:
    if not 1 <= month <= 12:
        return None
    last_index = year * 12 + month - 1 + count - 1
    last_year, last_month = divmod(last_index, 12)
    last_day = calendar.monthrange(last_year, last_month + 1)[1]
    return Period(date(year, month, 1), date(last_year, last_month + 1, last_day), granularity)


def same_date(a: Period, b: Period) -> bool:
    """Equal at the coarser of the two granularities: one period contains the other."""
    return a.contains(b) or b.contains(a)


def _keys(names: Iterable[str | None]) -> frozenset[str]:
    return frozenset(k for name in names for k in content_words(name))


def event_similarity(a: Row, b: Row) -> float:
    """0..1: how likely two events of the same type are one happening (date not considered).

    The weighted mean of whatever both sides give: actors (entity ids, else name stems)
    0.4, place 0.2, wording of summary and trigger 0.4.
    """
    if a.get("type") != b.get("type"):
        return 0.0
    parts: list[tuple[float, float]] = []
    ids_a, ids_b = _ids(a.get("actor_entity_ids")), _ids(b.get("actor_entity_ids"))
    if ids_a and ids_b:
        actors_a, actors_b = ids_a, ids_b
    else:
        actors_a, actors_b = _keys(a.get("actors") or ()), _keys(b.get("actors") or ())
    if actors_a and actors_b:
        parts.append((0.4, len(actors_a & actors_b) / min(len(actors_a), len(actors_b))))
    place = _place_match(a, b)
    if place is not None:
        parts.append((0.2, place))
    words_a = content_words(f"{a.get('summary') or ''} {a.get('trigger') or ''}")
    words_b = content_words(f"{b.get('summary') or ''} {b.get('trigger') or ''}")
    parts.append((0.4, dice(words_a, words_b)))
    return sum(w * s for w, s in parts) / sum(w for w, _ in parts)


def _ids(values: Sequence[str | None] | None) -> frozenset[str]:
    return frozenset(v for v in values or () if v)


def _place_match(a: Row, b: Row) -> float | None:
    if a.get("location_entity_id") and b.get("location_entity_id"):
        return float(a["location_entity_id"] == b["location_entity_id"])
    place_a, place_b = content_words(a.get("location")), content_words(b.get("location"))
    if place_a and place_b:
        return float(bool(place_a & place_b))
    return None
