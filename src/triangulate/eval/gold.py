"""Score a database against a gold file in the buffer-zone schema (docs/gold-format.md).

Matching follows the rules of the gold README: texts are compared after
`fold_for_matching` (NFKC, straight quotes, one dash, one space, case folded).
Only stages that exist are scored; every other annotation type is listed as
not available, with the reason, never as zero.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from triangulate.clean.normalize import fold_for_matching
from triangulate.errors import UsageError
from triangulate.eval.result import PRF, EvalResult
from triangulate.models import Document

NOT_BUILT = {
    "published_inferred": "date inference from stories is not built yet",
    "quotes": "quote attribution is not built yet",
    "claims": "quantitative claims are not built yet",
    "events": "event extraction is not built yet",
    "entity_variants": "entity resolution is not built yet",
    "distinct_entities": "entity resolution is not built yet",
    "places": "geocoding is not built yet",
    "cross_source.conflicts": "claim groups are not built yet",
    "cross_source.corroborations": "claim groups are not built yet",
    "cross_source.unit_consistency": "unit checks are not built yet",
}


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


def score_gold(gold: dict[str, Any], documents: list[Document]) -> EvalResult:
    """Compare stored documents (matched to gold by file name) with the gold annotations."""
    by_name = {Path(doc.path).name: doc for doc in documents}
    result = EvalResult("gold", unavailable=dict(NOT_BUILT))
    missing = [name for name in gold["documents"] if name not in by_name]
    if missing:
        result.details["missing documents"] = [{"document": name} for name in missing]
    found = {name: g for name, g in gold["documents"].items() if name in by_name}
    result.metrics["documents scored"] = float(len(found))
    for field in ("published", "source", "title"):
        _field_accuracy(result, field, found, by_name)
    _must_keep_and_drop(result, found, by_name)
    _headings(result, found, by_name)
    return result


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
