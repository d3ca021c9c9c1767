"""Worker processes against one process and against bare spaCy, on real news.

    python benchmarks/workers.py [--corpus ../shared/benchmarks/polnear/dev/text]
                                 [--workers 2] [--limit 0] [--out benchmarks/results]

In one run, each stage in a fresh child process (this script's `--stage` mode), on the
clean texts of one ingest of `--corpus` (any input `triangulate ingest` reads: a folder
of texts, a JSON Lines file, ...):

- analyze-1:  `api.analyze(db, workers=1)` on a copy of the ingested database;
- analyze-N:  `api.analyze(db, workers=N)` on another copy (N spawned workers, each
  loading the pipeline once; the writer stores in order);
- spacy-1 / spacy-N: bare `nlp.pipe(texts, n_process=1 / N)` with the same model;
- pipeline-1 / pipeline-N: `api.ingest(corpus, run_analysis=True, workers=1 / N)`.

Figures: documents/s of each, the speed-up of N workers over one, and each against
bare spaCy with as many processes; peak resident memory of the writer and of the largest
worker (RUSAGE_CHILDREN after the pool has exited). Model loading is inside the timing
for the worker stages (each worker loads its own) and is reported for bare spaCy.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import MODEL, _loadavg, _say, copy_db, machine_info

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/benchmarks/polnear/dev/text"
DEFAULT_OUT = Path(__file__).resolve().parent / "results"


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def run_stage(stage: str, corpus: Path | None, db: Path, workers: int) -> dict[str, Any]:
    """One stage in this fresh process: its documents, seconds and peak memory."""
    from triangulate import api
    from triangulate.store import Store

    with Store(db) as store:
        texts = [d.text for d in store.documents()] if stage.startswith("spacy") else []
    start = time.perf_counter()
    if stage.startswith("spacy"):
        import spacy

        nlp = spacy.load(MODEL)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        documents = sum(1 for _ in nlp.pipe(texts, n_process=workers))
        extra: dict[str, Any] = {"model_load_seconds": round(loaded, 2)}
    elif stage.startswith("analyze"):
        report = api.analyze(db, workers=workers)
        documents, extra = report.analyzed, {"failed": len(report.failed)}
    else:
        assert corpus is not None
        ingest = api.ingest([str(corpus)], db, fetch_links=False, workers=workers)
        assert ingest.analysis is not None
        documents, extra = ingest.analysis.analyzed, {"failed": len(ingest.errors)}
    seconds = time.perf_counter() - start
    return {
        "stage": stage,
        "workers": workers,
        "documents": documents,
        "seconds": round(seconds, 2),
        "documents_per_second": round(documents / seconds, 3),
        "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF),
        "largest_worker_peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN) or None,
        **extra,
    }


def in_child(stage: str, corpus: Path | None, db: Path, workers: int, work: Path) -> dict:
    out = work / f"{stage}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, "--db", str(db)]
    command += ["--result", str(out), "--workers", str(workers)]
    if corpus is not None:
        command += ["--corpus", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"stage {stage} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def run(corpus: Path, workers: int) -> dict[str, Any]:
    from triangulate import api

    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "load_average_at_start": _loadavg(),
        "corpus": str(corpus),
        "workers": workers,
    }
    with tempfile.TemporaryDirectory(prefix="triangulate-workers-") as tmp:
        work = Path(tmp)
        ingested = work / "ingested.duckdb"
        _say(f"ingest {corpus} (no analysis)")
        api.ingest([str(corpus)], ingested, fetch_links=False, run_analysis=False)
        stages = {}
        for name, n in (("analyze-1", 1), (f"analyze-{workers}", workers)):
            _say(name)
            copy_db(ingested, work / f"{name}.duckdb")
            stages[name] = in_child(name, None, work / f"{name}.duckdb", n, work)
        for name, n in (("spacy-1", 1), (f"spacy-{workers}", workers)):
            _say(name)
            stages[name] = in_child(name, None, ingested, n, work)
        for name, n in (("pipeline-1", 1), (f"pipeline-{workers}", workers)):
            _say(name)
            stages[name] = in_child(name, corpus, work / f"{name}.duckdb", n, work)
    results["stages"] = stages
    rate = {k: s["documents_per_second"] for k, s in stages.items()}
    n = workers
    results["ratios"] = {
        f"analyze {n} workers / analyze 1": round(rate[f"analyze-{n}"] / rate["analyze-1"], 3),
        "analyze 1 / bare spaCy 1": round(rate["analyze-1"] / rate["spacy-1"], 3),
        f"analyze {n} workers / bare spaCy n_process={n}": round(
            rate[f"analyze-{n}"] / rate[f"spacy-{n}"], 3
        ),
        "pipeline 1 / bare spaCy 1": round(rate["pipeline-1"] / rate["spacy-1"], 3),
        f"pipeline {n} workers / pipeline 1": round(rate[f"pipeline-{n}"] / rate["pipeline-1"], 3),
        f"pipeline {n} workers / bare spaCy n_process={n}": round(
            rate[f"pipeline-{n}"] / rate[f"spacy-{n}"], 3
        ),
    }
    results["load_average_at_end"] = _loadavg()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        figures = run_stage(args.stage, args.corpus, args.db, args.workers)
        args.result.write_text(json.dumps(figures), encoding="utf-8")
        return
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} does not exist: give --corpus a folder or JSONL file")
    results = run(args.corpus, args.workers)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "workers.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for name, s in results["stages"].items():
        print(
            f"{name:14} {s['documents']:5} docs {s['seconds']:8.1f} s "
            f"{s['documents_per_second']:7.2f} docs/s  peak {s['peak_rss_mb']:7.1f} MB"
            f"  worker peak {s['largest_worker_peak_rss_mb']} MB"
        )
    for name, value in results["ratios"].items():
        print(f"{name:48} {value:.3f}")
    print(f"load average {results['load_average_at_start']} -> {results['load_average_at_end']}")


if __name__ == "__main__":
    main()
