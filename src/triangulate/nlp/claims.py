"""PLACEHOLDER: the claims component, being written (issue #5)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from triangulate.models import Claim

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


def find_claims(doc: Doc) -> list[Claim]:
    return []


@Language.component("triangulate_claims")
def claims_component(doc: Doc) -> Doc:
    doc._.claims = find_claims(doc)
    return doc
