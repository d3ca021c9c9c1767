"""Persistence of what the corpus steps derive per story (claim groups, statement
groups, timeline, framing) and of inferred publication dates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from triangulate.store.database import Store

STORY_TABLES = ("claim_groups", "statement_groups", "timeline", "framing")
_COLUMNS = {
    "claim_groups": ("id", "story_id", "measured", "unit", "status", "members", "detail"),
    "timeline": (
        "story_id", "position", "date", "granularity", "type", "summary",
        "event_ids", "doc_ids", "sources", "inferred",
    ),
    "framing": ("story_id", "source", "referent", "term", "count", "kind", "examples"),
    "statement_groups": (
        "id", "story_id", "speaker", "speaker_entity_id", "status", "members", "origins",
    ),
}  # fmt: skip
_JSON = {"members", "detail", "event_ids", "doc_ids", "sources", "examples", "origins"}


def replace_story_results(
    store: Store, story_ids: Sequence[str], results: Mapping[str, Iterable[dict[str, Any]]]
) -> None:
    """Replace the rows of `story_ids` in each of STORY_TABLES with `results[table]`,
    and drop rows of stories that no longer exist (merged into another)."""
    with store.transaction():
        for table in STORY_TABLES:
            store.conn.execute(
                f"DELETE FROM {table} WHERE story_id IN (SELECT unnest(?)) "
                "OR story_id NOT IN (SELECT id FROM stories)",
                [list(story_ids)],
            )
            columns = _COLUMNS[table]
            rows = [
                [json.dumps(r[c], ensure_ascii=False) if c in _JSON else r[c] for c in columns]
                for r in results.get(table, [])
            ]
            store.insert_many(f"{table} ({', '.join(columns)})", rows)


def set_inferred_dates(store: Store, dates: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """Record (doc_id, date, evidence) as the documents' inferred publication dates."""
    with store.transaction():
        for doc_id, date, evidence in dates:
            store.conn.execute(
                "UPDATE documents SET published_inferred = ?, published_inferred_evidence = ? "
                "WHERE id = ?",
                [date, json.dumps(evidence, ensure_ascii=False), doc_id],
            )
