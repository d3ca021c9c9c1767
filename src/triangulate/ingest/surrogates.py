"""Lone surrogates (U+D800-U+DFFF) out of every document, before anything stores them.

JSON's ``\\ud800`` escapes and XML's ``&#xd800;`` references can name half a
surrogate pair, which no UTF-8 text may hold: storing or encoding it fails far
from the input. Each is replaced with U+FFFD, counted and warned about.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from triangulate.models import RawDocument

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CHAR_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def without_surrogates(doc: RawDocument) -> RawDocument:
    """`doc` with every lone surrogate in its text fields and metadata made U+FFFD."""
    changes: dict[str, Any] = {}
    total = 0
    for field in fields(doc):
        value, count = _replaced(getattr(doc, field.name))
        if count:
            changes[field.name], total = value, total + count
    if not total:
        return doc
    repaired = replace(doc, **changes)
    repaired.metadata["replaced_surrogates"] = total
    repaired.warn(f"{total} lone surrogate(s) (U+D800-U+DFFF) replaced with U+FFFD")
    return repaired


def surrogate_references_defused(data: bytes) -> bytes:
    """Markup with character references to surrogates (``&#xd800;``) turned into ``&#xfffd;``.

    For parsers (feedparser) that crash on them instead of reporting them.
    """

    def swap(match: re.Match[bytes]) -> bytes:
        digits = match.group(1)
        value = int(digits[1:], 16) if digits[:1] in b"xX" else int(digits)
        return b"&#xfffd;" if 0xD800 <= value <= 0xDFFF else match.group(0)

    return _CHAR_REFERENCE.sub(swap, data)


def _replaced(value: Any) -> tuple[Any, int]:
    """`value` with lone surrogates replaced in strings, list items, keys and values."""
    if isinstance(value, str):
        return _LONE_SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        pairs = [_replaced(item) for item in value]
        return [item for item, _ in pairs], sum(count for _, count in pairs)
    if isinstance(value, dict):
        clean: dict[Any, Any] = {}
        total = 0
        for key, inner in value.items():
            (key, key_count), (inner, count) = _replaced(key), _replaced(inner)
            clean[key] = inner
            total += key_count + count
        return clean, total
    return value, 0
