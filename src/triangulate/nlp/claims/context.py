"""Where a figure stands in its text: on a headline line, near which place, near which
date. Character offsets only, so the English finder and the Russian/Ukrainian one
(`nlp/ruuk/quantities.py`) read a figure's surroundings the same way."""

from __future__ import annotations

from collections.abc import Callable

from triangulate.models import EntityMention, TimeExpression

HEADLINE_MAX_WORDS = 25


def on_headline(text: str, position: int, ends_sentence: Callable[[str], bool]) -> bool:
    """A short line without closing punctuation: a headline or a related-story link."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return not ends_sentence(line) and len(line.split()) <= HEADLINE_MAX_WORDS


def nearest_place(
    places: list[EntityMention], position: int, start: int, end: int, text: str
) -> str | None:
    """The place named nearest the figure in its sentence [start, end), on the same line."""
    low = max(start, text.rfind("\n", 0, position) + 1)
    high = text.find("\n", position)
    high = end if high < 0 else min(high, end)
    inside = [m for m in places if low <= m.start and m.end <= high]
    return min(inside, key=lambda m: abs(m.start - position)).text if inside else None


def nearest_date(timexes: list[TimeExpression], position: int, start: int, end: int) -> str | None:
    """The value of the date or time nearest the figure in its sentence [start, end)."""
    inside = [
        t for t in timexes
        if start <= t.start and t.end <= end and t.type in ("DATE", "TIME")
    ]  # fmt: skip
    return min(inside, key=lambda t: abs(t.start - position)).value if inside else None
