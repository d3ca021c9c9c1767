"""PLACEHOLDER: the quotes component, being written (issue #5)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from triangulate.models import Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def find_quotes(doc: Doc) -> list[Quote]:
    return []


@Language.component("triangulate_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
