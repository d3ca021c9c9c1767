"""Does a system's speaker or claimant name the gold one? The matching rule shared by
the quote, claim and cross-source scorers.

A gold name matches when the system's entity is one the gold name resolves to
(the gold name is a surface, alias or canonical name of it), or when the two
names contain one another word for word (gold "Peskov" and system "Dmitry
Peskov"; gold "AFP analysis of ISW data" and system "AFP"; from two words up in
any order: "defence ministry" of "Russian Ministry of Defence"), or differ by a
typo (two names of as many words, similarity >= 0.9), unless the system name is
a nationality. Collectives
("Kyiv", "Moscow", "analysts") also match the same side: an entity of the same
country (the gold name's own entity, or else the entities its words name:
"Russian Ministry of Defence" is on the side of "Russian"). A gold name
written ``A | B`` accepts either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from triangulate.clean.normalize import fold_for_matching
from triangulate.models import Entity

_WORD = re.compile(r"\w+")
TYPO_RATIO = 0.9


@dataclass
class NameIndex:
    """Folded surface -> entity ids, and the entities by id."""

    surfaces: dict[str, set[str]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: list[Entity], mention_texts: dict[str, list[str]]) -> NameIndex:
        index = cls(entities={e.id: e for e in entities})
        for entity in entities:
            for name in [entity.name, *entity.aliases, *mention_texts.get(entity.id, [])]:
                index.surfaces.setdefault(fold_for_matching(name), set()).add(entity.id)
        return index

    def ids(self, name: str) -> set[str]:
        return self.surfaces.get(fold_for_matching(name), set())

    def country(self, entity_ids: set[str]) -> set[str]:
        return {c for i in entity_ids if (c := getattr(self.entities.get(i), "country", None))}


def _words(text: str) -> list[str]:
    return _WORD.findall(fold_for_matching(text))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """`shorter` is a run of `longer`'s words, or, from two words up, a subset of them
    in any order ("defence ministry" of "Ministry of Defence")."""
    n = len(shorter)
    if n == 0:
        return False
    if n >= 2 and set(shorter) <= set(longer):
        return True
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _same_spelling(a: list[str], b: list[str]) -> bool:
    """Two names of as many words that differ by a typo ("Dymtro" / "Dmytro")."""
    if len(a) != len(b) or len(a) < 2:
        return False
    return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= TYPO_RATIO


def _is_nationality(entity_id: str | None, index: NameIndex) -> bool:
    """ "Russian" alone names no speaker, though it is a word of "Russian Ministry of Defence"."""
    entity = index.entities.get(entity_id) if entity_id else None
    return entity is not None and entity.type == "NORP"


def names_match(
    gold: str,
    system: str | None,
    entity_id: str | None,
    index: NameIndex,
    *,
    sides: bool = False,
) -> bool:
    """Whether the system name (text and resolved entity) matches the gold name.

    `sides` lets collectives match by side (claims), not only by entity (quotes).
    """
    for alternative in (a.strip() for a in gold.split("|")):
        gold_ids = index.ids(alternative)
        if entity_id is not None and entity_id in gold_ids:
            return True
        if system and not _is_nationality(entity_id, index):
            g, s = _words(alternative), _words(system)
            if _contains(s, g) or _contains(g, s) or _same_spelling(g, s):
                return True
        if sides and entity_id is not None:
            # A body not named as such in the text takes the side its words name:
            # "Russian Ministry of Defence" -> the entity "Russian" -> RU.
            word_ids = {i for w in _words(alternative) for i in index.ids(w)}
            gold_countries = index.country(gold_ids) or index.country(word_ids)
            if gold_countries and gold_countries & index.country({entity_id}):
                return True
    return False
