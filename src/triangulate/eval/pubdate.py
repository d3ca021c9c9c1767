"""Score publication-date finding on htmldate's evaluation pages.

``gold.json`` maps each URL to ``{file, date}``; ``date`` is ``YYYY-MM-DD`` or NaN
(JSON ``NaN``) for a page that has no publication date, where the right answer
is None. As in htmldate's own comparison, accuracy is the share of pages whose
answer equals the gold one, None included.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PubdateMiss:
    """A page whose answer differs from the gold date."""

    url: str
    expected: str | None
    got: str | None


@dataclass(frozen=True)
class PubdateScore:
    """Accuracy, how often no date was given, and every miss to look at."""

    accuracy: float
    n: int
    no_date: int
    gold_no_date: int
    misses: list[PubdateMiss]


def read_html(path: Path) -> str:
    """Page text whether or not it is gzipped; bytes that are not UTF-8 are replaced."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def _gold_date(value: object) -> str | None:
    """The gold date, None for NaN/null/empty (a page without a date)."""
    return value if isinstance(value, str) and value else None


def load_pages(folder: Path) -> list[tuple[str, str, str | None]]:
    """(url, html, gold date) for every page of the benchmark folder."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [
        (url, read_html(folder / "html" / entry["file"]), _gold_date(entry.get("date")))
        for url, entry in gold.items()
    ]


def score_dates(rows: list[tuple[str, str | None, str | None]]) -> PubdateScore:
    """Score (url, expected, got) rows."""
    misses = [PubdateMiss(url, expected, got) for url, expected, got in rows if expected != got]
    n = len(rows)
    return PubdateScore(
        accuracy=(n - len(misses)) / n if n else 0.0,
        n=n,
        no_date=sum(got is None for _, _, got in rows),
        gold_no_date=sum(expected is None for _, expected, _ in rows),
        misses=misses,
    )


def run_pubdate(folder: Path, find_date: Callable[[str, str | None], str | None]) -> PubdateScore:
    """Run ``find_date(html, url)`` on every benchmark page and score it."""
    rows = [(url, gold, find_date(html, url)) for url, html, gold in load_pages(folder)]
    return score_dates(rows)
