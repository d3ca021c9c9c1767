"""Quote attribution: who said what, directly (in quotation marks) or reported.

Direct quotes come from the quotation marks (`quote_marks`); each looks for a
cue verb in the words around it, up to the sentence end on either side ("...,"
Zakharova said / Zakharova said that "..."). A quote with no cue of its own
goes on the previous quote of its paragraph or the one it continues, and a
headline "Moscow: "..."" goes to the name before the colon. One to three
quoted words with no cue right after them are scare quotes, not quotes.

Reported speech is a verb of saying with a clausal complement (the content is
that clause, not the sentence) or "according to X" (the content is the rest of
the sentence). It is dropped where its complement holds a direct quote, which
then stands for it. Speakers are resolved by `quote_speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from triangulate.models import EntityMention, Quote
from triangulate.nlp import extensions
from triangulate.nlp.quotes.cues import CUES, STATEMENT_KINDS, Cue
from triangulate.nlp.quotes.learned import ARGUMENTS, CueModel
from triangulate.nlp.quotes.marks import Quoted, find_quoted
from triangulate.nlp.quotes.speakers import Source, SpeakerResolver

FRAME = 25  # tokens searched on each side of a quotation for its cue
SCARE_WORDS = 3  # at most this many quoted words without an adjacent cue: scare quotes
_END = {".", "!", "?"}
# "AMARET, March 28 (KNT) — ": a dateline the parse ran into the first sentence.
_DATELINE = re.compile(r"[^\n]{0,80}?\([^()\n]{1,40}\)\s*[—–-]+\s+")
# "PETROVA: We hold the line" (transcripts), "Anna Petrova: Talks have failed" (headlines): a
# paragraph opened by a speaker's name and a colon.
_NAME = r"[A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,3}"
# Who may open a paragraph as its speaker, "Anna Petrova: ...".
_LABEL_SPEAKERS = ("PERSON", "ORG")
_LABEL = re.compile(rf"^[^\S\n]*[\"“]?(?P<label>{_NAME}):[^\S\n]+(?=\S)", re.MULTILINE)
# "“...” ― Ana Ruiz": the name after a quotation, set off by a dash (collections of quotes).
_DASH = re.compile(
    rf"[”\"»’']?[^\S\n]*(?P<dash>[―—–]|--)[^\S\n]*(?P<name>{_NAME})(?=[^\S\n]*(?:[.,(]|$))",
    re.MULTILINE,
)
_LINE_COLON = re.compile(r":[^\S\n]*$", re.MULTILINE)
_PARAGRAPH = re.compile(r"\S[^\n]*")
_QUOTE_MARKS = "“«\"„‘'"


@dataclass(frozen=True)
class Attribution:
    """One attribution as found: content, cue and the source phrase in its sentence.

    `kind` is how the content is given (direct, indirect or mixed), `act` what the
    cue reports (`cues.KINDS`: speech, belief, ...). `source.start`/`source.end` is
    the speaker as written next to the cue (a pronoun, "the spokeswoman");
    `source.mention` the mention it resolved to.
    """

    kind: str
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    source: Source | None
    act: str = "speech"
    statement: bool = True  # content a proposition, not a topic or aim ("spoke about")
    negated: bool = False  # "did not say", "declined to comment": no statement of the source

    @property
    def speech_act(self) -> bool:
        """A call, demand or proposal rather than a statement."""
        return self.act == "request"


_COMPLEMENTS = ("dobj", "oprd", "xcomp", "ccomp", "dative")
_SUBJECTS = ("nsubj", "nsubjpass")
_NOUN_CLAUSES = ("acl", "ccomp", "relcl")


def cue_of(token: Token, introduces: bool = False) -> Cue | None:
    """The lexicon entry a token is a cue by: a verb of saying, belief, ... (negated or
    not: "did not say" attributes too), a reporting noun ("the claim that ..."), or
    "according to".

    `introduces` says that the token's sentence ends with a colon at a line end ("X
    released the following statement:"): a noun there needs no content of its own."""
    if token.lower_ == "according":
        if token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            return CUES.get(("according", "ADP"))
        return None
    if token.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None
    lemma = token.lemma_.lower()
    particles = (c.lower_ for c in token.rights if c.dep_ in ("prep", "prt"))
    phrasal = (CUES.get((f"{lemma} {p}", token.pos_)) for p in particles)
    cue = next((c for c in phrasal if c is not None), None) or CUES.get((lemma, token.pos_))
    if cue is None:
        return None
    if token.pos_ in ("NOUN", "ADJ"):
        if token.pos_ == "ADJ" and token.dep_ != "acomp":
            return None  # "critical of" as the complement of a verb: "was critical of"
        return cue if introduces or any(_noun_content(token, cue)) else None
    if token.dep_ == "acl" and not any(c.dep_ == "ccomp" for c in token.children):
        return None  # "a group called ...", but "911 calls saying shots were fired"
    if _passive(token) and cue.kind != "expectation":
        return None  # "was told", "is described as": the subject is not the source
    return cue


def _stripped_end(text: str, end: int) -> int:
    """`end` moved back over white space."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def _passive(token: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in token.children)


def _noun_content(noun: Token, cue: Cue) -> list[Token]:
    """ "the claim that ...", "a promise to ...", "the announcement of ...", "sure that",
    "critical of": the clause or the prepositional phrase."""
    parts = []
    for child in noun.rights:
        if child.dep_ in _NOUN_CLAUSES and child.pos_ in ("VERB", "AUX"):
            marks = [t.lower_ for t in child.children if t.dep_ in ("mark", "aux")]
            bare = noun.pos_ == "ADJ" and child.dep_ == "ccomp"  # "sure (that) it works"
            if (("that" in marks or bare) and "clause" in cue.frames) or (
                "to" in marks and "infinitive" in cue.frames
            ):
                parts.append(child)
        elif child.dep_ == "prep" and child.lower_ in cue.preps:
            parts.append(child)
    return parts


def _content_prep(token: Token, cue: Cue) -> bool:
    """ "called for talks", "warned of ...": the preposition carries the content."""
    return token.dep_ == "prep" and token.lower_ in cue.preps


def _own_cue(verb: Token, cue: Token) -> bool:
    """ "Kaldoria says X; Tresna says Y": a complement before the cue that is a cue itself,
    with its own subject."""
    own = cue_of(verb)
    return (
        verb.i < cue.i
        and own is not None
        and own.kind in ("speech", "writing", "allegation")
        and any(c.dep_ in _SUBJECTS for c in verb.children)
    )


def _object(part: Token) -> list[Token]:
    """The tokens of a complement; for a preposition, its object without it."""
    if part.dep_ == "prep":
        return [t for c in part.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
    return list(part.subtree)


def _cue_end(token: Token) -> int:
    last = token.nbor() if token.lower_ == "according" else token
    return last.idx + len(last)


class _Finder:
    """The quotes of one parsed document."""

    def __init__(self, doc: Doc, mentions: list[EntityMention]) -> None:
        self.doc = doc
        self.text = extensions.text(doc)
        self.starts = [t.idx for t in doc]
        self.quoted = find_quoted(self.text)
        self.quote_of: dict[int, int] = {}
        for k, q in enumerate(self.quoted):
            for i in range(self._token(q.start - 1), self._token(q.end) + 1):
                self.quote_of.setdefault(i, k)
        self.introducing = self._introducing_sentences()
        self.entries = {
            t.i: cue
            for t in doc
            if t.i not in self.quote_of and (cue := cue_of(t, t.i in self.introducing)) is not None
        }
        self.cues = [doc[i] for i in self.entries]
        quoted = [(q.start, q.end) for q in self.quoted]
        self.resolver = SpeakerResolver(doc, mentions, quoted, self.cues)
        self.labels = self._labels()

    def _introducing_sentences(self) -> dict[int, int]:
        """Tokens of sentences that end with a colon at a line end ("X told reporters:"),
        each with where its sentence ends: the content is the next paragraph."""
        found: dict[int, int] = {}
        for colon in _LINE_COLON.finditer(self.text):
            sentence = self.doc[self._token(colon.start())].sent
            found.update((i, colon.start() + 1) for i in range(sentence.start, sentence.end))
        return found

    def _token(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def _frames(self, token: Token) -> frozenset[str]:
        cue = self.entries.get(token.i)
        return cue.frames if cue is not None else frozenset()

    def _frame(self, first: int, step: int) -> list[Token]:
        """Tokens outside quotations from `first` on, up to a sentence or paragraph end."""
        frame: list[Token] = []
        i = first
        while 0 <= i < len(self.doc) and len(frame) < FRAME and i not in self.quote_of:
            token = self.doc[i]
            if "\n" in token.text or (step < 0 and token.text in _END):
                break
            frame.append(token)
            if step > 0 and token.text in _END:
                break
            i += step
        return frame

    def direct(self) -> tuple[list[Attribution], list[Quoted]]:
        """Quotations with a cue or headline name, and the long ones left without either."""
        found: list[Attribution] = []
        pending: list[Quoted] = []
        for q in self.quoted:
            if any(label.start <= q.start < end for label, _, _, end in self.labels):
                continue  # the label's content: "“PETROVA: We hold ...", a transcript
            first, last = self._token(q.start - 1), self._token(q.end)
            after = self._frame(last + 1, 1)
            before = self._frame(first - 1, -1)
            if self.text[q.end - 1] in _END and after and after[0].is_title:
                after = []  # "...done." The next sentence is not the attribution.
            after_cues = [t for t in after if "direct" in self._frames(t)]
            before_cues = [t for t in before if self._frames(t) & {"direct", "object"}]
            cue: Token | None = None
            if self._count(q.start, q.end) <= SCARE_WORDS:
                near = [t for t in after_cues if t.i - last <= 4]
                if not near or not self._set_off(q, after):
                    continue
                cue = near[0]
            elif after_cues or before_cues:
                cue = (after_cues or before_cues)[0]
            else:
                cue = self._introducing(q.start)
            if cue is not None:
                source = self.resolver.resolve(cue)
                act = self.entries[cue.i].kind
                span = self._trim(q)
                negated = _negated(cue)
                found.append(
                    Attribution(
                        "direct", *span, cue.idx, _cue_end(cue), source, act, negated=negated
                    )
                )
            elif headline := self._headline(q, before):
                found.append(Attribution("direct", *self._trim(q), None, None, headline))
            elif dashed := self._dashed(q):
                found.append(dashed)
            else:
                pending.append(q)
        return found, pending

    def carried(self, found: list[Attribution], pending: list[Quoted]) -> list[Attribution]:
        """Cue-less quotations take the speaker of the attribution just before them, in
        their paragraph or, for a paragraph that opens with a quotation, the previous one."""
        carried: list[Attribution] = []
        # "..., Zakharova said, referring to the attack. "...": the statement carries on.
        ordered = sorted(
            (a for a in found if a.act in STATEMENT_KINDS and not a.negated), key=lambda a: a.start
        )
        starts = [a.start for a in ordered]
        for q in pending:
            i = bisect_right(starts, q.start) - 1
            if i < 0:
                continue
            previous = ordered[i]
            paragraph = self.text.rfind("\n", 0, q.start)
            between = self.text[max(previous.end, previous.cue_end or 0) : q.start]
            same = self.text.rfind("\n", 0, previous.start) == paragraph
            opens = self.text[paragraph + 1 : q.start].strip() in "“«\"„‘'"
            if same or q.continued or (opens and between.count("\n") <= 2):
                cue = (previous.cue_start, previous.cue_end)
                span = self._trim(q)
                act = previous.act
                carried.append(Attribution("direct", *span, *cue, previous.source, act))
        return carried

    def _set_off(self, q: Quoted, after: list[Token]) -> bool:
        """Whether punctuation ends the quotation ("No," he said), unlike a scare quote."""
        return self.text[q.end - 1] in ",.!?" or bool(after and after[0].text == ",")

    def _trim(self, q: Quoted) -> tuple[int, int]:
        end = q.end
        while end > q.start and self.text[end - 1] in " ,;:\n":
            end -= 1
        return q.start, end

    def _introducing(self, start: int) -> Token | None:
        """For a quotation opening its paragraph: the cue of the previous paragraph when
        that ends with a colon ("Petrova told reporters:")."""
        paragraph = self.text.rfind("\n", 0, start) + 1
        if self.text[paragraph:start].strip() not in _QUOTE_MARKS:
            return None
        end = _stripped_end(self.text, paragraph)
        if not self.text.endswith(":", 0, end):
            return None
        cues = [c for c in self.cues if self.introducing.get(c.i) == end]
        return cues[-1] if cues else None

    def _dashed(self, q: Quoted) -> Attribution | None:
        """ "“...” ― Ana Ruiz": the dash as cue and the name after it as the source."""
        match = _DASH.match(self.text, q.end)
        if match is None:
            return None
        start, end = match.span("name")
        mentions = [m for m in self.resolver.mention_at(start, end) if m.label == "PERSON"]
        mention = mentions[0] if mentions else None
        source = Source(start, end, mention, mention.role if mention else None)
        return Attribution("direct", *self._trim(q), match.start("dash"), match.end("dash"), source)

    def _labels(self) -> list[tuple[Source, int, int, int]]:
        """Paragraphs opened by a speaker label, as (source, colon, content start, end).

        The label is a person's or a body's name mention (a place before a colon opens a
        dateline, "KYIV: ...", or a line of a list, "Lebanon: 30,000 refugees"), or a name in
        capitals used as a label more than once (a transcript's "WALLACE:"), never a
        phrase with a verb. A quotation
        that fills the rest of the line is the headline rule's (`_headline`).
        """
        matches = list(_LABEL.finditer(self.text))
        uses = Counter(m["label"] for m in matches)
        labels = []
        for match in matches:
            start, end = match.span("label")
            line = self.text.find("\n", end)
            stop = _stripped_end(self.text, line if line >= 0 else len(self.text))
            rest = self.text[match.end() : stop].rstrip(" .")
            if self._count(match.end(), stop) < 3 or (
                rest[0] in _QUOTE_MARKS and rest[-1] in "”»\"’'"
            ):
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            capitals = match["label"].isupper()
            named = [
                m
                for m in self.resolver.mention_at(start, end)
                if (m.start, m.end) == (start, end) and m.label in _LABEL_SPEAKERS
            ]
            if named or (capitals and uses[match["label"]] > 1):
                mention = named[0] if named else None
                source = Source(start, end, mention, mention.role if mention else None)
                labels.append((source, end, match.end(), stop))
        return labels

    def labelled(self) -> list[Attribution]:
        """The paragraphs opened by a speaker label: the label's words, the colon as cue."""
        return [
            Attribution("direct", start, end, colon, colon + 1, source)
            for source, colon, start, end in self.labels
        ]

    def _headline(self, q: Quoted, before: list[Token]) -> Source | None:
        """ "Moscow: "..."" on a line of its own: the name before the colon speaks."""
        if len(before) < 2 or before[0].text != ":" or self.text[q.end + 1 : q.end + 2] not in "\n":
            return None
        start = before[-1].idx
        mentions = self.resolver.mention_at(start, before[0].idx)
        if len(mentions) != 1 or self.text[start : before[0].idx].strip() != mentions[0].text:
            return None
        mention = mentions[0]
        return Source(mention.start, mention.end, mention, mention.role)

    def indirect(self, direct: list[Attribution]) -> tuple[list[Attribution], list[Attribution]]:
        """Reported speech, and the direct quotes left once partial ones give way to it.

        A complement holding a quotation is that direct quote, unless the quoted words
        are fewer than the reported words around them ("said the plan was "a trap" for
        every village"): then the reported clause stands and the fragment is part of it.
        """
        found: list[Attribution] = []
        dropped: set[int] = set()
        for cue in self.cues:
            span, statement = self._content(cue)
            if span is None and cue.i in self.introducing:
                span, statement = self._next_paragraph(self.introducing[cue.i]), True
            if span is None:
                continue
            inside = [k for k, a in enumerate(direct) if a.start < span[1] and span[0] < a.end]
            if inside:
                quoted = sum(self._count(direct[k].start, direct[k].end) for k in inside)
                if 2 * quoted >= self._count(*span) or any(
                    direct[k].cue_start not in (cue.idx, None) for k in inside
                ):
                    continue
                dropped.update(inside)
            source = self.resolver.resolve(cue)
            kind = "mixed" if inside else "indirect"
            act = self.entries[cue.i].kind
            found.append(
                Attribution(
                    kind, *span, cue.idx, _cue_end(cue), source, act, statement, _negated(cue)
                )
            )
        return found, [a for k, a in enumerate(direct) if k not in dropped]

    def _next_paragraph(self, end: int) -> tuple[int, int] | None:
        """The paragraph after the colon at `end`, unless it is a speaker label's."""
        match = _PARAGRAPH.search(self.text, end)
        if match is None or any(start <= match.end() and match.start() <= stop
                                for _, _, start, stop in self.labels):  # fmt: skip
            return None
        return self._span(
            list(self.doc[self._token(match.start()) : self._token(match.end() - 1) + 1])
        )

    def candidates(self) -> list[Token]:
        """Verbs outside quotations that the lexicon does not make cues: the learned
        model's to judge."""
        return [
            t
            for t in self.doc
            if t.pos_ == "VERB" and t.i not in self.entries and t.i not in self.quote_of
        ]

    def learned(self, found: list[Attribution], model: CueModel) -> list[Attribution]:
        """Attributions of the verbs the model takes for cues: the verb's arguments after
        it as content, its subject as source; none where a rule's content already is."""
        taken = sorted((a.start, a.end) for a in found)
        added = []
        for token in self.candidates():
            parts = [c for c in token.rights if c.dep_ in ARGUMENTS]
            tokens = [
                t
                for c in parts
                for t in c.subtree
                if not (t.dep_ == "mark" and t.lower_ == "that" and t.head in parts)
            ]
            span = self._span(tokens, 1)
            if span is None or not model.is_cue(token):
                continue
            i = bisect_right(taken, span) - 1
            if any(s < span[1] and span[0] < e for s, e in taken[max(0, i) : i + 2]):
                continue
            source = self.resolver.resolve(token)
            if source is not None:
                added.append(
                    Attribution("indirect", *span, token.idx, _cue_end(token), source, "stance")
                )
        return added

    def _count(self, start: int, end: int) -> int:
        """Words between two character offsets."""
        tokens = self.doc[self._token(start) : self._token(max(start, end - 1)) + 1]
        return sum(1 for t in tokens if t.is_alpha or t.like_num)

    def _content(self, cue: Token) -> tuple[tuple[int, int] | None, bool]:
        """The content of a cue, by the frames its lexicon entry allows: its clausal
        complement, infinitive, object or prepositional object; for a cue set into the
        sentence ("..., he said, ...") the rest of the sentence. The flag says whether the
        content is a statement rather than a topic or an aim ("spoke about the talks",
        "vowed to ...", "the claim of ...")."""
        entry = self.entries[cue.i]
        if cue.lower_ == "according":
            return self._according(cue), True
        if cue.pos_ in ("NOUN", "ADJ"):
            return self._span([t for c in _noun_content(cue, entry) for t in _object(c)]), False
        frames = entry.frames
        if frames & {"clause", "direct"}:
            clauses = [
                c
                for c in cue.children
                if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and not _own_cue(c, cue)
            ]
            if clauses:
                tokens = [t for c in clauses for t in c.subtree]
                if tokens[0].lower_ == "that":
                    tokens = tokens[1:]
                return self._span(tokens), True
        if frames & {"infinitive", "raising"}:
            for child in cue.rights:
                if child.dep_ == "xcomp" and any(t.lower_ == "to" for t in child.lefts):
                    first = list(cue.doc[child.left_edge.i : child.right_edge.i + 1])
                    subject = "nsubjpass" if "infinitive" in frames else "nsubj"
                    subjects = [c for c in cue.lefts if c.dep_ == subject]
                    if subjects:  # "X is expected to win", "X seems to ...": X and "to win"
                        return self._span(list(subjects[0].subtree) + first), False
                    return (self._span(first) if "infinitive" in frames else None), False
        if "object" in frames or entry.preps:
            parts = [
                c
                for c in cue.rights
                if ("object" in frames and c.dep_ in _COMPLEMENTS) or _content_prep(c, entry)
            ]
            if parts:
                said = any(c.dep_ in _COMPLEMENTS for c in parts)
                return self._span([t for c in parts for t in _object(c)], 1), said
        if cue.dep_ == "parataxis" and "direct" in frames:
            head = cue.head
            inside = {t.i for t in cue.subtree}
            return self._span([t for t in head.subtree if t.i not in inside]), True
        return None, False

    def _according(self, cue: Token) -> tuple[int, int] | None:
        phrase = {t.i for t in cue.subtree}
        sentence = cue.sent
        left = [t for t in sentence if t.i < min(phrase)]
        right = [t for t in sentence if t.i > max(phrase)]
        return self._span(right if len(right) >= len(left) else left)

    def _span(self, tokens: list[Token], least: int = 3) -> tuple[int, int] | None:
        """The stretch from the first to the last token, without edge punctuation, when it
        holds `least` words."""
        words = [t for t in tokens if not t.is_punct and not t.is_space]
        if len(words) < least:
            return None
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        dateline = _DATELINE.match(self.text, start, end)
        return (dateline.end(), end) if dateline else (start, end)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        first = self.doc[self._token(start)].sent
        last = self.doc[self._token(end - 1)].sent
        return min(first.start_char, start), max(last.end_char, end)


def _attributions(doc: Doc, model: CueModel | None = None) -> tuple[_Finder, list[Attribution]]:
    finder = _Finder(doc, extensions.records(doc, extensions.MENTIONS))
    direct, pending = finder.direct()
    indirect, direct = finder.indirect(direct)
    found = direct + indirect + finder.labelled()
    found += finder.carried(found, pending)
    if model is not None:
        found += finder.learned(found, model)
    return finder, sorted(found, key=lambda a: (a.start, a.end))


def find_attributions(doc: Doc, model: CueModel | None = None) -> list[Attribution]:
    """Every attribution of a parsed document, in text order, with the source phrase as
    written; with `model` (`learned.bundled_model()`), also those of the verbs it takes
    for cues beside the lexicon's."""
    return _attributions(doc, model)[1]


def cue_candidates(doc: Doc) -> list[Token]:
    """The verbs a learned model judges (`_Finder.candidates`): its training rows."""
    return _Finder(doc, extensions.records(doc, extensions.MENTIONS)).candidates()


def nested(attribution: Attribution, others: list[Attribution]) -> bool:
    """Whether the cue lies inside another quote's content: hearsay reported by that speaker."""
    return any(_holds(o, attribution) for o in others)


def find_quotes(doc: Doc) -> list[Quote]:
    """The statements of a parsed document (`STATEMENT_KINDS`, content a proposition)
    whose source resolved to a name mention."""
    finder, attributions = _attributions(doc)
    text = finder.text
    quotes: list[Quote] = []
    ids: dict[int, str] = {}
    for a in attributions:
        if a.source is None or a.act not in STATEMENT_KINDS or not a.statement or a.negated:
            continue
        if a.kind != "direct" and finder._count(a.start, a.end) < 3:
            continue  # "confirmed it", "denied the report": a topic, not a statement
        mention = a.source.mention
        if mention is None:
            continue  # a pronoun or role that names no one in the text
        written = doc.char_span(a.source.start, a.source.end, alignment_mode="expand")
        outer = next((ids[id(o)] for o in attributions if id(o) in ids and _holds(o, a)), None)
        sentence_start, sentence_end = finder.sentence_bounds(a.start, a.end)
        ids[id(a)] = f"q{len(quotes)}"
        quotes.append(
            Quote(
                id=ids[id(a)],
                kind=a.kind,
                start=a.start,
                end=a.end,
                text=text[a.start : a.end],
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                speaker=mention.text if mention else text[a.source.start : a.source.end],
                speaker_start=mention.start if mention else None,
                speaker_end=mention.end if mention else None,
                speaker_role=a.source.role,
                cue=text[a.cue_start : a.cue_end] if a.cue_start is not None else None,
                cue_start=a.cue_start,
                cue_end=a.cue_end,
                act=a.act,
                source_start=a.source.start,
                source_end=a.source.end,
                speaker_body=_body(written, mention) if written is not None else None,
                nested_in=outer,
            )
        )
    return quotes


def _holds(outer: Attribution, inner: Attribution) -> bool:
    cue = inner.cue_start
    return outer is not inner and cue is not None and outer.start <= cue < outer.end


_BODY_LABELS = ("ORG", "UNIT", "PLACE", "NORP")


def _body(written: Span, speaker: EntityMention | None) -> str | None:
    """The body a role speaks for, where the source phrase names it: a name inside it
    ("a WeWork spokesperson", "the Russian defence ministry's spokeswoman") or its
    "for" phrase ("a spokesman for the ministry")."""
    head = written.root
    if head.pos_ != "NOUN":
        return None
    for token in head.children:
        if token.dep_ == "prep" and token.lower_ == "for":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects:
                return written.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1].text
    names = [
        m
        for m in extensions.records(written.doc, extensions.MENTIONS)
        if written.start_char <= m.start
        and m.end <= written.end_char
        and m.label in _BODY_LABELS
        and m != speaker
    ]
    return names[0].text if names else None


def quotes_component(doc: Doc) -> Doc:
    extensions.write(doc, extensions.QUOTES, find_quotes(doc))
    return doc
