"""Persistence of what entity resolution keeps between runs, so that a new document
updates a few sums and regroups only the entities it touches.

`mention_keys` holds each mention's cluster key, group and part as its own document gave
them (with its text and role, so its share of the sums can be taken back);
`entity_parts` the parts (a place's gazetteer entry and a lone surname's local names as
JSON) and the entity each belongs to, `entity_surfaces` their spellings with counts and
first mention, `person_pairs` the full names given side by side and in how many
documents; `entity_pending` the documents whose analyses changed since the entities were
last resolved, written in the same transaction as those analyses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from triangulate.models import Entity
from triangulate.store.database import Store

# (doc_id, start, end, type, key, group, place JSON or None, part, text, role or None)
KeyRow = tuple[str, int, int, str, str, str, str | None, str, str, str | None]
KEY_COLUMNS = 'mention_keys (doc_id, start, "end", type, key, grp, place, part, text, role)'
# (part, group, type, key, place JSON or None, local JSON or None, entity id)
PartRow = tuple[str, str, str, str, str | None, str | None, str]
# (part, text, mentions, first doc id, first start)
SurfaceRow = tuple[str, str, int, str, int]


def mark_pending(store: Store, doc_ids: Sequence[str]) -> None:
    """Documents whose mentions changed; call in the transaction that changed them."""
    store.insert_many("entity_pending", [[d] for d in doc_ids], on_conflict_ignore=True)


def pending_documents(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT doc_id FROM entity_pending").fetchall()]


def has_keys(store: Store) -> bool:
    return bool(store.conn.execute("SELECT 1 FROM mention_keys LIMIT 1").fetchall())


def clear_pending(store: Store) -> None:
    store.conn.execute("DELETE FROM entity_pending")


def stored_keys(
    store: Store, doc_ids: Sequence[str]
) -> list[tuple[str, int, str, str, str, str, str]]:
    """(doc_id, start, type, key, group, part, text) of the kept keys of `doc_ids`."""
    return store.conn.execute(
        "SELECT doc_id, start, type, key, grp, part, text FROM mention_keys "
        "WHERE doc_id IN (SELECT unnest(?))",
        [list(doc_ids)],
    ).fetchall()


def replace_keys(store: Store, doc_ids: Sequence[str] | None, rows: Iterable[KeyRow]) -> None:
    """Store the keys of `doc_ids` (of every document with None) in place of earlier ones."""
    store.conn.execute(
        "DELETE FROM mention_keys"
        + ("" if doc_ids is None else " WHERE doc_id IN (SELECT unnest(?))"),
        [] if doc_ids is None else [list(doc_ids)],
    )
    store.insert_many(KEY_COLUMNS, [list(r) for r in rows])


def person_surnames(store: Store) -> list[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT substr(grp, 8) FROM entity_parts WHERE type = 'PERSON'"
    ).fetchall()
    return [r[0] for r in rows]


def parts_in_groups(store: Store, groups: Iterable[str]) -> list[PartRow]:
    return store.conn.execute(
        "SELECT part, grp, type, key, place, local, entity_id FROM entity_parts "
        "WHERE grp IN (SELECT unnest(?))",
        [sorted(groups)],
    ).fetchall()


def surfaces_of(store: Store, parts: Iterable[str]) -> list[SurfaceRow]:
    return store.conn.execute(
        "SELECT part, text, n, first_doc, first_start FROM entity_surfaces "
        "WHERE part IN (SELECT unnest(?))",
        [sorted(parts)],
    ).fetchall()


def first_mentions(
    store: Store, spellings: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, int]]:
    """(part, text) -> the (doc id, start) of its first kept mention: what a sum cannot
    tell once the first mention's document is taken back."""
    wanted = sorted(spellings)
    rows = store.conn.execute(
        """
        SELECT k.part, k.text, k.doc_id, k.start FROM mention_keys k
        JOIN (SELECT unnest(?) AS part, unnest(?) AS text) w
          ON w.part = k.part AND w.text = k.text
        QUALIFY row_number() OVER (PARTITION BY k.part, k.text ORDER BY k.doc_id, k.start) = 1
        """,
        [[p for p, _ in wanted], [t for _, t in wanted]],
    ).fetchall()
    return {(part, text): (doc_id, start) for part, text, doc_id, start in rows}


def roles_of(store: Store, parts: Iterable[str]) -> list[tuple[str, str, int, str]]:
    """(part, doc_id, start, role) of every mention of `parts` with a role, in (document
    id, start) order: the roles of the entities they make up."""
    return store.conn.execute(
        "SELECT part, doc_id, start, role FROM mention_keys "
        "WHERE part IN (SELECT unnest(?)) AND role IS NOT NULL ORDER BY doc_id, start",
        [sorted(parts)],
    ).fetchall()


def pairs_among(store: Store, forms: Iterable[str]) -> dict[tuple[str, str], int]:
    rows = store.conn.execute(
        "SELECT a, b, n FROM person_pairs WHERE a IN (SELECT unnest(?))", [sorted(forms)]
    ).fetchall()
    return {(a, b): n for a, b, n in rows}


def replace_parts(
    store: Store,
    groups: Iterable[str] | None,
    parts: Iterable[PartRow],
    surfaces: Iterable[SurfaceRow],
) -> None:
    """Store the parts of `groups` (of every group with None) and their spellings in place
    of earlier ones."""
    if groups is None:
        store.conn.execute("DELETE FROM entity_surfaces")
        store.conn.execute("DELETE FROM entity_parts")
    else:
        wanted = [sorted(groups)]
        store.conn.execute(
            "DELETE FROM entity_surfaces WHERE part IN "
            "(SELECT part FROM entity_parts WHERE grp IN (SELECT unnest(?)))",
            wanted,
        )
        store.conn.execute("DELETE FROM entity_parts WHERE grp IN (SELECT unnest(?))", wanted)
    store.insert_many("entity_parts", [list(r) for r in parts])
    store.insert_many("entity_surfaces", [list(r) for r in surfaces])


def replace_pairs(
    store: Store, forms: Iterable[str] | None, pairs: Mapping[tuple[str, str], int]
) -> None:
    """Store the pairs of `forms` (every pair with None) in place of earlier ones."""
    if forms is None:
        store.conn.execute("DELETE FROM person_pairs")
    else:
        store.conn.execute(
            "DELETE FROM person_pairs WHERE a IN (SELECT unnest(?))", [sorted(forms)]
        )
    store.insert_many("person_pairs", [[a, b, n] for (a, b), n in pairs.items() if n > 0])


def replace_some_entities(
    store: Store,
    old_ids: Iterable[str],
    entities: Sequence[Entity],
    doc_ids: Sequence[str],
    assignments: dict[tuple[str, int, int], str],
    moved: Mapping[str, str],
) -> None:
    """Replace entities `old_ids` by `entities`, the assignments of `doc_ids`'s mentions
    by `assignments`, and point the other mentions of each `moved` part at its new
    entity; call inside `transaction()`."""
    store.conn.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?))", [sorted(old_ids)])
    store.insert_records("entities", entities)
    store.conn.execute(
        "DELETE FROM mention_entities WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
    )
    if moved:
        store.conn.execute(
            """
            UPDATE mention_entities SET entity_id = c.entity_id
            FROM mention_keys k, (SELECT unnest(?) AS part, unnest(?) AS entity_id) c
            WHERE k.part = c.part AND mention_entities.doc_id = k.doc_id
              AND mention_entities.start = k.start AND mention_entities."end" = k."end"
            """,
            [list(moved), list(moved.values())],
        )
    store.insert_many(
        'mention_entities (doc_id, start, "end", entity_id)',
        [[doc_id, start, end, entity] for (doc_id, start, end), entity in assignments.items()],
    )
