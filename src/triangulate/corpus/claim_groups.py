"""Claim groups: the figures a story's reports give for one quantity, side by side.

Claims are compared only when they measure the same referent over the same scope
(`corpus/referents.py`): the same concept and who is counted ("civilians killed"),
the same basis ("in the last 24 hours", "since Tuesday", "a week", "so far"), places
that do not differ, units of one family, and dates within `EVENT_WINDOW_DAYS` of
each other (the claim's own date, else its report's). A running quantity (a total,
a rate, a stock such as territory held or people displaced) may also join the same
claimant's figures of other dates, up to `SERIES_WINDOW_DAYS` apart, as a series.
Market and price figures never join a group. Grouping is agglomerative: the closest
pairs first, two groups merging only when no pair across them is implausible (see
`_cannot_link`).

Within a group, values are intervals: a range is itself; "about" is ±5%;
"at least / more than" v is [v, 1.1 v] and "up to / no more than" v is
[0.9 v, v], since a bound stated in a dispute is that source's figure (AFP's
"at least 800" contests Kyiv's 1,000 rather than allowing it). Intervals are
widened by `tolerance` for rounding, then split into sides that agree. Status:

- `conflict`: two claims of the same date window on different sides, from two real
  claimants (persons, organisations, outlets, sides; never "video", "report" or a
  place) that are different sides or independent reports, about a quantity of the
  story (casualties, displacement, territory, ...);
- `series`: one claimant's figure changing over time, kept per claimant in `series`;
- `corroborated`: one side given by independent origins (wire copies and near-
  duplicates count once; one speaker reprinted is a corroborated statement);
- `agree`: several reports of one origin; `single`: one claim.

Figures that differ without a dispute (one claimant, a figure outside the story) are
split into one group per side. Every group carries the rule that decided it, the
fields it compared and a confidence. Claims that restate another claim of their
sentence in another unit are not extra members. Derived values (a whole implied by a
part and its share, a share implied by a part of a whole) join as members marked
`derived`, or are listed in `detail.derived` of their source's group.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from triangulate.corpus.claimants import body, same_body
from triangulate.corpus.independence import outlet_origin
from triangulate.corpus.referents import Basis, Referent, basis, real_claimant, referent
from triangulate.corpus.similarity import Period, content_words, dice, period
from triangulate.models import ClaimGroup, Row
from triangulate.resources.outlets import OutletLexicon
from triangulate.resources.units import unit_family

TOLERANCE = 0.02
EVENT_WINDOW_DAYS = 1  # figures for one event or one "as of" date: reports a day apart
SERIES_WINDOW_DAYS = 60  # a running quantity's updates that still read as one series
SAME_QUANTITY = 0.5  # link score for the closest pair of two groups
WEAK_LINK = 0.25  # every pair across two merged groups must reach this
# The sentence around a figure says less about what it counts than its `measured` phrase.
_CONTEXT_WEIGHT = 0.7
MAX_RATIO = 5.0  # figures further apart than this are about different things
DERIVED_SLACK = 0.05  # derived values carry the rounding of both figures they come from
CLOSE_VALUES = 0.15  # sides nearer than this (relative) may be rounding or an update

# Sharing a concept ("killed", "territory") is most of the evidence; a head noun alone less.
_SAME_CONCEPT = 0.45
_SAME_HEAD = 0.3
# The same claimant giving a figure for something worded alike is most likely one claim.
_SAME_CLAIMANT = 0.15
_PLACE_KIND_WORDS = content_words(
    "province region city town village district suburb area restive central northern southern "
    "eastern western capital country governorate"
)
# Stocks rather than events: their value at a later date updates the earlier one.
_RUNNING_CONCEPTS = frozenset(
    {"displaced", "refugees", "territory", "detained", "missing", "deployed"}
)
_LOWER_BOUNDS = frozenset({"at_least", "more_than", "over"})
_UPPER_BOUNDS = frozenset({"up_to", "at_most", "less_than", "no_more_than"})
# Counts that never go down: the dead, the wounded, the people who have fled.
_ACCUMULATING = frozenset({"killed", "wounded", "casualties", "refugees"})
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
    referent: Referent
    basis: Basis
    named: bool  # the claimant is a real speaker named in the text, not the outlet's voice
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

    @property
    def running(self) -> bool:
        """A quantity one claimant can update over time: a total, a rate or a stock."""
        return self.basis.running or self.referent.concept in _RUNNING_CONCEPTS

    @property
    def body(self) -> str | None:
        """The government a named claimant speaks for (`claimants.body`), if one."""
        return body(str(self.row.get("claimant") or "")) if self.named else None

    @property
    def speaker(self) -> str:
        """Who gives the figure, for the report: the named claimant, else the origin."""
        return str(self.row.get("claimant") or "") if self.named else self.origin


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
    places = frozenset(str(r["location"]).casefold() for r in rows if r.get("location"))
    items = [c for r in rows if (c := _prepare(r, docs, origins, lexicon, places)) is not None]
    items += _derive(items, docs)
    clusters = _cluster(items)
    groups: list[ClaimGroup] = []
    leftovers: list[_Claim] = []
    for cluster in clusters:
        if all(c.derived for c in cluster):
            leftovers.extend(cluster)
            continue
        groups.extend(_groups(story_id, cluster, tolerance))
    for derived in leftovers:
        for group in groups:
            if any(m["claim_id"] in derived.sources for m in group.members):
                group.detail.setdefault("derived", []).append(_derived_note(derived))
                break
    return sorted(groups, key=lambda g: (_STATUS_ORDER[g.status], g.unit, g.id))


_STATUS_ORDER = {"conflict": 0, "series": 1, "corroborated": 2, "agree": 3, "single": 4}


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
            self._prepared[key] = _prepare(row, self.documents, {}, None, frozenset())
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
    row: Row,
    docs: Mapping[str, Row],
    origins: Mapping[str, str],
    lexicon: OutletLexicon | None,
    places: frozenset[str],
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
    before = after = ""
    if sentence and row.get("start") is not None and row.get("end") is not None:
        before, after = text[start : row["start"]], text[row["end"] : end]
    published = row.get("published") or doc.get("published") or doc.get("published_inferred")
    origin = origins.get(str(row.get("doc_id")), "doc:" + str(row.get("doc_id")))
    if row.get("claimant_kind") == "outlet":
        cited = outlet_origin(row.get("claimant"), lexicon)
        own_outlet = outlet_origin(doc.get("source"), lexicon) or doc.get("source")
        if cited and cited != own_outlet:
            origin = cited
    what = referent(row.get("measured"), before, after, family, own)
    scope = basis(sentence, before, own, after)
    named = real_claimant(row.get("claimant"), row.get("claimant_kind"), places)
    claimant = row.get("claimant_entity_id") or str(row.get("claimant") or "").casefold()
    if not named:
        claimant = "outlet:" + origin
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
        when=_when(row.get("date"), published, scope.running or what.concept in _RUNNING_CONCEPTS),
        origin=origin,
        referent=what,
        basis=scope,
        named=named,
    )


def _when(stated: Any, published: Any, running: bool) -> Period | None:
    """The date a figure is for: the day or week its sentence gives it; for a running
    total, or a sentence that only names a month or a year ("since March 2011"), the
    date of its report, which is when the total stood at that figure."""
    own, report = period(stated), period(published)
    if own is None or running:
        return report or own
    if (own.end - own.start).days <= 7 or report is None or not own.contains(report):
        return own  # "on Tuesday", or "in January" in an April report
    return report


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
    score = (_SAME_CONCEPT if a.referent.concept else _SAME_HEAD) + 0.5 * wording
    for mine, theirs in ((a.subject, b.subject), (a.location, b.location)):
        if mine and theirs:
            score += 0.15 if mine & theirs else -0.1
        else:
            score += 0.075
    if a.claimant == b.claimant:
        score += _SAME_CLAIMANT
    return score


def _comparable(a: _Claim, b: _Claim) -> str | None:
    """Why two claims never measure one quantity, whatever their values; None if they may."""
    if a.referent.market or b.referent.market:
        return "a market or price figure"
    if "increment" in (a.basis.kind, b.basis.kind):
        return 'a figure added to another ("another", "others") is not a total'
    if (a.basis.kind == "projected") != (b.basis.kind == "projected"):
        return "a plan, an expectation or a capacity is not a count of what happened"
    if a.referent.key != b.referent.key and not _one_statement(a, b):
        if a.referent.key is None or b.referent.key is None:
            return "nothing says what the figure counts"
        return "different referents"
    if _scope(a) != _scope(b):
        return "different bases (daily, cumulative, since a date)"
    if a.family == "count" and _place(a) and _place(b) and not (_place(a) & _place(b)):
        return "different places"
    return None


def _one_statement(a: _Claim, b: _Claim) -> bool:
    """One named speaker's same figure, one side's wording silent on what it counts: the
    same statement reported twice ("from one to two kilometres", Zelensky said), so in
    two reports (one report's equal figures, "two families" and "two grandchildren",
    are two quantities)."""
    return (
        a.named
        and a.claimant == b.claimant
        and a.row.get("doc_id") != b.row.get("doc_id")
        and not (a.referent.concept and b.referent.concept)
        and _overlap((a.low, a.high), (b.low, b.high), TOLERANCE)
    )


def _scope(c: _Claim) -> str:
    """The basis key; a stock (territory held, people displaced) stands "as of" a date
    whether or not the sentence says "since the start"."""
    if c.referent.concept in _RUNNING_CONCEPTS and c.basis.kind in ("event", "cumulative"):
        return "as of"
    return c.basis.key


def _same_place(a: _Claim, b: _Claim) -> bool:
    """One day's figures for an event need the same stated place to be about one event;
    a running total or stock only needs its places not to differ."""
    pa, pb = _place(a), _place(b)
    if a.running and b.running:
        return not (pa and pb) or pa == pb
    return bool(pa) and pa == pb


def _place(c: _Claim) -> frozenset[str]:
    """The claim's place words less the words of a place kind ("province"), unless the
    place is only its claimant ("Kyiv says")."""
    claimant = content_words(c.row.get("claimant"))
    return frozenset() if c.location == claimant else c.location - _PLACE_KIND_WORDS


def _cannot_link(a: _Claim, b: _Claim) -> bool:
    """Pairs that are never one quantity, whatever their wording.

    Claims that are not comparable (`_comparable`); a derived value and the claims it
    comes from; dates further apart than `EVENT_WINDOW_DAYS` (`SERIES_WINDOW_DAYS` for a
    running quantity); figures of one date more than `MAX_RATIO` apart; one claimant's
    two figures in one sentence (two quantities, whatever their values) or different
    figures at different times for an event (two events).
    """
    if a.id in b.sources or b.id in a.sources or _comparable(a, b):
        return True
    if a.claimant == b.claimant and _one_sentence(a, b) and not (a.derived or b.derived):
        return True  # one voice's two figures in a sentence: "10% Christian, 10% Alawite"
    gap = a.when.gap_days(b.when) if a.when and b.when else 0
    running = a.running and b.running
    if gap > (SERIES_WINDOW_DAYS if running else EVENT_WINDOW_DAYS):
        return True
    small, large = sorted((max(a.middle, 1e-9), max(b.middle, 1e-9)))
    if large / small > MAX_RATIO and not (running and gap > EVENT_WINDOW_DAYS):
        return True
    if a.claimant != b.claimant or _overlap((a.low, a.high), (b.low, b.high), TOLERANCE):
        return False
    return not running and bool(a.when and b.when and not a.when.overlaps(b.when))


def _one_sentence(a: _Claim, b: _Claim) -> bool:
    return a.row.get("doc_id") == b.row.get("doc_id") and a.row.get("sentence_start") == b.row.get(
        "sentence_start"
    )


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


def _groups(story_id: str, cluster: list[_Claim], tolerance: float) -> list[ClaimGroup]:
    """The cluster as one group, or one group per side when its values differ without a
    dispute or a series (one claimant, a figure that is not a claim about the story)."""
    sides = _sides(cluster, tolerance)
    disputes = _disputes(cluster, tolerance)
    series = _series(cluster, tolerance)
    if len(sides) > 1 and not disputes and not series:
        why = _why_not_disputed(cluster)
        return [_group(story_id, side, tolerance, split=why) for side in sides]
    return [_group(story_id, cluster, tolerance)]


def _disputes(cluster: list[_Claim], tolerance: float) -> list[tuple[_Claim, _Claim]]:
    """Pairs of claims that contradict each other: same date window, values apart, two real
    claimants that are different speakers in one report or come from independent reports."""
    found = []
    for a, b in combinations(cluster, 2):
        if _overlap((a.low, a.high), (b.low, b.high), tolerance) or _one_voice([a, b]):
            continue
        if _bound(a) is not None and _bound(a) == _bound(b):
            continue  # "at least 4,300" and "more than 5,000" both hold when 5,000 crossed
        if not (a.referent.disputable and b.referent.disputable):
            continue
        if "projected" in (a.basis.kind, b.basis.kind):
            continue  # forecasts and capacities differ without anyone contradicting anyone
        if a.when and b.when and a.when.gap_days(b.when) > EVENT_WINDOW_DAYS:
            continue
        if _update(a, b, tolerance):
            continue
        if a.origin == b.origin and not (a.named and b.named and _one_passage(a, b)):
            continue  # two speakers of one report contradict each other in one passage
        if not _same_place(a, b):
            continue
        found.append((a, b))
    return found


def _one_voice(claims: list[_Claim]) -> bool:
    """One claimant, or one government under its names ("Damascus", "the Syrian
    government", "the authorities")."""
    if len({c.claimant for c in claims}) == 1:
        return True
    bodies = [c.body for c in claims]
    return all(bodies) and same_body(b for b in bodies if b)


def _bound(c: _Claim) -> str | None:
    """Whether the figure is only a lower or an upper bound ("at least", "up to")."""
    qualifier = str(c.row.get("qualifier") or "")
    if qualifier in _LOWER_BOUNDS:
        return "lower"
    return "upper" if qualifier in _UPPER_BOUNDS else None


def _update(a: _Claim, b: _Claim, tolerance: float) -> bool:
    """Whether one of two figures of a running quantity, given on different days, can be
    an update of the other: a stock that changed, or a total that grew (a total that
    only grows but is lower on the later day contradicts the earlier one)."""
    if not (a.running and b.running and a.when and b.when) or a.when.overlaps(b.when):
        return False
    earlier, later = sorted((a, b), key=lambda c: c.when.start if c.when else 0)
    if _only_grows(earlier) and _only_grows(later):
        return later.high * (1 + tolerance) >= earlier.low
    return True


def _only_grows(c: _Claim) -> bool:
    """A total since a start ("so far", "since March") or a count of the dead or fled."""
    return c.basis.kind in ("cumulative", "since") or c.referent.concept in _ACCUMULATING


_PASSAGE_CHARS = 300  # "..., the UN says. But the government put the number at 619."


def _one_passage(a: _Claim, b: _Claim) -> bool:
    """Two claims of one document whose sentences are next to each other."""
    if a.row.get("doc_id") != b.row.get("doc_id"):
        return False
    first, second = sorted((a.row, b.row), key=lambda r: r.get("sentence_start") or 0)
    return (second.get("sentence_start") or 0) - (first.get("sentence_end") or 0) <= _PASSAGE_CHARS


def _why_not_disputed(cluster: list[_Claim]) -> str:
    if not all(c.referent.disputable for c in cluster):
        return "figures that are not claims about the story's events are not put in dispute"
    if len({c.claimant for c in cluster}) == 1:
        return "one claimant's different figures of one date are different quantities"
    if not any(_same_place(a, b) for a, b in combinations(cluster, 2)):
        return "figures without the same stated place may be about different events"
    return "the differing figures come from one report's voice, not two claimants"


def _series(cluster: list[_Claim], tolerance: float) -> dict[str, list[dict[str, Any]]]:
    """Per claimant, the dated values of a running quantity that changed over time."""
    by_claimant: dict[str, list[_Claim]] = {}
    for c in cluster:
        if c.running and c.when and not c.derived:
            by_claimant.setdefault(c.speaker or c.claimant, []).append(c)
    found: dict[str, list[dict[str, Any]]] = {}
    for name, claims in sorted(by_claimant.items()):
        days = {c.when.start for c in claims if c.when}
        values = _sides(claims, tolerance)
        if len(days) < 2 or len(values) < 2 or not _can_follow(claims, tolerance):
            continue
        dated = sorted((c.when.start, c.id, c.stated) for c in claims if c.when)
        found[name] = [
            {"date": day.isoformat(), "value": stated, "claim_id": claim_id}
            for day, claim_id, stated in dated
        ]
    return found


def _can_follow(claims: list[_Claim], tolerance: float) -> bool:
    """A total ("so far", "since March") only grows: one claimant's smaller total at a
    later date is another quantity, not an update."""
    if not all(c.basis.kind in ("cumulative", "since") for c in claims):
        return True
    dated = sorted((c for c in claims if c.when), key=lambda c: c.when.start if c.when else 0)
    return all(b.high * (1 + tolerance) >= a.low for a, b in zip(dated, dated[1:], strict=False))


def _group(
    story_id: str, cluster: list[_Claim], tolerance: float, split: str | None = None
) -> ClaimGroup:
    sides = _sides(cluster, tolerance)
    outlets = sorted({c.origin for c in cluster})
    disputes = _disputes(cluster, tolerance)
    series = _series(cluster, tolerance)
    if disputes:
        status = "conflict"
        a, b = max(disputes, key=lambda pair: _dispute_confidence(*pair))
        confidence: float | None = _dispute_confidence(a, b)
        rule = (
            f"{a.speaker} and {b.speaker} give different figures for the same referent, "
            f"scope and date ({_pair_reason(a, b)})"
        )
    elif series:
        status = "series"
        confidence = _base_confidence(cluster)
        rule = "one claimant's figure for a running quantity changes over time: a series"
    elif len(outlets) > 1:
        status = "corroborated"
        corroboration = _base_confidence(cluster) * min(1.0, 0.7 + 0.1 * len(outlets))
        if all(c.named for c in cluster) and _one_voice(cluster):
            corroboration *= 0.9
            rule = (
                f"one speaker's figure reported by {len(outlets)} independent outlets "
                "(a corroborated statement)"
            )
        else:
            rule = f"the same figure from {len(outlets)} independent origins"
        confidence = corroboration
    else:
        status = "agree" if len(cluster) > 1 else "single"
        confidence = _base_confidence(cluster) if len(cluster) > 1 else None
        rule = (
            "reports of one origin (wire copies, near-duplicates) give the same figure"
            if len(cluster) > 1
            else "one claim"
        )
    if split:
        rule += "; " + split
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
        "compared": _compared(cluster),
    }
    if disputes:
        detail["disputes"] = [[a.id, b.id] for a, b in disputes]
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
        rule=rule,
        confidence=round(confidence, 2) if confidence is not None else None,
        series=series,
    )


def _compared(cluster: list[_Claim]) -> dict[str, Any]:
    """The fields the grouping compared, as the report shows them."""
    first = cluster[0]
    return {
        "referent": first.referent.key,
        "referent_from": sorted({c.referent.evidence for c in cluster}),
        "basis": first.basis.key,
        "basis_words": sorted({c.basis.surface for c in cluster if c.basis.surface}),
        "places": sorted({str(c.row.get("location")) for c in cluster if c.row.get("location")}),
        "dates": sorted({c.when.start.isoformat() for c in cluster if c.when}),
        "claimants": sorted({c.speaker for c in cluster if c.speaker}),
    }


def _base_confidence(cluster: list[_Claim]) -> float:
    """How sure the members measure one referent: where the referent was read, and whether
    place and basis were stated."""
    evidence = {c.referent.evidence for c in cluster}
    score = 1.0 if evidence == {"measured"} else 0.9 if "head" not in evidence else 0.75
    if not any(c.location for c in cluster):
        score *= 0.9
    if cluster[0].basis.kind == "event" and not all(c.row.get("date") for c in cluster):
        score *= 0.9
    return score


def _dispute_confidence(a: _Claim, b: _Claim) -> float:
    """A dispute is surer between named speakers, on stated dates, with values far apart."""
    score = _base_confidence([a, b])
    score *= {2: 1.0, 1: 0.9}.get(a.named + b.named, 0.8)
    low, high = sorted((a.middle, b.middle))
    if high and (high - low) / high < CLOSE_VALUES:
        score *= 0.85
    return score


def _pair_reason(a: _Claim, b: _Claim) -> str:
    if a.origin != b.origin:
        return f"independent reports: {a.origin}, {b.origin}"
    return f"two speakers in one report ({a.origin})"


def _side(side: list[_Claim]) -> dict[str, Any]:
    stated = sorted(c.stated for c in side)
    return {
        "value": stated[(len(stated) - 1) // 2],
        "low": min(c.low for c in side),
        "high": max(c.high for c in side),
        "claimants": sorted({c.speaker for c in side} - {""}),
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
        referent=referent(base.row.get("measured"), "", "", family)
        if family != base.family
        else base.referent,
        basis=base.basis,
        named=base.named,
        derived=True,
        rule=rule,
        sources=tuple(ids),
    )
