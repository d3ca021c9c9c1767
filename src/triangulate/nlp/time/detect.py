"""Which regex matches are temporal expressions: checks against spaCy's tags, then overlaps.

A regex cannot tell "in May" from "may rise", "in 2022" from "2022 troops", or
"a second week" from "a second"; the tags, the parse and the entities the
pipeline already computed can. Overlapping matches are settled longest first.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from triangulate.nlp import extensions
from triangulate.nlp.time.lexicon import AMBIGUOUS_MONTHS, words
from triangulate.nlp.time.patterns import PRIORITY, RULES

# Words before a bare number that make it a year ("in 2022", "since 1991").
YEAR_CONTEXT = words(
    "in since by until till before after from through to of during between and or early late "
    "mid fiscal around circa year summer winter spring autumn fall"
)
# Words before a bare plural unit that make it a duration ("for years", "within days").
DURATION_CONTEXT = words(
    "for within over in after took take takes taking lasted lasting spent spend spending "
    "just only mere nearly almost"
)
SEASON_CONTEXT = words(
    "in during by until till since through throughout over before after of this last next"
)
CLOCK_CONTEXT = words("at by until till from around about before after since to")
# "a quarter of the territory" is a fraction, "several quarters of losses" a duration.
FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|a|an|its|their|his|her|our|this|that|these|those|all|\d)\b", re.I
)
# Named entities that a time word inside them does not make a date ("Theresa May",
# "USA Today", "Good Friday Agreement").
PLACES = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PRODUCT", "GPE", "LOC", "NORP"}
)


@dataclass(frozen=True)
class Candidate:
    """One rule's match, validated against the tokens, before normalisation."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


class TokenIndex:
    """Token lookups by character offset, built once per document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def before(self, char: int) -> Token | None:
        """The last token that starts before `char`'s own token."""
        i = bisect.bisect_left(self.starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def word_before(self, char: int) -> str:
        token = self.before(char)
        return token.lower_ if token is not None else ""

    def preposition_before(self, char: int) -> bool:
        token = self.before(char)
        return token is not None and token.pos_ == "ADP"


def _is_noun(token: Token | None) -> bool:
    return token is not None and token.tag_.startswith("NN")


def _inside_name(c: Candidate, tokens: TokenIndex) -> bool:
    """A time word that is only part of a longer name: "Theresa May", "USA Today", "the Good
    Friday Agreement", told by the entities or, where the NER missed the name, by a proper
    noun compounded before it."""
    if any(ch.isdigit() for ch in c.match[0]):
        return False
    first = tokens.at(c.start)
    if first is None:
        return False
    if any(
        t.dep_ == "compound" and t.tag_ == "NNP" and t.idx < c.start and t.ent_type_ not in PLACES
        for t in first.children
    ):
        return True  # "Theresa May", but not "Nairobi, Kenya Friday morning"
    before = tokens.before(c.start)
    if (
        before is not None
        and first.dep_ == before.dep_ == "compound"
        and before.tag_ == first.head.tag_ == "NNP"
        and before.ent_type_ not in PLACES
        and first.head.i == before.head.i
    ):
        return True  # "the Good Friday Agreement"
    if first.ent_type_ not in NAME_LABELS:
        return False
    entity = next((e for e in tokens.doc.ents if e.start <= first.i < e.end), None)
    return entity is not None and (entity.start_char < c.start or entity.end_char > c.end)


def _year_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "in 2022", "fiscal 1989", a number the NER calls a date; not "2022 troops"."""
    m = c.match
    if m["edge"] or m["fiscal"] or "year" in m[0].lower():
        return True
    token = tokens.at(m.start("year") if m["year"] else m.start("spoken"))
    if token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS":
        return False  # "2022 vehicles"
    if token is not None and token.ent_type_ == "DATE":
        return True
    return tokens.word_before(c.start) in YEAR_CONTEXT or tokens.preposition_before(c.start)


def _month_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """A bare "May" or "March" must be a proper noun ("may rise", "the march")."""
    m = c.match
    name = m["month"].lower().rstrip(".")
    if m["rel"] or m["edge"] or name not in AMBIGUOUS_MONTHS or m["month"].endswith("."):
        return True
    token = tokens.at(m.start("month"))
    return token is not None and token.tag_ == "NNP"


def _season_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "last fall", "in the summer"; not "the fall of Avdiivka" or "spring into action"."""
    m = c.match
    if m["year"] or m["rel"]:
        return True
    if m["season"].lower() == "fall" or not _is_noun(tokens.at(m.start("season"))):
        return False
    return (
        bool(m["edge"])
        or tokens.word_before(c.start) in SEASON_CONTEXT
        or tokens.preposition_before(c.start)
    )


def _decade_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "the nineties" is a decade, "in his forties" an age."""
    return not c.match["words"] or bool(c.match["the"])


def _vague_plural_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "for years", "in recent weeks", "over the years", "the days ahead".

    Not "in the days before the attack": that is a date tied to an event.
    """
    m = c.match
    if m["rel"] or m["ahead"]:
        return True
    if m["the"]:
        return tokens.word_before(c.start) in ("over", "throughout")
    return tokens.word_before(c.start) in DURATION_CONTEXT


def _duration_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """Not an age ("6-year-old"), a year ("the 1988 quarter"), an adjective ("a second week")."""
    m = c.match
    unit = m["unit"].lower()
    after = m.string[m.end() : m.end() + 12]
    if re.match(r"[-\s]+old\b", after) or (unit.startswith("quarter") and FRACTION_OF.match(after)):
        return False
    if re.fullmatch(r"1\d{3}|20\d\d", m["num"]) and not unit.endswith("s"):
        return False
    if unit.startswith(("second", "minute")) and "-" not in m[0]:
        return _is_noun(tokens.at(m.start("unit")))
    return True


def _set_per_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "$5 million a year", "300 tons per day": a rate after a quantity, not "for a year"."""
    if c.match[0].lower().startswith("per"):
        return True
    token = tokens.before(c.start)
    return token is not None and (token.tag_ in ("CD", "NNS") or token.lower_ in ("once", "twice"))


def _clock24_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "at 14:30" or "08:48 UTC"; not a score or a ratio."""
    return bool(c.match["tz"]) or tokens.word_before(c.start) in CLOCK_CONTEXT


def _quarter_ok(c: Candidate, tokens: TokenIndex) -> bool:
    """ "the quarter" of a year, not a city's quarter: the word must be a noun there."""
    return _is_noun(tokens.at(c.end - 1)) or c.match["rel"].lower() != "the"


VALIDATORS: dict[str, Callable[[Candidate, TokenIndex], bool]] = {
    "year": _year_ok,
    "month": _month_ok,
    "season": _season_ok,
    "decade": _decade_ok,
    "vague_plural": _vague_plural_ok,
    "duration": _duration_ok,
    "ago": _duration_ok,
    "set_per": _set_per_ok,
    "clock24": _clock24_ok,
    "rel_quarter": _quarter_ok,
}


def detect(doc: Doc) -> list[Candidate]:
    """Every rule's valid matches, overlaps settled longest first, in text order."""
    tokens = TokenIndex(doc)
    text = extensions.text(doc)
    found: list[Candidate] = []
    for name, pattern in RULES:
        check = VALIDATORS.get(name)
        for match in pattern.finditer(text):
            c = Candidate(match.start(), match.end(), name, match)
            if _inside_name(c, tokens) or (check is not None and not check(c, tokens)):
                continue
            found.append(c)
    found.sort(key=lambda c: (c.start - c.end, PRIORITY[c.rule], c.start))
    taken: list[Candidate] = []
    for c in found:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
