"""Ukrainian mentions without a trained model: runs of capitalised words, typed by the
place gazetteer, the organisation lexicon, pymorphy3's name tags (Name, Surn, Patr) and,
for what none of those knows, natasha's Russian NER run on the Ukrainian text."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from triangulate.nlp.ruuk.backend import morph
from triangulate.nlp.ruuk.gazetteer import place_names
from triangulate.nlp.ruuk.morphology import base_form, is_common_word, kinds, russian_kinds
from triangulate.nlp.ruuk.russian import natasha_spans

LANGUAGE = "uk"
_WORD = re.compile(r"[^\W\d_][\w'’ʼ-]*")
_OPENERS = re.compile(r"[«„“\"(—–:]$")
_ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,6}$")

Span = tuple[int, int, str, str]  # start, end, type, base form


def _word_kinds(word: str, organisations: Callable[[str], bool]) -> frozenset[str]:
    """Every kind of name one capitalised word can be part of, on its own."""
    lemmas = {p.normal_form for p in morph(LANGUAGE).parse(word)} | {word.lower()}
    found = kinds(word, LANGUAGE) | russian_kinds(word)
    if any(organisations(lemma) for lemma in lemmas) or _ACRONYM.match(word):
        found.add("ORG")
    if lemmas & place_names(LANGUAGE):
        found.add("LOC")
    return frozenset(found)


def _may_name(word: str) -> bool:
    """A name is a noun or an adjective (or a word the dictionary does not know); a
    capitalised preposition, verb or adverb is not one, nor is a lone letter."""
    if len(word) < 2:
        return False
    parses = morph(LANGUAGE).parse(word)
    return not morph(LANGUAGE).word_is_known(word.lower()) or any(
        {"NOUN", "ADJF", "PRTF"} & set(p.tag.grammemes) for p in parses
    )


def _agreeing_noun(adjective: str, word: str) -> bool:
    """`word` is a lower-case noun that the capitalised adjective before it agrees with:
    Європейського союзу, Консервативної партії."""
    analyser = morph(LANGUAGE)
    adjectives = [p for p in analyser.parse(adjective) if "ADJF" in p.tag]
    nouns = [p for p in analyser.parse(word) if "NOUN" in p.tag]
    return any(
        a.tag.case == n.tag.case and (a.tag.gender == n.tag.gender or n.tag.gender is None)
        for a in adjectives
        for n in nouns
    )


def _opens_name(word: str, following: str | None) -> bool:
    """A sentence's first word, known as a common word, still begins a name when it is
    an adjective that agrees with the capitalised word after it (Велика Британія); a
    noun there is a title or the sentence's subject (Прем'єр-міністр, Засідання)."""
    if following is None or not following[0].isupper():
        return False
    return _agreeing_noun(word, following.lower())


def _runs(text: str, kinds_of: Callable[[str], frozenset[str]]) -> list[list[re.Match[str]]]:
    """Runs of capitalised words separated by single spaces (and the lower-case noun a
    capitalised adjective ends with); a sentence's first word joins only when the
    dictionary does not know it as a common word or a name follows it."""
    runs: list[list[re.Match[str]]] = []
    joinable = False
    words = list(_WORD.finditer(text))
    for i, match in enumerate(words):
        word = match.group()
        spaced = joinable and text[runs[-1][-1].end() : match.start()] == " "
        if not word[0].isupper():
            if spaced and len(runs[-1]) and _agreeing_noun(runs[-1][-1].group(), word):
                runs[-1].append(match)
            joinable = False
            continue
        if not _may_name(word):
            joinable = False
            continue
        head = text[max(0, match.start() - 8) : match.start()].rstrip(" ")
        starts_sentence = not head or head[-1] in ".!?…\n" or bool(_OPENERS.search(head))
        following = words[i + 1].group() if i + 1 < len(words) else None
        common = not kinds_of(word) and is_common_word(word, LANGUAGE)
        if starts_sentence and common and not _opens_name(word, following):
            joinable = False
            continue
        if spaced:
            runs[-1].append(match)
        else:
            runs.append([match])
        joinable = True
    return runs


def _latin(word: str) -> bool:
    return word[0].isascii()


def _split(
    run: list[re.Match[str]], kinds_of: Callable[[str], frozenset[str]]
) -> list[list[re.Match[str]]]:
    """Cut a run where the script changes (Brexit | Мішель Барньє), where two words can
    only be different kinds of name, or where a first name follows a place or body
    (Великобританії | Тереза Мей), or where a word the dictionary does not know (a
    foreign name) follows a place (Північної Ірландії | Шейлеш Вара)."""
    parts: list[list[re.Match[str]]] = [[]]
    seen: set[str] = set()
    for match in run:
        word = match.group()
        word_kinds = kinds_of(word)
        if parts[-1]:
            last = parts[-1][-1].group()
            last_kinds = kinds_of(last)
            cut = _latin(word) != _latin(last)
            cut |= bool(
                word_kinds and last_kinds and not word_kinds & last_kinds
            ) and "ORG" not in (word_kinds | last_kinds)
            cut |= _first_name(word) and bool(seen) and "PER" not in seen
            cut |= (
                "LOC" in last_kinds
                and not _first_name(last)
                and not morph(LANGUAGE).word_is_known(word.lower())
            )
            if cut:
                parts.append([])
                seen = set()
        parts[-1].append(match)
        seen |= word_kinds
    return parts


def _first_name(word: str) -> bool:
    return any("Name" in p.tag.grammemes for p in morph(LANGUAGE).parse(word))


def ukrainian_spans(text: str, organisations: Callable[[str], bool]) -> list[Span]:
    """(start, end, type, base form) of the names in Ukrainian `text`."""
    hints = natasha_spans(text)
    kinds_of = lru_cache(maxsize=None)(lambda word: _word_kinds(word, organisations))
    found = []
    for run in _runs(text, kinds_of):
        for part in _split(run, kinds_of):
            words = [m.group() for m in part]
            label = _label(words, [kinds_of(w) for w in words], organisations)
            if label is None:
                label = _hint(part[0].start(), part[-1].end(), hints)
                common = all(is_common_word(w, LANGUAGE) for w in words)
                label = None if label == "PER" and common else label
            if label is None:
                continue
            found.append(
                (part[0].start(), part[-1].end(), label, base_form(words, label, LANGUAGE))
            )
    return found


def _label(
    words: list[str], word_kinds: list[frozenset[str]], organisations: Callable[[str], bool]
) -> str | None:
    """The span's type: a listed organisation or place by its base form; a first name
    and words that can be a person's (Тереза Мей) a person; a place word after a common
    noun (Верховна Рада України) an organisation; then what any word can be (a body
    before a person when there are several: Рада ЄС)."""
    base = base_form(words, "LOC", LANGUAGE).lower()
    if organisations(base):
        return "ORG"
    if base in place_names(LANGUAGE):
        return "LOC"
    if len(words) > 1 and _first_name(words[0]) and all(not k or "PER" in k for k in word_kinds):
        return "PER"
    places = [i for i, k in enumerate(word_kinds) if "LOC" in k]
    if places:
        heads = [w for w in words[: places[0]] if _common_noun(w)]
        return "ORG" if heads else "LOC"
    if len(words) > 1 and words[-1][0].islower():
        return "ORG"  # a capitalised adjective and its lower-case noun: Європейська рада
    for label in ("ORG", "PER") if len(words) > 1 else ("PER", "ORG"):
        if any(label in k for k in word_kinds):
            return label
    return None


def _common_noun(word: str) -> bool:
    return is_common_word(word, LANGUAGE) and "NOUN" in morph(LANGUAGE).parse(word)[0].tag


def _hint(start: int, end: int, hints: list[Span]) -> str | None:
    """natasha's type for the span it overlaps most."""
    overlaps = [(min(end, e) - max(start, s), label) for s, e, label, _ in hints]
    best = max(overlaps, default=(0, None))
    return best[1] if best[0] > 0 else None
