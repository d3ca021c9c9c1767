"""Find the stretches of text inside quotation marks, paragraph by paragraph.

Straight double quotes toggle; curly quotes and guillemets have a direction.
A quotation still open at the end of a paragraph is kept only when the next
paragraph opens a quotation again (the newspaper convention for a quote that
runs over several paragraphs); otherwise the stray mark is dropped, so that
one missing mark cannot flip every later pair. Single quotes count only
outside double ones and only where they cannot be an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "'": "'"}
_DOUBLE_CLOSE = {"”", "»", '"'}
_DOUBLE_MARKS = re.compile(r"[“”«»„\"‘’']")


@dataclass(frozen=True)
class Quoted:
    """Text between one pair of marks: `start`/`end` is the content, without the marks.

    `continued` is True when the quotation goes on from the previous paragraph.
    """

    start: int
    end: int
    continued: bool = False


def _single_opens(text: str, i: int) -> bool:
    """A single quote opens where it follows space or a line start and precedes a letter."""
    before = text[i - 1] if i else "\n"
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(:—–-") and after.isalnum()


def _single_closes(text: str, i: int) -> bool:
    """A single quote closes after a word or punctuation and before no letter."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Closed (content start, content end) pairs of one paragraph, and where one is left open."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    closer = ""
    for match in _DOUBLE_MARKS.finditer(text, start, end):
        mark, i = match.group(), match.start()
        single = mark in "‘’'"
        if opened is None:
            if mark in _OPEN and (not single or _single_opens(text, i)):
                opened, closer = i + 1, _OPEN[mark]
        elif (mark == closer or (mark in _DOUBLE_CLOSE and closer not in "’'")) and (
            not single or _single_closes(text, i)
        ):
            pairs.append((opened, i))
            opened = None
    return pairs, opened


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of `text`, in order, split at paragraph ends."""
    quoted: list[Quoted] = []
    carried = False
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for index, (start, end) in enumerate(paragraphs):
        pairs, opened = _paragraph_quotes(text, start, end)
        quoted += [Quoted(s, e, carried and n == 0) for n, (s, e) in enumerate(pairs)]
        continued = carried and not pairs
        carried = False
        following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        if opened is not None and following is not None and text[following] in '“«"„':
            quoted.append(Quoted(opened, len(text[:end].rstrip()), continued))
            carried = True
    return [q for q in quoted if text[q.start : q.end].strip()]
