"""Who said what in a Russian or Ukrainian report: quotations («...», „...“, "...") with
their cue ("..., — сказал Песков", "Песков заявил: «...»"), reported speech ("X заявил,
что ...", "как заявил X, ...") and sources before the content ("по словам X", "по данным
X", "за даними X"). The records are the English pipeline's `Quote`s.

Cue verbs are matched by lemma (pymorphy3), so every tense, gender and aspect counts:
сказал, сказала, заявили, заявит. The speaker is the name of the document's mentions in
the source phrase (the nearest one to the cue; a person before an organisation), a
pronoun the last person named before it (по его словам), else the phrase as written
(губернатор), which names no entity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from triangulate.models import EntityMention, Quote, Span
from triangulate.nlp.quotes.marks import find_quoted
from triangulate.nlp.ruuk.backend import morph
from triangulate.nlp.ruuk.morphology import is_common_word
from triangulate.nlp.ruuk.words import Word, lexicon_phrases, match_phrase, words
from triangulate.resources.lexicons import lexicon_pairs

CUE_VERBS = lexicon_pairs("ruuk_cue_verbs")
ACCORDING = lexicon_phrases(lexicon_pairs("ruuk_according"))
# The function words the rules are built around.
THAT = frozenset({"что", "що"})
AS = frozenset({"как", "як"})
NOT = frozenset({"не"})
PRONOUNS = frozenset({"он", "она", "они", "він", "вона", "вони"})
POSSESSIVES = frozenset({"его", "ее", "её", "их", "його", "її", "їх"})
SCARE_WORDS = 3  # at most this many quoted words without a cue: scare quotes
MAX_SOURCE_WORDS = 12  # a source phrase written out longer than this is a clause
LABEL_PREFERENCE = ("PERSON", "ORG", "PLACE")
_DASH_AFTER = re.compile(r"[\"»“”]?\s*[,.!?]?\s*[—–-]\s*")
_CLAUSE_MARK = re.compile(r"[,;:—–()]")
_TRAILING = ".!?…;: \n"
# "АМАРЕТ, 6 марта (KNT) — ", "ВЕЛІНСЬК, 7 березня. /TSNA/. ": a dateline opening the
# first sentence is not what the source said.
_DATELINE = re.compile(r"[^\n]{0,80}?(?:\([^()\n]{1,40}\)\s*[—–-]+|/[^/\n]{1,20}/\.)\s+")


@dataclass(frozen=True)
class _Source:
    """The source as written (`start`, `end`) and the mention it stands for."""

    start: int
    end: int
    mention: EntityMention | None
    role: str | None = None


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int
    end: int
    cue: Word | None
    act: str
    source: _Source


class _Document:
    """One document's text, sentences and mentions, indexed once for the rules."""

    def __init__(
        self, text: str, language: str, sentences: list[Span], mentions: list[EntityMention]
    ):
        self.text, self.language, self.sentences = text, language, sentences
        self.starts = [s.start for s in sentences]
        self.mentions = sorted(mentions, key=lambda m: m.start)

    def sentence(self, position: int) -> Span:
        index = max(0, bisect_right(self.starts, position) - 1)
        return self.sentences[index] if self.sentences else Span(0, len(self.text))

    def cue(self, word: Word, before: Word | None) -> str | None:
        """What the verb reports, None when it is no cue or is negated (не сказал)."""
        if before is not None and before.lower in NOT:
            return None
        return next((CUE_VERBS[lemma] for lemma in word.lemmas if lemma in CUE_VERBS), None)

    def source(self, start: int, end: int, near: int) -> _Source | None:
        """The source phrase `text[start:end]` (trimmed): its mention nearest `near`
        (preferring a person), a pronoun's antecedent, else the phrase as written."""
        while start < end and not self.text[start].isalnum():
            start += 1
        while end > start and not self.text[end - 1].isalnum():
            end -= 1
        phrase = self.text[start:end]
        if not phrase or len(phrase.split()) > MAX_SOURCE_WORDS:
            return None
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        for label in LABEL_PREFERENCE:
            named = [m for m in inside if m.label == label]
            if named:
                mention = min(named, key=lambda m: min(abs(m.start - near), abs(m.end - near)))
                return _Source(start, end, mention, self.role(start, mention.start))
        if phrase.lower() in PRONOUNS | POSSESSIVES:
            return _Source(start, end, self.antecedent(start))
        if phrase[0].isdigit():
            return None
        return _Source(start, end, None, phrase)

    def role(self, start: int, end: int) -> str | None:
        """The title before a name (губернатор Курской области), without a phrase of time
        or place before it (в четверг, у п'ятницю); None when a name opens it."""
        ws = words(self.text, self.language, start, end)
        while len(ws) > 2 and any("PREP" in p.tag for p in morph(self.language).parse(ws[0].text)):
            ws = ws[2:]
        if not ws or not is_common_word(ws[0].text, self.language):
            return None
        return self.text[ws[0].start : ws[-1].end]

    def antecedent(self, position: int) -> EntityMention | None:
        people = [m for m in self.mentions if m.label == "PERSON" and m.end <= position]
        return people[-1] if people else None

    def clause_start(self, position: int) -> int:
        """Where the clause holding `position` starts: after the last clause mark before
        it in its sentence, or at the sentence start."""
        sentence = self.sentence(position)
        marks = [m.end() for m in _CLAUSE_MARK.finditer(self.text, sentence.start, position)]
        return max([sentence.start, *marks])

    def clause_end(self, position: int) -> int:
        sentence = self.sentence(position)
        mark = _CLAUSE_MARK.search(self.text, position, sentence.end)
        return mark.start() if mark else sentence.end


def find_quotes(
    text: str, language: str, sentences: list[Span], mentions: list[EntityMention]
) -> list[Quote]:
    """Every attribution of `text` (written in `language`), in text order."""
    document = _Document(text, language, sentences, mentions)
    direct = _direct(document)
    taken = {f.cue.start for f in direct if f.cue is not None}
    reported = [
        f
        for f in _reported(document) + _according(document)
        if (f.cue is None or f.cue.start not in taken)
        and not any(f.start <= d.start and d.end <= f.end for d in direct)
    ]
    found = sorted(direct + reported, key=lambda f: (f.start, f.end))
    return [_record(document, f, f"q{i}") for i, f in enumerate(found)]


def _direct(document: _Document) -> list[_Found]:
    """Quotations with the cue after them (after a dash) or before them (before a colon);
    one with no cue of its own continues the previous quotation of its paragraph."""
    text = document.text
    found: list[_Found] = []
    for quoted in find_quoted(text):
        content = text[quoted.start : quoted.end]
        attribution: tuple[Word | None, str, _Source] | None = _cue_after(
            document, quoted.end
        ) or _cue_before(document, quoted.start)
        if attribution is None:
            previous = found[-1] if found else None
            paragraph = text.rfind("\n", 0, quoted.start)
            if len(content.split()) <= SCARE_WORDS or previous is None or previous.end < paragraph:
                continue
            attribution = (None, previous.act, previous.source)
        cue, act, source = attribution
        found.append(_Found("direct", quoted.start, quoted.end, cue, act, source))
    return found


def _cue_after(document: _Document, end: int) -> tuple[Word, str, _Source] | None:
    """ "«...», — сказал Песков": a cue verb in the clause after the closing mark and dash."""
    dash = _DASH_AFTER.match(document.text, end)
    if dash is None or not re.search("[—–-]", dash.group()):
        return None
    stop = document.clause_end(dash.end())
    ws = words(document.text, document.language, dash.end(), stop)
    for i, word in enumerate(ws):
        act = document.cue(word, ws[i - 1] if i else None)
        if act is None:
            continue
        source = document.source(word.end, stop, word.end) if i + 1 < len(ws) else None
        source = source or document.source(dash.end(), word.start, word.start)
        return (word, act, source) if source else None
    return None


def _cue_before(document: _Document, start: int) -> tuple[Word, str, _Source] | None:
    """ "Песков заявил: «...»": a cue verb in the clause that ends with a colon."""
    head = document.text[: start - 1].rstrip()
    if not head.endswith(":"):
        return None
    colon = len(head) - 1
    sentence = document.sentence(colon)
    begin = max(sentence.start, document.clause_start(colon - 1))
    ws = words(document.text, document.language, begin, colon)
    for i in reversed(range(len(ws))):
        act = document.cue(ws[i], ws[i - 1] if i else None)
        if act is None:
            continue
        source = document.source(begin, ws[i].start, ws[i].start)
        source = source or document.source(ws[i].end, colon, ws[i].end)
        return (ws[i], act, source) if source else None
    return None


def _reported(document: _Document) -> list[_Found]:
    """ "X заявил, что ..." (the content is the clause after что), "как заявил X, ..." and
    "..., заявил X." (the content is the rest of the sentence, on the side the cue clause
    is not)."""
    found = []
    for sentence in document.sentences:
        ws = words(document.text, document.language, sentence.start, sentence.end)
        for i, word in enumerate(ws):
            act = document.cue(word, ws[i - 1] if i else None)
            if act is None:
                continue
            if i and ws[i - 1].lower in AS:
                found += _cue_clause(document, sentence, ws[i - 1].start, word, act)
                continue
            that = next(
                (
                    w
                    for w in ws[i + 1 : i + 1 + MAX_SOURCE_WORDS]
                    if w.lower in THAT and document.text[word.end : w.start].rstrip().endswith(",")
                ),
                None,
            )
            begin = document.clause_start(word.start)
            if that is None:
                if begin > sentence.start and not document.text[begin : word.start].strip():
                    found += _cue_clause(document, sentence, begin, word, act)  # "..., заявил X."
                continue
            source = document.source(begin, word.start, word.start) or document.source(
                word.end, that.start, word.end
            )
            end = _trimmed_end(document.text, that.end, sentence.end)
            if source is not None and end > that.end:
                found.append(_Found("indirect", _skip_space(document.text, that.end), end,
                                    word, act, source))  # fmt: skip
    return found


def _cue_clause(
    document: _Document, sentence: Span, clause_start: int, cue: Word, act: str
) -> list[_Found]:
    """A clause of its own that names the source after the cue ("как заявил X", ",
    заявил в четверг X"): the content is the rest of the sentence."""
    clause_end = document.clause_end(cue.end)
    source = document.source(cue.end, clause_end, cue.end)
    content = _other_side(document, sentence, clause_start, clause_end)
    if source is None or content is None:
        return []
    return [_Found("indirect", *content, cue, act, source)]


def _according(document: _Document) -> list[_Found]:
    """ "по словам X, ...", "..., по данным X." and "по его словам": the source is the
    name after the phrase, the content the rest of the sentence."""
    found = []
    for sentence in document.sentences:
        ws = words(document.text, document.language, sentence.start, sentence.end)
        for i in range(len(ws)):
            hit = match_phrase(ws, i, ACCORDING, by_lemma=False)
            possessive = None
            if hit is None and i + 2 < len(ws) and ws[i + 1].lower in POSSESSIVES:
                spliced = [ws[i], ws[i + 2]]
                short = match_phrase(spliced, 0, ACCORDING, by_lemma=False)
                possessive = ws[i + 1] if short and short[1] == 2 else None
                hit = (short[0], 3) if short and possessive else None
            if hit is None:
                continue
            act, size = hit
            last = ws[i + size - 1]
            clause_end = document.clause_end(last.end)
            source = (
                document.source(possessive.start, possessive.end, possessive.start)
                if possessive
                else document.source(last.end, clause_end, last.end)
            )
            content = _other_side(document, sentence, ws[i].start, clause_end)
            if source is not None and content is not None:
                found.append(_Found("indirect", *content, None, act, source))
    return found


def _other_side(
    document: _Document, sentence: Span, clause_start: int, clause_end: int
) -> tuple[int, int] | None:
    """The sentence without the attribution clause `[clause_start, clause_end)`: what
    follows it when it opens the sentence, else what precedes it."""
    text = document.text
    if not text[sentence.start : clause_start].strip(" ,—–-\n"):
        start = _skip_space(text, clause_end)
        while start < sentence.end and text[start] in ",—–- ":
            start += 1
        end = _trimmed_end(text, start, sentence.end)
    else:
        start = _skip_space(text, sentence.start)
        dateline = _DATELINE.match(text, start, clause_start)
        start = dateline.end() if dateline else start
        end = clause_start
        while end > start and text[end - 1] in ",—–- ":
            end -= 1
    return (start, end) if end > start else None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _record(document: _Document, found: _Found, quote_id: str) -> Quote:
    text, source, mention = document.text, found.source, found.source.mention
    return Quote(
        id=quote_id,
        kind=found.kind,
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        sentence_start=document.sentence(found.start).start,
        sentence_end=document.sentence(max(found.start, found.end - 1)).end,
        speaker=mention.text if mention else text[source.start : source.end],
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        speaker_role=source.role,
        cue=found.cue.text if found.cue else None,
        cue_start=found.cue.start if found.cue else None,
        cue_end=found.cue.end if found.cue else None,
        act=found.act,
        source_start=source.start,
        source_end=source.end,
    )
