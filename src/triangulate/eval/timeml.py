"""Score time-expression finding and normalisation on TimeML (TempEval-3 training data).

What is scored is what TempEval-3 scored (UzZaman et al. 2013, and its
``TE3-evaluation.py`` toolkit): the TIMEX3 tags inside the ``TEXT`` element.
The document creation time sits in the ``DCT`` element, outside ``TEXT``: it is
given to the tagger as input and is not an answer to find (the toolkit skips
``t0`` for the same reason). A TIMEX3 inside ``TEXT`` is gold whatever its
``functionInDocument``.

The plain text is the character content of ``TEXT`` exactly as it stands (tags
removed, entities decoded, the leading newline kept), and offsets index into it.

Definitions, summed over all documents:

- strict match: a system timex with exactly the span of a gold one;
- relaxed match: a system timex that overlaps a gold one ("Sunday" against
  "Sunday morning"). Each timex takes part in at most one match: pairs are taken
  greedily, most overlapping characters first;
- detection precision = matches / system timexes, recall = matches / gold
  timexes, F1 their harmonic mean, for each kind of match;
- attribute accuracy (type, value) = relaxed matches whose attribute equals the
  gold one / relaxed matches (0 when there are none);
- attribute F1: attribute precision = relaxed matches with the right attribute /
  system timexes, attribute recall = the same count / gold timexes. Value F1 is
  the figure TempEval-3 ranked normalisation by.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triangulate.errors import InputError
from triangulate.eval.result import PRF, EvalResult, gold_counts_then_score, parse_xml

DETAIL_CAP = 200


@dataclass(frozen=True)
class Timex:
    """A time expression: character span in the plain text, TIMEX3 type and normalised value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDoc:
    """One TimeML document: the plain text of ``TEXT``, the creation time and the gold timexes."""

    doc_id: str
    text: str
    dct: str
    timexes: list[Timex]


def _flatten(element: ET.Element) -> tuple[str, list[Timex]]:
    """Plain text of an element and the TIMEX3 tags in it, with offsets into that text."""
    pieces: list[str] = []
    tags: list[tuple[int, int, ET.Element]] = []
    length = 0

    def add(piece: str | None) -> None:
        nonlocal length
        if piece:
            pieces.append(piece)
            length += len(piece)

    def walk(node: ET.Element) -> None:
        start = length
        add(node.text)
        for child in node:
            walk(child)
            add(child.tail)
        if node.tag == "TIMEX3":
            tags.append((start, length, node))

    walk(element)
    text = "".join(pieces)
    timexes = [
        Timex(start, end, text[start:end], node.get("type", ""), node.get("value", ""))
        for start, end, node in sorted(tags, key=lambda t: (t[0], t[1]))
    ]
    return text, timexes


def parse_timeml(path: Path) -> TimemlDoc:
    """Read one .tml file; a file without ``TEXT`` or creation time is not usable and raises."""
    root = parse_xml(path)
    text_element = root.find(".//TEXT")
    dct = next(
        (
            t.get("value", "")
            for t in root.iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    if text_element is None or dct is None:
        raise InputError(
            str(path), "no TEXT element or no CREATION_TIME timex: not a TimeML document"
        )
    text, timexes = _flatten(text_element)
    return TimemlDoc(path.stem, text, dct, timexes)


def load_timeml(folder: Path) -> list[TimemlDoc]:
    """Every .tml file under ``folder`` (TimeBank/ and AQUAINT/), in path order."""
    return [parse_timeml(path) for path in sorted(folder.rglob("*.tml"))]


def _overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _relaxed_pairs(gold: list[Timex], system: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one overlapping (gold index, system index) pairs, the most overlapping first."""
    candidates = sorted(
        ((_overlap(g, s), i, j) for i, g in enumerate(gold) for j, s in enumerate(system)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for size, i, j in candidates:
        if size == 0:
            break
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((i, j))
    return pairs


def _strict_matches(gold: list[Timex], system: list[Timex]) -> int:
    """System timexes with exactly a gold span, each gold span used once."""
    gold_spans = Counter((t.start, t.end) for t in gold)
    system_spans = Counter((t.start, t.end) for t in system)
    return sum((gold_spans & system_spans).values())


def _row(doc_id: str, timex: Timex) -> dict[str, Any]:
    return {
        "doc": doc_id,
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": timex.type,
        "value": timex.value,
    }


def score_timexes(gold: dict[str, list[Timex]], system: dict[str, list[Timex]]) -> EvalResult:
    """TempEval-3 detection and attribute figures over the union of documents (see module doc).

    A document the system left out counts as one where it found nothing; a
    document absent from gold makes every system timex in it a false alarm.
    """
    n_gold = n_system = strict = relaxed = type_ok = value_ok = 0
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    wrong_values: list[dict[str, Any]] = []
    for doc_id in sorted(gold.keys() | system.keys()):
        g, s = gold.get(doc_id, []), system.get(doc_id, [])
        index_pairs = _relaxed_pairs(g, s)
        pairs = [(g[i], s[j]) for i, j in index_pairs]
        n_gold += len(g)
        n_system += len(s)
        strict += _strict_matches(g, s)
        relaxed += len(pairs)
        type_ok += sum(a.type == b.type for a, b in pairs)
        value_ok += sum(a.value == b.value for a, b in pairs)
        matched_gold = {i for i, _ in index_pairs}
        matched_system = {j for _, j in index_pairs}
        misses += [_row(doc_id, t) for i, t in enumerate(g) if i not in matched_gold]
        false_alarms += [_row(doc_id, t) for j, t in enumerate(s) if j not in matched_system]
        wrong_values += [
            {**_row(doc_id, a), "system text": b.text, "system value": b.value}
            for a, b in pairs
            if a.value != b.value
        ]
    metrics = {
        "gold timexes": float(n_gold),
        "system timexes": float(n_system),
        **PRF(strict, n_system - strict, n_gold - strict).as_metrics("strict"),
        **PRF(relaxed, n_system - relaxed, n_gold - relaxed).as_metrics("relaxed"),
        "type accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "value accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
        **PRF(type_ok, n_system - type_ok, n_gold - type_ok).as_metrics("type"),
        **PRF(value_ok, n_system - value_ok, n_gold - value_ok).as_metrics("value"),
    }
    details = {
        "misses": misses[:DETAIL_CAP],
        "false alarms": false_alarms[:DETAIL_CAP],
        "wrong values": wrong_values[:DETAIL_CAP],
    }
    return EvalResult("timeml", metrics=metrics, details=details)


def run_timeml(folder: Path, tagger: Callable[[str, str], list[Timex]] | None) -> EvalResult:
    """Run ``tagger(text, dct_value)`` on every document and score it; without one, say so."""
    docs = load_timeml(folder)
    counts = {
        "gold documents": float(len(docs)),
        "gold timexes": float(sum(len(d.timexes) for d in docs)),
    }
    score: Callable[[], EvalResult] | None = (
        None
        if tagger is None
        else (
            lambda: score_timexes(
                {d.doc_id: d.timexes for d in docs}, {d.doc_id: tagger(d.text, d.dct) for d in docs}
            )
        )
    )
    missing = ("timexes", "no time-expression stage is built yet")
    return gold_counts_then_score("timeml", counts, score, missing)
