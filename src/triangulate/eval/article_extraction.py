"""Score main-text extraction the way the Zyte article-extraction benchmark does.

Both texts are split into ``\\w+`` tokens (case kept) and compared as multisets of
4-token shingles, so word order matters but a page's length does not: each page's
TP/FP/FN are divided by their sum before precision and recall are taken.

Empty sides follow the benchmark's ``evaluate.py``: a page whose prediction is
empty (no shingles) is left out of the precision mean and scores recall 0; a
page whose gold text is empty is left out of the recall mean; a page where both
are empty is left out of both. F1 is the harmonic mean of the two means, not a
mean of per-page F1.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class PageScore:
    """One page's precision and recall; None means the page is left out of that mean."""

    id: str
    precision: float | None
    recall: float | None


@dataclass(frozen=True)
class ExtractionScore:
    """Benchmark figures plus the per-page rows, to look at the worst pages."""

    precision: float
    recall: float
    f1: float
    n: int
    pages: list[PageScore]


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of token n-grams; a text shorter than ``size`` is one shingle."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def shingle_counts(predicted: str, gold: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) so that every page weighs the same."""
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score_page(page_id: str, predicted: str, gold: str) -> PageScore:
    """Per-page precision and recall, None where the benchmark skips the page."""
    tp, fp, fn = shingle_counts(predicted, gold)
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return PageScore(page_id, precision, recall)


def score_pages(pairs: Iterable[tuple[str, str, str]]) -> ExtractionScore:
    """Score (id, predicted, gold) triples: means of per-page P and R, F1 of the means."""
    pages = [score_page(page_id, predicted, gold) for page_id, predicted, gold in pairs]
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return ExtractionScore(precision, recall, f1, len(pages), pages)


def load_pages(folder: Path) -> list[tuple[str, str, str | None, str]]:
    """(id, html, url, gold body) for every page of the benchmark folder."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        entry = truth[page_id]
        pages.append((page_id, html, entry.get("url"), entry.get("articleBody") or ""))
    return pages


def run_article_extraction(
    folder: Path, extractor: Callable[[str, str | None], str]
) -> ExtractionScore:
    """Run ``extractor(html, url)`` on every benchmark page and score its text."""
    return score_pages(
        (page_id, extractor(html, url) or "", gold)
        for page_id, html, url, gold in load_pages(folder)
    )
