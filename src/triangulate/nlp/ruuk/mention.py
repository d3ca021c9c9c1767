"""The record of one Russian or Ukrainian name: where it is, what it is, how to link it."""

from __future__ import annotations

from dataclasses import dataclass

# BSNLP's types: person, place, organisation, product, event.
LABELS = ("PER", "LOC", "ORG", "PRO", "EVT")


@dataclass(frozen=True)
class Mention:
    """`text` is `document[start:end]`; `base` its nominative (Курской области ->
    Курская область); `latin` the base in Latin letters; `key` what links the name
    across documents, languages and spellings (`translit.link_key`)."""

    start: int
    end: int
    text: str
    label: str
    base: str
    latin: str
    key: str
