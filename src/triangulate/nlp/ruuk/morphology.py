"""Base forms of multiword names with pymorphy3: the head noun to the nominative, the
adjectives before it agreeing with it (Курской области -> Курская область), the words
after it (a genitive complement: Верховного суда Пакистана) left as written."""

from __future__ import annotations

from typing import Any

from triangulate.nlp.ruuk.backend import morph

PROPER = {"Name": "PER", "Surn": "PER", "Patr": "PER", "Geox": "LOC", "Orgn": "ORG"}
_ADJECTIVE = {"ADJF", "PRTF"}
_PERSON = {"Name", "Surn", "Patr"}


def kinds(word: str, language: str) -> set[str]:
    """The name types ("PER", "LOC", "ORG") the dictionary gives `word` in any reading."""
    return {
        PROPER[grammeme]
        for parse in morph(language).parse(word)
        for grammeme in set(parse.tag.grammemes) & PROPER.keys()
    }


_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": None, "’": None, "ʼ": None})


def russian_kinds(word: str) -> set[str]:
    """The name types the Russian dictionary gives a Ukrainian word spelt the Russian way
    (Британії -> Британии: Geox): the Ukrainian dictionary marks no places at all."""
    spelt = word.lower().translate(_UK_TO_RU)
    return kinds(spelt, "ru") if morph("ru").word_is_known(spelt) else set()


def is_common_word(word: str, language: str) -> bool:
    """Known to the dictionary and never as a name: a capital there is the sentence's."""
    analyser = morph(language)
    return analyser.word_is_known(word.lower()) and not kinds(word, language)


def _agrees(adjective: Any, noun: Any) -> bool:
    a, n = adjective.tag, noun.tag
    same = a.case == n.case and a.number == n.number
    return same and (n.number == "plur" or a.gender == n.gender or n.gender is None)


def _nominative(parse: Any, grammemes: set[str | None]) -> str:
    """`parse` inflected to `grammemes` (the nominative and whatever the dictionary
    marks of number and gender; Ukrainian entries often mark no number)."""
    wanted = {g for g in grammemes if g}
    inflected = parse.inflect(wanted) or parse.inflect({"nomn"})
    return inflected.word if inflected else parse.word


def _cased(like: str, word: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def base_form(words: list[str], label: str, language: str) -> str:
    """The nominative of the name `words` (a person: every word; else the head and its
    adjectives)."""
    analyser = morph(language)
    parses = [analyser.parse(w) for w in words]
    if label == "PER":
        return " ".join(_cased(w, _person_word(p)) for w, p in zip(words, parses, strict=True))
    head = next(
        (i for i, ps in enumerate(parses) if ps and not _ADJECTIVE & set(ps[0].tag.grammemes)),
        None,
    )
    if head is None:  # adjectives alone (Европейскому): the masculine nominative
        return " ".join(
            _cased(w, _nominative(ps[0], {"nomn", "masc", ps[0].tag.number}) if ps else w)
            for w, ps in zip(words, parses, strict=True)
        )
    noun, adjectives = _head_reading(parses[head], [p for p in parses[:head]])
    number = noun.tag.number
    gender = None if number == "plur" else noun.tag.gender
    out = [
        _cased(word, _nominative(adjective, {"nomn", number, gender}) if adjective else word)
        for word, adjective in zip(words[:head], adjectives, strict=True)
    ]
    out.append(_cased(words[head], _nominative(noun, {"nomn", number})))
    return " ".join([*out, *words[head + 1 :]])


def _head_reading(nouns: list[Any], before: list[list[Any]]) -> tuple[Any, list[Any | None]]:
    """The head's reading that the adjectives before it agree with, and theirs; readings
    as a person's name last, and without adjectives a singular reading first (Ради ЄС is
    the council's, not councils')."""
    readings = [p for p in nouns if "NOUN" in p.tag] or nouns
    # a place or body is no person's name (Харкові: Харків, not the surname Харко)
    readings = sorted(readings, key=lambda p: bool(_PERSON & set(p.tag.grammemes)))
    if not before:
        readings = sorted(readings, key=lambda p: p.tag.number == "plur")
    for noun in readings:
        chosen = [next((a for a in ps if _agrees(a, noun)), None) for ps in before]
        if all(chosen):
            return noun, chosen
    return nouns[0], [ps[0] if ps else None for ps in before]


def _person_word(parses: list[Any]) -> str:
    """A name word in the nominative, read as a name where the dictionary allows."""
    if not parses:
        return ""
    named = [p for p in parses if _PERSON & set(p.tag.grammemes)]
    parse = (named or parses)[0]
    if "Fixd" in parse.tag or parse.tag.case is None:
        return parse.word
    return _nominative(parse, {"nomn", parse.tag.number, parse.tag.gender})
