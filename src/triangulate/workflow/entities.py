"""The entity step: bring the canonical entities up to date with the stored mentions.

Documents whose analyses changed are listed in `entity_pending` in the same transaction
as their analyses, so a second run over an unchanged store does nothing and a run cut
off before resolving is finished by the next one. Each mention's key (what its own
document says about it) is kept in `mention_keys`, and the sums grouping reads (the
parts: `corpus.entities.Part`, and which full names are given side by side) in
`entity_parts`, `entity_surfaces` and `person_pairs`. A change takes its documents' old
mentions out of those sums, puts the new ones in, and regroups only the groups they touch
(`corpus.entities.KeyedMention.group`) from their parts: the entities a resolution from
scratch would give, at the cost of those groups' parts instead of their mentions. Only
the mentions of a part that changes entity are rewritten. The first run on a store, and
`force`, resolve from scratch.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict

from triangulate.corpus.entities import (
    KeyedMention,
    Part,
    Surface,
    add_surface,
    assign,
    form_pairs,
    group_parts,
    key_mentions,
    person_groups,
    person_keys,
    remove_surface,
    sum_parts,
)
from triangulate.models import EntityMention
from triangulate.resources.gazetteer import Gazetteer, Place
from triangulate.store import Store
from triangulate.store import entity_keys as keys
from triangulate.store.entity_keys import KeyRow, PartRow, SurfaceRow


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
    parts = sum_parts(keyed)
    pairs = form_pairs(person_keys(keyed))
    entities, owners = group_parts(parts.values(), pairs, store.publication_dates(), gazetteer)
    with store.transaction():
        keys.replace_keys(store, None, map(_key_row, keyed))
        keys.replace_parts(store, None, *_part_rows(parts.values(), owners))
        keys.replace_pairs(store, None, pairs)
        store.replace_entities(entities, assign(keyed, owners))
        keys.clear_pending(store)


def _regroup(store: Store, gazetteer: Gazetteer, pending: list[str]) -> None:
    keyed = _keyed(store.mentions_by_document(pending), gazetteer)
    with store.transaction():
        old = keys.stored_keys(store, pending)
        touched = {row[4] for row in old} | {k.group for k in keyed}
        people = [g.removeprefix("person:") for g in touched if g.startswith("person:")]
        groups = touched | person_groups({*keys.person_surnames(store), *people}, people)
        parts, owners_before = _stored_parts(store, groups)
        unsure = set()  # spellings whose first mention was taken back
        for doc_id, start, _, _, _, part_id, text in old:
            if remove_surface(parts[part_id], text, (doc_id, start)):
                unsure.add((part_id, text))
        for k in keyed:
            part = parts.setdefault(k.part, Part(k.part, k.type, k.group, k.key, k.place, k.local))
            add_surface(part, k.mention.text, (k.doc_id, k.mention.start))
        forms = {p.key for p in parts.values() if p.type == "PERSON" and p.key[0] != "|"}
        parts = {i: p for i, p in parts.items() if p.surfaces}
        keys.replace_keys(store, pending, map(_key_row, keyed))
        unsure = {(i, t) for i, t in unsure if i in parts and t in parts[i].surfaces}
        for (part_id, text), first in keys.first_mentions(store, unsure).items():
            parts[part_id].surfaces[text] = Surface(parts[part_id].surfaces[text].n, first)
        for part_id, doc_id, start, role in keys.roles_of(store, parts):
            parts[part_id].roles.append((doc_id, start, role))
        pairs = Counter(keys.pairs_among(store, forms))
        pairs.subtract(form_pairs((doc_id, key) for doc_id, _, t, key, *_ in old if t == "PERSON"))
        pairs.update(form_pairs(person_keys(keyed)))
        pairs = +pairs
        dates = store.publication_dates(sorted({d for p in parts.values() for d, _, _ in p.roles}))
        entities, owners = group_parts(parts.values(), pairs, dates, gazetteer)
        keys.replace_parts(store, groups, *_part_rows(parts.values(), owners))
        keys.replace_pairs(store, forms, pairs)
        moved = {i: e for i, e in owners.items() if owners_before.get(i, e) != e}
        keys.replace_some_entities(
            store, set(owners_before.values()), entities, pending,
            assign(keyed, owners), moved,
        )  # fmt: skip
        keys.clear_pending(store)


def _keyed(
    mentions_by_doc: Mapping[str, list[EntityMention]], gazetteer: Gazetteer
) -> list[KeyedMention]:
    return [
        k
        for doc_id, mentions in mentions_by_doc.items()
        for k in key_mentions(doc_id, mentions, gazetteer)
    ]


def _stored_parts(store: Store, groups: Iterable[str]) -> tuple[dict[str, Part], dict[str, str]]:
    """The kept parts of `groups` with their spellings (no roles), and their entities."""
    rows = keys.parts_in_groups(store, groups)
    parts = {
        part_id: Part(
            part_id, type_, group, key,
            Place(**json.loads(place)) if place else None,
            tuple((form, n) for form, n in json.loads(local)) if local else (),
        )
        for part_id, group, type_, key, place, local, _ in rows
    }  # fmt: skip
    for part_id, text, n, doc_id, start in keys.surfaces_of(store, parts):
        parts[part_id].surfaces[text] = Surface(n, (doc_id, start))
    return parts, {row[0]: row[6] for row in rows}


def _part_rows(
    parts: Iterable[Part], owners: dict[str, str]
) -> tuple[list[PartRow], list[SurfaceRow]]:
    part_rows, surface_rows = [], []
    for p in parts:
        local = json.dumps(p.local, ensure_ascii=False) if p.local else None
        part_rows.append((p.id, p.group, p.type, p.key, _place(p.place), local, owners[p.id]))
        surface_rows += [(p.id, t, s.n, *s.first) for t, s in p.surfaces.items()]
    return part_rows, surface_rows


def _key_row(k: KeyedMention) -> KeyRow:
    m = k.mention
    place = _place(k.place)
    return (k.doc_id, m.start, m.end, k.type, k.key, k.group, place, k.part, m.text, m.role or None)


def _place(place: Place | None) -> str | None:
    return json.dumps(asdict(place), ensure_ascii=False) if place else None
