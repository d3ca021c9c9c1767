"""Who said it: the source phrase of a cue and the name mention it stands for.

The syntactic subject of the cue verb comes first (so a quote after
"Zakharova said" never goes to a Zelensky named earlier), then an apposition
to it, then coreference: a pronoun goes to the nearest earlier person of a
compatible gender, a role noun ("the spokeswoman") to the nearest earlier
mention with that role, or to a later one ("A Ukrainian minister said ...
Iryna Vereshchuk, the Ukrainian minister for ...": cataphora).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from triangulate.models import EntityMention
from triangulate.nlp.quotes.cues import (
    CUES,
    FEMALE_WORDS,
    GROUP_PRONOUNS,
    MALE_NAMES_IN_A,
    MALE_WORDS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SAYING_LEMMAS,
)

SUBJECTS = ("nsubj", "nsubjpass")
# Dependents of a cue verb that hand the search for a subject on to its head ("adding that").
CLIMB = ("conj", "advcl", "xcomp", "pcomp", "acl")
# Right-hand dependents of a subject that are not part of the name as written.
_NOT_SOURCE = ("appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "amod")
# Governing verbs a cue without a subject takes it from ("said ..., adding that").
CLIMB_TO = SAYING_LEMMAS | {"quote", "cite", "refer", "go"}
LOOKBACK = 2500  # characters searched back for an antecedent
LOOKAHEAD = 600  # characters searched forward for a named role (cataphora)
SPEAKER_LABELS = ("PERSON", "ORG", "UNIT", "PLACE", "NORP")


@dataclass(frozen=True)
class Source:
    """The speaker phrase as written (`start`/`end`) and the mention it resolved to."""

    start: int
    end: int
    mention: EntityMention | None
    role: str | None


def subject_of(cue: Token) -> Token | None:
    """The subject of a cue verb, climbing to a governing verb of saying when it has none."""
    return _subject_and_verb(cue)[0]


def _subject_and_verb(cue: Token) -> tuple[Token | None, Token]:
    """The subject (or None) and the verb of saying the search ended on."""
    if cue.lower_ == "according":
        for to in cue.children:
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return pobj, cue
        return None, cue
    if cue.pos_ == "NOUN":  # "Kerry's announcement", "the claim by officials that"
        owner = _possessor(cue)
        if owner is None and cue.dep_ in ("dobj", "attr"):  # "made no mention of"
            owner = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
        return owner, cue
    if cue.pos_ == "ADJ":  # "Republicans have been critical of"
        return next((c for c in cue.head.children if c.dep_ == "nsubj"), None), cue
    if any(child.dep_ == "auxpass" for child in cue.children):
        return _possessor(cue), cue  # "is expected by analysts to": the agent, if any
    if cue.dep_ == "acl":  # "911 calls saying shots were fired"
        return cue.head, cue
    if _raising(cue):
        return None, cue  # "X seems to ...": the writer's view of X, no source named
    token = cue
    for _ in range(3):
        if token is not cue and token.lemma_ in ("cite", "quote"):
            for child in token.children:
                if child.dep_ == "dobj":
                    return child, token  # "cited officials as saying": the officials speak
        for child in token.children:
            if child.dep_ in SUBJECTS:
                return (None if _across_paragraphs(child, token) else child), token
        head = token.head
        if token.dep_ == "pcomp" and head.pos_ == "ADP":
            head = head.head  # "cited officials as saying"
        if (
            token.dep_ not in CLIMB
            or head is token
            or not (head.lemma_.lower() in CLIMB_TO or _shares_subject(token, head))
        ):
            return None, token
        token = head
    return None, token


def _shares_subject(token: Token, head: Token) -> bool:
    """Whether a verb takes its subject from any verb above it: an infinitive ("vowed to
    admit"), a coordinated verb ("met them and said"), a participle ("..., arguing that")."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return token.dep_ in ("xcomp", "conj") or (token.dep_ == "advcl" and token.tag_ == "VBG")


def _raising(cue: Token) -> bool:
    entry = CUES.get((cue.lemma_.lower(), cue.pos_))
    return entry is not None and "raising" in entry.frames


def _possessor(cue: Token) -> Token | None:
    """The source of a reporting noun or a passive cue: its possessor or "by" agent."""
    for child in cue.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("agent", "prep") and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a line break separates two tokens: the parse ran a heading into the text."""
    first, last = sorted((a.i, b.i))
    return any("\n" in t.text for t in a.doc[first:last])


def source_extent(subject: Token) -> tuple[int, int]:
    """Character span of the subject phrase, without appositions and relative clauses."""
    end_token = subject
    for child in subject.rights:
        if child.dep_ in _NOT_SOURCE:
            break
        end_token = child.right_edge
    start = subject.left_edge
    while start.i < subject.i and (start.is_punct or start.dep_ == "cc"):
        start = start.nbor()
    return start.idx, end_token.idx + len(end_token)


def _words(text: str | None) -> set[str]:
    return {w.strip(".,").lower() for w in (text or "").split()}


class SpeakerResolver:
    """Resolves cue subjects to mentions of one document; built once per document."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[EntityMention],
        quoted: list[tuple[int, int]],
        cues: list[Token],
    ) -> None:
        self.doc = doc
        self.cues = cues
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        subjects = (subject_of(cue) for cue in cues)
        self.subjects = [
            s for s in subjects if s is not None and s.pos_ in ("NOUN", "PROPN", "NUM")
        ]
        self.subject_starts = [s.idx for s in self.subjects]
        inside = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in quoted)]
        self.mentions = sorted(
            (m for m in inside if m.label in SPEAKER_LABELS), key=lambda m: m.start
        )
        self.all_mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.all_starts = [m.start for m in self.all_mentions]
        self.gender = self._genders()

    def _genders(self) -> dict[str, str]:
        """Gender by surname, from role words and cheap first-name or surname endings."""
        gender: dict[str, str] = {}
        for mention in self.mentions:
            if mention.label != "PERSON":
                continue
            words = mention.text.split()
            role = _words(mention.role)
            guess = ""
            if role & FEMALE_WORDS:
                guess = "f"
            elif role & MALE_WORDS:
                guess = "m"
            elif len(words) > 1 and words[0].lower().endswith("a"):
                guess = "m" if words[0].lower() in MALE_NAMES_IN_A else "f"
            elif words[-1].lower().endswith(("ova", "eva", "ina", "aya", "ska")):
                guess = "f"
            if guess:
                gender.setdefault(words[-1].lower(), guess)
        return gender

    def mention_at(self, start: int, end: int) -> list[EntityMention]:
        """Mentions inside the character range, in order."""
        i = bisect_left(self.all_starts, start)
        found = []
        while i < len(self.all_mentions) and self.all_mentions[i].start < end:
            if self.all_mentions[i].end <= end:
                found.append(self.all_mentions[i])
            i += 1
        return found

    def resolve(self, cue: Token) -> Source | None:
        """The source of a cue: its subject as written and the mention it names."""
        subject, verb = _subject_and_verb(cue)
        if subject is not None and self._quoted(subject.idx):
            subject = None  # a parse that took a word of the quotation for the speaker
        subject = subject or self._adjacent(verb)
        if subject is None:
            earlier = self._governing_cue(cue)
            return self.resolve(earlier) if earlier is not None else None
        start, end = source_extent(subject)
        if subject.pos_ == "PRON" or subject.lower_ in PERSON_PRONOUNS:
            mention = self._pronoun(subject)
            return Source(start, end, mention, mention.role if mention else None)
        mention = self._named(subject)
        if mention is not None:
            return Source(start, end, mention, mention.role or self._apposition_role(subject))
        mention = self._by_role(subject)
        role = " ".join(t.text for t in subject.lefts if t.dep_ in ("amod", "compound"))
        role = f"{role} {subject.text}".strip() if subject.pos_ == "NOUN" else ""
        if mention is not None:
            return Source(start, end, mention, mention.role or role or None)
        return Source(start, end, None, role or None)

    def _governing_cue(self, cue: Token) -> Token | None:
        """For "..., adding that" with no subject: the cue before it in the same sentence."""
        if cue.tag_ != "VBG":
            return None
        earlier = [c for c in self.cues if c.i < cue.i and cue.i - c.i < 60]
        if not earlier or any("\n" in t.text for t in self.doc[earlier[-1].i : cue.i]):
            return None
        return earlier[-1]

    def _adjacent(self, cue: Token) -> Token | None:
        """A name or pronoun right before the cue ("Zakharova said"), or right after it
        ("said Zakharova"): the subject when the parse found none, e.g. when a heading
        and the next paragraph were parsed as one sentence."""
        i = cue.i - 1
        while i >= 0 and self.doc[i].pos_ in ("ADV", "AUX") and "\n" not in self.doc[i].text:
            i -= 1
        for j in (i, cue.i + 1):
            if not 0 <= j < len(self.doc):
                continue
            token = self.doc[j]
            if token.lower_ in PERSON_PRONOUNS or (j < cue.i and token.lower_ in GROUP_PRONOUNS):
                return token
            if token.pos_ == "NOUN" and token.lower_ in ROLE_NOUNS:
                return token
            if token.pos_ == "PROPN" and any(
                m.start <= token.idx < m.end for m in self._around(token.idx + 1)
            ):
                return token
        return None

    def _quoted(self, position: int) -> bool:
        i = bisect_right(self.quoted_starts, position) - 1
        return i >= 0 and position < self.quoted[i][1]

    def _around(self, position: int) -> list[EntityMention]:
        i = bisect_left(self.all_starts, position)
        return self.all_mentions[max(0, i - 1) : i + 1]

    def _named(self, subject: Token) -> EntityMention | None:
        """A mention the subject is, or that stands in apposition to it."""
        head = subject.idx
        for mention in self._around(head + 1):
            if mention.start <= head < mention.end and mention.label in SPEAKER_LABELS:
                return mention
        for child in subject.children:
            if child.dep_ == "appos":
                found = self.mention_at(child.left_edge.idx, child.right_edge.idx + len(child))
                people = [m for m in found if m.label == "PERSON"] or found
                if people:
                    return people[0]
        if subject.pos_ == "PROPN":
            start, end = source_extent(subject)
            found = self.mention_at(start, end)
            for label in SPEAKER_LABELS:
                for mention in found:
                    if mention.label == label:
                        return mention
        return None

    def _apposition_role(self, subject: Token) -> str | None:
        for child in subject.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                return self.doc[child.left_edge.i : child.i + 1].text
        return None

    def _compatible(self, mention: EntityMention, gender: str) -> bool:
        known = self.gender.get(mention.text.split()[-1].lower(), "")
        return not known or not gender or known == gender

    def _pronoun(self, pronoun: Token) -> EntityMention | None:
        """Nearest earlier person of a compatible gender; groups for "they"/"it"."""
        lower = pronoun.lower_
        if lower not in PERSON_PRONOUNS and lower not in GROUP_PRONOUNS:
            return None
        gender = PERSON_PRONOUNS.get(lower, "")
        labels = ("PERSON",) if gender else ("ORG", "UNIT", "PLACE")
        found: EntityMention | None = None
        i = bisect_left(self.starts, pronoun.idx) - 1
        while i >= 0 and pronoun.idx - self.mentions[i].start < LOOKBACK:
            mention = self.mentions[i]
            if mention.label in labels and self._compatible(mention, gender):
                found = mention
                break
            i -= 1
        speaker = self._last_speaker(pronoun, gender)
        if speaker is not None and (found is None or speaker.idx > found.end):
            return self._named(speaker) or self._by_role(speaker)
        return found

    def _last_speaker(self, pronoun: Token, gender: str) -> Token | None:
        """The subject of the nearest earlier cue when it is a noun phrase of the right
        number and gender: "One of the officials said ... he added" continues that one."""
        i = bisect_left(self.subject_starts, pronoun.idx) - 1
        while i >= 0 and pronoun.idx - self.subjects[i].idx < LOOKBACK:
            subject = self.subjects[i]
            i -= 1
            plural = subject.tag_ in ("NNS", "NNPS")
            if (plural and pronoun.lower_ != "they") or (
                gender and subject.lower_ in (FEMALE_WORDS if gender == "m" else MALE_WORDS)
            ):
                continue
            named = self._named(subject)
            person = named.label == "PERSON" if named else subject.pos_ != "PROPN"
            if named is not None and bool(gender) != person:
                continue
            return subject
        return None

    def _by_role(self, subject: Token) -> EntityMention | None:
        """A role noun: an earlier mention with that role or name, or a later named one."""
        if subject.pos_ not in ("NOUN", "PROPN"):
            return None
        word = subject.lower_
        lemma = subject.lemma_.lower()
        gender = "f" if word in FEMALE_WORDS else "m" if word in MALE_WORDS else ""
        indefinite = any(t.lower_ in ("a", "an", "one", "another") for t in subject.lefts)

        def matches(mention: EntityMention) -> bool:
            words = _words(mention.role) | (
                _words(mention.text) if mention.label != "PERSON" else set()
            )
            return bool({word, lemma} & words) and self._compatible(mention, gender)

        earlier = self._search(subject.idx, -1, matches)
        later = self._search(subject.idx, 1, matches)
        return (later or earlier) if indefinite else (earlier or later)

    def _search(
        self, position: int, step: int, test: Callable[[EntityMention], bool]
    ) -> EntityMention | None:
        """The nearest mention passing `test`, backwards (step -1) or forwards (step 1)."""
        i = bisect_left(self.starts, position) + (0 if step > 0 else -1)
        limit = LOOKAHEAD if step > 0 else LOOKBACK
        while 0 <= i < len(self.mentions) and abs(self.mentions[i].start - position) < limit:
            if test(self.mentions[i]):
                return self.mentions[i]
            i += step
        return None
