"""Adding one document to the story index against rebuilding it from scratch.

For each size N, a story index of N generated documents is built; then one new
document is added to it (in memory, and with the store: load the index, add,
save the changed stories), against a rebuild over all N+1 documents (in memory,
and with saving every story). Same process, so read the ratios. Usage:

    python benchmarks/incremental.py [--sizes 1000,4000,10000] [--repeat 5]
        [--out benchmarks/results/incremental.json]

Documents are generated without NLP: each generated story gets three body
paragraphs of the sample corpus and two invented names, each of its one to
eight reports varies them (new figures, sentence order, generate_corpus.py's
`vary_paragraph`) and adds one random paragraph; stories start on random days
over three years and their reports follow within three days. Entity ids are
the cheap `surface_keys` (capitalised word runs and numbers), not spaCy.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from generate_corpus import body_paragraphs, vary_paragraph

from triangulate.api import sample_corpus
from triangulate.corpus.stories import StoryDoc, StoryIndex, surface_keys
from triangulate.store import Store
from triangulate.workflow.stories import load_story_index, save_story_index

_SYLLABLES = ["ka", "ro", "vel", "an", "mir", "to", "las", "ur", "den", "shi", "bo", "zan"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def generate_docs(count: int, seed: int = 11) -> list[StoryDoc]:
    """`count` StoryDocs in stories of 1-8 reports, in date order of their stories."""
    rng = random.Random(seed)
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((sample_corpus() / "corpus").rglob("*.txt"))
    ]
    pool = body_paragraphs(texts)
    start = date(2030, 1, 1)
    docs: list[StoryDoc] = []
    story = 0
    while len(docs) < count:
        seeds = rng.sample(pool, 3)
        place, person = _name(rng, 3), f"{_name(rng, 2)} {_name(rng, 3)}"
        day = start + timedelta(days=rng.randrange(3 * 365))
        for n in range(min(rng.randint(1, 8), count - len(docs))):
            body = [vary_paragraph(p, rng) for p in seeds] + [vary_paragraph(rng.choice(pool), rng)]
            rng.shuffle(body)
            text = f"{place.upper()} - {person} said on the events in {place}.\n" + "\n".join(body)
            title = f"{place}: " + " ".join(seeds[0].split()[:10])
            when = (day + timedelta(days=rng.randint(0, 3))).isoformat()
            docs.append(
                StoryDoc(
                    f"g{story:05d}-{n}", title, text, when, f"outlet{n % 6}", surface_keys(text)
                )
            )
        story += 1
    return docs


def _median_seconds(run: list[float]) -> float:
    return round(statistics.median(run), 5)


def measure(
    docs: list[StoryDoc], size: int, extra: list[StoryDoc], repeat: int
) -> dict[str, object]:
    """Incremental add of one document to `size` documents, against a rebuild over size+1."""
    base = docs[:size]
    index = StoryIndex()
    index.add(base)
    memory_add = []
    for doc in extra[:repeat]:
        began = time.perf_counter()
        index.add([doc])
        memory_add.append(time.perf_counter() - began)
    rebuild_start = time.perf_counter()
    StoryIndex().add([*base, extra[0]])
    rebuild = time.perf_counter() - rebuild_start
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "stories.duckdb") as store:
        fresh = StoryIndex()
        save_story_index(store, fresh, fresh.add(base))
        store_add = []
        load_seconds = []
        for doc in extra[:repeat]:
            began = time.perf_counter()
            loaded = load_story_index(store)
            load_seconds.append(time.perf_counter() - began)
            save_story_index(store, loaded, loaded.add([doc]))
            store_add.append(time.perf_counter() - began)
        store.conn.execute("DELETE FROM stories; DELETE FROM story_documents")
        began = time.perf_counter()
        rebuilt = StoryIndex()
        save_story_index(store, rebuilt, rebuilt.add([*base, extra[0]]))
        store_rebuild = time.perf_counter() - began
    return {
        "documents": size,
        "stories": len(index.stories),
        "storylines": len(index.storylines()),
        "add_one_seconds": _median_seconds(memory_add),
        "rebuild_seconds": round(rebuild, 3),
        "rebuild_over_add": round(rebuild / statistics.median(memory_add), 1),
        "store_add_one_seconds": _median_seconds(store_add),
        "store_load_seconds": _median_seconds(load_seconds),
        "store_rebuild_seconds": round(store_rebuild, 3),
        "store_rebuild_over_add": round(store_rebuild / statistics.median(store_add), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/incremental.json"))
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    docs = generate_docs(sizes[-1])
    extra = [d for d in generate_docs(sizes[-1] + 200, seed=12)[-200:]]
    extra = [
        StoryDoc(f"new-{d.doc_id}", d.title, d.text, d.date, d.source, d.entity_ids) for d in extra
    ]
    rows = []
    for size in sizes:
        rows.append(measure(docs, size, extra, args.repeat))
        print(json.dumps(rows[-1]))
    result = {
        "what": "story index: add one document to N vs rebuild over N+1, same process",
        "entity_ids": "surface_keys (capitalised word runs and numbers), no spaCy",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "repeat": args.repeat,
        "sizes": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
