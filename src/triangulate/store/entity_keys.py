"""Persistence of what entity resolution keeps between runs, so that a new document
regroups only the entities it touches.

`mention_keys` holds each mention's cluster key and group as its own document gave them
(a place's gazetteer entry as JSON); `entity_pending` the documents whose analyses
changed since the entities were last resolved, written in the same transaction as
those analyses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from triangulate.models import Entity, EntityMention
from triangulate.store.database import Store

# (doc_id, start, end, type, key, group, place JSON or None)
KeyRow = tuple[str, int, int, str, str, str, str | None]


def mark_pending(store: Store, doc_ids: Sequence[str]) -> None:
    """Documents whose mentions changed; call in the transaction that changed them."""
    store.insert_many("entity_pending", [[d] for d in doc_ids], on_conflict_ignore=True)


def pending_documents(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT doc_id FROM entity_pending").fetchall()]


def has_keys(store: Store) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM mention_keys LIMIT 1").fetchall())


def groups_of(store: Store, doc_ids: Sequence[str]) -> set[str]:
    """The groups the stored keys of `doc_ids` belong to."""
    rows = store.conn.execute(
        "SELECT DISTINCT grp FROM mention_keys WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
    ).fetchall()
    return {r[0] for r in rows}


def person_surnames(store: Store) -> list[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT substr(grp, 8) FROM mention_keys WHERE type = 'PERSON'"
    ).fetchall()
    return [r[0] for r in rows]


def replace_keys(store: Store, doc_ids: Sequence[str] | None, rows: Iterable[KeyRow]) -> None:
    """Store the keys of `doc_ids` (of every document with None) in place of earlier ones."""
    if doc_ids is None:
        store.conn.execute("DELETE FROM mention_keys")
    else:
        store.conn.execute(
            "DELETE FROM mention_keys WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        )
    store.insert_many("mention_keys", [list(r) for r in rows])


def mentions_in_groups(
    store: Store, groups: Iterable[str]
) -> list[tuple[str, EntityMention, str, str, str | None]]:
    """(doc_id, mention, type, key, place JSON) of every mention in `groups`, in
    (document id, start) order: the order resolution from scratch sees them in."""
    rows = store.conn.execute(
        """
        SELECT m.doc_id, m.start, m."end", m.text, m.label, m.role, m.place_kind,
               k.type, k.key, k.place
        FROM mention_keys k
        JOIN mentions m ON m.doc_id = k.doc_id AND m.start = k.start AND m."end" = k."end"
        WHERE k.grp IN (SELECT unnest(?))
        ORDER BY m.doc_id, m.start
        """,
        [sorted(groups)],
    ).fetchall()
    return [
        (doc_id, EntityMention(start, end, text, label, role, kind), type_, key, place)
        for doc_id, start, end, text, label, role, kind, type_, key, place in rows
    ]


def entity_ids_of(store: Store, groups: Iterable[str], doc_ids: Sequence[str]) -> list[str]:
    """Entities now holding a mention of `groups` or of `doc_ids`: those a regrouping of
    them replaces."""
    rows = store.conn.execute(
        """
        SELECT DISTINCT me.entity_id FROM mention_entities me
        LEFT JOIN mention_keys k
          ON k.doc_id = me.doc_id AND k.start = me.start AND k."end" = me."end"
        WHERE k.grp IN (SELECT unnest(?)) OR me.doc_id IN (SELECT unnest(?))
        """,
        [sorted(groups), list(doc_ids)],
    ).fetchall()
    return [r[0] for r in rows]


def replace_some_entities(
    store: Store,
    old_ids: Sequence[str],
    doc_ids: Sequence[str],
    entities: Sequence[Entity],
    assignments: dict[tuple[str, int, int], str],
) -> None:
    """Replace entities `old_ids` (and every assignment to them or of `doc_ids`'s mentions)
    by `entities` and `assignments`; call inside `transaction()`."""
    store.conn.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?))", [list(old_ids)])
    store.conn.execute(
        "DELETE FROM mention_entities WHERE entity_id IN (SELECT unnest(?)) "
        "OR doc_id IN (SELECT unnest(?))",
        [list(old_ids), list(doc_ids)],
    )
    store.insert_records("entities", entities)
    store.insert_many(
        'mention_entities (doc_id, start, "end", entity_id)',
        [[doc_id, start, end, entity] for (doc_id, start, end), entity in assignments.items()],
    )


def clear_pending(store: Store) -> None:
    store.conn.execute("DELETE FROM entity_pending")
