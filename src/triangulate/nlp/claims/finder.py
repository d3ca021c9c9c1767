"""The quantitative claims component: figures with their unit, what they count and who says so.

Runs after the entity, time and quote components. For each sentence the
scanner (`claim_scan`) finds quantity expressions; this module keeps those
that are claims (a unit is required; years, dates, clock times, ages,
ordinals, numbered labels, one-of-a-kind "one", small definite sets and
headline lines are not), converts them to the canonical unit (`quantities`),
attributes them (`claim_attribution`) and describes them: what is measured,
the subject, the place and the date. A figure restated in another unit in
the same sentence ("1,000 square kilometers (386 square miles)") is the same
claim: it is kept as that claim's `alternative`, with `consistent`. Vague
plurals ("dozens of") are found but not kept unless the component is
configured with `vague=True`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from triangulate.models import Claim, EntityMention, Quote, TimeExpression
from triangulate.nlp import extensions
from triangulate.nlp.claims import quantities as q
from triangulate.nlp.claims.attribution import Attributor
from triangulate.nlp.claims.change import change_of, restated_changes
from triangulate.nlp.claims.context import nearest_date, nearest_place, on_headline
from triangulate.nlp.claims.scan import Found, scan_sentence
from triangulate.nlp.quotes.cues import SAYING_LEMMAS
from triangulate.resources import units
from triangulate.resources.lexicons import lexicon

LABEL_WORDS = lexicon("label_words")
RANK_WORDS = {"top", "bottom"}  # "the bottom three", but "the top three seeds" counts
DEFINITE = {"the", "these", "those", "its", "their", "his", "her", "our", "whose", "each",
            "every", "both"}  # fmt: skip
# "the figure of 800" takes its unit from a figure given just before.
INHERIT_AFTER = {("figure", "of"), ("estimate", "of"), ("total", "of"), ("number", "of")}
HEDGES = lexicon("hedges")
SENTENCE_END = (".", "!", "?", '"', "\u201d", "\u2019", ":", ";", ")")
RESTATE_GAP = re.compile(r"^\s*[(\[,]?\s*(?:or\s+|about\s+|some\s+|roughly\s+|approximately\s+)?$")


NOT_CLAIM_KINDS = {"time", "age"}  # durations and ages are quantities, not claims to compare


@dataclass(frozen=True)
class Quantity:
    """A quantity expression of a sentence, claim or not: what `quantities` lists."""

    found: Found
    unit: units.UnitWord | None
    change: str  # "=", "~", "<", ">", "up", "down"


class ClaimFinder:
    """Sets `doc.spans["claims"]` (records in `span._.claim`); hedge phrases are matched
    with a PhraseMatcher built once."""

    def __init__(self, nlp: Language, vague: bool = False):
        self.vague = vague
        self.hedges = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.hedges.add("HEDGE", [nlp.make_doc(phrase) for phrase in HEDGES])

    def __call__(self, doc: Doc) -> Doc:
        extensions.write(doc, extensions.CLAIMS, self.find(doc))
        return doc

    def quantities(self, doc: Doc) -> list[Quantity]:
        """Every quantity of the document, with or without a unit, that is not a date, a year,
        a clock time or a label: what a quantity benchmark scores."""
        text = extensions.text(doc)
        timexes: list[TimeExpression] = extensions.records(doc, extensions.TIMEXES)
        norp = _tokens_of(doc, "NORP")
        quantities: list[Quantity] = []
        for sent in doc.sents:
            found = [
                f for f in scan_sentence(doc, sent.start, sent.end, text, norp)
                if _is_quantity(doc, f, timexes)
            ]  # fmt: skip
            changes = restated_changes(doc, found, [change_of(doc, f) for f in found])
            quantities += [Quantity(f, f.unit, c) for f, c in zip(found, changes, strict=True)]
        return quantities

    def find(self, doc: Doc) -> list[Claim]:
        text = extensions.text(doc)
        mentions: list[EntityMention] = extensions.records(doc, extensions.MENTIONS)
        timexes: list[TimeExpression] = extensions.records(doc, extensions.TIMEXES)
        quotes: list[Quote] = extensions.records(doc, extensions.QUOTES)
        norp = _tokens_of(doc, "NORP")
        attributor = Attributor(doc, text, mentions, quotes)
        hedges = sorted(doc[s:e] for _, s, e in self.hedges(doc))
        # Where a claimant spoke ("told reporters in Velinsk") is not where a figure was counted.
        places = [
            m
            for span, m in extensions.located(doc, extensions.MENTIONS)
            if m.label == "PLACE" and not _where_spoken(span)
        ]
        claims: list[Claim] = []
        numbered = 0  # ids count every claim made, so one folded away frees no id
        for sent in doc.sents:
            kept: list[tuple[Found, units.UnitWord]] = []
            for found in scan_sentence(doc, sent.start, sent.end, text, norp):
                unit = self._unit(doc, text, found, kept, timexes)
                if unit is not None:
                    kept.append((found, unit))
            for found, unit in kept:
                claims.append(self._claim(doc, text, sent, found, unit, numbered, attributor,
                                          hedges, places, timexes))  # fmt: skip
                numbered += 1
            _fold_restatements(claims, len(kept), text)
        return claims

    def _unit(
        self, doc: Doc, text: str, found: Found, kept: list[tuple[Found, units.UnitWord]],
        timexes: list[TimeExpression],
    ) -> units.UnitWord | None:  # fmt: skip
        """The unit if `found` is a claim, None if it is not one."""
        if (found.vague and not self.vague) or on_headline(text, found.start, _ends_sentence):
            return None
        if not _is_quantity(doc, found, timexes):
            return None
        before = doc[found.first - 1] if found.first > 0 else None
        if (
            found.qualifier is None
            and before is not None
            and before.lower_ in DEFINITE
            and (found.spelled or found.high < 10)
        ):
            return None
        if (
            found.spelled
            and found.high == 1
            and (found.unit is None or found.unit.kind in ("person", "count"))
        ):
            return None
        if found.unit is None:
            words = tuple(t.lower_ for t in doc[max(0, found.first - 2) : found.first])
            if words in INHERIT_AFTER and kept:
                return kept[-1][1]
            return None
        if found.unit.kind in NOT_CLAIM_KINDS:
            return None
        return found.unit

    def _claim(
        self, doc: Doc, text: str, sent: Span, found: Found, unit: units.UnitWord, index: int,
        attributor: Attributor, hedges: list[Span], places: list[EntityMention],
        timexes: list[TimeExpression],
    ) -> Claim:  # fmt: skip
        start = found.qualifier_start if found.qualifier_start is not None else found.start
        start = min(start, found.start)
        anchor = doc[found.unit_token] if found.unit_token is not None else doc[found.last]
        low, high = units.to_canonical(found.low, unit), units.to_canonical(found.high, unit)
        who = attributor.claimant(anchor, found.start, found.end, sent.start_char)
        hedge = _hedge(hedges, sent, found, anchor)
        return Claim(
            id=f"c{index}", start=start, end=found.end, surface=text[start : found.end],
            value=low if low == high else None, value_low=low, value_high=high,
            unit=unit.canonical, surface_value=found.surface_value,
            surface_unit=found.unit_surface, sentence_start=sent.start_char,
            sentence_end=sent.end_char, qualifier=found.qualifier,
            measured=_measured(doc, found, anchor, text), subject=_subject(anchor, found),
            location=nearest_place(places, found.start, sent.start_char, sent.end_char, text),
            date=nearest_date(timexes, found.start, sent.start_char, sent.end_char),
            claimant=who.name, claimant_start=who.start, claimant_end=who.end,
            claimant_kind=who.kind, hedge=hedge, quote_id=who.quote_id,
        )  # fmt: skip


def _hedge(hedges: list[Span], sent: Span, found: Found, anchor: Token) -> str | None:
    """The hedge of the figure: one whose clause (the subtree of the hedge's head) holds the
    figure ("analysts consider the figure of 800 more realistic" hedges 800, not the figure
    Kyiv gave in another clause); a hedge whose clause holds no figure of the sentence
    ("..., which could not be verified") hedges all of them."""
    inside = [h for h in hedges if sent.start <= h.start and h.end <= sent.end]
    figures = [t for t in sent if t.like_num]
    for hedge in inside:
        clause = hedge.root.head if hedge.root.dep_ != "ROOT" else hedge.root
        tokens = range(clause.left_edge.i, clause.right_edge.i + 1)
        if anchor.i in tokens or found.first in tokens:
            return hedge.text
        if not any(t.i in tokens for t in figures):
            return hedge.text
    return None


def _tokens_of(doc: Doc, label: str) -> set[int]:
    """The tokens of the document's `label` mentions."""
    return {
        i
        for span, mention in extensions.located(doc, extensions.MENTIONS)
        if mention.label == label
        for i in range(span.start, span.end)
    }


def _ends_sentence(line: str) -> bool:
    return line.endswith(SENTENCE_END)


def _is_quantity(doc: Doc, found: Found, timexes: list[TimeExpression]) -> bool:
    """Not a label ("No. 5", "iPhone 11", "Game 7", "S&P 500"), a score ("2-0"), a date or
    clock time, or a year without a unit."""
    before = doc[found.first - 1] if found.first > 0 else None
    if found.qualifier is None and before is not None and before.lower_ in LABEL_WORDS:
        return False
    after = doc[found.last + 1] if found.last + 1 < len(doc) else None
    if found.unit is None and found.qualifier is None:
        if before is not None and (
            before.pos_ == "PROPN" or before.text in "&#" or before.is_title
            or before.lower_ in RANK_WORDS
        ):  # fmt: skip
            return False
        if after is not None and (after.pos_ == "PROPN" or _joined_code(doc, found)):
            return False  # "11 Pro Max", "90049 ZIP Code", "89-89", "2-0"
        if found.spelled and found.high == 1:
            return False  # "the same one", "each one"
    if found.sign == "-" and before is not None and before.pos_ == "PROPN":
        return False  # "COVID -19"
    counted = found.unit is not None and found.unit.kind in ("person", "count")
    if counted and before is not None and before.pos_ == "PROPN" and not found.spelled:
        return False  # "the Boeing 737 Max jets", "iPhone 11 Pro cameras"
    lexical = found.unit is not None and (
        found.unit.words in units.unit_lexicon() or found.unit.kind == "rate"
    )
    in_timex = any(t.start < found.value_end and found.start < t.end for t in timexes)
    if in_timex and not lexical:
        return False
    if found.unit is not None and found.unit.kind == "time" and _hyphenated(doc, found):
        return False  # "a five-year award": a modifier, not a duration stated
    counted = found.unit is None or found.unit.kind in ("person", "count")
    return not (_year_like(found) and found.qualifier is None and counted)


def _joined_code(doc: Doc, found: Found) -> bool:
    """A figure glued by a hyphen or slash to another figure: a score or a code."""
    i, j = found.first, found.last
    left = i >= 2 and doc[i - 1].text in "-/" and not doc[i - 2].whitespace_ and doc[i - 2].like_num
    right = j + 2 < len(doc) and doc[j + 1].text in "-/" and not doc[j].whitespace_
    return left or (right and doc[j + 2].like_num)


def _hyphenated(doc: Doc, found: Found) -> bool:
    token = found.unit_token
    return token is not None and token > 0 and doc[token - 1].text == "-"


def _year_like(found: Found) -> bool:
    digits = found.surface_value
    return digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100


def _measured(doc: Doc, found: Found, anchor: Token, text: str) -> str | None:
    """What the figure counts: the counted noun phrase, with an "of" phrase after it;
    None rather than a verb."""
    phrase = found.unit_surface if found.unit and found.unit.kind in ("person", "count") else None
    after = found.last + 1
    if after < len(doc) and doc[after].lower_ == "of" and after + 1 < len(doc):
        obj = doc[after + 1]
        head = obj
        while (
            head.head.i != head.i
            and head.head.i > head.i
            and head.head.dep_ != "ROOT"
            and (head.head.pos_ in ("NOUN", "PROPN"))
        ):
            head = head.head
        end = head.i + 1
        if end < len(doc) and doc[end].lower_ == "in" and end + 1 < len(doc):
            end = max(t.i for t in doc[end].subtree) + 1
        of_phrase = text[doc[after].idx : doc[end - 1].idx + len(doc[end - 1])]
        return f"{phrase} {of_phrase}" if phrase else f"{found.unit_surface} {of_phrase}"
    if phrase:
        return phrase
    first = found.qualifier_first if found.qualifier_first is not None else found.first
    if first >= 2 and doc[first - 1].lower_ == "of":
        noun = doc[first - 2]
        generic = (noun.lower_, "of") in INHERIT_AFTER  # "the figure of 800": no new noun
        return noun.text if noun.pos_ == "NOUN" and not generic else None
    if anchor.head.dep_ == "prep" and anchor.head.head.pos_ == "NOUN":
        return anchor.head.head.lemma_  # "an area of 1,000 km2"
    return None  # a verb ("have", "say") is what is done with the figure, not what it counts


def _subject(anchor: Token, found: Found) -> str | None:
    """The subject of the clause the figure belongs to, when the figure is not itself it."""
    node = anchor
    while node.head.i != node.i and node.pos_ != "VERB":
        node = node.head
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not (
            child.left_edge.i <= found.first <= child.right_edge.i
        ):
            return anchor.doc[child.left_edge.i : child.i + 1].text
    return None


def _where_spoken(span: Span) -> bool:
    """A place (its span) in a prepositional phrase on a verb of saying: "said in Geneva"."""
    prep = span.root.head
    return (
        span.root.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ("in", "at")
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_ in SAYING_LEMMAS
    )


def _fold_restatements(claims: list[Claim], count: int, text: str) -> None:
    """A figure right after another, in brackets, in another unit of the same quantity
    ("1,000 square kilometers (386 square miles)") is the same claim written another way:
    it is removed from `claims` and kept as the first one's `alternative`.

    Consistent when both ends agree within the rounding of the restatement as
    written (half its last digit) plus 1%: "386 square miles" may differ by 1.1%,
    "0.6-1.2 miles" by 9%.
    """
    i = len(claims) - count + 1
    while 0 < i < len(claims):
        first, second = claims[i - 1], claims[i]
        if not _restates(first, second, text):
            i += 1
            continue
        digits = re.findall(r"\d[\d,.]*", second.surface_value) or [""]
        tolerance = max(q.rounding(d) for d in digits) + q.ROUNDING_FLOOR
        same = all(
            a is not None and b is not None and q.agree(a, b, tolerance)
            for a, b in ((first.value_low, second.value_low), (first.value_high, second.value_high))
        )  # fmt: skip
        claims[i - 1] = replace(
            first, alternative=second.surface, alternative_start=second.start,
            alternative_end=second.end, consistent=same,
        )  # fmt: skip
        del claims[i]


def _restates(first: Claim, second: Claim, text: str) -> bool:
    if first.unit != second.unit or first.unit not in units.RESTATED_UNITS:
        return False
    if (first.surface_unit or "").lower() == (second.surface_unit or "").lower():
        return False
    return bool(RESTATE_GAP.match(text[first.end : second.start]))
