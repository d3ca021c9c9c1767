"""Figures written in Russian or Ukrainian: digits with a decimal comma and group spaces
(1,1; 120 000), number words in any case (двух тысяч, трьохсот), multipliers and their
abbreviations (тыс., млн, млрд), shared by the quantities and the dates."""

from __future__ import annotations

from dataclasses import dataclass

from triangulate.nlp.ruuk.words import Word
from triangulate.resources.lexicons import lexicon_pairs

NUMBER_WORDS = {key: float(value) for key, value in lexicon_pairs("ruuk_number_words").items()}
MULTIPLIER = 1000.0  # a number word of this size or more multiplies what precedes it


@dataclass(frozen=True)
class Number:
    """A figure over `words[first:last + 1]`; `spelled` when written in words alone."""

    value: float
    first: int
    last: int
    spelled: bool


def digits(text: str) -> float | None:
    """'1,1' / '120 000' / '2.5' -> value; None for anything else."""
    plain = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        return float(plain)
    except ValueError:
        return None


def _word_value(word: Word) -> float | None:
    known = [NUMBER_WORDS[lemma] for lemma in word.lemmas if lemma in NUMBER_WORDS]
    return known[0] if known else None


def number_at(ws: list[Word], i: int) -> Number | None:
    """The figure that starts at `ws[i]`, with the number words and multipliers after it."""
    first = ws[i]
    value = digits(first.text) if first.text[0].isdigit() else None
    spelled = value is None
    if value is None:
        value = _word_value(first)
        if value is None or value >= MULTIPLIER:
            return None
    total, current, last = 0.0, value, i
    for j in range(i + 1, len(ws)):
        if ws[j].start - ws[j - 1].end > 2:  # "1,1 тыс." is one figure; a gap ends it
            break
        word = _word_value(ws[j])
        if word is None or not spelled and word < MULTIPLIER:
            break
        if word >= MULTIPLIER:
            total, current = total + current * word, 0.0
        elif current % _place(word) == 0 and (current == 0 or current > word):
            current += word  # двести | сорок | два, but not два | два
        else:
            break
        last = j
    return Number(total + current, i, last, spelled)


def _place(word: float) -> int:
    """The round number a word can follow: сорок after двести, два after сорок."""
    return 10 if word < 10 else 100 if word < 100 else 1000
