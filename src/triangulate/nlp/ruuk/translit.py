"""Latin spellings of Russian and Ukrainian names, and the key that links them.

The key must make Зеленский, Зеленський, Zelensky and Zelenskyy, or Харьков,
Харків, Kharkov and Kharkiv, the same string: the languages and the
transliteration schemes differ mostly in vowels (Ukrainian і for Russian о or е,
-ий/-ий/-y/-yy endings), in г/h/g and in doubled letters, so the key keeps the
consonants, reads every run of vowels as one "a" and merges g with h.
"""

from __future__ import annotations

import re

# One table for both languages, and what each writes its own way (a Ukrainian и is
# y, a Russian и i; the key reads both as a vowel).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "yo",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_RUSSIAN = {"г": "g", "и": "i"}
_UKRAINIAN = {"и": "y"}
_VOWELS = re.compile(r"[aeiouy]+")
# Latin digraphs that stand for one Cyrillic letter, read before vowels are merged.
_DIGRAPHS = (("shch", "w"), ("dzh", "j"), ("kh", "h"), ("zh", "j"), ("ch", "c"), ("sh", "w"),
             ("ts", "c"), ("tz", "c"), ("g", "h"), ("x", "ks"), ("q", "k"), ("w", "v"))  # fmt: skip
_NOT_LETTER = re.compile(r"[^a-z]+")


def latin(text: str, language: str = "ru") -> str:
    """`text` in Latin letters (a plain scholarly-style transliteration), case kept
    on the first letter of each word."""
    table = {**_CYRILLIC, **(_RUSSIAN if language == "ru" else _UKRAINIAN)}
    out = []
    for char in text:
        lower = char.lower()
        if lower not in table:
            out.append(char)
            continue
        letters = table[lower]
        out.append(letters.capitalize() if char != lower else letters)
    return "".join(out)


def _word_key(word: str) -> str:
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    word = re.sub(r"(.)\1+", r"\1", word)
    return _VOWELS.sub("a", word)


def link_key(name: str) -> str:
    """The spelling-blind key of a name in Cyrillic or Latin letters, blind to spaces
    too (Велика Британія, Великобритания)."""
    return _word_key(_NOT_LETTER.sub("", latin(name.lower(), "uk").lower()))
