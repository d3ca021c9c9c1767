"""A story's timeline: events merged across reports, ordered by date.

The same event told by several outlets becomes one entry that lists every
event, document and outlet. Two events are the same when their type is the
same, their dates agree at the coarser of the two granularities (2024-08 and
2024-08-14 agree, 2024-08-14 and 2024-08-15 do not) and their actors,
place and wording are close enough (`event_similarity`). The period and
word keys defined here are shared with the claim groups and the date
inference, which match reports by the same evidence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from triangulate.models import Row, TimelineEntry

# How similar (0..1) two events must be to count as one, and how many days an undated
# event's report may follow a dated entry for the event to join it.
SAME_EVENT = 0.45
UNDATED_LAG_DAYS = 3

# spaCy's English stop words, and reporting verbs and number words, which say nothing of what.
_STOPWORDS = STOP_WORDS | {"said", "says", "told", "according", "thousand", "million", "new"}
# Words that name the same quantity or happening in different outlets' wording.
_CONCEPTS = {
    **dict.fromkeys(("territory", "territories", "area", "areas", "land", "soil"), "area"),
    **dict.fromkeys(("killed", "dead", "death", "deaths", "died", "bodies", "fatalities"), "dead"),
    **dict.fromkeys(("wounded", "injured", "injuries"), "wounded"),
    **dict.fromkeys(("displaced", "fled", "evacuated", "homeless", "refugees"), "displaced"),
    **dict.fromkeys(("prisoners", "captives", "pows", "detained"), "captive"),
    **dict.fromkeys(("advanced", "advance", "advancing", "advances", "moved", "moving"), "advance"),
    **dict.fromkeys(("control", "controlled", "controls", "hold", "held", "holds"), "control"),
    **dict.fromkeys(("kiev", "kyiv"), "kyiv"),
}
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


def depends_on_reference(rule: str | None) -> bool:
    """Whether a time expression's value was counted from the publication date (its rule says)."""
    return bool(rule) and "reference" in str(rule)


@dataclass
class _Cluster:
    period: Period
    value: str
    events: list[Row]
    inferred: bool


def build_timeline(
    story_id: str,
    events: Iterable[Row],
    documents: Iterable[Row],
    origins: Mapping[str, str],
    timexes: Iterable[Row] = (),
) -> list[TimelineEntry]:
    """The story's events merged across reports and ordered by date.

    Events whose date is not anchored, or vague (PAST_REF, durations), are left
    out; an undated event joins a dated entry of the same happening when its
    report appeared on or up to `UNDATED_LAG_DAYS` after that date. An entry is
    `inferred` when all its dates were counted from an inferred publication date
    (`timexes` tell which dates were counted from the reference; without them every
    event of a report with only an inferred date counts as such).
    """
    docs = {d["id"]: d for d in documents}
    timex_rows = list(timexes)
    relative = {
        (t["doc_id"], t["start"]) for t in timex_rows if depends_on_reference(t.get("rule"))
    }
    dated: list[tuple[Period, Row, bool]] = []
    undated: list[Row] = []
    for event in events:
        when = period(event.get("date")) if event.get("anchored", True) else None
        if when is None:
            if not event.get("date"):
                undated.append(event)
            continue
        doc = docs.get(event["doc_id"], {})
        from_inferred = not doc.get("published") and bool(doc.get("published_inferred"))
        if from_inferred and timex_rows:
            from_inferred = (event["doc_id"], event.get("date_start")) in relative
        dated.append((when, event, from_inferred))
    # Finest dates first, so that coarse mentions join the day they contain.
    dated.sort(key=lambda item: (item[0].end - item[0].start, item[0].start, _order(item[1])))
    clusters: list[_Cluster] = []
    for when, event, from_inferred in dated:
        best = _best_cluster(clusters, event, lambda c, w=when: same_date(c.period, w))
        if best is None:
            value = when.start.isoformat() if when.granularity == "day" else str(event["date"])
            clusters.append(_Cluster(when, value, [event], from_inferred))
        else:
            best.events.append(event)
            best.inferred = best.inferred and from_inferred
    for event in undated:
        published = period(_published(docs.get(event["doc_id"], {})))
        if published is None:
            continue
        best = _best_cluster(
            clusters,
            event,
            lambda c, p=published: 0 <= (p.start - c.period.end).days <= UNDATED_LAG_DAYS,
        )
        if best is not None:
            best.events.append(event)
    clusters.sort(key=lambda c: (c.period.start, -(c.period.end - c.period.start), c.value))
    return [
        _entry(story_id, position, cluster, docs, origins)
        for position, cluster in enumerate(clusters)
    ]


def _order(event: Row) -> tuple[str, int]:
    return str(event.get("doc_id")), int(event.get("start") or 0)


def _best_cluster(clusters: list[_Cluster], event: Row, fits: Any) -> _Cluster | None:
    scored = [
        (max(event_similarity(event, other) for other in cluster.events), -i, cluster)
        for i, cluster in enumerate(clusters)
        if cluster.events[0].get("type") == event.get("type") and fits(cluster)
    ]
    scored = [item for item in scored if item[0] >= SAME_EVENT]
    return max(scored, key=lambda item: item[:2])[2] if scored else None


def _published(doc: Row) -> str | None:
    return doc.get("published") or doc.get("published_inferred")


def _entry(
    story_id: str,
    position: int,
    cluster: _Cluster,
    docs: Mapping[str, Row],
    origins: Mapping[str, str],
) -> TimelineEntry:
    doc_ids = sorted({e["doc_id"] for e in cluster.events})
    sources: list[str] = []
    for doc_id in sorted(doc_ids, key=lambda d: (_published(docs.get(d, {})) or "9999", d)):
        name = docs.get(doc_id, {}).get("source") or origins.get(doc_id) or doc_id
        if name not in sources:
            sources.append(name)
    # The wording of the earliest report (the first to tell it), its longest event on a tie.
    first = min(
        cluster.events,
        key=lambda e: (_published(docs.get(e["doc_id"], {})) or "9999", -len(e["summary"] or "")),
    )
    return TimelineEntry(
        story_id=story_id,
        position=position,
        date=cluster.value,
        granularity=cluster.period.granularity,
        type=str(first.get("type") or ""),
        summary=str(first.get("summary") or ""),
        event_ids=[str(e["id"]) for e in cluster.events],
        doc_ids=doc_ids,
        sources=sources,
        inferred=cluster.inferred,
    )
