"""A story's timeline: events merged across reports, ordered by date.

The same event told by several outlets becomes one entry that lists every
event, document and outlet. Two events are the same when their type is the
same, their dates agree at the coarser of the two granularities (2024-08 and
2024-08-14 agree, 2024-08-14 and 2024-08-15 do not) and their actors,
place and wording are close enough (`event_similarity`, in `similarity.py`
with the period and word keys the claim groups and date inference share).

Every entry carries its salience, so that a reader (and `triangulate timeline
--top K`) can go to the dates that matter first:

- `reports`: independent reports that tell it. A report is one origin's copy
  on one publication day (`corpus/independence.py`): a near-duplicate counts as
  its original, wire copies republished by several outlets count once, and one
  outlet's updates of the same day count once; a later report that comes back
  to the date counts again, because a date still told days later mattered;
- `outlets`: distinct origins among them; `sides`: distinct known sides of those
  origins (from the outlet list's side or country column);
- `inferred`: the date was counted from an inferred publication date.

`salience = (reports + OUTLET_WEIGHT * (outlets - 1) + SIDE_WEIGHT * (sides - 1))`,
times `INFERRED_WEIGHT` when the date is inferred. `rank_dates` ranks the days of
a whole timeline (every story) by the same measure over the union of their reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from triangulate.corpus.similarity import SAME_EVENT, Period, event_similarity, period, same_date
from triangulate.models import Row, TimelineEntry

# How many days an undated event's report may follow a dated entry for the event to join it.
UNDATED_LAG_DAYS = 3
# What a second outlet, a second side and an inferred date are worth, in reports.
OUTLET_WEIGHT = 1.0
SIDE_WEIGHT = 1.0
INFERRED_WEIGHT = 0.5
# What each report published on a day adds to that day's rank: the day's own coverage.
COVERAGE_WEIGHT = 1.0


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
    outlet_sides: Mapping[str, str] | None = None,
) -> list[TimelineEntry]:
    """The story's events merged across reports and ordered by date.

    Events whose date is not anchored, or vague (PAST_REF, durations), are left
    out; an undated event joins a dated entry of the same happening when its
    report appeared on or up to `UNDATED_LAG_DAYS` after that date. An entry is
    `inferred` when all its dates were counted from an inferred publication date
    (`timexes` tell which dates were counted from the reference; without them every
    event of a report with only an inferred date counts as such). `outlet_sides`
    (origin -> side) counts the sides of an entry's outlets.
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
        _entry(story_id, position, cluster, docs, origins, outlet_sides or {})
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
    outlet_sides: Mapping[str, str],
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
    told = support(doc_ids, docs, origins, outlet_sides)
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
        reports=told.reports,
        outlets=told.outlets,
        sides=told.sides,
        salience=told.salience(cluster.inferred),
    )


@dataclass(frozen=True)
class Support:
    """How independently something is reported: reports, outlets and sides (module docstring)."""

    reports: int
    outlets: int
    sides: int

    def salience(self, inferred: bool) -> float:
        score = (
            self.reports
            + OUTLET_WEIGHT * max(self.outlets - 1, 0)
            + SIDE_WEIGHT * max(self.sides - 1, 0)
        )
        return round(score * (INFERRED_WEIGHT if inferred else 1.0), 3)


def support(
    doc_ids: Iterable[str],
    docs: Mapping[str, Row],
    origins: Mapping[str, str],
    outlet_sides: Mapping[str, str],
) -> Support:
    """The independent reports, origins and known sides among these documents."""
    reports: set[tuple[str, str]] = set()
    found: set[str] = set()
    for doc_id in doc_ids:
        root = _original(doc_id, docs)
        origin = origins.get(root) or origins.get(doc_id) or "doc:" + root
        found.add(origin)
        reports.add((origin, _published(docs.get(root, {})) or "doc:" + root))
    sides = {outlet_sides[o] for o in found if o in outlet_sides}
    return Support(len(reports), len(found), len(sides))


def _original(doc_id: str, docs: Mapping[str, Row]) -> str:
    """The first report of a chain of near-duplicates (`duplicate_of`)."""
    seen = {doc_id}
    while (parent := docs.get(doc_id, {}).get("duplicate_of")) and parent in docs:
        if parent in seen:
            break
        seen.add(parent)
        doc_id = parent
    return doc_id


@dataclass(frozen=True)
class RankedDate:
    """One day of a timeline with its salience over every entry on it, most salient first."""

    date: str
    salience: float
    reports: int
    outlets: int
    sides: int
    inferred: bool
    entries: list[Row]


def rank_dates(
    entries: Iterable[Row],
    documents: Iterable[Row],
    origins: Mapping[str, str],
    outlet_sides: Mapping[str, str] | None = None,
) -> list[RankedDate]:
    """The day-precision dates of timeline rows (any stories), most salient first.

    A day's support is that of the union of its entries' documents, so a report
    that tells two things of one day counts once; the day is inferred when every
    entry on it is. Ties go to the earlier date.
    """
    docs = {d["id"]: d for d in documents}
    days: dict[str, list[Row]] = {}
    for entry in entries:
        if entry.get("granularity") == "day" and entry.get("date"):
            days.setdefault(str(entry["date"]), []).append(entry)
    coverage = Counter(
        (_published(doc) or "")[:10]
        for doc_id, doc in docs.items()
        if _original(doc_id, docs) == doc_id
    )
    ranked = []
    for day, rows in days.items():
        # Only reports published on or after the day attest it; earlier ones announced a plan.
        doc_ids = {
            d
            for row in rows
            for d in row.get("doc_ids") or ()
            if (_published(docs.get(d, {})) or day)[:10] >= day
        }
        told = support(doc_ids, docs, origins, outlet_sides or {})
        inferred = all(row.get("inferred") for row in rows)
        score = told.salience(inferred) + COVERAGE_WEIGHT * coverage[day]
        rows.sort(key=lambda r: (-float(r.get("salience") or 0), str(r.get("summary") or "")))
        ranked.append(
            RankedDate(day, score, told.reports, told.outlets, told.sides, inferred, rows)
        )
    ranked.sort(key=lambda d: (-d.salience, d.date))
    return ranked
