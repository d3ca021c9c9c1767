"""Persistence of what the corpus steps derive per story (claim groups, statement
groups, timeline, framing) and of inferred publication dates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields

from triangulate.models import InferredDate, StoryResults
from triangulate.store.database import Store

# The tables of StoryResults, each named as its field.
STORY_TABLES = tuple(f.name for f in fields(StoryResults))


def replace_story_results(store: Store, story_id: str, results: StoryResults) -> None:
    """Replace one story's rows in each of STORY_TABLES and clear its stale mark, in one
    transaction."""
    with store.transaction():
        for table in STORY_TABLES:
            store.conn.execute(f"DELETE FROM {table} WHERE story_id = ?", [story_id])
            store.insert_records(table, getattr(results, table))
        store.conn.execute("DELETE FROM stale_stories WHERE story_id = ?", [story_id])


def drop_orphan_results(store: Store) -> None:
    """Delete the rows of stories that no longer exist (merged into another): once per
    update, not once per story, since finding them reads each whole table."""
    with store.transaction():
        for table in STORY_TABLES:
            store.conn.execute(
                f"DELETE FROM {table} WHERE story_id NOT IN (SELECT id FROM stories)"
            )


def set_inferred_dates(store: Store, dates: Iterable[InferredDate]) -> None:
    """Record each document's inferred publication date and its evidence."""
    with store.transaction():
        for inferred in dates:
            store.conn.execute(
                "UPDATE documents SET published_inferred = ?, published_inferred_evidence = ? "
                "WHERE id = ?",
                [inferred.date, json.dumps(inferred.evidence, ensure_ascii=False), inferred.doc_id],
            )
