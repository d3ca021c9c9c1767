"""Whitespace and character normalisation applied before anything else.

Only invisible differences are removed (odd spaces, zero-width marks, line
endings); quotes, dashes and letters are left as the outlet wrote them, so the
clean text still quotes the source faithfully.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalise_text(raw: str) -> str:
    """Return `raw` in NFC with one space between words and `\\n` line ends, lines stripped."""
    text = unicodedata.normalize("NFC", raw)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


def fold_for_matching(text: str) -> str:
    """The matching form of the gold rules: NFKC, straight quotes, one dash, one space, casefold."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b\u2032]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip().casefold()
