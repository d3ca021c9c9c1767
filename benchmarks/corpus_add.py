"""Adding one report to a database of N analysed reports, the whole way, against re-running
the corpus steps from scratch. Usage:

    python benchmarks/corpus_add.py [--base 500] [--sizes 2500,10000] [--repeat 3]
        [--days-per-copy 40] [--out benchmarks/results/corpus_add.json]

A base of `--base` generated reports (generate_corpus.py) goes through the real
pipeline once (ingest + analyze). Databases of N reports are then made by copying
that base N / base times with SQL (new ids; dates moved by `--days-per-copy` days per
copy; the default base spans 55 days, so copies 40 days apart overlap and stories
grow with N, 60 keeps each copy's stories its own), and the corpus steps are run over
them once.

Measured on each database, in the same process:

- **add one**: `api.ingest([one new report])`, i.e. cleaning, near-duplicate check,
  the NLP of that report, entity resolution, and the corpus update (stories,
  inferred dates, the changed story's claim groups, timeline and framing);
  the time of each part is recorded;
- **from scratch**: entity resolution and the corpus steps over all N + 1 reports
  (story tables emptied first), the step an incremental design avoids.

The copies repeat the base's names, so the number of distinct person names does
not grow with N as in real reporting; entity resolution is timed, not modelled.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generate_corpus import generate
from steps import CORPUS_STEPS, step_times

from triangulate import api
from triangulate.store import Store
from triangulate.store.story_results import STORY_TABLES
from triangulate.workflow.analyze import analyze_store
from triangulate.workflow.settings import resolve_settings

DEFAULT_OUT = Path(__file__).parent / "results" / "corpus_add.json"
ANALYSIS_TABLES = ("analyses", "mentions", "timexes", "quotes", "claims", "events")
CORPUS_TABLES = ("stories", "story_documents", "stale_stories", *STORY_TABLES)
DAYS_PER_COPY = 40


def _copy_base(db: Path, copies: int, days: int = DAYS_PER_COPY) -> None:
    """Append `copies` copies of every document and its analysis, with new ids and dates
    moved by `days` per copy (copies overlap in time, and so share stories, when the
    base spans more days than that)."""
    with Store(db) as store, store.transaction():
        (top,) = store.conn.execute("SELECT max(seq) FROM documents").fetchone() or (0,)
        for k in range(1, copies):
            suffix = f"-c{k}"
            store.conn.execute(
                "INSERT INTO documents SELECT * REPLACE (id || ? AS id, seq + ? AS seq, "
                "published + to_days(?) AS published, NULL AS duplicate_of, "
                "NULL AS published_inferred) FROM documents WHERE NOT contains(id, '-c')",
                [suffix, k * top, k * days],
            )
            store.conn.execute(
                "INSERT INTO document_minhash SELECT doc_id || ? , signature "
                "FROM document_minhash WHERE NOT contains(doc_id, '-c')",
                [suffix],
            )
            for table in ANALYSIS_TABLES:
                store.conn.execute(
                    f"INSERT INTO {table} SELECT * REPLACE (doc_id || ? AS doc_id) "
                    f"FROM {table} WHERE NOT contains(doc_id, '-c')",
                    [suffix],
                )


def _clear_corpus(db: Path) -> None:
    with Store(db) as store, store.transaction():
        for table in CORPUS_TABLES:
            store.conn.execute(f"DELETE FROM {table}")
        store.conn.execute("DELETE FROM corpus_state WHERE key = 'stories.index'")
        # entities from scratch: no kept keys, every document waiting
        store.conn.execute("DELETE FROM mention_keys")
        store.conn.execute("INSERT OR IGNORE INTO entity_pending SELECT id FROM documents")


def _parts(steps: Any, total: float) -> dict[str, float]:
    parts = {
        "entity_resolution": steps.get("entity resolution"),
        "corpus_update": steps.get(*CORPUS_STEPS),
        "total": total,
    }
    parts["ingest_and_nlp"] = total - parts["entity_resolution"] - parts["corpus_update"]
    return parts


def _from_scratch(db: Path) -> dict[str, float]:
    """Entity resolution and every corpus step over the whole store (the analyses kept)."""
    _clear_corpus(db)
    with Store(db) as store, step_times() as steps:
        start = time.perf_counter()
        analyze_store(store, resolve_settings(store))
        total = time.perf_counter() - start
    parts = _parts(steps, total)
    del parts["ingest_and_nlp"]
    return parts


def _add_one(db: Path, report: Path) -> dict[str, float]:
    with step_times() as steps:
        start = time.perf_counter()
        result = api.ingest([str(report)], db, fetch_links=False)
        total = time.perf_counter() - start
    assert result.ok and result.added, result.errors
    return _parts(steps, total)


def measure(
    base_db: Path, size: int, base: int, extras: list[Path], days: int = DAYS_PER_COPY
) -> dict[str, Any]:
    """Copy the base to `size` reports, run the corpus steps from scratch, then add each
    of `extras` on its own (a new generated report each time)."""
    with tempfile.TemporaryDirectory(prefix="triangulate-add-") as tmp:
        db = Path(tmp) / "corpus.duckdb"
        shutil.copy(base_db, db)
        _copy_base(db, size // base, days)
        scratch = _from_scratch(db)  # also leaves the corpus state built for the adds
        adds = [_add_one(db, extra) for extra in extras]
        add = {k: statistics.median(a[k] for a in adds) for k in adds[0]}
        with Store(db) as store:
            documents = store.count_documents()
    return {
        "documents": documents,
        "add_one_seconds": {k: round(v, 3) for k, v in add.items()},
        "from_scratch_seconds": {k: round(v, 3) for k, v in scratch.items()},
        "from_scratch_over_add": round(scratch["total"] / add["total"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=500, help="reports analysed for real")
    parser.add_argument("--sizes", default="2500,10000", help="database sizes (multiples of base)")
    parser.add_argument("--repeat", type=int, default=3, help="single adds per size (median)")
    parser.add_argument(
        "--days-per-copy", type=int, default=DAYS_PER_COPY, help="days each copy is moved by"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="triangulate-base-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = sorted(generate(corpus, args.base + args.repeat, seed=7, kinds=("txt",)))
        base_files, extras = files[: args.base], files[args.base :]
        base_db = Path(tmp) / "base.duckdb"
        started = time.perf_counter()
        api.ingest([str(f) for f in base_files], base_db, fetch_links=False)
        print(f"base of {args.base} analysed in {time.perf_counter() - started:.0f} s")
        results = []
        for size in sizes:
            row = measure(base_db, size, args.base, extras, args.days_per_copy)
            print(json.dumps(row))
            results.append(row)
    out = {
        "what": "add one report (whole ingest path) to N analysed reports vs corpus steps "
        "from scratch, same process",
        "base": args.base,
        "days_per_copy": args.days_per_copy,
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sizes": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
