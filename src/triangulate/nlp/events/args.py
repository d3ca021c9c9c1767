"""The arguments of an event once its trigger is known: clause span, summary, actors, place.

Everything is read off the dependency parse and the mentions the entity
component found, so that actors and places map to canonical entities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from triangulate.models import Claim, EntityMention, Quote
from triangulate.nlp import extensions
from triangulate.nlp.events.acled import actor_side
from triangulate.nlp.events.taxonomy import is_nominal
from triangulate.resources.lexicons import lexicon

CLAUSE_POS = ("VERB", "AUX")
#: Dependents of the clause head left out of a summary: side and conjoined clauses
#: (appositions are left out wherever they are).
SIDE_DEPS = frozenset(["advcl", "relcl", "parataxis", "conj", "cc", "acl"])
SUMMARY_TOKENS = 30
#: Words that belong to a date phrase ("about 07:40", "early on Monday").
DATE_MODIFIERS = frozenset(["advmod", "quantmod", "prep", "det", "amod", "npadvmod"])
#: Verb forms without a subject of their own ("launching", "to shell"): the governing
#: clause's subject acts.
NONFINITE = frozenset(("VBG", "VB", "VBN", "IN", "TO"))
ACTOR_RANK = {"PERSON": 0, "ORG": 0, "UNIT": 0, "PLACE": 1, "NORP": 2}
PLACE_RANK = {"city": 0, "other": 0, "region": 1, "country": 2}
# Tidying what dropping side clauses leaves behind: "Podolyak, , stated", "km () of".
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
REPEATED_COMMA = re.compile(r",(?:\s*,)+")
EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")


@dataclass
class MentionIndex:
    """The document's mentions, looked up by token."""

    by_token: dict[int, EntityMention]

    @classmethod
    def build(cls, doc: Doc) -> MentionIndex:
        return cls(extensions.token_index(doc, extensions.MENTIONS))

    def within(self, tokens: Sequence[Token]) -> list[EntityMention]:
        """The mentions touching `tokens`, each once, in text order."""
        found: dict[int, EntityMention] = {}
        for token in tokens:
            mention = self.by_token.get(token.i)
            if mention is not None:
                found[mention.start] = mention
        return [found[k] for k in sorted(found)]


def clause_head(trigger: Token) -> Token:
    """The verb heading the clause a trigger is in (the trigger itself for a verb)."""
    token = trigger
    while (token.pos_ not in CLAUSE_POS or is_nominal(token)) and token.head.i != token.i:
        token = token.head
    while token.dep_ == "xcomp":  # "claimed to have liberated": the controlling clause
        token = token.head
    return token


def paragraph_bounds(text: str, head: Token, trigger: Token) -> tuple[int, int]:
    """The head's subtree as characters, cut at paragraph breaks around the trigger."""
    start = head.left_edge.idx
    end = head.right_edge.idx + len(head.right_edge.text)
    cut = text.rfind("\n", start, trigger.idx)
    if cut >= 0:
        start = cut + 1
    cut = text.find("\n", trigger.idx, end)
    if cut >= 0:
        end = cut
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _date_tokens(date: Span) -> set[int]:
    """The tokens of a date and its preposition, left out of a summary unless the date is
    an argument of the verb ("declared 16 March a day of mourning")."""
    if date.root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return set()
    dropped = set(range(date.start, date.end))
    for modifier in date.root.children:
        if modifier.dep_ in DATE_MODIFIERS:
            dropped.update(t.i for t in modifier.subtree)
    date_head = date.root.head
    while date_head.dep_ == "prep" and all(c.i in dropped for c in date_head.children):
        dropped.add(date_head.i)
        date_head = date_head.head
    return dropped


def summary(
    head: Token,
    trigger: Token,
    date: Span | None,
    bounds: tuple[int, int],
    via: Token | None = None,
) -> str:
    """One clause from the text: the head's subtree without side clauses and the date.

    `via` is an aspectual verb ("starting") through which the date reached a
    noun trigger; the summary is then that noun phrase and the verb.
    """
    root = head
    if via is not None:
        root = via if trigger in via.subtree else trigger
    dropped = _date_tokens(date) if date is not None else set()
    for token in root.subtree:
        if token.i in dropped or token.i == root.i or trigger in token.subtree:
            continue
        if token.dep_ == "appos":
            left, right = token.left_edge.i - 1, token.right_edge.i + 1
            dropped.update(range(left + 1, right))
            dropped.update(
                i for i in (left, right) if 0 <= i < len(token.doc) and token.doc[i].is_punct
            )
        elif token.dep_ in SIDE_DEPS and token.head.i == root.i:
            dropped.update(t.i for t in token.subtree)
    start, end = bounds
    tokens = sorted(
        (
            t
            for t in root.subtree
            if t.i not in dropped and start <= t.idx and t.idx + len(t) <= end
        ),
        key=lambda t: t.i,
    )
    if via is not None and root.i != via.i:
        tokens += [via] + [c for c in via.children if c.dep_ in ("dobj", "prt")]
    while tokens and (tokens[0].is_punct or tokens[0].tag_ in ("WDT", "WP", "IN")):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    kept = tokens[:SUMMARY_TOKENS]
    joined = "".join(
        t.text + (t.whitespace_ or (" " if n + 1 < len(kept) and kept[n + 1].i != t.i + 1 else ""))
        for n, t in enumerate(kept)
    )
    words = " ".join(joined.split())
    words = EMPTY_BRACKETS.sub("", SPACE_BEFORE_PUNCT.sub(r"\1", words))
    words = REPEATED_COMMA.sub(",", words)
    return words + (" …" if len(tokens) > SUMMARY_TOKENS else "")


def _borrows_subject(token: Token) -> bool:
    """Whether a subjectless verb form takes its actor from the clause governing it."""
    return (
        token.tag_ in NONFINITE
        and token.dep_ not in ("ROOT", "ccomp")
        and not any(c.dep_ == "nsubjpass" for c in token.children)
    )


def _subjects(head: Token, trigger: Token) -> list[Token]:
    """The tokens naming who did it: subject, passive agent, or a noun trigger's owner."""
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
    subjects += [g for c in head.children if c.dep_ == "agent" for g in c.children]
    governor = head
    while not subjects and _borrows_subject(governor):
        governor = governor.head
        subjects = [c for c in governor.children if c.dep_ == "nsubj"]
    if trigger.i != head.i and trigger.dep_ not in ("dobj", "nsubjpass", "attr"):
        subjects = [c for c in trigger.children if c.dep_ in ("poss", "amod", "compound")]
        subjects += [g for c in trigger.children if c.lower_ == "by" for g in c.children]
    return subjects + [c for s in subjects for c in s.conjuncts]


def _own_mention(token: Token, index: MentionIndex) -> EntityMention | None:
    """The mention of a phrase's head or of its modifiers ("Russian troops"), not of a
    phrase attached to it ("soldiers in Harsk")."""
    near = [token, *(c for c in token.children if c.dep_ in ("compound", "poss", "amod"))]
    found = [m for t in near if (m := index.by_token.get(t.i)) is not None]
    return min(found, key=lambda m: ACTOR_RANK.get(m.label, 3), default=None)


def _best_mention(token: Token, index: MentionIndex) -> EntityMention | None:
    """The mention naming the phrase headed by `token`: its own, else its closest modifier's."""
    own = index.by_token.get(token.i)
    if own is not None:
        return own
    near = [c for c in token.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
    near += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    found = [m for t in near if (m := index.by_token.get(t.i)) is not None]
    found = found or index.within(list(token.subtree))
    return min(found, key=lambda m: ACTOR_RANK.get(m.label, 3), default=None)


def actors(
    head: Token, trigger: Token, index: MentionIndex, quotes: Sequence[Quote]
) -> list[tuple[str, int, int]]:
    """Who acted or spoke: (text, start, end) of mentions, the quote's speaker first."""
    found: list[tuple[str, int, int]] = []
    for quote in quotes:
        if (
            quote.cue_start is not None
            and quote.cue_start <= trigger.idx < (quote.cue_end or 0)
            and quote.speaker
            and quote.speaker_start is not None
            and quote.speaker_end is not None
        ):
            found.append((quote.speaker, quote.speaker_start, quote.speaker_end))
            break
    for subject in _subjects(head, trigger):
        mention = _best_mention(subject, index)
        if mention is not None and all(mention.start != f[1] for f in found):
            found.append((mention.text, mention.start, mention.end))
    return found


def location(
    head: Token, trigger: Token, index: MentionIndex, bounds: tuple[int, int], statement: bool
) -> EntityMention | None:
    """The place it happened: the most specific PLACE in the clause outside its subject.

    For a statement the content's places are not where it was said: only places
    attached to the speech verb itself count ("said in Kyiv").
    """
    if statement:
        tokens = [g for c in trigger.children if c.dep_ == "prep" for g in c.subtree]
    else:
        subject_tokens = {t.i for s in _subjects(head, trigger) for t in s.subtree}
        start, end = bounds
        tokens = [t for t in head.subtree if t.i not in subject_tokens and start <= t.idx < end]
    places = [m for m in index.within(tokens) if m.label == "PLACE"]
    return min(places, key=lambda m: PLACE_RANK.get(m.place_kind or "", 1), default=None)


def subject_tokens(head: Token, trigger: Token) -> list[Token]:
    """The tokens of the phrases naming who did it (for the actor's side)."""
    return [t for s in _subjects(head, trigger) for t in s.subtree]


def _targets(trigger: Token) -> list[Token]:
    """The phrases an event was done to: the trigger's object (the subject of a passive:
    "civilians were killed"), or what it was "on" or "against"."""
    found = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    found += [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return found + [c for t in found for c in t.conjuncts]


TARGET_PREPOSITIONS = frozenset(["on", "against", "at", "upon"])


def target(
    trigger: Token, index: MentionIndex
) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The second actor: (name, side, span) of what the event was done to.

    The name is the mention naming the phrase (not a place: that is the
    location), else, when the phrase says only what kind of actor it is
    ("attacked civilians"), that kind; the span is the mention's.
    """
    for phrase in _targets(trigger):
        tokens = list(phrase.subtree)
        side = actor_side(tokens)
        mention = _own_mention(phrase, index)
        if mention is not None and mention.label != "PLACE":
            return mention.text, side, (mention.start, mention.end)
        if side is not None:
            return side.capitalize(), side, None
    return None, None, None


#: Words that make a count of people a count of the dead.
FATAL_LEMMAS = lexicon("fatal_lemmas")


def fatality_claims(doc: Doc, bounds: tuple[int, int]) -> list[Claim]:
    """The claims inside `bounds` that count the dead: a count of people whose noun, verb
    or the verb governing it says death ("killing 12 people", "the death toll rose to 40")."""
    found = []
    for span, claim in extensions.located(doc, extensions.CLAIMS):
        if not (bounds[0] <= claim.start and claim.end <= bounds[1]):
            continue
        if claim.unit not in ("person", "count") or claim.value_low is None:
            continue
        words = {t.lemma_.lower() for t in span}
        node = span.root
        for _ in range(3):
            words |= {node.lemma_.lower()} | {c.lemma_.lower() for c in node.children}
            node = node.head
        if words & FATAL_LEMMAS:
            found.append(claim)
    return found
