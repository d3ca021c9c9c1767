"""The story step: add every stored document the story index has not seen yet.

The index (corpus/stories.py) is pure; this module reads what it needs from the
store, runs it, and writes back only the stories that changed (marked stale, so
their derived results are rebuilt).
"""

from __future__ import annotations

from collections.abc import Iterable

from triangulate.corpus.sentences import spans_by_document
from triangulate.corpus.stories import Story, StoryDoc, StoryIndex
from triangulate.models import StoryMember, StoryRecord, row_date
from triangulate.store import Store
from triangulate.store.stories import load_stories, save_stories

ENTITY_LABELS = ("PERSON", "ORG", "PLACE")


def story_docs(store: Store, doc_ids: Iterable[str] | None = None) -> list[StoryDoc]:
    """Stored documents (all, or `doc_ids`) with their dates, person/org/place entity ids
    and, for an untitled document, its stored sentences."""
    wanted = None if doc_ids is None else list(doc_ids)
    where, params = (
        ("list_contains(?::VARCHAR[], id)", [wanted]) if wanted is not None else ("", [])
    )
    documents = store.rows("documents", where, params)
    mention_where = "entity_id IS NOT NULL AND label IN (SELECT unnest(?))"
    mention_params: list[object] = [list(ENTITY_LABELS)]
    if wanted is not None:
        mention_where += " AND list_contains(?::VARCHAR[], doc_id)"
        mention_params.append(wanted)
    entities: dict[str, dict[str, None]] = {}
    for row in store.rows("mentions", mention_where, mention_params):
        entities.setdefault(row["doc_id"], {})[row["entity_id"]] = None
    # The index reads sentences only for the title of an untitled story.
    untitled = [d["id"] for d in documents if not d["title"]]
    sentences = (
        spans_by_document(
            store.rows("sentences", "list_contains(?::VARCHAR[], doc_id)", [untitled])
        )
        if untitled
        else {}
    )
    return [
        StoryDoc(
            doc_id=d["id"],
            title=d["title"] or "",
            text=d["text"],
            date=row_date(d),
            source=d["source"],
            entity_ids=tuple(entities.get(d["id"], {})),
            sentences=tuple(sentences.get(d["id"], ())),
        )
        for d in documents
    ]


def load_story_index(store: Store) -> StoryIndex:
    """The index as last saved (an empty one in a new database)."""
    state, records = load_stories(store)
    stories = [Story.from_state(r.id, r.storyline_id, r.state) for r in records]
    return StoryIndex.from_state(state, stories)


def save_story_index(store: Store, index: StoryIndex, changed: Iterable[str]) -> None:
    """Write the `changed` stories (deleting those no longer in the index) and the state."""
    ids = sorted(set(changed))
    kept = [index.stories[i] for i in ids if i in index.stories]
    records = [
        StoryRecord(s.id, s.title, s.start_date, s.end_date, s.storyline_id, s.state())
        for s in kept
    ]
    members = [StoryMember(s.id, m["doc_id"], m.get("score")) for s in kept for m in s.members]
    save_stories(store, ids, records, members, index.state())


def update_stories(store: Store) -> set[str]:
    """Add every stored document the index has not seen; the ids of the stories changed."""
    index = load_story_index(store)
    known = set(index.doc_story)
    new_ids = [d for d in store.document_ids() if d not in known]
    changed = index.add(story_docs(store, new_ids)) if new_ids else set()
    if changed:
        save_story_index(store, index, changed)
    return changed
