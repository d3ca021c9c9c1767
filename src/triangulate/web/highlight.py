"""A document's clean text as HTML with every span marked by kind; the text is escaped.

Spans overlap (a claim inside a quote inside a sentence), so the text is cut at every
span boundary and each piece carries the kinds of all spans covering it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

KIND_CLASS = {"mentions": "entity", "timexes": "timex", "quotes": "quote", "claims": "claim",
              "events": "event"}  # fmt: skip


def highlight(
    text: str, spans: Mapping[str, Sequence[Mapping[str, Any]]], focus: tuple[int, int] | None
) -> Markup:
    """`text` with a <span class="hl KIND..."> per piece; `focus` (a cited range) gets
    id="focus" on its first piece so a link can scroll it into view."""
    marks: list[tuple[int, int, str, str]] = []
    for kind, rows in spans.items():
        css = KIND_CLASS.get(kind)
        if not css:
            continue
        for row in rows:
            start, end = row.get("start"), row.get("end")
            if start is None or end is None or not 0 <= start < end <= len(text):
                continue
            marks.append((start, end, css, _title(kind, row)))
    if focus and 0 <= focus[0] < focus[1] <= len(text):
        marks.append((focus[0], focus[1], "focus", "the cited sentence"))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    parts: list[str] = []
    focused = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        piece = escape(text[a:b])
        if not covering:
            parts.append(str(piece))
            continue
        classes = sorted({m[2] for m in covering})
        titles = "; ".join(dict.fromkeys(m[3] for m in covering if m[3]))
        anchor = ""
        if "focus" in classes and not focused:
            anchor, focused = ' id="focus"', True
        parts.append(
            f'<span class="hl {" ".join(classes)}"{anchor} title="{escape(titles)}" '
            f'data-start="{a}" data-end="{b}">{piece}</span>'
        )
    return Markup("".join(parts))


def _title(kind: str, row: Mapping[str, Any]) -> str:
    if kind == "mentions":
        return f"{row.get('label')}: {row.get('text')}"
    if kind == "timexes":
        return f"time {row.get('value')}"
    if kind == "quotes":
        return f"quote ({row.get('kind')}) by {row.get('speaker') or 'unknown speaker'}"
    if kind == "claims":
        return f"claim: {row.get('value')} {row.get('unit') or ''} {row.get('measured') or ''}"
    return f"event {row.get('type')} on {row.get('date')}"
