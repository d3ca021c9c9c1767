"""The custom `Doc` attributes our components read and write, registered in one place.

`reference_date` is set by the caller before the pipeline runs (the date
relative expressions are resolved against); each component then sets the
attribute its factory `assigns` (see `factories`).
"""

from __future__ import annotations

from spacy.tokens import Doc

REFERENCE_DATE = "reference_date"
MENTIONS, TIMEXES, QUOTES, CLAIMS, EVENTS = "mentions", "timexes", "quotes", "claims", "events"
DOC_ATTRIBUTES = (REFERENCE_DATE, MENTIONS, TIMEXES, QUOTES, CLAIMS, EVENTS)


def register() -> None:
    """Register every attribute (idempotent: safe on re-import and in worker processes)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
