"""RSS and Atom feeds: one document per entry.

Feed entries usually carry only a teaser, so the linked article is fetched
when allowed; the entry's own content is the fallback, and the reason the
fetch failed is kept so a user can see why a document is short.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from triangulate.errors import InputError
from triangulate.ingest.surrogates import surrogate_references_defused
from triangulate.models import ContentType, ItemError, RawDocument

PageFetcher = Callable[[str], RawDocument]


def read_feed(
    name: str, data: bytes, *, fetch_page: PageFetcher | None = None
) -> Iterator[RawDocument | ItemError]:
    """Documents for a feed's entries, named ``name#<entry number>`` (1-based).

    `fetch_page` turns an entry link into a document (raising InputError);
    without it the entry's content or summary is used.
    """
    try:
        source, entries = parse_feed(name, data)
    except InputError as exc:
        yield ItemError(name, exc.reason)
        return
    for number, entry in enumerate(entries, start=1):
        yield entry_document(f"{name}#{number}", entry, source, fetch_page)


def parse_feed(name: str, data: bytes) -> tuple[str | None, list[Any]]:
    """The feed's title and its entries (feedparser's); InputError when it has none.

    Separate from `read_feed` so a watcher can skip the entries it has seen
    before fetching what they link to.
    """
    parsed = feedparser.parse(io.BytesIO(surrogate_references_defused(data)))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise InputError(
            name, f"not a readable feed: {problem}" if problem else "feed has no entries"
        )
    return _text(parsed.feed.get("title")), list(parsed.entries)


def entry_key(entry: Any) -> str | None:
    """What identifies an entry across fetches of its feed: its id, else its link."""
    return _text(entry.get("id")) or _text(entry.get("link"))


def entry_document(
    item: str, entry: Any, source: str | None, fetch_page: PageFetcher | None
) -> RawDocument | ItemError:
    """One entry as a document named `item`: its linked page when `fetch_page` gets it,
    else the entry's own content."""
    link = _text(entry.get("link"))
    fields: dict[str, Any] = {
        "url": link,
        "title": _text(entry.get("title")),
        "published": _iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        "source": source,
    }
    metadata = {
        key: value
        for key, value in (("entry_id", entry.get("id")), ("author", entry.get("author")))
        if value
    }
    fetch_error = None
    if fetch_page and link:
        try:
            page = fetch_page(link)
        except InputError as exc:
            fetch_error = exc.reason
        else:
            metadata.update(page.metadata)  # how the page was decoded
            if page.url and page.url != link:
                metadata["final_url"] = page.url
            return RawDocument(
                path=item, raw=page.raw, content_type=page.content_type, metadata=metadata, **fields
            )
    body, content_type = _entry_body(entry)
    if body is None:
        if fetch_error:
            return ItemError(
                item, f"{fetch_error} ({link}); the entry has no content to fall back on"
            )
        return ItemError(item, "feed entry has no content" + ("" if link else " and no link"))
    document = RawDocument(
        path=item, raw=body, content_type=content_type, metadata=metadata, **fields
    )
    if fetch_error:
        document.metadata["fetch_error"] = fetch_error
        document.warn(f"linked page not fetched ({fetch_error}); using the entry's own text")
    return document


def _entry_body(entry: Any) -> tuple[str | None, ContentType]:
    """The fullest text the entry carries: content, else summary."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for detail in candidates:
        value = detail.get("value")
        if isinstance(value, str) and value.strip():
            kind: ContentType = "text" if detail.get("type") == "text/plain" else "html"
            return value, kind
    return None, "html"


def _iso_date(parsed: time.struct_time | None) -> str | None:
    if parsed is None:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
