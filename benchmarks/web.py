"""The story page's server time against a bare SELECT of the same story's rows, in the
same run. Usage:

    python benchmarks/web.py [--repeat 20] [--docs 1000] [--out benchmarks/results/web.json]

The demo database (`api.demo`, the bundled sample corpus) is built in a temporary
folder and served in-process by FastAPI's TestClient (no network, no uvicorn). For
its largest story, and for a story of `--docs` documents (below), the median of
`--repeat` requests is measured for:

- **page**: `GET /stories/{id}` (the HTML page: rows read, report data built,
  template rendered);
- **api**: `GET /api/stories/{id}` (the same report data as JSON);
- **rows**: `queries.story_rows`, the export-table reads both of them start with;
- **select** (the reference): a bare `SELECT` through the server's own DuckDB
  connection of the story's documents, claim groups, timeline and the quotes of its
  members, rows fetched as tuples and nothing else done with them.

The ratios page / select and api / select are the figures.

The story of `--docs` documents is made by copying the largest demo story's
documents (and their analyses: mentions, their entities, quotes, claims, events,
time expressions) with SQL, new ids in the same story, until it has `--docs`
members; its claim groups, statement groups, timeline and framing are then rebuilt
by the real corpus step (`update_story_results`), so the page shows what the
pipeline would make of such a story. The copies repeat the same reports, so the
story has many more identical figures than a real one.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from triangulate import api
from triangulate.resources.framing import load_lexicon
from triangulate.resources.outlets import load_outlets
from triangulate.store import Store
from triangulate.store.stories import story_members
from triangulate.web import queries
from triangulate.web.app import create_app
from triangulate.workflow.settings import resolve_settings
from triangulate.workflow.story_results import update_story_results

DEFAULT_OUT = Path(__file__).parent / "results" / "web.json"
# Tables copied per document for the large story, with their doc_id column.
PER_DOCUMENT = (
    "analyses", "document_minhash", "mentions", "mention_entities", "quotes", "claims",
    "events", "timexes",
)  # fmt: skip
SELECTS = {
    "documents": "SELECT * FROM export_documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
    "claim_groups": "SELECT * FROM export_claim_groups WHERE story_id = ?",
    "timeline": "SELECT * FROM export_timeline WHERE story_id = ?",
    "quotes": "SELECT * FROM export_quotes WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
}


def largest_story(db: Path) -> tuple[str, int]:
    with Store(db) as store:
        row = store.conn.execute(
            "SELECT story_id, count(*) AS n FROM story_documents GROUP BY story_id "
            "ORDER BY n DESC, story_id LIMIT 1"
        ).fetchone()
    assert row is not None, "the demo database has no story"
    return str(row[0]), int(row[1])


def grow_story(db: Path, story_id: str, docs: int) -> int:
    """Copy `story_id`'s documents with new ids into the same story until it has `docs`
    members, then rebuild its results; returns the number of members."""
    with Store(db) as store:
        members = story_members(store, [story_id])[story_id]
        copies = -(-docs // len(members))  # the originals count as copy 0
        (top,) = store.conn.execute("SELECT max(seq) FROM documents").fetchone() or (0,)
        with store.transaction():
            store.conn.execute(
                "CREATE TEMP TABLE copy_of AS SELECT d.doc_id AS old, "
                "d.doc_id || '-c' || r.k AS new, r.k AS k, "
                "row_number() OVER (ORDER BY r.k, d.doc_id) AS n "
                "FROM (SELECT unnest(?::VARCHAR[]) AS doc_id) AS d, range(1, ?) AS r(k)",
                [members, copies],
            )
            store.conn.execute("DELETE FROM copy_of WHERE n > ?", [docs - len(members)])
            store.conn.execute(
                "INSERT INTO documents SELECT d.* REPLACE (c.new AS id, d.seq + ? * c.k AS seq, "
                "NULL AS duplicate_of) FROM documents AS d JOIN copy_of AS c ON d.id = c.old",
                [top],
            )
            for table in PER_DOCUMENT:
                store.conn.execute(
                    f"INSERT INTO {table} SELECT t.* REPLACE (c.new AS doc_id) "
                    f"FROM {table} AS t JOIN copy_of AS c ON t.doc_id = c.old"
                )
            store.conn.execute(
                "INSERT INTO story_documents SELECT ?, c.new, sd.score FROM story_documents "
                "AS sd JOIN copy_of AS c ON sd.doc_id = c.old WHERE sd.story_id = ?",
                [story_id, story_id],
            )
            store.conn.execute("DROP TABLE copy_of")
        settings = resolve_settings(store)
        lexicon = load_lexicon(list(settings.framing))
        sides = load_outlets(*((settings.outlets,) if settings.outlets else ())).sides
        grown = story_members(store, [story_id])
        started = time.perf_counter()
        update_story_results(store, grown, lexicon, sides)
        print(f"story results of {len(grown[story_id])} documents rebuilt in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        return len(grown[story_id])


def _median(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm: templates compiled, DuckDB plans and caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(db: Path, story_id: str, repeat: int) -> dict[str, Any]:
    """Medians of the page, the API, the row reads and the bare SELECT, one server."""
    app = create_app(db)
    workspace = app.state.workspace
    with TestClient(app) as client:
        reader = workspace.reader()
        try:
            doc_ids = [
                r[0]
                for r in reader.conn.execute(
                    "SELECT doc_id FROM story_documents WHERE story_id = ?", [story_id]
                ).fetchall()
            ]

            def bare_select() -> int:
                n = 0
                for table, sql in SELECTS.items():
                    arg = doc_ids if table in ("documents", "quotes") else story_id
                    n += len(reader.conn.execute(sql, [arg]).fetchall())
                return n

            def get(path: str) -> Callable[[], Any]:
                def call() -> int:
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code)
                    return len(response.content)

                return call

            page_bytes = get(f"/stories/{story_id}")()
            api_bytes = get(f"/api/stories/{story_id}")()
            rows = bare_select()
            seconds = {
                "select": _median(bare_select, repeat),
                "rows": _median(lambda: queries.story_rows(reader, story_id), repeat),
                "api": _median(get(f"/api/stories/{story_id}"), repeat),
                "page": _median(get(f"/stories/{story_id}"), repeat),
            }
        finally:
            reader.conn.close()
    return {
        "story": story_id,
        "documents": len(doc_ids),
        "selected_rows": rows,
        "page_bytes": page_bytes,
        "api_bytes": api_bytes,
        "median_seconds": {k: round(v, 5) for k, v in seconds.items()},
        "page_over_select": round(seconds["page"] / seconds["select"], 1),
        "api_over_select": round(seconds["api"] / seconds["select"], 1),
        "rows_over_select": round(seconds["rows"] / seconds["select"], 1),
    }


def _print(label: str, row: dict[str, Any]) -> None:
    s = row["median_seconds"]
    print(
        f"{label}: story {row['story']} ({row['documents']} documents, "
        f"{row['selected_rows']} rows selected): page {s['page'] * 1000:.1f} ms, "
        f"api {s['api'] * 1000:.1f} ms, rows {s['rows'] * 1000:.1f} ms, "
        f"select {s['select'] * 1000:.2f} ms; page/select {row['page_over_select']}x, "
        f"api/select {row['api_over_select']}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per figure (median)")
    parser.add_argument("--docs", type=int, default=1000, help="members of the large story")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="triangulate-web-") as tmp:
        demo = Path(tmp) / "demo.duckdb"
        api.demo(demo)
        story_id, _ = largest_story(demo)
        results = {"demo": measure(demo, story_id, args.repeat)}
        _print("demo", results["demo"])
        large = Path(tmp) / "large.duckdb"
        shutil.copyfile(demo, large)
        grow_story(large, story_id, args.docs)
        results["large"] = measure(large, story_id, args.repeat)
        _print("large", results["large"])
    out = {
        "what": "story page and API server time (TestClient, in-process) vs a bare SELECT "
        "of the story's documents, claim groups, timeline and quotes, same process",
        "repeat": args.repeat,
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        **results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
