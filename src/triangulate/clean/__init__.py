"""Cleaning: boilerplate removal, normalisation and metadata with evidence."""

from triangulate.clean.document import clean_document

__all__ = ["clean_document"]
