"""The framing lexicon: terms and the referents they name, bundled and user CSVs.

The bundled `data/framing.csv` is extended by user CSVs with the same columns
(referent, term, notes and optionally context). Each term becomes a regular
expression that tolerates hyphenation, either apostrophe and the plural or
singular of a lower-case last word; `corpus.framing` counts the matches.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from triangulate.errors import UsageError

MASK = "-"  # referent of rows that only stop a shorter term inside a phrase ("World War")


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row; `context` cues restrict it to sentences that contain one of them."""

    referent: str
    term: str
    notes: str = ""
    context: tuple[str, ...] = ()

    @cached_property
    def context_pattern(self) -> re.Pattern[str] | None:
        if not self.context:
            return None
        cues = "|".join(_phrase_pattern(cue, inflect=False) for cue in self.context)
        return re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


LITERAL_LETTERS = 3


@dataclass
class FramingLexicon:
    """Terms grouped by the pattern that finds them; rows sharing a pattern keep file order."""

    entries: list[LexiconEntry] = field(default_factory=list)

    @cached_property
    def patterns(self) -> list[tuple[re.Pattern[str], list[LexiconEntry], str]]:
        """(pattern, its rows, a literal every match contains): the literal, the start of
        the first word in lower case, skips most patterns with one substring test."""
        grouped: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            grouped.setdefault(_phrase_pattern(entry.term, inflect=True), []).append(entry)
        return [
            (re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), rows, _literal(rows))
            for pattern, rows in grouped.items()
        ]


def load_lexicon(extra_lexicons: Sequence[Path] | None = None) -> FramingLexicon:
    """The bundled lexicon, with the rows of `extra_lexicons` tried first (so users override).

    A lexicon CSV has the columns referent, term, notes and optionally context
    (cue words separated by `|`; the row then applies only in sentences with one).
    Referent `-` masks a phrase: it is matched (so shorter terms inside it are not)
    but not reported.
    """
    entries: list[LexiconEntry] = []
    for path in extra_lexicons or []:
        try:
            with Path(path).open(encoding="utf-8", newline="") as handle:
                entries += _entries(csv.DictReader(handle))
        except (OSError, KeyError, csv.Error) as exc:
            raise UsageError(
                f"cannot read framing lexicon {path}: {exc}; "
                "give a CSV with columns referent, term, notes[, context]"
            ) from exc
    bundled = resources.files("triangulate.data").joinpath("framing.csv").read_text("utf-8")
    entries += _entries(csv.DictReader(bundled.splitlines()))
    return FramingLexicon(entries)


def _literal(rows: list[LexiconEntry]) -> str:
    """Letters every match of the rows' shared pattern starts with (inflection changes
    only a word's end; a space or hyphen may follow the first word)."""
    first = re.match(r"[^\W\d_]+", rows[0].term.casefold())
    return first.group(0)[:LITERAL_LETTERS] if first else ""


def _phrase_pattern(phrase: str, *, inflect: bool) -> str:
    """Words separated by whitespace or a hyphen, hyphens inside words optional, either
    apostrophe; a lower-case
    last word also matches its plural or singular."""
    words = phrase.split()
    parts = [_word_pattern(w) for w in words[:-1]]
    last = words[-1]
    parts.append(_inflected(last) if inflect and last.islower() else _word_pattern(last))
    return r"(?:\s+|[-‐‑])".join(parts)


def _word_pattern(word: str) -> str:
    return "".join(
        r"[-‐‑–\s]?" if ch == "-" else "['’]" if ch in "'’" else re.escape(ch) for ch in word
    )


def _inflected(word: str) -> str:
    if word.endswith("ies"):
        return _word_pattern(word[:-3]) + "(?:y|ies)"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return _word_pattern(word[:-1]) + "(?:y|ies)"
    if word.endswith(("ss", "us", "is")):
        return _word_pattern(word) + "(?:es)?"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return _word_pattern(word[:-2]) + "(?:es)?"
    if word.endswith("s"):
        return _word_pattern(word[:-1]) + "s?"
    if word.endswith(("ch", "sh", "x")):
        return _word_pattern(word) + "(?:es)?"
    return _word_pattern(word) + "s?"


def _entries(rows: Iterable[dict[str, str]]) -> list[LexiconEntry]:
    entries = []
    for row in rows:
        referent, term = row["referent"].strip(), row["term"].strip()
        if not referent or not term:
            continue
        cues = tuple(c.strip() for c in (row.get("context") or "").split("|") if c.strip())
        entries.append(LexiconEntry(referent, term, (row.get("notes") or "").strip(), cues))
    return entries
