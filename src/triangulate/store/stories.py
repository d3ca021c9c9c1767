"""Persistence of the story index: one row per story, its members, and the corpus-wide state.

Only the stories an update changed are rewritten, so adding a document costs the
stories it touched plus the document frequencies, not a rewrite of every story. A
story written here is also marked stale, in the same transaction, until its derived
results are stored (`store.story_results`), so a run cut off in between is finished by
the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from triangulate.models import StoryMember, StoryRecord
from triangulate.store.database import Store

STATE_KEY = "stories.index"


def load_stories(store: Store) -> tuple[dict[str, Any] | None, list[StoryRecord]]:
    """The index's corpus-wide state as last saved (None in a new database) and every story."""
    row = store.conn.execute("SELECT value FROM corpus_state WHERE key = ?", [STATE_KEY]).fetchone()
    state = json.loads(row[0]) if row else None
    stories = [
        StoryRecord(story_id, title or "", start, end, storyline_id or story_id, json.loads(blob))
        for story_id, title, start, end, storyline_id, blob in store.conn.execute(
            "SELECT id, title, start_date, end_date, storyline_id, state FROM stories ORDER BY id"
        ).fetchall()
    ]
    return state, stories


def save_stories(
    store: Store,
    changed: Iterable[str],
    stories: Sequence[StoryRecord],
    members: Sequence[StoryMember],
    state: dict[str, Any],
) -> None:
    """Replace the `changed` stories by `stories` (a changed id missing there is deleted),
    with their `members`, save the index state, and mark every changed story stale."""
    ids = sorted(set(changed))
    with store.transaction():
        store.conn.execute(
            "DELETE FROM story_documents WHERE story_id IN (SELECT unnest(?))", [ids]
        )
        store.conn.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [ids])
        store.insert_records("stories", stories)
        store.insert_records("story_documents", members)
        store.conn.execute(
            "INSERT OR REPLACE INTO corpus_state VALUES (?, ?)", [STATE_KEY, json.dumps(state)]
        )
        mark_stale(store, [s.id for s in stories])


def mark_stale(store: Store, story_ids: Iterable[str]) -> None:
    """Record that these stories' derived results must be rebuilt."""
    store.insert_many(
        "stale_stories (story_id)",
        [[i] for i in sorted(set(story_ids))],
        on_conflict_ignore=True,
    )


def stale_stories(store: Store) -> list[str]:
    """Stories whose derived results are not yet rebuilt (existing stories only)."""
    rows = store.conn.execute(
        "SELECT story_id FROM stale_stories WHERE story_id IN (SELECT id FROM stories) "
        "ORDER BY story_id"
    ).fetchall()
    return [r[0] for r in rows]


def story_members(store: Store, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """The documents of each story, in id order."""
    found: dict[str, list[str]] = {i: [] for i in story_ids}
    for story_id, doc_id in store.conn.execute(
        "SELECT story_id, doc_id FROM story_documents WHERE story_id IN (SELECT unnest(?)) "
        "ORDER BY story_id, doc_id",
        [list(story_ids)],
    ).fetchall():
        found[story_id].append(doc_id)
    return found


def story_ids(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM stories ORDER BY id").fetchall()]
