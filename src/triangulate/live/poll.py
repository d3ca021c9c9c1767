"""Poll one source: only what is new since the last poll is fetched and read.

A URL is fetched with the validators of its last answer (ETag, Last-Modified),
so an unchanged feed costs one 304. A feed's entries are told apart by their id
(else link) and only unseen ones are read, their linked pages fetched then; a
section page's article links (`links.py`) are the entries of a page. A folder's
entries are its files, keyed by name, size and modification time, so a new or
rewritten file is read again (the store keeps one copy of a text anyway).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from triangulate.errors import InputError
from triangulate.ingest import read_inputs
from triangulate.ingest.decode import decode, to_plain
from triangulate.ingest.detect import detect_format
from triangulate.ingest.dispatch import fetch_page
from triangulate.ingest.feed import entry_document, entry_key, parse_feed
from triangulate.ingest.fetch import Fetcher
from triangulate.ingest.sources import expand
from triangulate.live.links import article_links
from triangulate.live.sources import WatchSource
from triangulate.models import ItemError, RawDocument


@dataclass
class Entry:
    """One new entry of a source and what reading it gave (one or more documents, or
    the reason it could not be read)."""

    key: str
    items: list[RawDocument | ItemError]


@dataclass
class Polled:
    """What one poll of a source found: its new entries are read one by one as they are
    iterated, so each can be stored before the next is fetched."""

    kind: str  # feed, page or folder
    entries: Iterator[Entry] = field(default_factory=lambda: iter(()))
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


def poll_source(
    source: WatchSource,
    fetcher: Fetcher,
    seen: Callable[[str], bool],
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    fetch_links: bool = True,
) -> Polled:
    """The new entries of `source` (those `seen` does not know); InputError when the
    source itself cannot be fetched or read."""
    if source.is_folder:
        return _poll_folder(source, fetcher.max_bytes, seen)
    got = fetcher.get(source.location, typed=True, etag=etag, last_modified=last_modified)
    if got.not_modified:
        return Polled("feed", not_modified=True, etag=got.etag, last_modified=got.last_modified)
    name = source.location
    plain = to_plain(name, got.data, max_bytes=fetcher.max_bytes, what="response")
    decoded = decode(name, plain, charset=got.charset, what="response")
    kind = detect_format(name, decoded.text, media_type=got.media_type)
    polled = Polled(
        "feed" if kind == "feed" else "page", etag=got.etag, last_modified=got.last_modified
    )
    if kind == "feed":
        title, entries = parse_feed(name, plain)
        pages = partial(fetch_page, fetcher) if fetch_links else None
        polled.entries = _feed_entries(source, title, entries, pages, seen)
    elif kind == "html":
        links = [link for link in article_links(decoded.text, got.url) if not seen(link)]
        polled.entries = (Entry(k, [_labelled(_page(fetcher, k), source)]) for k in links)
    else:
        raise InputError(name, f"neither a feed nor a section page (read as {kind}); watch "
                         "a feed URL, a page that lists articles, or a folder")  # fmt: skip
    return polled


def _feed_entries(
    source: WatchSource,
    title: str | None,
    entries: list[object],
    pages: Callable[[str], RawDocument] | None,
    seen: Callable[[str], bool],
) -> Iterator[Entry]:
    for number, raw_entry in enumerate(entries, start=1):
        key = entry_key(raw_entry) or f"#{number}"
        if not seen(key):
            item = entry_document(f"{source.location}#{number}", raw_entry, title, pages)
            yield Entry(key, [_labelled(item, source)])


def _poll_folder(source: WatchSource, max_bytes: int, seen: Callable[[str], bool]) -> Polled:
    if not os.path.isdir(source.location):
        raise InputError(source.location, "the watched folder is gone")
    return Polled("folder", _folder_entries(source, max_bytes, seen))


def _folder_entries(
    source: WatchSource, max_bytes: int, seen: Callable[[str], bool]
) -> Iterator[Entry]:
    for found in expand([source.location]):
        if isinstance(found, ItemError):
            continue  # an empty folder is a quiet one, not an error
        try:
            info = os.stat(found.name)
        except OSError:
            continue  # removed between listing and reading
        key = f"{os.path.relpath(found.name, source.location)}:{info.st_size}:{info.st_mtime_ns}"
        if not seen(key):
            items = read_inputs([found.name], max_bytes=max_bytes, fetch_links=False)
            yield Entry(key, [_labelled(i, source) for i in items])


def _page(fetcher: Fetcher, url: str) -> RawDocument | ItemError:
    try:
        return fetch_page(fetcher, url)
    except InputError as exc:
        return ItemError(exc.item, exc.reason)


def _labelled(item: RawDocument | ItemError, source: WatchSource) -> RawDocument | ItemError:
    """The item with the outlet and side the sources file gave (the outlet replaces what
    the feed said; cleaning still weighs it against the text)."""
    if isinstance(item, RawDocument):
        if source.outlet:
            item.source = source.outlet
        labels = {"source": source.location, "outlet": source.outlet, "side": source.side}
        item.metadata["watch"] = {k: v for k, v in labels.items() if v}
    return item
