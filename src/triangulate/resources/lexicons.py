"""Word lists: titles, role nouns, verbs of saying, unit nouns, concept words, spellings.

The hand-made vocabulary the rules read is data, not code: it lives in
`data/lexicons/`, one file a list, so that an analyst (or someone adding a language)
can extend a list without touching the code that reads it. Every list is read here,
one way:

- `<name>.txt`, a set of entries (`lexicon`): one word or phrase a line;
- `<name>.tsv`, pairs (`lexicon_pairs`): a key, a tab, its value, in file order.

Files are UTF-8. Blank lines and lines starting with `#` are comments; an entry that
itself starts with `#` is written `\\#`. Whitespace around an entry or field is not
part of it. Each file's comment says which module reads it and how entries are
written (lower case, spaCy lemmas or words as written). A list is read once per
process and shared, so a change to a file shows at the next start.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from triangulate.errors import UsageError

LEXICON_DIR = "lexicons"
SET_SUFFIX = ".txt"
PAIRS_SUFFIX = ".tsv"


def lexicon(name: str) -> frozenset[str]:
    """The entries of `data/lexicons/<name>.txt`."""
    return _set(name)


def lexicon_pairs(name: str) -> dict[str, str]:
    """The pairs of `data/lexicons/<name>.tsv` as key -> value, in file order.

    A fresh dict each call (the file is read once), so a caller may change its copy.
    """
    return dict(_pairs(name))


def lexicon_names() -> list[str]:
    """Every bundled list, as file names (`titles.txt`, `spellings.tsv`, ...)."""
    return sorted(
        entry.name
        for entry in _directory().iterdir()
        if entry.name.endswith((SET_SUFFIX, PAIRS_SUFFIX))
    )


@cache
def _set(name: str) -> frozenset[str]:
    return frozenset(_entries(name, SET_SUFFIX))


@cache
def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    filename = name + PAIRS_SUFFIX
    pairs: dict[str, str] = {}
    for number, line in _lines(name, PAIRS_SUFFIX):
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise UsageError(
                f"lexicon {filename}, line {number}: {line!r} is not a key and a value "
                "separated by one tab"
            )
        key, value = fields
        if key in pairs:
            raise UsageError(
                f"lexicon {filename}, line {number}: {key!r} is listed twice; keep one line"
            )
        pairs[key] = value
    return tuple(pairs.items())


def _entries(name: str, suffix: str) -> list[str]:
    """The entries of a file in file order, repeats included."""
    return [line for _, line in _lines(name, suffix)]


def _lines(name: str, suffix: str) -> list[tuple[int, str]]:
    """(line number, stripped line) of every line that is not blank or a comment."""
    text = _file(name, suffix).read_text(encoding="utf-8")
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        found.append((number, line[1:] if line.startswith("\\#") else line))
    return found


def _file(name: str, suffix: str) -> Traversable:
    path = _directory() / (name + suffix)
    if not path.is_file():
        other = PAIRS_SUFFIX if suffix == SET_SUFFIX else SET_SUFFIX
        hint = (
            f"; {name}{other} exists: read it with "
            f"{'lexicon_pairs' if other == PAIRS_SUFFIX else 'lexicon'}()"
            if (_directory() / (name + other)).is_file()
            else ""
        )
        raise UsageError(
            f"unknown lexicon {name!r}: there is no data/lexicons/{name}{suffix}{hint}. "
            f"Known lists: {', '.join(lexicon_names())}"
        )
    return path


def _directory() -> Traversable:
    return resources.files("triangulate.data") / LEXICON_DIR
