"""Who states a figure: the quote's speaker, an "according to" source, a reporting verb's
subject, or else the outlet itself.

Order of evidence: the innermost quote (from the quotes component: any
attribution, with its source) whose content holds the figure, even when its
source is a role rather than a name; an "according to X" in the same sentence and the same
parenthetical; the subject of the nearest reporting verb above the figure in
the parse ("X said", "X estimated", "Kyiv has claimed", "analysts consider").
Places, nationalities and collectives ("analysts", "officials") stand for a
side; a subject that names no entity ("the regional administration") is
kept as written, as an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from triangulate.models import EntityMention, Quote
from triangulate.nlp import extensions
from triangulate.resources.lexicons import lexicon

REPORTING = lexicon("reporting_verbs")
# Verbs of thinking report a figure only through a clause ("analysts consider
# the figure to be"), not through an object ("considering opening offices").
CLAUSE_ONLY = lexicon("clause_only_verbs")
CLAUSE_DEPS = {"ccomp", "parataxis", "advcl"}
PREDICATE_DEPS = {"oprd", "xcomp", "ccomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
COLLECTIVES = lexicon("collective_sources")
ACCORDING = re.compile(r"according to\s", re.IGNORECASE)
# "By a United Nations account", "by Reuters' count", "by UN estimates": the cue ends at
# the article; the source must be a named mention before the noun. Not "in": money "lost
# in Landsbanki Icesave accounts" is not Landsbanki's figure.
ACCOUNT_NOUNS = frozenset({"account", "count", "tally", "estimate", "reckoning"})
BY_ACCOUNT = re.compile(
    r"\bby\s+(?:(?:the|a|an)\s+)?"
    rf"(?=[^,.;:]{{1,60}}?\b(?:{'|'.join(sorted(ACCOUNT_NOUNS))})s?\b)",
    re.IGNORECASE,
)
PERSON_PRONOUNS = {"he", "she", "him", "her"}
KIND_BY_LABEL = {"PERSON": "person", "ORG": "organisation", "UNIT": "organisation",
                 "PLACE": "side", "NORP": "side"}  # fmt: skip
LABEL_PREFERENCE = ("PERSON", "ORG", "UNIT", "PLACE", "NORP")


@dataclass(frozen=True)
class Claimant:
    """Who a figure is attributed to; `name` None means the outlet itself."""

    name: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str = "outlet"
    quote_id: str | None = None


OUTLET = Claimant()


class Attributor:
    """Attribution for the figures of one document (mentions and quotes indexed once)."""

    def __init__(self, doc: Doc, text: str, mentions: list[EntityMention], quotes: list[Quote]):
        self.doc, self.text, self.quotes = doc, text, quotes
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_token: dict[int, EntityMention] = extensions.token_index(doc, extensions.MENTIONS)

    def claimant(self, anchor: Token, start: int, end: int, sent_start: int) -> Claimant:
        """The claimant of the figure at chars [start, end) whose unit or number is `anchor`."""
        holding = [q for q in self.quotes if q.start <= start and end <= q.end and _source(q)]
        if holding:  # the innermost attribution: "X told Reuters that officials said ..."
            return self._from_quote(min(holding, key=lambda q: q.end - q.start))
        found = self._according_to(anchor, start)
        if found is not None:
            return found
        subject = self._reporting_subject(anchor, start)
        if subject is not None:
            return self._from_subject(subject, sent_start)
        return OUTLET

    def _from_quote(self, quote: Quote) -> Claimant:
        """The quote's source: its named speaker, else the role it is kept as ("officials")."""
        if quote.speaker_start is None:
            return Claimant(_source(quote), None, None, "side", quote.id)
        mention = next((m for m in self.mentions if m.start == quote.speaker_start), None)
        kind = KIND_BY_LABEL.get(mention.label, "person") if mention else "person"
        return Claimant(quote.speaker, quote.speaker_start, quote.speaker_end, kind, quote.id)

    def _according_to(self, anchor: Token, start: int) -> Claimant | None:
        """The nearest "according to X" of the same parenthetical (searched in the text, since
        extraction sometimes glues it to the word before: "kilometersaccording to")."""
        sent = anchor.sent
        region = _paren_region(sent, start, self.text)
        best: Claimant | None = None
        best_distance = 0
        cues = [
            (cue, False) for cue in ACCORDING.finditer(self.text, sent.start_char, sent.end_char)
        ]
        cues += [
            (cue, True) for cue in BY_ACCOUNT.finditer(self.text, sent.start_char, sent.end_char)
        ]
        for cue, named_only in cues:
            if _paren_region(sent, cue.start(), self.text) != region:
                continue
            first = next((t.i for t in sent if t.idx >= cue.end()), None)
            source = None if first is None else self._source_after(first, sent.end, named_only)
            distance = abs(cue.start() - start)
            if source is not None and (best is None or distance < best_distance):
                best, best_distance = source, distance
        return best

    def _source_after(self, i: int, end: int, named_only: bool = False) -> Claimant | None:
        """The named source of an "according to" phrase: its first person, else organisation;
        with `named_only`, the phrase ends at its noun ("account") and must name someone."""
        stop = i
        while stop < end and self.doc[stop].pos_ not in ("VERB", "AUX"):
            if named_only and self.doc[stop].lemma_.lower() in ACCOUNT_NOUNS:
                break
            stop += 1
        if named_only and (stop == end or self.doc[stop].lemma_.lower() not in ACCOUNT_NOUNS):
            return None  # "killed by troops according to the count": not an account phrase
        found = {self.by_token[t].label: self.by_token[t] for t in reversed(range(i, stop))
                 if t in self.by_token}  # fmt: skip
        for label in LABEL_PREFERENCE:
            if label in found:
                return _from_mention(found[label])
        if i < end and not named_only:
            head = self.doc[i]
            while head.head.i != head.i and i <= head.head.i < stop:
                head = head.head
            return self._phrase(head)
        return None

    def _reporting_subject(self, anchor: Token, start: int) -> Token | None:
        """The subject of the nearest reporting verb above the figure, in its parenthetical."""
        region = _paren_region(anchor.sent, start, self.text)
        for acl in anchor.children:  # "the 1,150 square kilometres claimed by X"
            if acl.dep_ == "acl" and acl.lemma_ in REPORTING:
                subject = _subject(acl, self.text)
                if subject is not None:
                    return subject
        child, node = anchor, anchor.head
        while node.i != child.i:
            verbs = [node] if _reporting(node, child) else []
            verbs += [v for v in node.children if v.dep_ == "parataxis" and v.lemma_ in REPORTING]
            for verb in verbs:
                if _paren_region(anchor.sent, verb.idx, self.text) != region:
                    continue
                subject = _subject(verb, self.text)
                if subject is not None and not any(t.like_num for t in subject.subtree):
                    return subject
            child, node = node, node.head
        return None

    def _from_subject(self, subject: Token, sent_start: int) -> Claimant:
        mention = self.by_token.get(subject.i)
        if mention is not None:
            return _from_mention(mention)
        if subject.lower_ in PERSON_PRONOUNS:
            before = [m for m in self.mentions if m.label == "PERSON" and m.end <= subject.idx]
            return _from_mention(before[-1]) if before else OUTLET
        if subject.pos_ == "PRON":
            return OUTLET
        if subject.lower_ in COLLECTIVES:
            phrase = self._phrase(subject)
            return Claimant(phrase.name, phrase.start, phrase.end, "side")
        inside = [self.by_token[t.i] for t in subject.subtree if t.i in self.by_token]
        people = [m for m in inside if m.label == "PERSON"]
        if people:
            return _from_mention(people[0])
        return self._phrase(subject)

    def _phrase(self, head: Token) -> Claimant:
        """A subject that names no entity, as written from its left edge (less an article) to its
        head: "the regional administration" -> "regional administration"."""
        left = head.left_edge
        if left.pos_ == "DET" and left.i < head.i:
            left = self.doc[left.i + 1]
        start, end = left.idx, head.idx + len(head)
        start = max(start, self.text.rfind("\n", start, end) + 1)
        inside = [self.by_token[t.i] for t in self.doc[left.i : head.i + 1] if t.i in self.by_token]
        if inside and inside[-1].end >= end:
            return _from_mention(inside[-1])
        return Claimant(self.text[start:end], start, end, "organisation")


def _source(quote: Quote) -> str | None:
    return quote.speaker or quote.speaker_role


def _from_mention(mention: EntityMention) -> Claimant:
    return Claimant(
        mention.text, mention.start, mention.end, KIND_BY_LABEL.get(mention.label, "organisation")
    )


def _reporting(node: Token, child: Token) -> bool:
    if node.lemma_ not in REPORTING or node.pos_ not in ("VERB", "AUX"):
        return False
    # "analysts consider the figure more realistic": the object's predicate is the clause
    predicate = any(c.dep_ in PREDICATE_DEPS for c in node.children)
    if node.lemma_ in CLAUSE_ONLY and child.dep_ not in CLAUSE_DEPS and not predicate:
        return False
    return child.dep_ not in SUBJECT_DEPS


def _subject(verb: Token, text: str) -> Token | None:
    """The verb's subject, the agent of a passive, or a coordinated verb's subject.

    A subject on another line than its verb is a parse across a heading
    ("Security measures / On July 16, X announced"): the name just before the
    verb is taken instead.
    """
    for token in verb.children:
        if token.dep_ == "nsubj":
            if "\n" not in text[min(token.idx, verb.idx) : max(token.idx, verb.idx)]:
                return token
            before = verb.i - 1
            while before > verb.sent.start and verb.doc[before].pos_ in ("AUX", "ADV", "PART"):
                before -= 1
            return verb.doc[before] if verb.doc[before].pos_ == "PROPN" else None
    for token in verb.children:
        if token.dep_ == "agent":
            return next((t for t in token.children if t.dep_ == "pobj"), None)
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head, text)
    return None


def _paren_region(sent: Span, position: int, text: str) -> int:
    """Char start of the innermost open parenthesis before `position` in the sentence, or -1."""
    start = sent.start_char
    depth_starts: list[int] = []
    for offset, char in enumerate(text[start:position]):
        if char == "(":
            depth_starts.append(start + offset)
        elif char == ")" and depth_starts:
            depth_starts.pop()
    return depth_starts[-1] if depth_starts else -1
