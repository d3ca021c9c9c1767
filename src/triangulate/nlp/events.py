"""PLACEHOLDER: the events component, being written (issue #5)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from triangulate.models import Event

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


def find_events(doc: Doc) -> list[Event]:
    return []


@Language.component("triangulate_events")
def events_component(doc: Doc) -> Doc:
    doc._.events = find_events(doc)
    return doc
