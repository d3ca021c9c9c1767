"""Claim groups: the figures a story's reports give for one quantity, side by side.

Claims are about the same quantity when their units are of one family, what
they measure reads alike (stems of `measured`, else of the sentence), their
subject and place do not differ, and their dates lie within `WINDOW_DAYS` of
each other (the claim's own date, else its report's). Grouping is
agglomerative: the closest pairs first, two groups merging only when no pair
across them is implausible (see `_cannot_link`).

Within a group, values are intervals: a range is itself; "about" is ±5%;
"at least / more than" v is [v, 1.1 v] and "up to / no more than" v is
[0.9 v, v], since a bound stated in a dispute is that source's figure (AFP's
"at least 800" contests Kyiv's 1,000 rather than allowing it). Intervals are
widened by `tolerance` for rounding, then split into sides that agree. Status:
`conflict` with two sides or more; else `corroborated` when two independent
origins give the figure; `agree` when several reports of one origin do;
`single` for one claim. Claims that restate another claim of their sentence
in another unit are not extra members. Derived values (a whole implied by a
part and its share, a share implied by a part of a whole) join as members
marked `derived`, or are listed in `detail.derived` of their source's group.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from triangulate.corpus.independence import outlet_origin
from triangulate.corpus.similarity import Period, content_words, dice, period
from triangulate.models import ClaimGroup, Row
from triangulate.resources.outlets import OutletLexicon
from triangulate.resources.units import unit_family

TOLERANCE = 0.02
WINDOW_DAYS = 14
SAME_QUANTITY = 0.5  # link score for the closest pair of two groups
WEAK_LINK = 0.25  # every pair across two merged groups must reach this
# The sentence around a figure says less about what it counts than its `measured` phrase.
_CONTEXT_WEIGHT = 0.7
MAX_RATIO = 5.0  # figures further apart than this are about different things
DERIVED_SLACK = 0.05  # derived values carry the rounding of both figures they come from

# An area figure in a conflict story is nearly always the area held or taken; a head
# count can be of anything. This prior is what the wording must add up to.
_FAMILY_PRIOR = {"area": 0.4, "length": 0.1}
# The same claimant giving a figure for something worded alike is most likely one claim.
_SAME_CLAIMANT = 0.15
_QUALIFIER_SPAN = {
    "about": (0.95, 1.05),
    "approximately": (0.95, 1.05),
    "around": (0.95, 1.05),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "at_least": (1.0, 1.1),
    "more_than": (1.0, 1.1),
    "over": (1.0, 1.1),
    "up_to": (0.9, 1.0),
    "at_most": (0.9, 1.0),
    "less_than": (0.9, 1.0),
    "no_more_than": (0.9, 1.0),
}
_UNIT_WORDS = content_words(
    "square kilometres kilometers kilometre kilometer miles mile km sq percent per cent "
    "people persons dollars euros hectares tonnes figure number total estimate"
)


@dataclass
class _Claim:
    """A claim with the keys grouping compares: value interval, words, date, origin."""

    row: Row
    family: str
    low: float
    high: float
    measured: frozenset[str]
    context: frozenset[str]
    subject: frozenset[str]
    location: frozenset[str]
    claimant: str
    when: Period | None
    origin: str
    derived: bool = False
    rule: str = ""
    sources: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def stated(self) -> float:
        """The figure as given (a range's middle), in the family's base unit."""
        value = self.row.get("value")
        if value is None:
            return self.middle
        return float(value) * unit_family(str(self.row.get("unit")))[1]

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2


def group_claims(
    story_id: str,
    claims: Iterable[Row],
    documents: Iterable[Row],
    origins: Mapping[str, str],
    *,
    tolerance: float = TOLERANCE,
    lexicon: OutletLexicon | None = None,
) -> list[ClaimGroup]:
    """The story's claims grouped by quantity, each group with its status and sides.

    `claims` are rows of the `claims` table for the story's documents, `origins`
    the independence keys of `independent_origins`.
    """
    docs = {d["id"]: d for d in documents}
    rows = _members_worth_grouping(list(claims))
    items = [c for r in rows if (c := _prepare(r, docs, origins, lexicon)) is not None]
    items += _derive(items, docs)
    clusters = _cluster(items)
    groups: list[ClaimGroup] = []
    leftovers: list[_Claim] = []
    for cluster in clusters:
        if all(c.derived for c in cluster):
            leftovers.extend(cluster)
            continue
        groups.append(_group(story_id, cluster, tolerance))
    for derived in leftovers:
        for group in groups:
            if any(m["claim_id"] in derived.sources for m in group.members):
                group.detail.setdefault("derived", []).append(_derived_note(derived))
                break
    return sorted(groups, key=lambda g: (_STATUS_ORDER[g.status], g.unit, g.id))


_STATUS_ORDER = {"conflict": 0, "corroborated": 1, "agree": 2, "single": 3}


class ClaimMatcher:
    """Pairwise checks between claims of several reports, each claim prepared once.

    Date inference compares every claim of an undated report with every claim of
    its dated peers; preparing a claim (unit factor, qualifier span, context
    words) once per claim, not once per pair, keeps that quadratic loop cheap.
    """

    def __init__(self, documents: Mapping[str, Row]) -> None:
        self.documents = documents
        self._prepared: dict[object, _Claim | None] = {}

    def _get(self, row: Row) -> _Claim | None:
        key = row.get("id") or id(row)  # rows without an id: the caller holds them alive
        if key not in self._prepared:
            self._prepared[key] = _prepare(row, self.documents, {}, None)
        return self._prepared[key]

    def values_agree(self, a: Row, b: Row, tolerance: float = TOLERANCE) -> bool:
        """Whether two claims' figures agree once qualifiers and unit factors are applied."""
        ca, cb = self._get(a), self._get(b)
        if ca is None or cb is None or ca.family != cb.family:
            return False
        return _overlap((ca.low, ca.high), (cb.low, cb.high), tolerance)

    def same_quantity(self, a: Row, b: Row) -> bool:
        """Whether two claims could be about the same quantity (matching reports by figure)."""
        ca, cb = self._get(a), self._get(b)
        return ca is not None and cb is not None and _score(ca, cb) >= SAME_QUANTITY


def _members_worth_grouping(rows: list[Row]) -> list[Row]:
    """Drop claims restating another listed claim in another unit, and claims without a figure."""
    ids = {r["id"] for r in rows}
    return [
        r
        for r in rows
        if not (r.get("restates") and r["restates"] in ids)
        and any(r.get(k) is not None for k in ("value", "value_low", "value_high"))
    ]


def _prepare(
    row: Row, docs: Mapping[str, Row], origins: Mapping[str, str], lexicon: OutletLexicon | None
) -> _Claim | None:
    unit = str(row.get("unit") or "")
    family, factor = unit_family(unit)
    interval = _interval(row)
    if interval is None:
        return None
    low, high = interval[0] * factor, interval[1] * factor
    doc = docs.get(row.get("doc_id") or "", {})
    text = str(doc.get("text") or "")
    start, end = row.get("sentence_start"), row.get("sentence_end")
    sentence = text[start:end] if start is not None and end is not None else ""
    own = str(row.get("surface") or "")
    context = content_words(sentence.replace(own, " ")) - _UNIT_WORDS
    published = row.get("published") or doc.get("published") or doc.get("published_inferred")
    origin = origins.get(str(row.get("doc_id")), "doc:" + str(row.get("doc_id")))
    if row.get("claimant_kind") == "outlet":
        cited = outlet_origin(row.get("claimant"), lexicon)
        own_outlet = outlet_origin(doc.get("source"), lexicon) or doc.get("source")
        if cited and cited != own_outlet:
            origin = cited
    claimant = row.get("claimant_entity_id") or str(row.get("claimant") or "").casefold()
    return _Claim(
        row=row,
        family=family,
        low=low,
        high=high,
        measured=content_words(row.get("measured")) - _UNIT_WORDS,
        context=context,
        subject=content_words(row.get("subject")),
        location=content_words(row.get("location")),
        claimant=str(claimant or origin),
        when=period(row.get("date")) or period(published),
        origin=origin,
    )


def _interval(row: Row) -> tuple[float, float] | None:
    value, low, high = row.get("value"), row.get("value_low"), row.get("value_high")
    if low is not None and high is not None and low != high:
        return float(min(low, high)), float(max(low, high))
    point = value if value is not None else (low if low is not None else high)
    if point is None:
        return None
    below, above = _QUALIFIER_SPAN.get(str(row.get("qualifier") or ""), (1.0, 1.0))
    return float(point) * below, float(point) * above


def _overlap(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    """Whether two intervals meet once the higher end of each is stretched by `tolerance`."""
    return a[0] <= b[1] * (1 + tolerance) and b[0] <= a[1] * (1 + tolerance)


def _score(a: _Claim, b: _Claim) -> float:
    """0..1 (and a little over): how likely two claims give the same quantity."""
    if a.family != b.family or _cannot_link(a, b):
        return 0.0
    wording = max(dice(a.measured, b.measured), _CONTEXT_WEIGHT * dice(a.context, b.context))
    score = _FAMILY_PRIOR.get(a.family, 0.0) + 0.7 * wording
    for mine, theirs in ((a.subject, b.subject), (a.location, b.location)):
        if mine and theirs:
            score += 0.15 if mine & theirs else -0.1
        else:
            score += 0.075
    if a.claimant == b.claimant:
        score += _SAME_CLAIMANT
    return score


def _cannot_link(a: _Claim, b: _Claim) -> bool:
    """Pairs that are never one quantity, whatever their wording.

    A derived value and the claims it comes from; dates further apart than `WINDOW_DAYS`;
    figures more than `MAX_RATIO` apart; one claimant giving different figures at
    different times (an update, not a dispute) or in one sentence (two quantities).
    """
    if a.id in b.sources or b.id in a.sources:
        return True
    if a.when and b.when and a.when.gap_days(b.when) > WINDOW_DAYS:
        return True
    small, large = sorted((max(a.middle, 1e-9), max(b.middle, 1e-9)))
    if large / small > MAX_RATIO:
        return True
    if a.claimant != b.claimant or _overlap((a.low, a.high), (b.low, b.high), TOLERANCE):
        return False
    if a.row.get("doc_id") == b.row.get("doc_id") and a.row.get("sentence_start") == b.row.get(
        "sentence_start"
    ):
        return True
    return bool(a.when and b.when and not a.when.overlaps(b.when))


def _cluster(items: list[_Claim]) -> list[list[_Claim]]:
    """Agglomerative: closest pairs first; a merge needs every pair across to be plausible."""
    scores = {
        (i, j): _score(items[i], items[j])
        for i, j in combinations(range(len(items)), 2)
        if items[i].family == items[j].family
    }
    owner = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < SAME_QUANTITY:
            break
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        across = [scores.get((min(x, y), max(x, y)), 0.0) for x in members[gi] for y in members[gj]]
        if min(across) < WEAK_LINK:
            continue
        for k in members[gj]:
            owner[k] = gi
        members[gi] += members.pop(gj)
    return [[items[k] for k in sorted(group)] for group in members.values()]


def _sides(cluster: list[_Claim], tolerance: float) -> list[list[_Claim]]:
    """Claims split into sets whose intervals share a common value (greedy over sorted lows)."""
    sides: list[list[_Claim]] = []
    core: tuple[float, float] | None = None
    for claim in sorted(cluster, key=lambda c: (c.low, c.high)):
        if core is not None and _overlap(core, (claim.low, claim.high), tolerance):
            sides[-1].append(claim)
            core = (max(core[0], claim.low), min(core[1], claim.high))
            if core[0] > core[1]:
                core = (core[1], core[0])
        else:
            sides.append([claim])
            core = (claim.low, claim.high)
    return sides


def _group(story_id: str, cluster: list[_Claim], tolerance: float) -> ClaimGroup:
    sides = _sides(cluster, tolerance)
    outlets = sorted({c.origin for c in cluster})
    if len(sides) > 1:
        status = "conflict"
    elif len(outlets) > 1:
        status = "corroborated"
    else:
        status = "agree" if len(cluster) > 1 else "single"
    stated = [c for c in cluster if not c.derived] or cluster
    measured = max(
        (str(c.row.get("measured")) for c in stated if c.row.get("measured")),
        key=lambda m: (sum(m == str(c.row.get("measured")) for c in stated), len(m)),
        default=None,
    )
    ids = sorted(c.id for c in cluster)
    digest = hashlib.sha1("|".join([story_id, *ids]).encode()).hexdigest()[:12]
    detail: dict[str, Any] = {
        "tolerance": tolerance,
        "independent_outlets": outlets,
        "sides": [_side(side) for side in sides] if len(sides) > 1 else [],
    }
    derived = [_derived_note(c) for c in cluster if c.derived]
    if derived:
        detail["derived"] = derived
    return ClaimGroup(
        id=f"{story_id}:{digest}",
        story_id=story_id,
        measured=measured,
        unit=str(stated[0].row.get("unit") or ""),
        status=status,
        members=[_member(c) for c in cluster],
        detail=detail,
    )


def _side(side: list[_Claim]) -> dict[str, Any]:
    stated = sorted(c.stated for c in side)
    return {
        "value": stated[(len(stated) - 1) // 2],
        "low": min(c.low for c in side),
        "high": max(c.high for c in side),
        "claimants": sorted({str(c.row.get("claimant") or "") for c in side} - {""}),
        "doc_ids": sorted({str(c.row.get("doc_id")) for c in side}),
        "claim_ids": [c.id for c in side],
        "independent_outlets": sorted({c.origin for c in side}),
    }


def _member(c: _Claim) -> dict[str, Any]:
    r = c.row
    return {
        "claim_id": c.id,
        "doc_id": r.get("doc_id"),
        "source": r.get("source"),
        "claimant": r.get("claimant"),
        "claimant_entity_id": r.get("claimant_entity_id"),
        "value": r.get("value"),
        "value_low": r.get("value_low"),
        "value_high": r.get("value_high"),
        "qualifier": r.get("qualifier"),
        "date": r.get("date") or r.get("published"),
        "sentence_start": r.get("sentence_start"),
        "sentence_end": r.get("sentence_end"),
        "derived": c.derived,
        "independent_origin": c.origin,
    }


def _derived_note(c: _Claim) -> dict[str, Any]:
    return {
        "value": c.row.get("value"),
        "unit": c.row.get("unit"),
        "measured": c.row.get("measured"),
        "from": list(c.sources),
        "rule": c.rule,
    }


_PERCENT = re.compile(r"\bper ?cent\b|%")
_SHARE_OF = re.compile(r"\s*of\b")
_PART_OF = re.compile(r"^\W{0,3}(?:of|out of)\b", re.IGNORECASE)


def _derive(items: list[_Claim], docs: Mapping[str, Row]) -> list[_Claim]:
    """Values two claims of one sentence imply: the whole behind a part and its share
    ("1,100 km2, more than 86 percent of the area": about 1,280 km2), or the share a part
    is of a whole ("6,500 of 11,000 residents": about 59 percent)."""
    found: list[_Claim] = []
    by_sentence: dict[tuple[Any, Any], list[_Claim]] = {}
    for c in items:
        by_sentence.setdefault((c.row.get("doc_id"), c.row.get("sentence_start")), []).append(c)
    for (doc_id, _), group in by_sentence.items():
        text = str(docs.get(doc_id, {}).get("text") or "")
        ordered = sorted(group, key=lambda c: c.row.get("start") or 0)
        for first, second in combinations(ordered, 2):
            kinds = {first.family, second.family}
            if "percent" in kinds and len(kinds) == 2:
                share, part = (first, second) if first.family == "percent" else (second, first)
                if 0 < share.middle < 100 and _SHARE_OF.match(text, share.row.get("end") or 0):
                    whole = part.middle / share.middle * 100
                    rule = "a part and its share imply the whole"
                    found.append(_derived(part, part.row.get("unit"), whole, rule, [part, share]))
            elif kinds == {"count"} and first.middle < second.middle:
                between = text[first.row.get("end") or 0 : second.row.get("start") or 0]
                if len(between) <= 40 and _PART_OF.search(between) and not _PERCENT.search(between):
                    share_value = first.middle / second.middle * 100
                    rule = "a part of a whole implies its share"
                    found.append(_derived(first, "percent", share_value, rule, [first, second]))
    return found


def _derived(base: _Claim, unit: Any, amount: float, rule: str, sources: list[_Claim]) -> _Claim:
    """A derived claim of `amount` (in the family's base unit), credited to `base`'s claimant."""
    ids = [s.id for s in sources]
    family, factor = unit_family(str(unit))
    value = amount / factor
    row = {
        **base.row,
        "id": "derived:" + "+".join(ids),
        "value": round(value, 2),
        "value_low": round(value, 2),
        "value_high": round(value, 2),
        "qualifier": "about",
        "unit": unit,
        "restates": None,
    }
    measured = frozenset().union(*(s.measured for s in sources))
    return _Claim(
        row=row,
        family=family,
        low=amount * (1 - DERIVED_SLACK),
        high=amount * (1 + DERIVED_SLACK),
        measured=measured,
        context=base.context,
        subject=base.subject,
        location=base.location,
        claimant=base.claimant,
        when=base.when,
        origin=base.origin,
        derived=True,
        rule=rule,
        sources=tuple(ids),
    )
