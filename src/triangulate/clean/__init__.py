"""Cleaning: boilerplate removal, normalisation and metadata with evidence."""

from triangulate.clean.document import clean_document
from triangulate.clean.outlets import OutletLexicon

__all__ = ["OutletLexicon", "clean_document"]
