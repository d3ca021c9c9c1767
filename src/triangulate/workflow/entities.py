"""The entity step: bring the canonical entities up to date with the stored mentions.

Documents whose analyses changed are listed in `entity_pending` in the same transaction
as their analyses, so a second run over an unchanged store does nothing and a run cut
off before resolving is finished by the next one. Each mention's key (what its own
document says about it) is kept in `mention_keys`; a change regroups only the groups it
touches (`corpus.entities.KeyedMention.group`), which gives the entities a resolution
from scratch would, at the cost of those groups instead of the whole store. The first
run on a store, and `force`, resolve from scratch.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from triangulate.corpus.entities import (
    KeyedMention,
    group_mentions,
    key_mentions,
    person_groups,
)
from triangulate.resources.gazetteer import Gazetteer, Place
from triangulate.store import Store
from triangulate.store import entity_keys as keys
from triangulate.store.entity_keys import KeyRow


def resolve_stored_entities(store: Store, gazetteer: Gazetteer, *, force: bool = False) -> bool:
    """Regroup the entities the pending documents touch (all with `force`, or when no
    keys are kept yet); whether anything ran."""
    pending = keys.pending_documents(store)
    if force or (pending and not keys.has_keys(store)):
        _from_scratch(store, gazetteer)
        return True
    if not pending:
        return False
    _regroup(store, gazetteer, pending)
    return True


def _from_scratch(store: Store, gazetteer: Gazetteer) -> None:
    keyed = _keyed(store.mentions_by_document(), gazetteer)
    entities, assignments = group_mentions(keyed, store.publication_dates(), gazetteer)
    with store.transaction():
        keys.replace_keys(store, None, map(_row, keyed))
        store.replace_entities(entities, assignments)
        keys.clear_pending(store)


def _regroup(store: Store, gazetteer: Gazetteer, pending: list[str]) -> None:
    keyed = _keyed(store.mentions_by_document(pending), gazetteer)
    touched = keys.groups_of(store, pending) | {k.group for k in keyed}
    with store.transaction():
        keys.replace_keys(store, pending, map(_row, keyed))
        people = [g.removeprefix("person:") for g in touched if g.startswith("person:")]
        groups = touched | person_groups(keys.person_surnames(store), people)
        old_ids = keys.entity_ids_of(store, groups, pending)
        members = [
            KeyedMention(doc_id, mention, type_, key, Place(**json.loads(place)) if place else None)
            for doc_id, mention, type_, key, place in keys.mentions_in_groups(store, groups)
        ]
        dates = store.publication_dates(sorted({k.doc_id for k in members}))
        entities, assignments = group_mentions(members, dates, gazetteer)
        keys.replace_some_entities(store, old_ids, pending, entities, assignments)
        keys.clear_pending(store)


def _keyed(mentions_by_doc: dict, gazetteer: Gazetteer) -> list[KeyedMention]:
    return [
        k
        for doc_id, mentions in mentions_by_doc.items()
        for k in key_mentions(doc_id, mentions, gazetteer)
    ]


def _row(k: KeyedMention) -> KeyRow:
    place = json.dumps(asdict(k.place), ensure_ascii=False) if k.place else None
    return (k.doc_id, k.mention.start, k.mention.end, k.type, k.key, k.group, place)
