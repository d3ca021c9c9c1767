"""Score quantity extraction on NewsQuant (sentences tagged with value, unit and change).

Gold: `NewsQuant.json`, a list of `{text, quantities: [{value, unit, normalized_unit,
change, referred_concepts}]}`; a value is a number or a range "low-high".

Matching (the benchmarks README): within a sentence a system quantity matches a gold
one when the values are equal after normalisation (relative difference under 1e-6;
a range needs both ends); value+unit also needs the same unit, value+change also the
same change ("=", "~", "<", ">", "up", "down"). Pairs are one to one, taken in
order; precision is over every quantity the system emits, recall over gold.

Units: the system's canonical units are mapped onto NewsQuant's names by the
extractor (`triangulate.resources.units.benchmark_name`). Counted things ("13000
workers") carry the lemma of the counted noun; NewsQuant's unit for them is the
noun phrase without stopwords ("good wireless speaker"), so a count unit matches
when it is the phrase or one of its words. A gold unit "-" (no unit) matches a
system quantity without a unit.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triangulate.errors import InputError
from triangulate.eval.result import PRF, EvalResult

CHANGES = ("=", "~", "<", ">", "up", "down")
NO_UNIT = "-"
DETAIL_CAP = 300
_RANGE = re.compile(r"^\s*(-?[\d.e+]+)\s*-\s*(-?[\d.e+]+)\s*$")


@dataclass(frozen=True)
class Quantity:
    """One quantity of a sentence: value (low == high for a point), unit name, change."""

    low: float
    high: float
    unit: str  # NewsQuant's name, or "-" for none
    change: str
    count: bool = False  # the unit is a counted noun's lemma
    surface: str = ""


Extractor = Callable[[list[str]], list[list[Quantity]]]


def load_newsquant(path: Path) -> list[tuple[str, list[Quantity]]]:
    """(sentence, gold quantities) from `NewsQuant.json` or the folder that holds it."""
    file = path / "NewsQuant.json" if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(file), f"cannot be read as NewsQuant JSON ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(str(file), "is not a NewsQuant list of sentences")
    return [(item["text"], [_gold(q) for q in item["quantities"]]) for item in data]


def _gold(item: dict[str, Any]) -> Quantity:
    value = str(item["value"])
    match = _RANGE.match(value)
    low, high = (float(match.group(1)), float(match.group(2))) if match else (float(value),) * 2
    return Quantity(low, high, item["normalized_unit"].strip(), item["change"].strip())


def same_value(a: Quantity, b: Quantity) -> bool:
    return math.isclose(a.low, b.low, rel_tol=1e-6) and math.isclose(a.high, b.high, rel_tol=1e-6)


def same_unit(gold: Quantity, system: Quantity) -> bool:
    if gold.unit.lower() == system.unit.lower():
        return True
    if system.count:
        words = {w.lower() for w in gold.unit.split()}
        return system.unit.lower() in words or system.unit.lower().rstrip("s") in words
    return False


CRITERIA: dict[str, Callable[[Quantity, Quantity], bool]] = {
    "value": same_value,
    "value+unit": lambda g, s: same_value(g, s) and same_unit(g, s),
    "value+change": lambda g, s: same_value(g, s) and g.change == s.change,
}


def _pairs(golds: list[Quantity], systems: list[Quantity], matches: Callable) -> int:
    """One-to-one pairs, each gold item taking the first unpaired system item it matches."""
    free = list(range(len(systems)))
    paired = 0
    for gold in golds:
        hit = next((i for i in free if matches(gold, systems[i])), None)
        if hit is not None:
            free.remove(hit)
            paired += 1
    return paired


def run_newsquant(path: Path, extract: Extractor) -> EvalResult:
    """Value, value+unit and value+change precision, recall and F1 over the sentences."""
    sentences = load_newsquant(path)
    found = extract([text for text, _ in sentences])
    result = EvalResult(
        "newsquant",
        metrics={
            "sentences": float(len(sentences)),
            "gold quantities": float(sum(len(g) for _, g in sentences)),
            "system quantities": float(sum(len(f) for f in found)),
        },
    )
    counts = {name: [0, 0, 0] for name in CRITERIA}
    misses: list[dict[str, Any]] = []
    alarms: list[dict[str, Any]] = []
    confusion: Counter[str] = Counter()
    for (text, golds), systems in zip(sentences, found, strict=True):
        for name, matches in CRITERIA.items():
            paired = _pairs(golds, systems, matches)
            counts[name][0] += paired
            counts[name][1] += len(systems) - paired
            counts[name][2] += len(golds) - paired
        _details(text, golds, systems, misses, alarms, confusion)
    for name, (tp, fp, fn) in counts.items():
        result.metrics.update(PRF(tp, fp, fn).as_metrics(name))
    result.details["missed"] = misses[:DETAIL_CAP]
    result.details["false alarms"] = alarms[:DETAIL_CAP]
    result.details["change confusion (gold -> system)"] = [
        {"pair": k, "count": v} for k, v in confusion.most_common()
    ]
    return result


def _details(
    text: str,
    golds: list[Quantity],
    systems: list[Quantity],
    misses: list[dict[str, Any]],
    alarms: list[dict[str, Any]],
    confusion: Counter[str],
) -> None:
    """Misses and false alarms by value, unit and change errors of value matches."""
    free = list(range(len(systems)))
    for gold in golds:
        hit = next((i for i in free if same_value(gold, systems[i])), None)
        if hit is None:
            misses.append({"sentence": text, "value": _show(gold), "unit": gold.unit,
                           "change": gold.change})  # fmt: skip
            continue
        free.remove(hit)
        system = systems[hit]
        confusion[f"{gold.change} -> {system.change}"] += 1
        if not same_unit(gold, system):
            misses.append({"sentence": text, "value": _show(gold), "unit": gold.unit,
                           "system unit": system.unit, "surface": system.surface})  # fmt: skip
    for i in free:
        system = systems[i]
        alarms.append({"sentence": text, "value": _show(system), "unit": system.unit,
                       "surface": system.surface})  # fmt: skip


def _show(quantity: Quantity) -> str:
    if quantity.low == quantity.high:
        return f"{quantity.low:g}"
    return f"{quantity.low:g}-{quantity.high:g}"
