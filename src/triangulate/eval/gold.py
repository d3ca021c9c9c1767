"""Score a database against a gold file in the buffer-zone schema (docs/gold-format.md).

Matching follows the rules of the gold README: texts are compared after
`fold_for_matching` (NFKC, straight quotes, one dash, one space, case folded).
Only stages that exist are scored; every other annotation type is listed as
not available, with the reason, never as zero.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.clean.normalize import fold_for_matching
from triangulate.errors import UsageError
from triangulate.eval.gold_cross_source import (
    score_conflicts,
    score_corroborations,
    score_framing,
    score_published_inferred,
    score_storyline,
    score_unit_consistency,
)
from triangulate.eval.gold_names import NameIndex
from triangulate.eval.gold_statements import score_claims, score_events, score_quotes
from triangulate.eval.result import PRF, EvalResult
from triangulate.models import Document, Entity, TimeExpression

PLACE_TOLERANCE_KM = 25.0
EARTH_RADIUS_KM = 6371.0


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read gold file {path}: {exc}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict):
        raise UsageError(
            f"{path} is not a gold file: it needs a 'documents' object (docs/gold-format.md)"
        )
    return gold


@dataclass
class StoredAnalysis:
    """What the analysis stages stored, as the gold scorer needs it."""

    entities: list[Entity] = field(default_factory=list)
    mention_texts: dict[str, list[str]] = field(default_factory=dict)  # entity id -> surfaces
    timexes: dict[str, list[TimeExpression]] = field(default_factory=dict)  # doc id -> timexes
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # export table rows

    def by_document(self, table: str) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in self.tables.get(table, []):
            grouped.setdefault(row["doc_id"], []).append(row)
        return grouped


# The export tables the scorers read, beside documents and entities.
SCORED_TABLES = (
    "quotes",
    "claims",
    "events",
    "claim_groups",
    "statement_groups",
    "timeline",
    "stories",
    "framing",
)


def score_gold(
    gold: dict[str, Any], documents: list[Document], analysis: StoredAnalysis | None = None
) -> EvalResult:
    """Compare stored documents (matched to gold by file name) with the gold annotations."""
    by_name = {Path(doc.path).name: doc for doc in documents}
    result = EvalResult("gold")
    missing = [name for name in gold["documents"] if name not in by_name]
    if missing:
        result.details["missing documents"] = [{"document": name} for name in missing]
    found = {name: g for name, g in gold["documents"].items() if name in by_name}
    result.metrics["documents scored"] = float(len(found))
    for name in ("published", "source", "title"):
        _field_accuracy(result, name, found, by_name)
    _must_keep_and_drop(result, found, by_name)
    _headings(result, found, by_name)
    if analysis is None:
        result.unavailable["entities, places, time"] = "the documents were not analysed"
        return result
    surfaces = _entities_by_surface(analysis)
    _entity_variants(result, gold.get("entity_variants", []), surfaces)
    _distinct_entities(result, gold.get("distinct_entities", []), surfaces)
    _places(result, gold.get("places", {}), surfaces, analysis)
    _event_dates(result, found, by_name, analysis)
    _statements_and_cross_source(result, gold, found, by_name, analysis)
    return result


def _statements_and_cross_source(
    result: EvalResult,
    gold: dict[str, Any],
    found: dict[str, Any],
    docs: dict[str, Document],
    analysis: StoredAnalysis,
) -> None:
    names = NameIndex.build(analysis.entities, analysis.mention_texts)
    doc_ids = {name: docs[name].id for name in found}

    def per_document(key: str) -> dict[str, list[dict[str, Any]]]:
        return {doc_ids[name]: g[key] for name, g in found.items() if key in g}

    score_quotes(result, per_document("quotes"), analysis.by_document("quotes"), names)
    score_claims(result, per_document("claims"), analysis.by_document("claims"), names)
    texts = {doc.id: doc.text for doc in docs.values()}
    score_events(result, per_document("events"), analysis.by_document("events"), texts)
    inferred = {name: {"published_inferred": docs[name].published_inferred} for name in found}
    score_published_inferred(result, found, inferred)
    cross = gold.get("cross_source", {})
    groups, timeline = analysis.tables.get("claim_groups", []), analysis.tables.get("timeline", [])
    score_conflicts(result, cross.get("conflicts", []), groups, doc_ids, names)
    statements = analysis.tables.get("statement_groups", [])
    score_corroborations(
        result, cross.get("corroborations", []), groups, timeline, statements, doc_ids
    )
    score_unit_consistency(
        result, cross.get("unit_consistency", []), analysis.by_document("claims"), doc_ids
    )
    score_storyline(result, doc_ids, analysis.tables.get("stories", []))
    score_framing(result, cross.get("framing_terms", {}), analysis.tables.get("framing", []))


def _field_accuracy(
    result: EvalResult, field: str, gold: dict[str, Any], docs: dict[str, Document]
) -> None:
    due = {name: g[field] for name, g in gold.items() if field in g}
    if not due:
        return
    wrong = [
        {"document": name, "expected": expected, "got": getattr(docs[name], field)}
        for name, expected in due.items()
        if not _same(getattr(docs[name], field), expected)
    ]
    result.metrics[f"{field} accuracy"] = round(1 - len(wrong) / len(due), 4)
    result.details[f"{field} errors"] = wrong


def _same(got: str | None, expected: str | None) -> bool:
    if got is None or expected is None:
        return got is expected
    return fold_for_matching(got) == fold_for_matching(expected)


def _must_keep_and_drop(
    result: EvalResult, gold: dict[str, Any], docs: dict[str, Document]
) -> None:
    lost, leaked = [], []
    kept_total = dropped_total = 0
    for name, g in gold.items():
        body = fold_for_matching(docs[name].text)
        for text in g.get("must_keep", []):
            kept_total += 1
            if fold_for_matching(text) not in body:
                lost.append({"document": name, "text": text})
        for text in g.get("must_drop", []):
            dropped_total += 1
            if fold_for_matching(text) in body:
                leaked.append({"document": name, "text": text})
    if kept_total:
        result.metrics["must_keep recall"] = round(1 - len(lost) / kept_total, 4)
        result.details["must_keep lost"] = lost
    if dropped_total:
        result.metrics["must_drop removed"] = round(1 - len(leaked) / dropped_total, 4)
        result.details["must_drop left in"] = leaked


def _headings(result: EvalResult, gold: dict[str, Any], docs: dict[str, Document]) -> None:
    """Headings as sets of folded lines per document, micro-averaged."""
    tp = 0
    misses, false_alarms = [], []
    for name, g in gold.items():
        doc = docs[name]
        expected = {fold_for_matching(h) for h in g.get("headings", [])}
        found = {fold_for_matching(doc.text[s.start : s.end]) for s in doc.headings}
        tp += len(expected & found)
        misses += [{"document": name, "heading": h} for h in sorted(expected - found)]
        false_alarms += [{"document": name, "heading": h} for h in sorted(found - expected)]
    result.metrics.update(PRF(tp, len(false_alarms), len(misses)).as_metrics("headings"))
    result.details["headings missed"] = misses
    result.details["headings false alarms"] = false_alarms


def _entities_by_surface(analysis: StoredAnalysis) -> dict[str, set[str]]:
    """Folded name -> the entity ids it was mentioned as or is an alias of."""
    found: dict[str, set[str]] = {}
    for entity in analysis.entities:
        names = [entity.name, *entity.aliases, *analysis.mention_texts.get(entity.id, [])]
        for name in names:
            found.setdefault(fold_for_matching(name), set()).add(entity.id)
    return found


def _entity_variants(
    result: EvalResult, groups: list[list[str]], surfaces: dict[str, set[str]]
) -> None:
    """A group is resolved when every variant found in the text points at one same entity."""
    scored, unresolved = 0, []
    for group in groups:
        ids = [surfaces.get(fold_for_matching(v), set()) for v in group]
        present = [found for found in ids if found]
        if not present:
            continue
        scored += 1
        if len(set().union(*present)) != 1:
            unresolved.append({"group": group, "entities": [sorted(found) for found in ids]})
    if scored:
        result.metrics["entity_variants resolved"] = round(1 - len(unresolved) / scored, 4)
        result.details["entity_variants not resolved"] = unresolved


def _distinct_entities(
    result: EvalResult, pairs: list[list[str]], surfaces: dict[str, set[str]]
) -> None:
    scored, merged = 0, []
    for a, b in pairs:
        ids_a = surfaces.get(fold_for_matching(a), set())
        ids_b = surfaces.get(fold_for_matching(b), set())
        if ids_a and ids_b:
            scored += 1
            if ids_a & ids_b:
                merged.append({"pair": [a, b], "entities": sorted(ids_a & ids_b)})
    if scored:
        result.metrics["distinct_entities kept apart"] = round(1 - len(merged) / scored, 4)
        result.details["distinct_entities merged"] = merged


def _places(
    result: EvalResult,
    places: dict[str, dict[str, Any]],
    surfaces: dict[str, set[str]],
    analysis: StoredAnalysis,
) -> None:
    """The most mentioned place entity of each gold name must lie within 25 km of it."""
    by_id = {e.id: e for e in analysis.entities if e.type == "PLACE"}
    misses: list[dict[str, Any]] = []
    for name, point in places.items():
        candidates = [by_id[i] for i in surfaces.get(fold_for_matching(name), set()) if i in by_id]
        best = max(
            candidates, key=lambda e: len(analysis.mention_texts.get(e.id, [])), default=None
        )
        if best is None or best.lat is None or best.lon is None:
            misses.append({"place": name, "got": None})
            continue
        distance = _km(best.lat, best.lon, point["lat"], point["lon"])
        if distance > PLACE_TOLERANCE_KM:
            misses.append({"place": name, "got": [best.lat, best.lon], "km": round(distance)})
    if places:
        result.metrics["places within 25 km"] = round(1 - len(misses) / len(places), 4)
        result.details["places missed"] = misses


def _event_dates(
    result: EvalResult, gold: dict[str, Any], docs: dict[str, Document], analysis: StoredAnalysis
) -> None:
    """Until events exist: is each gold event's date among its document's time values?"""
    due, misses = 0, []
    for name, g in gold.items():
        values = {t.value for t in analysis.timexes.get(docs[name].id, [])}
        for event in g.get("events", []):
            due += 1
            if event["date"] not in values:
                misses.append({"document": name, "date": event["date"], "what": event.get("what")})
    if due:
        result.metrics["event dates among timexes"] = round(1 - len(misses) / due, 4)
        result.details["event dates not found"] = misses


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
