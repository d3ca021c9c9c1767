"""Figures in Russian and Ukrainian reports as the English pipeline's `Claim`s: "более
120 тысяч человек", "1,1 тыс. кв. км", "12 млрд долларов", "двух тысяч военных",
"понад трьохсот безпілотників".

A figure is a claim when a unit follows it (`ruuk_units`: each unit lemma mapped to the
English surface of `units.csv`, so value and unit are normalised as English figures are)
and it is not part of a time expression nor on a headline line. The claimant is the
source of the innermost attribution holding the figure, else the outlet itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from triangulate.clean.paragraphs import ends_sentence
from triangulate.models import Claim, EntityMention, Quote, Span, TimeExpression
from triangulate.nlp.claims.attribution import KIND_BY_LABEL
from triangulate.nlp.claims.context import nearest_date, nearest_place, on_headline
from triangulate.nlp.ruuk.numbers import Number, number_at
from triangulate.nlp.ruuk.words import Word, lexicon_phrases, match_phrase, words
from triangulate.resources import units
from triangulate.resources.lexicons import lexicon_pairs

QUALIFIERS = lexicon_phrases(lexicon_pairs("ruuk_qualifiers"))
UNIT_WORDS = lexicon_phrases(lexicon_pairs("ruuk_units"))
RANGE_DASHES = frozenset("-–—")
COUNTED = frozenset({"person", "count"})


@dataclass(frozen=True)
class _Figure:
    """A figure with its unit: words `[first, last]` of its sentence, the unit's words
    `[unit_first, unit_last]` (before the number for a sign: $12 млрд)."""

    first: int
    last: int
    low: Number
    high: Number
    unit: units.UnitWord
    unit_first: int
    unit_last: int
    qualifier: str | None


def find_claims(
    text: str,
    language: str,
    sentences: list[Span],
    mentions: list[EntityMention],
    timexes: list[TimeExpression],
    quotes: list[Quote],
) -> list[Claim]:
    """Every figure of `text` with a unit, in text order, attributed."""
    places = [m for m in mentions if m.label == "PLACE"]
    claims: list[Claim] = []
    for sentence in sentences:
        if on_headline(text, sentence.start, ends_sentence):
            continue
        ws = words(text, language, sentence.start, sentence.end)
        for figure in _figures(text, ws, timexes):
            claims.append(_claim(text, sentence, ws, figure, f"c{len(claims)}", places,
                                 timexes, mentions, quotes))  # fmt: skip
    return claims


def _figures(text: str, ws: list[Word], timexes: list[TimeExpression]) -> list[_Figure]:
    found = []
    i = 0
    while i < len(ws):
        qualified = match_phrase(ws, i, QUALIFIERS, by_lemma=False)
        at = i + qualified[1] if qualified else i
        number = number_at(ws, at) if at < len(ws) else None
        if number is None or any(_inside(t, ws[at], ws[number.last]) for t in timexes):
            i += 1
            continue
        high = _range_end(text, ws, number) or number
        figure = _with_unit(ws, number, high, qualified[0] if qualified else None, i)
        if figure is None or _one_of_a_kind(figure):
            i = number.last + 1
            continue
        found.append(figure)
        i = max(figure.last, figure.unit_last) + 1
    return found


def _one_of_a_kind(figure: _Figure) -> bool:
    """ "один человек": a single person or thing in words is no figure, as in English."""
    return figure.low.spelled and figure.high.value == 1 and figure.unit.kind in COUNTED


def _inside(timex: TimeExpression, first: Word, last: Word) -> bool:
    return timex.start < last.end and first.start < timex.end


def _range_end(text: str, ws: list[Word], low: Number) -> Number | None:
    """ "10–15 человек": the number after a dash, when it is higher."""
    after = low.last + 1
    if after >= len(ws):
        return None
    gap = text[ws[low.last].end : ws[after].start].replace(" ", "")
    high = number_at(ws, after) if gap and set(gap) <= RANGE_DASHES else None
    return high if high is not None and high.value > low.value else None


def _sign(word: Word) -> units.UnitWord | None:
    """A unit written as a sign (%, $, €, ₽, ₴), as `units.csv` has it."""
    return None if word.text.isalnum() else units.unit_lexicon().get((word.text,))


def _with_unit(
    ws: list[Word], low: Number, high: Number, qualifier: str | None, first: int
) -> _Figure | None:
    """The figure with the unit after it (человек, кв. км, долларов, %) or the currency
    sign before it ($12 млрд)."""
    after = high.last + 1
    written = match_phrase(ws, after, UNIT_WORDS) if after < len(ws) else None
    if written is not None:
        surface, size = written
        unit = units.unit_lexicon()[tuple(surface.split())]
        return _Figure(first, high.last, low, high, unit, after, after + size - 1, qualifier)
    if after < len(ws) and (sign := _sign(ws[after])) is not None:
        return _Figure(first, high.last, low, high, sign, after, after, qualifier)
    before = low.first - 1
    if before >= 0 and (sign := _sign(ws[before])) is not None and sign.kind == "currency":
        return _Figure(min(first, before), high.last, low, high, sign, before, before, qualifier)
    return None


def _claim(
    text: str, sentence: Span, ws: list[Word], figure: _Figure, claim_id: str,
    places: list[EntityMention], timexes: list[TimeExpression],
    mentions: list[EntityMention], quotes: list[Quote],
) -> Claim:  # fmt: skip
    start = ws[figure.first].start
    end = max(ws[figure.last].end, ws[figure.unit_last].end)
    unit_start, unit_end = ws[figure.unit_first].start, ws[figure.unit_last].end
    value_start = ws[figure.low.first].start
    low = units.to_canonical(figure.low.value, figure.unit)
    high = units.to_canonical(figure.high.value, figure.unit)
    surface_unit = text[unit_start:unit_end]
    claimant, claimant_start, claimant_end, kind, quote_id = _claimant(start, end, mentions, quotes)
    return Claim(
        id=claim_id, start=start, end=end, surface=text[start:end],
        value=low if low == high else None, value_low=low, value_high=high,
        unit=figure.unit.canonical, surface_value=text[value_start : ws[figure.high.last].end],
        surface_unit=surface_unit, sentence_start=sentence.start, sentence_end=sentence.end,
        qualifier=figure.qualifier,
        measured=surface_unit if figure.unit.kind in COUNTED else None,
        location=nearest_place(places, start, sentence.start, sentence.end, text),
        date=nearest_date(timexes, start, sentence.start, sentence.end),
        claimant=claimant, claimant_start=claimant_start, claimant_end=claimant_end,
        claimant_kind=kind, quote_id=quote_id,
    )  # fmt: skip


def _claimant(
    start: int, end: int, mentions: list[EntityMention], quotes: list[Quote]
) -> tuple[str | None, int | None, int | None, str, str | None]:
    """(name, start, end, kind, quote id) of the innermost attribution holding the
    figure, as the English claims take it: its named speaker, else its source as
    written, standing for a side; (None, ..., "outlet", None) without one."""
    holding = [q for q in quotes if q.start <= start and end <= q.end and q.speaker]
    if not holding:
        return None, None, None, "outlet", None
    quote = min(holding, key=lambda q: q.end - q.start)
    if quote.speaker_start is None:
        return quote.speaker, None, None, "side", quote.id
    mention = next((m for m in mentions if m.start == quote.speaker_start), None)
    kind = KIND_BY_LABEL.get(mention.label, "person") if mention else "person"
    return quote.speaker, quote.speaker_start, quote.speaker_end, kind, quote.id
