"""The entity step: resolve every stored mention into canonical entities again.

It runs only when analyses changed since the last resolution (the `entities.dirty`
mark that the per-document step sets in the same transaction as the analyses), so a
second run over an unchanged store does nothing, and a run cut off before resolving
is finished by the next one.
"""

from __future__ import annotations

from triangulate.corpus.entities import resolve_entities
from triangulate.resources.gazetteer import Gazetteer
from triangulate.store import Store
from triangulate.workflow.documents import ENTITIES_DIRTY


def resolve_stored_entities(store: Store, gazetteer: Gazetteer, *, force: bool = False) -> bool:
    """Resolve the entities if analyses changed since they were (or `force`); whether it ran."""
    if not force and store.state(ENTITIES_DIRTY) is False:
        return False
    entities, assignments = resolve_entities(
        store.mentions_by_document(), dates=store.publication_dates(), gazetteer=gazetteer
    )
    with store.transaction():
        store.replace_entities(entities, assignments)
        store.set_state(ENTITIES_DIRTY, False)
    return True
