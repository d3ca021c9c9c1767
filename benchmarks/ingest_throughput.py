"""Ingest throughput for plain text and for HTML, in documents and words per second.

    python benchmarks/ingest_throughput.py [--count 400] [--out benchmarks/results/ingest.json]

Both runs happen in this process on generated copies of the sample corpus and
measure ingest only (read, clean, store: `run_analysis=False`, no NLP); the
figure to compare across machines is the ratio HTML/text, since absolute
speeds vary with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from generate_corpus import generate

from triangulate import api


def measure(folder: Path, db: Path) -> dict[str, float]:
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir())
    start = time.perf_counter()
    report = api.ingest([str(folder)], db, run_analysis=False)
    seconds = time.perf_counter() - start
    docs = len(report.added) + len(report.unchanged)
    return {
        "documents": docs,
        "failed": len(report.errors),
        "seconds": round(seconds, 2),
        "documents_per_second": round(docs / seconds, 1),
        "input_words_per_second": round(words / seconds, 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/ingest.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        results = {}
        for kind in ("txt", "html"):
            folder = root / kind
            generate(folder, args.count, kinds=(kind,))
            results[kind] = measure(folder, root / f"{kind}.duckdb")
    results["html_over_text"] = round(
        results["html"]["documents_per_second"] / results["txt"]["documents_per_second"], 3
    )
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
