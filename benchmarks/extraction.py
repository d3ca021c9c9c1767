"""Compare our HTML extraction with the libraries it builds on, on the public benchmarks.

Body text: ``extract_html`` against plain ``trafilatura.extract(html)`` on the
article-extraction benchmark (shingle F1). Publication date:
``find_publication_date`` against ``htmldate.find_date`` (fast and extensive) on
htmldate's evaluation pages (accuracy). The data is read from the shared folder
at run time and never copied into the repository: the JSON keeps figures and
page ids only, and ``--details`` prints our date misses (url, gold, ours).

    python benchmarks/extraction.py [--shared ../shared] [--out benchmarks/results/extraction.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import TypeVar

import htmldate
import trafilatura

from triangulate.clean.html import extract_html, find_publication_date
from triangulate.eval.article_extraction import ExtractionScore, run_article_extraction
from triangulate.eval.pubdate import PubdateScore, run_pubdate

T = TypeVar("T")
DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _ours_text(html: str, url: str | None) -> str:
    return extract_html(html, url).text


def _trafilatura_text(html: str, url: str | None) -> str:
    return trafilatura.extract(html) or ""


def _ours_date(html: str, url: str | None) -> str | None:
    return find_publication_date(html, url)[0]


def _htmldate(extensive: bool) -> Callable[[str, str | None], str | None]:
    def find(html: str, url: str | None) -> str | None:
        return htmldate.find_date(html, extensive_search=extensive)

    return find


def _timed(run: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def body_rows(folder: Path) -> list[dict[str, object]]:
    """One row per system on the article-extraction benchmark."""
    systems: dict[str, Callable[[str, str | None], str]] = {
        "triangulate extract_html": _ours_text,
        "trafilatura.extract (defaults)": _trafilatura_text,
    }
    rows = []
    for name, extractor in systems.items():
        score, seconds = _timed(partial(run_article_extraction, folder, extractor))
        rows.append(_body_row(name, score, seconds))
    return rows


def _body_row(name: str, score: ExtractionScore, seconds: float) -> dict[str, object]:
    worst = sorted(
        (p for p in score.pages if p.precision is not None and p.recall is not None),
        key=lambda p: min(p.precision or 0.0, p.recall or 0.0),
    )[:5]
    return {
        "system": name,
        "n": score.n,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "seconds": round(seconds, 1),
        "worst_pages": [asdict(p) for p in worst],
    }


def date_rows(folder: Path, details: bool) -> list[dict[str, object]]:
    """One row per system on the publication-date benchmark."""
    systems: dict[str, Callable[[str, str | None], str | None]] = {
        "triangulate find_publication_date": _ours_date,
        "htmldate.find_date (defaults, extensive)": _htmldate(extensive=True),
        "htmldate.find_date (extensive_search=False)": _htmldate(extensive=False),
    }
    rows = []
    for name, finder in systems.items():
        score, seconds = _timed(partial(run_pubdate, folder, finder))
        rows.append(_date_row(name, score, seconds))
        if details and finder is _ours_date:
            for miss in score.misses:
                print(f"date miss: gold {miss.expected} ours {miss.got} {miss.url}")
    return rows


def _date_row(name: str, score: PubdateScore, seconds: float) -> dict[str, object]:
    return {
        "system": name,
        "n": score.n,
        "accuracy": round(score.accuracy, 4),
        "no_date": score.no_date,
        "gold_no_date": score.gold_no_date,
        "seconds": round(seconds, 1),
        "misses": len(score.misses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--details", action="store_true", help="print our date misses")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "results" / "extraction.json"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura and htmldate log every odd page

    benchmarks = args.shared / "benchmarks"
    body = body_rows(benchmarks / "article-extraction")
    dates = date_rows(benchmarks / "pubdate", args.details)

    print(f"{'article body (shingle F1)':46} {'P':>7} {'R':>7} {'F1':>7} {'s':>6}")
    for row in body:
        print(
            f"{row['system']:46} {row['precision']:7.4f} {row['recall']:7.4f}"
            f" {row['f1']:7.4f} {row['seconds']:6.1f}"
        )
    print(f"\n{'publication date':46} {'acc':>7} {'none':>7} {'s':>6}")
    for row in dates:
        print(f"{row['system']:46} {row['accuracy']:7.4f} {row['no_date']:7} {row['seconds']:6.1f}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"article_extraction": body, "pubdate": dates}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
