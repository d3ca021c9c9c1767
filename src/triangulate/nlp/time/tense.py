"""The tense of the clause a time expression sits in, read from spaCy's tags and parse.

"said on Wednesday" means the last Wednesday, "will meet on Monday" the next
Monday. Only a verb the expression attaches to directly (itself or through a
preposition) counts: in "announced restrictions starting on July 23" and
"declared a dividend payable Dec. 15" the past tense belongs to the
announcement, not to the date, so a date hanging from a noun, an adjective or
a bare participle gets no tense.
"""

from __future__ import annotations

from enum import Enum

from spacy.tokens import Span, Token

from triangulate.resources.lexicons import lexicon

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "ll"})
MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca", "'d"})
# Links that keep a date attached to the same verb: "on" -> verb, "Monday and Tuesday".
PASS_THROUGH_DEPS = frozenset({"prep", "cc"})
TARGET_PREPOSITIONS = frozenset({"until", "till", "through", "to", "for", "by"})
# Verbs whose "to" infinitive looks ahead: "expected to join in April".
PROSPECTIVE = lexicon("prospective_verbs")
# A date that is what the verb is about, not when it happened.
ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative"})
# How far above a noun to look for a future verb.
MAX_CLIMB = 4


class Tense(Enum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


def governing_tense(span: Span) -> Tense:
    """Where the clause puts the expression: from the preposition, else the verb it attaches to.

    "since" always looks back. After "until", "through", "to", "for", "by" the
    date is an end or a target ("extended to Nov. 20", "planned for March"), so
    a past verb says nothing about it. A date hanging from a noun takes no
    tense from the verb above, except a future one ("will double its flights
    by August").
    """
    tense = _attached_tense(span)
    if tense is Tense.PAST and _preposition(span) in TARGET_PREPOSITIONS:
        return Tense.UNKNOWN
    return tense


def _preposition(span: Span) -> str:
    head = span.root.head
    return head.lower_ if head.dep_ == "prep" else ""


def _attached_tense(span: Span) -> Tense:
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ARGUMENTS:  # "declared 16 March a day of mourning"
        return Tense.UNKNOWN
    token = token.head
    through_preposition = False
    while token.dep_ in PASS_THROUGH_DEPS and token.head.i != token.i:
        if token.lower_ == "since":
            return Tense.PAST
        through_preposition = through_preposition or token.dep_ == "prep"
        token = token.head
    if token in span:
        return Tense.UNKNOWN
    if token.pos_ in ("VERB", "AUX"):
        return verb_tense(token)
    if not through_preposition:  # "its third-quarter earnings": the date describes the noun
        return Tense.UNKNOWN
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return Tense.FUTURE if verb_tense(token) is Tense.FUTURE else Tense.UNKNOWN
    return Tense.UNKNOWN


def verb_tense(verb: Token) -> Tense:
    """Tense of one verb group from its auxiliaries, or else from its own tag."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return Tense.FUTURE  # "is going to meet"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    spelled = {a.lower_ for a in auxiliaries}
    if spelled & FUTURE_AUXILIARIES:
        return Tense.FUTURE
    if any(a.tag_ == "TO" for a in auxiliaries):
        return Tense.FUTURE if verb.head.lemma_ in PROSPECTIVE else Tense.UNKNOWN
    if spelled & MODALS:
        return Tense.UNKNOWN
    tags = {a.tag_ for a in auxiliaries}
    if "VBD" in tags or (verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries)):
        return Tense.PAST
    if tags & {"VBZ", "VBP"}:
        return Tense.PRESENT
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ not in ("acl", "amod")):
        return Tense.PAST
    if verb.tag_ in ("VBZ", "VBP"):
        return Tense.PRESENT
    return Tense.UNKNOWN
