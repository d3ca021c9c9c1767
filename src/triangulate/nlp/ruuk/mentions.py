"""Names in Russian or Ukrainian text, each with its base form and linking key.

Russian spans come from natasha, Ukrainian ones from `ukrainian`; both then go through
the same repairs: a span keeps no leading lower-case word (христианку Асию Биби) nor what
follows a quote or bracket inside it, an organisation followed by the genitive of a
place or body is one name (Верховный суд Пакистана, МИД Великобритании, Совет ЕС), and
a name of the organisation lexicon is an ORG linked under its one English name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from triangulate.errors import UsageError
from triangulate.nlp.ruuk.backend import morph
from triangulate.nlp.ruuk.mention import Mention
from triangulate.nlp.ruuk.morphology import base_form, is_common_word
from triangulate.nlp.ruuk.russian import natasha_spans
from triangulate.nlp.ruuk.translit import latin, link_key
from triangulate.nlp.ruuk.ukrainian import Span, ukrainian_spans
from triangulate.resources.lexicons import lexicon_pairs

LANGUAGES = ("ru", "uk")
_CUT = re.compile(r"[\"«»„“”()\[\]]")
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=1)
def organisations() -> dict[str, str]:
    """Base form (lower case) -> the English name it is linked as."""
    return lexicon_pairs("ruuk_organisations")


def _is_organisation(name: str) -> bool:
    return name.lower() in organisations()


def find_mentions(text: str, language: str) -> list[Mention]:
    """Every PER, LOC and ORG name of `text` (written in `language`), in text order."""
    if language not in LANGUAGES:
        raise UsageError(f"no Russian/Ukrainian pipeline for {language!r}; use one of {LANGUAGES}")
    spans = natasha_spans(text) if language == "ru" else ukrainian_spans(text, _is_organisation)
    trimmed = [s for span in spans if (s := _trim(text, span, language))]
    return _corefer([mention(text, *span, language) for span in _merge(text, trimmed, language)])


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s.\-]+", name) if p]


def _corefer(mentions: list[Mention]) -> list[Mention]:
    """Short names take the key of the one full name of the document they stand for:
    its first words, of the same type (Борис for Борис Джонсон, МИД for МИД
    Великобритании), or its initials, whatever type it was given (ТЛП for Техрик-э-Лабаик
    Пакистан)."""
    full: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        parts = _parts(m.base)
        if len(parts) < 2:
            continue
        words = [w.lower() for w in parts]
        for n in range(1, len(words)):
            full.setdefault((m.label, " ".join(words[:n])), set()).add(m.key)
        capitals = "".join(p[0] for p in parts if p[0].isupper())
        for initials in {"".join(w[0] for w in words), capitals.lower()}:
            full.setdefault(("initials", initials), set()).add(m.key)
    out = []
    for m in mentions:
        name = " ".join(w.lower() for w in _parts(m.base))
        keys = full.get((m.label, name), set())
        if not keys and m.text.isupper():
            keys = full.get(("initials", name), set())
        out.append(replace(m, key=next(iter(keys))) if len(keys) == 1 else m)
    return out


def _trim(text: str, span: Span, language: str) -> Span | None:
    """The span without leading lower-case words (nor, for a person, leading common
    nouns) and cut at a quote or bracket inside it
    (its base form redone when it changed); None when nothing capitalised is left."""
    start, end, label, base = span
    cut = _CUT.search(text, start, end)
    if cut:
        end = cut.start() if cut.start() > start else end
    words = [m for m in _WORD.finditer(text, start, end) if m.end() <= end]
    while words and not words[0].group()[:1].isupper():
        words.pop(0)
    while label == "PER" and len(words) > 1 and is_common_word(words[0].group(), language):
        words.pop(0)  # a title or role before the name: Адвокат, Христианка
    if not words:
        return None
    new_start, new_end = words[0].start(), words[-1].end()
    while new_end > new_start and not text[new_end - 1].isalnum():
        new_end -= 1
    if (new_start, new_end) == span[:2]:
        return span
    return new_start, new_end, label, base_form(text[new_start:new_end].split(), label, language)


def _genitive(word: str, language: str) -> bool:
    return any(p.tag.case == "gent" for p in morph(language).parse(word))


def _merge(text: str, spans: list[Span], language: str) -> list[Span]:
    """An organisation and the genitive place or body right after it, as one name."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and _complements(text, merged[-1], span, language):
            start, _, _, base = merged[-1]
            merged[-1] = (start, span[1], "ORG", f"{base} {text[span[0] : span[1]]}")
        else:
            merged.append(span)
    return merged


def _complements(text: str, body: Span, after: Span, language: str) -> bool:
    """`after` is the genitive place or body `body` belongs to (МИД | Великобритании)."""
    close = body[2] == "ORG" and after[2] in ("LOC", "ORG") and text[body[1] : after[0]] == " "
    return close and _genitive(text[after[0] : after[1]].split()[0], language)


def mention(text: str, start: int, end: int, label: str, base: str, language: str) -> Mention:
    """The record of `text[start:end]`: a person is linked by the surname (the last word
    of the base form: Борис Джонсон and Джонсон are one person), a listed organisation by
    its English name, the rest by the whole base form."""
    english = organisations().get(base.lower())
    if english:
        label = "ORG"
    words = _parts(base)
    linked = english or (words[-1] if label == "PER" and words else base)
    return Mention(
        start, end, text[start:end], label, base, latin(base, language), link_key(linked)
    )
