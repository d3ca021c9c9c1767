"""Persistence of the story index: one row per story, its members, and the corpus-wide state.

Only the stories an update changed are rewritten, so adding a document costs the
stories it touched plus the document frequencies, not a rewrite of every story.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from triangulate.corpus.stories import Story, StoryDoc, StoryIndex
from triangulate.store.database import Store

STATE_KEY = "stories.index"
ENTITY_LABELS = ("PERSON", "ORG", "PLACE")


def story_docs(store: Store, doc_ids: Iterable[str] | None = None) -> list[StoryDoc]:
    """Stored documents (all, or `doc_ids`) with their dates and person/org/place entity ids."""
    wanted = None if doc_ids is None else list(doc_ids)
    where, params = ("id IN (SELECT unnest(?))", [wanted]) if wanted is not None else ("", [])
    documents = store.rows("documents", where, params)
    mention_where = "entity_id IS NOT NULL AND label IN (SELECT unnest(?))"
    mention_params: list[object] = [list(ENTITY_LABELS)]
    if wanted is not None:
        mention_where += " AND doc_id IN (SELECT unnest(?))"
        mention_params.append(wanted)
    entities: dict[str, dict[str, None]] = {}
    for row in store.rows("mentions", mention_where, mention_params):
        entities.setdefault(row["doc_id"], {})[row["entity_id"]] = None
    return [
        StoryDoc(
            doc_id=d["id"],
            title=d["title"] or "",
            text=d["text"],
            date=d["published"] or d["published_inferred"],
            source=d["source"],
            entity_ids=tuple(entities.get(d["id"], {})),
        )
        for d in documents
    ]


def load_story_index(store: Store) -> StoryIndex:
    """The index as last saved (an empty one in a new database)."""
    row = store.conn.execute("SELECT value FROM corpus_state WHERE key = ?", [STATE_KEY]).fetchone()
    state = json.loads(row[0]) if row else None
    stories = [
        Story.from_state(story_id, storyline_id or story_id, json.loads(blob))
        for story_id, storyline_id, blob in store.conn.execute(
            "SELECT id, storyline_id, state FROM stories ORDER BY id"
        ).fetchall()
    ]
    return StoryIndex.from_state(state, stories)


def save_story_index(store: Store, index: StoryIndex, changed: Iterable[str]) -> None:
    """Write the `changed` stories (deleting those no longer in the index) and the state."""
    ids = sorted(set(changed))
    kept = [index.stories[i] for i in ids if i in index.stories]
    with store.transaction():
        store.conn.execute(
            "DELETE FROM story_documents WHERE story_id IN (SELECT unnest(?))", [ids]
        )
        store.conn.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [ids])
        if kept:
            store.conn.executemany(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?)",
                [
                    [s.id, s.title, s.start_date, s.end_date, s.storyline_id, json.dumps(s.state())]
                    for s in kept
                ],
            )
            store.conn.execute(
                "INSERT INTO story_documents SELECT * FROM (SELECT unnest(?) AS story_id, "
                "unnest(?) AS doc_id, unnest(?) AS score)",
                [
                    [s.id for s in kept for _ in s.members],
                    [m["doc_id"] for s in kept for m in s.members],
                    [m.get("score") for s in kept for m in s.members],
                ],
            )
        store.conn.execute(
            "INSERT OR REPLACE INTO corpus_state VALUES (?, ?)",
            [STATE_KEY, json.dumps(index.state())],
        )


def update_stories(store: Store) -> set[str]:
    """Add every stored document the index has not seen; the ids of the stories changed."""
    index = load_story_index(store)
    known = set(index.doc_story)
    new_ids = [d for (d,) in store.conn.execute("SELECT id FROM documents ORDER BY seq").fetchall()]
    changed = index.add(story_docs(store, [d for d in new_ids if d not in known]))
    if changed:
        save_story_index(store, index, changed)
    return changed
