"""Publication dates inferred for reports that carry none, from their story and content.

Each candidate day R (a week around the dated reports of the document's
stories) is scored against three kinds of evidence, each weighed as below;
the best-scoring day wins, the earliest on a tie (a report usually appears on
the day of the latest event it tells):

(a) relative expressions ("Wednesday", "today", "last week", "July 16"), whose
    value was left relative for want of a date, resolved from R must fall in
    the story's window: from `WINDOW_BEFORE_DAYS` before its first dated report
    to its last one (weight 2, shared by all expressions);
(b) what the report shares with dated reports of its stories: an event of
    the same type and actors dated D elsewhere must get date D when its own
    relative date is resolved from R (weight 3), or, if it has no relative
    date, R must not precede D (weight 1); a figure that a dated report gives
    for the same quantity puts R within `NEAR_DAYS` of that report (weight 1
    in all);
(c) the latest absolute date the text names (not in a future clause) is a
    lower bound, days within `NEAR_DAYS` after it scoring full, later days half
    (weight 2).

The confidence is the share of the weight the winning day satisfies, times
the most the strongest evidence that holds can give (`_CAPS`: 0.9 for a shared
event, 0.5 for relative expressions alone, 0.3 for a lower bound alone); the
evidence lists the rules that held, the surfaces of the relative expressions
and the dated reports matched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from triangulate.corpus.claim_groups import ClaimMatcher
from triangulate.corpus.similarity import (
    SAME_EVENT,
    Period,
    content_words,
    dice,
    event_similarity,
    period,
)
from triangulate.models import InferredDate, Row
from triangulate.nlp.time.calendar import (
    Direction,
    month_date,
    month_day,
    shift,
    weekday_date,
    yearly_date,
)

WINDOW_BEFORE_DAYS = 3
SEARCH_DAYS = 7
NEAR_DAYS = 2
# The confidence a kind of evidence can give at most, when everything else agrees with it.
_CAPS = {"event": 0.9, "after": 0.7, "claims": 0.7, "window": 0.5, "lower": 0.3}
_WEIGHTS = {"window": 2.0, "event": 3.0, "after": 1.0, "claims": 1.0, "lower": 3.0}
_RULE_NAMES = {
    "window": "relative expressions in the story window",
    "event": "events shared with dated reports",
    "after": "events shared with dated reports",
    "claims": "figures shared with dated reports",
    "lower": "latest absolute date in the text",
}
_DIRECTIONS = [(d.value, d) for d in Direction]
_FUTURE = ("future", "on or after", "strictly after")
# Any day: resolving from it tells whether a value can be resolved at all.
_PROBE = date(2000, 1, 3)


@dataclass
class _Constraint:
    kind: str
    weight: float
    holds: Callable[[date], float]  # 1 (or True) when it holds, 0 when not
    surface: str = ""
    doc_id: str | None = None


def resolve_relative(value: str, rule: str | None, reference: date) -> Period | None:
    """The period a relative TimeML value stands for once the publication date is `reference`.

    The direction and offset are read from the time expression's `rule` ("weekday, past
    tense: on or before the reference", "day -1 from the reference"); values counted
    from another date of the text ("the day in focus") are not resolved.
    """
    rule = rule or ""
    if "in focus" in rule:
        return None
    direction = next((d for text, d in _DIRECTIONS if text in rule), Direction.NEAREST)
    offset = re.search(r"\b(day|week|month|year) ([+-]\d+) from the reference", rule)
    if m := re.fullmatch(r"XXXX-WXX-(\d)(?:T.*)?", value):
        day = weekday_date(reference, int(m[1]), direction)
    elif value.startswith("XXXX-XX-XX"):
        day = shift(reference, "day", int(offset[2]) if offset and offset[1] == "day" else 0)
    elif m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})(?:T.*)?", value):
        day = yearly_date(reference, month_day(int(m[1]), int(m[2])), direction)
    elif m := re.fullmatch(r"XXXX-(\d{2})", value):
        first = month_date(reference, int(m[1]), direction)
        return period(f"{first:%Y-%m}") if first else None
    elif value in ("XXXX-WXX", "XXXX-XX", "XXXX"):
        unit = {"XXXX-WXX": "week", "XXXX-XX": "month", "XXXX": "year"}[value]
        moved = shift(reference, unit, int(offset[2]) if offset and offset[1] == unit else 0)
        iso_year, week, _ = moved.isocalendar()
        spelled = {
            "week": f"{iso_year:04d}-W{week:02d}",
            "month": f"{moved:%Y-%m}",
            "year": f"{moved:%Y}",
        }
        return period(spelled[unit])
    else:
        return None
    return None if day is None else Period(day, day, "day")


def infer_publication_dates(
    documents: Iterable[Row],
    events: Iterable[Row],
    timexes: Iterable[Row],
    stories: Mapping[str, Iterable[str]],
    claims: Iterable[Row] = (),
) -> list[InferredDate]:
    """Inferred dates for the documents without a stated `published` date that evidence allows."""
    docs = {d["id"]: d for d in documents}
    events_of, timexes_of, claims_of = _by_doc(events), _by_doc(timexes), _by_doc(claims)
    stories_of: dict[str, set[str]] = defaultdict(set)
    for doc_ids in stories.values():
        members = set(doc_ids)
        for doc_id in members:
            stories_of[doc_id] |= members
    found = []
    for doc_id, doc in docs.items():
        if doc.get("published"):
            continue
        peers = {
            p: day
            for p in sorted(stories_of.get(doc_id, set()) - {doc_id})
            if p in docs and (day := period(docs[p].get("published"))) is not None
        }
        inferred = _infer(doc, peers, docs, events_of, timexes_of, claims_of)
        if inferred is not None:
            found.append(inferred)
    return found


def _by_doc(rows: Iterable[Row]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        found[str(row["doc_id"])].append(row)
    return found


def _infer(
    doc: Row,
    peers: Mapping[str, Period],
    docs: Mapping[str, Row],
    events_of: Mapping[str, list[Row]],
    timexes_of: Mapping[str, list[Row]],
    claims_of: Mapping[str, list[Row]],
) -> InferredDate | None:
    doc_id = str(doc["id"])
    own_timexes = timexes_of.get(doc_id, [])
    relative = [t for t in own_timexes if not t.get("anchored", True) and t.get("type") != "SET"]
    constraints: list[_Constraint] = []
    lower = _lower_bound(own_timexes)
    if lower is not None:
        bound, surface, _ = lower
        constraints.append(_Constraint("lower", 1.0, _soon_after(bound), surface))
    if peers:
        first = min(p.start for p in peers.values())
        last = max(p.end for p in peers.values())
        closeness = _closeness(doc, peers, docs)
        constraints += _window_constraints(relative, peers, closeness)
        constraints += _event_constraints(doc_id, peers, events_of, relative)
        constraints += _claim_constraints(doc_id, peers, docs, claims_of)
        days = _days(first - timedelta(days=SEARCH_DAYS), last + timedelta(days=SEARCH_DAYS))
        if lower is not None and lower[0] > days[-1]:
            days = [lower[0]]
        elif lower is not None and lower[0] < days[0]:  # the story may have drifted later
            days = _days(lower[0], days[-1])
    elif lower is not None and lower[2] == "day":
        days = [lower[0]]
    else:
        return None
    if not constraints:
        return None
    total = sum(_WEIGHTS[c.kind] * c.weight for c in constraints)
    scored = [
        (sum(_WEIGHTS[c.kind] * c.weight * float(c.holds(day)) for c in constraints), day)
        for day in days
    ]
    best_score = max(score for score, _ in scored)
    if best_score <= 0:
        return None
    best = min(day for score, day in scored if score == best_score)
    held = [c for c in constraints if c.holds(best)]
    rules = list(dict.fromkeys(_RULE_NAMES[c.kind] for c in held))
    surfaces = list(dict.fromkeys(c.surface for c in held if c.surface))
    matched = sorted({c.doc_id for c in held if c.doc_id})
    evidence = {
        "rule": "; ".join(rules),
        "surface": "; ".join(surfaces[:5]),
        "confidence": round(max(_CAPS[c.kind] for c in held) * best_score / total, 3),
        "matched_docs": matched,
    }
    return InferredDate(doc_id, best.isoformat(), evidence)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _lower_bound(timexes: list[Row]) -> tuple[date, str, str] | None:
    """The latest absolute day or month named outside a future clause: (start, surface, grain)."""
    found: tuple[date, str, str] | None = None
    for t in timexes:
        rule = str(t.get("rule") or "")
        when = period(t.get("value")) if t.get("anchored", True) else None
        if when is None or when.granularity not in ("day", "month") or t.get("type") == "SET":
            continue
        if any(word in rule for word in _FUTURE):
            continue
        if found is None or when.start > found[0]:
            found = (when.start, str(t.get("text") or ""), when.granularity)
    return found


def _closeness(doc: Row, peers: Mapping[str, Period], docs: Mapping[str, Row]) -> dict[str, float]:
    """Each dated peer's wording similarity to the report, relative to the closest peer's."""
    words = content_words(doc.get("text"))
    raw = {p: dice(words, content_words(docs[p].get("text"))) for p in peers}
    best = max(raw.values(), default=0.0)
    return {p: (value / best if best else 1.0) for p, value in raw.items()}


def _window_constraints(
    relative: list[Row], peers: Mapping[str, Period], closeness: Mapping[str, float]
) -> list[_Constraint]:
    """(a): each relative expression resolved from R should land in the days just before a
    dated report of the story, the more so the closer that report's wording is to this one."""
    windows = [
        (Period(p.start - timedelta(days=WINDOW_BEFORE_DAYS), p.end, "day"), closeness[peer])
        for peer, p in peers.items()
    ]
    usable = [t for t in relative if resolve_relative(str(t["value"]), t.get("rule"), _PROBE)]
    return [
        _Constraint(
            "window",
            1.0 / len(usable),
            _lands_in(t, windows),
            str(t.get("text") or ""),
        )
        for t in usable
    ]


def _lands_in(timex: Row, windows: list[tuple[Period, float]]) -> Callable[[date], float]:
    def holds(reference: date) -> float:
        resolved = resolve_relative(str(timex["value"]), timex.get("rule"), reference)
        if resolved is None:
            return 0.0
        return max((weight for window, weight in windows if resolved.overlaps(window)), default=0.0)

    return holds


def _event_constraints(
    doc_id: str,
    peers: Mapping[str, Period],
    events_of: Mapping[str, list[Row]],
    relative: list[Row],
) -> list[_Constraint]:
    """(b), events: the same happening dated D in a dated report of the story."""
    timex_at = {t.get("start"): t for t in relative}
    found = []
    for event in events_of.get(doc_id, []):
        matches = [
            (peer, when)
            for peer in peers
            for other in events_of.get(peer, [])
            if other.get("anchored", True)
            and (when := period(other.get("date"))) is not None
            and when.granularity == "day"
            and event_similarity(event, other) >= SAME_EVENT
        ]
        timex = timex_at.get(event.get("date_start"))
        for peer, when in matches:
            if timex is not None:
                holds = _resolves_to(timex, when)
                found.append(_Constraint("event", 1.0, holds, str(timex.get("text") or ""), peer))
            else:
                found.append(_Constraint("after", 1.0, _not_before(when.start), "", peer))
    return found


def _not_before(first: date) -> Callable[[date], bool]:
    return lambda reference: reference >= first


def _soon_after(first: date) -> Callable[[date], float]:
    """Full credit within `NEAR_DAYS` after a lower bound, half within `SEARCH_DAYS`, a
    quarter later, none before it: a report is rarely much later than the latest day
    it names, which weighs more than relative words that fit any week."""

    def credit(r: date) -> float:
        if r < first:
            return 0.0
        late = (r - first).days
        return 1.0 if late <= NEAR_DAYS else 0.5 if late <= SEARCH_DAYS else 0.25

    return credit


def _near(day: date) -> Callable[[date], bool]:
    return lambda reference: abs((reference - day).days) <= NEAR_DAYS


def _resolves_to(timex: Row, when: Period) -> Callable[[date], bool]:
    def holds(reference: date) -> bool:
        resolved = resolve_relative(str(timex["value"]), timex.get("rule"), reference)
        return resolved is not None and resolved.overlaps(when)

    return holds


def _claim_constraints(
    doc_id: str,
    peers: Mapping[str, Period],
    docs: Mapping[str, Row],
    claims_of: Mapping[str, list[Row]],
) -> list[_Constraint]:
    """(b), figures: the same figure for the same quantity in a dated report of the story."""
    found = []
    matcher = ClaimMatcher(docs)
    for claim in claims_of.get(doc_id, []):
        if claim.get("restates"):
            continue
        for peer, published in peers.items():
            if any(
                matcher.values_agree(claim, other) and matcher.same_quantity(claim, other)
                for other in claims_of.get(peer, [])
            ):
                found.append(
                    _Constraint(
                        "claims",
                        1.0,
                        _near(published.start),
                        str(claim.get("surface") or ""),
                        peer,
                    )
                )
    for c in found:
        c.weight = 1.0 / len(found)
    return found
