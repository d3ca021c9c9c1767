"""The words of a Russian or Ukrainian text with every lemma pymorphy3 gives them, so
that rules match a lexicon of lemmas whatever the case, tense or gender (сказала,
заявили -> сказать, заявить; тысяч -> тысяча)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from triangulate.nlp.ruuk.backend import morph

# A word (with inner apostrophes and hyphens: п'ять, Ростов-на-Дону), a number with its
# group spaces and decimal comma (1 100, 1,1), or a sign that counts as a unit (%, $).
_TOKEN = re.compile(
    r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?|\w+(?:['’ʼ\-]\w+)*|[%$€₽₴]"
)


@dataclass(frozen=True)
class Word:
    """`text` is `document[start:end]`; `lemmas` its lower-case form and every lemma."""

    start: int
    end: int
    text: str
    lemmas: frozenset[str]
    past: bool = False  # a past-tense verb form
    future: bool = False  # a future-tense verb form

    @property
    def lower(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=50_000)
def _readings(word: str, language: str) -> tuple[frozenset[str], bool, bool]:
    parses = morph(language).parse(word)
    lemmas = frozenset({word, *(p.normal_form.replace("ё", "е") for p in parses)})
    verbs = [p.tag for p in parses[:1] if "VERB" in p.tag]
    return lemmas, any("past" in t for t in verbs), any("futr" in t for t in verbs)


def words(text: str, language: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of `text[start:end]`, in order."""
    found = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        lemmas, past, future = _readings(match.group().lower().replace("ё", "е"), language)
        found.append(Word(match.start(), match.end(), match.group(), lemmas, past, future))
    return found


def lexicon_phrases(pairs: dict[str, str]) -> dict[tuple[str, ...], str]:
    """A lexicon of phrases keyed by their words, `ё` written `е` as `words` reads it."""
    return {tuple(key.replace("ё", "е").split()): value for key, value in pairs.items()}


def match_phrase(
    ws: list[Word], i: int, phrases: dict[tuple[str, ...], str], by_lemma: bool = True
) -> tuple[str, int] | None:
    """The longest phrase of `phrases` starting at `ws[i]` (each word by any lemma, or as
    written): (its value, how many words)."""
    longest = max((len(k) for k in phrases), default=0)
    for n in range(min(longest, len(ws) - i), 0, -1):
        candidates: list[tuple[str, ...]] = [()]
        for w in ws[i : i + n]:
            forms = w.lemmas if by_lemma else {w.lower.replace("ё", "е")}
            candidates = [(*c, f) for c in candidates for f in forms]
        for key in candidates:
            if key in phrases:
                return phrases[key], n
    return None
