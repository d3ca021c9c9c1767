"""Names in Russian or Ukrainian text, each with its base form and linking key."""

from __future__ import annotations

from triangulate.errors import UsageError
from triangulate.nlp.ruuk.mention import Mention
from triangulate.nlp.ruuk.russian import natasha_spans
from triangulate.nlp.ruuk.translit import latin, link_key

LANGUAGES = ("ru", "uk")


def find_mentions(text: str, language: str) -> list[Mention]:
    """Every PER, LOC and ORG name of `text` (written in `language`), in text order."""
    if language not in LANGUAGES:
        raise UsageError(f"no Russian/Ukrainian pipeline for {language!r}; use one of {LANGUAGES}")
    spans = natasha_spans(text)
    return [mention(text, start, end, label, base, language) for start, end, label, base in spans]


def mention(text: str, start: int, end: int, label: str, base: str, language: str) -> Mention:
    """The record of `text[start:end]`: a person is linked by the surname (the last word
    of the base form: Борис Джонсон and Джонсон are one person), the rest by the whole."""
    linked = base.split()[-1] if label == "PER" and base.split() else base
    return Mention(start, end, text[start:end], label, base, latin(base, language), link_key(linked))
