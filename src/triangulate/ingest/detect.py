"""Decide what an input is, by its content first and its name second.

Scraped files are routinely misnamed (HTML saved as .txt, feeds without an
extension, JSON Lines called .json), so the content decides whenever it is
unambiguous and the extension or media type only breaks ties.
"""

from __future__ import annotations

import json
import re
from typing import Literal
from urllib.parse import urlsplit

Format = Literal["text", "html", "jsonl", "json", "warc", "feed"]

WARC_MAGIC = "WARC/"
_HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
_JSONL_EXTS = {".jsonl", ".ndjson"}
_MARKDOWN_EXTS = {".md", ".markdown"}
# Markup before the root element: XML declaration, processing instructions,
# comments and a doctype, with its internal subset of entity declarations if any.
_PROLOG = re.compile(
    r"(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\]\s*)?>|\s)*", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(r"<([A-Za-z][\w:.-]*)")
# A doctype names the root element, which settles it when the subset is too long to skip.
_DOCTYPE_ROOT = re.compile(r"<!doctype\s+([A-Za-z][\w:.-]*)", re.IGNORECASE)
_FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
_HTML_TAG = re.compile(
    r"<(?:html|head|body|title|meta|div|p|span|a|article|section|main|h[1-6]|br|ul|ol|table)\b",
    re.IGNORECASE,
)
_SNIFF = 4096
_JSON_PROBE_LINES = 5


def is_warc(head: bytes) -> bool:
    """True for WARC content (checked on bytes, before any decoding)."""
    return head.lstrip().startswith(WARC_MAGIC.encode())


def extension(name: str) -> str:
    """The lower-case extension that describes the content, ignoring .gz and URL queries."""
    path = urlsplit(name).path if "://" in name else name
    base = path.rsplit("/", 1)[-1].lower()
    if base.endswith(".gz"):
        base = base[:-3]
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""


def detect_format(name: str, text: str, *, media_type: str | None = None) -> Format:
    """Classify decoded content; `name` and `media_type` only settle ambiguous cases."""
    stripped = text.lstrip("\ufeff \t\r\n")
    ext = extension(name)
    if stripped.startswith(WARC_MAGIC):
        return "warc"
    if stripped[:1] in ("{", "["):
        kind = _json_kind(stripped, ext)
        if kind:
            return kind
    head = stripped[:_SNIFF]
    if head.startswith("<"):
        prolog = _PROLOG.match(head)
        rest = head[prolog.end() if prolog else 0 :]
        root = _ROOT.match(rest) or _DOCTYPE_ROOT.match(rest)
        if root and root.group(1).lower() in _FEED_ROOTS:
            return "feed"
        if "<!doctype html" in head[:200].lower() or (root and root.group(1).lower() == "html"):
            return "html"
        if ext not in _MARKDOWN_EXTS and _HTML_TAG.search(head):
            return "html"
    if ext in _HTML_EXTS or (media_type is not None and "html" in media_type):
        return "html"
    if ext == ".json" or ext in _JSONL_EXTS:
        # Meant as JSON but not records: let the JSON reader say what is wrong.
        return "json" if ext == ".json" else "jsonl"
    return "text"


def _json_kind(text: str, ext: str) -> Literal["json", "jsonl"] | None:
    """json or jsonl when the content is (or is meant to be) JSON, else None."""
    pieces = text.split("\n", _JSON_PROBE_LINES)
    lines = [line for line in pieces if line.strip()]
    if _is_object(lines[0]):
        return "jsonl" if len(lines) > 1 or ext in _JSONL_EXTS else "json"
    # The first line alone is not JSON: pretty-printed JSON, or a broken JSONL line.
    try:
        json.loads(text)
    except ValueError:
        pass
    else:
        return "json"
    if any(_is_object(line) for line in lines[1:_JSON_PROBE_LINES]):
        return "jsonl"
    return None


def _is_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
