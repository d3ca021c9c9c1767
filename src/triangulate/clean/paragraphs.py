"""Split normalised text into paragraphs, undoing hard line wrapping.

Scraped pages usually give one paragraph per line; e-mails and some archives
wrap prose at a fixed width with blank lines between paragraphs. Both end up
as one paragraph per list item.
"""

from __future__ import annotations

import re

# A line ending like a sentence: its last mark, then any closing quotes or brackets. Used
# while cleaning, before any parse exists (the parse's sentences are spaCy's, nlp/).
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:;]['\"’”»)\]]*$")
_MAX_WRAP_WIDTH = 100


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (. ! ? … : ; and their CJK forms, closing
    quotes or brackets after them)."""
    return bool(_ENDS_SENTENCE.search(text))


def split_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of normalised `text`, wrapped lines joined by a space."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line]
        if lines:
            paragraphs.extend(_unwrap(lines))
    return paragraphs


def _unwrap(lines: list[str]) -> list[str]:
    """Join lines of a block that look like prose wrapped at a fixed width.

    A line is a continuation when the one before it fills the width without
    ending a sentence, and it starts in lower case or every line of the block
    but the last fills the width: a short line that merely lacks a full stop
    (a widget, a marker) keeps its neighbours apart.
    """
    width = max(len(line) for line in lines)
    if len(lines) == 1 or width > _MAX_WRAP_WIDTH:
        return lines
    prose_block = all(len(line) >= 0.6 * width for line in lines[:-1])
    out = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        wrapped = (
            len(previous) >= 0.6 * width
            and (line[:1].islower() or prose_block)
            and len(re.findall(r"\w+", previous)) >= 6
            and " | " not in previous
            and not ends_sentence(previous)
        )
        if wrapped and len(line.split()) > 1:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out
