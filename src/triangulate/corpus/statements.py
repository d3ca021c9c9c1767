"""Corroborated statements: the same speaker saying the same thing, as reported by
independent outlets ("Vereshchuk: the Kursk operation creates a safe zone", in two
reports of different origin).

Quotes of a story are linked when their speakers resolve to one entity, their
reports have different origins (`independence.independent_origins`) and their
words overlap (Dice coefficient of content-word stems at least
`SAME_STATEMENT`); the linked quotes form a group. Only groups that reach two
independent origins are kept: a statement reported once is already in the
quotes table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from triangulate.corpus.similarity import content_words, dice
from triangulate.models import Row, StatementGroup

SAME_STATEMENT = 0.25


def group_statements(
    story_id: str, quotes: Iterable[Row], origins: Mapping[str, str]
) -> list[StatementGroup]:
    """The story's statements reported by two or more independent origins."""
    by_speaker: dict[str, list[Row]] = {}
    for quote in quotes:
        if quote.get("speaker_entity_id"):
            by_speaker.setdefault(str(quote["speaker_entity_id"]), []).append(quote)
    groups = []
    for speaker_id, said in by_speaker.items():
        for component in _linked(said, origins):
            found = sorted({_origin(q, origins) for q in component})
            if len(found) >= 2:
                groups.append(_group(story_id, speaker_id, component, found))
    return sorted(groups, key=lambda g: g.id)


def _origin(quote: Row, origins: Mapping[str, str]) -> str:
    return origins.get(str(quote["doc_id"]), "doc:" + str(quote["doc_id"]))


def _linked(quotes: list[Row], origins: Mapping[str, str]) -> list[list[Row]]:
    """Connected components of quotes from different origins with overlapping words."""
    words = [content_words(str(q.get("text") or "")) for q in quotes]
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if _origin(quotes[i], origins) == _origin(quotes[j], origins):
                continue
            if dice(words[i], words[j]) >= SAME_STATEMENT:
                parent[root(j)] = root(i)
    components: dict[int, list[Row]] = {}
    for i, quote in enumerate(quotes):
        components.setdefault(root(i), []).append(quote)
    return [c for c in components.values() if len(c) > 1]


def _group(story_id: str, speaker_id: str, quotes: list[Row], origins: list[str]) -> StatementGroup:
    ids = sorted(str(q["id"]) for q in quotes)
    digest = hashlib.sha1("|".join(ids).encode("utf-8")).hexdigest()[:12]
    speaker = max((str(q.get("speaker") or "") for q in quotes), key=len)
    members = [
        {
            "quote_id": q["id"],
            "doc_id": q["doc_id"],
            "source": q.get("source"),
            "kind": q.get("kind"),
            "text": q.get("text"),
            "sentence_start": q.get("sentence_start"),
            "sentence_end": q.get("sentence_end"),
        }
        for q in sorted(quotes, key=lambda q: (str(q["doc_id"]), q.get("start") or 0))
    ]
    return StatementGroup(
        f"{story_id}:q{digest}", story_id, speaker, speaker_id, members=members, origins=origins
    )
