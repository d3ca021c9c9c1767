"""JSON and JSON Lines exports: one article per object.

Exports from scrapers and APIs carry their own fields; the known ones map to
RawDocument and the rest travel along in `metadata` so nothing is lost. One
bad record never costs the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from triangulate.models import ContentType, ItemError, RawDocument

_FIELDS = ("url", "title", "published", "source")
# Metadata keys the reader itself writes; a record's own field of that name becomes
# ``record_<name>`` so neither hides the other.
_RESERVED = ("encoding", "replaced_bytes", "replaced_surrogates", "warnings")


def read_jsonl(name: str, text: str) -> Iterator[RawDocument | ItemError]:
    """One document per non-blank line; items are named ``name#<line number>``."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{name}#{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ItemError(item, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _record_document(item, record)


def read_json(name: str, text: str) -> Iterator[RawDocument | ItemError]:
    """A single object (named ``name``) or a list of them (named ``name#<index+1>``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ItemError(name, f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        return
    if data == []:
        yield ItemError(name, "JSON list is empty")
    elif isinstance(data, list):
        for index, record in enumerate(data, start=1):
            yield _record_document(f"{name}#{index}", record)
    elif isinstance(data, dict):
        yield _record_document(name, data)
    else:
        yield ItemError(name, "JSON must be an object or a list of objects")


def _record_document(item: str, record: Any) -> RawDocument | ItemError:
    """Map one JSON object to a document; `html` wins over `text` when both are given.

    HTML keeps the page metadata (dates, bylines) that cleaning looks for; a
    `text` given alongside is kept in ``metadata["text"]``.
    """
    if not isinstance(record, dict):
        return ItemError(item, "record is not a JSON object")
    metadata = {
        f"record_{key}" if key in _RESERVED else key: value
        for key, value in record.items()
        if key not in _FIELDS
    }
    html, text = metadata.pop("html", None), metadata.pop("text", None)
    content_type: ContentType
    if _non_empty(html):
        raw, content_type = html, "html"
        if _non_empty(text):
            metadata["text"] = text
    elif _non_empty(text):
        raw, content_type = text, "text"
    else:
        return ItemError(item, "record has no non-empty 'text' or 'html' field")
    return RawDocument(
        path=item,
        raw=raw,
        content_type=content_type,
        url=_as_str(record.get("url")),
        title=_as_str(record.get("title")),
        published=_as_str(record.get("published")),
        source=_as_str(record.get("source")),
        metadata=metadata,
    )


def _non_empty(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _as_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)
