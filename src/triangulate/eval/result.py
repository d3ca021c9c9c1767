"""The common shape of every evaluation: figures, what is not available, and the errors.

A metric whose stage is not built yet is listed under `unavailable` with the
reason; it is never reported as zero or as passing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.errors import InputError


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from counts, with 0/0 read as 0 (and as 1 when nothing was due)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_metrics(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix} precision": round(self.precision, 4),
            f"{prefix} recall": round(self.recall, 4),
            f"{prefix} F1": round(self.f1, 4),
        }


@dataclass
class EvalResult:
    """Figures of one evaluation task, plus misses and false alarms to look at one by one."""

    task: str
    metrics: dict[str, float] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    details: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "metrics": self.metrics,
            "not_available": self.unavailable,
            "details": self.details,
        }


def gold_counts_then_score(
    task: str,
    counts: dict[str, float],
    score: Callable[[], EvalResult] | None,
    missing: tuple[str, str],
) -> EvalResult:
    """The gold counts, followed by the stage's scores, or by `missing` (what, why)
    listed as not available when no stage is given."""
    if score is None:
        return EvalResult(task, metrics=counts, unavailable=dict([missing]))
    result = score()
    result.metrics = {**counts, **result.metrics}
    return result


def parse_xml(path: Path) -> ET.Element:
    """The root of a benchmark's XML file; a broken file is an InputError naming it."""
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"cannot be read as XML ({exc})") from exc
