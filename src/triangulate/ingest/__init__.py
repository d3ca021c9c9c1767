"""Turn user inputs (files, folders, globs, URLs, stdin) into RawDocuments.

Every unreadable item becomes an ItemError with a reason and the run goes on:
one bad file in a folder of thousands must not stop the others.

Sub-items are named ``<input>#<n>`` (JSON Lines line number, JSON list index
+ 1, feed entry number) or ``<input>#<target URI>`` (WARC records).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

import httpx

from triangulate.errors import InputError
from triangulate.ingest.decode import check_size, too_large
from triangulate.ingest.detect import extension
from triangulate.ingest.dispatch import fetch_page, read_content
from triangulate.ingest.feed import PageFetcher
from triangulate.ingest.fetch import DEFAULT_FETCH_TIMEOUT, Fetcher
from triangulate.ingest.sources import Source, expand
from triangulate.ingest.surrogates import without_surrogates
from triangulate.models import ItemError, RawDocument

__all__ = ["DEFAULT_FETCH_TIMEOUT", "count_inputs", "read_inputs"]

# Extensions whose files may hold many documents, so a file count is no item count.
_CONTAINER_EXTS = {".json", ".jsonl", ".ndjson", ".warc", ".xml", ".rss", ".atom"}


def read_inputs(
    specs: Sequence[str],
    *,
    max_bytes: int = 20_000_000,
    fetch_links: bool = True,
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT,
    allow_private_urls: bool = False,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
) -> Iterator[RawDocument | ItemError]:
    """Documents from every input, in order, with an ItemError for each bad item.

    `fetch_links` fetches the article behind each feed entry; `fetch_timeout`
    is the total deadline per URL in seconds; `allow_private_urls` lets feed
    links and redirects reach loopback and private addresses (URLs given here
    may always be private); `stdin` stands in for standard input (``-``);
    `client` replaces the default HTTP client.
    """
    fetcher = Fetcher(
        client, max_bytes=max_bytes, timeout=fetch_timeout, allow_private=allow_private_urls
    )
    with fetcher:
        pages = partial(fetch_page, fetcher) if fetch_links else None
        for source in expand(specs):
            if isinstance(source, ItemError):
                yield source
                continue
            try:
                for item in _read_source(source, fetcher, pages, max_bytes, stdin):
                    yield without_surrogates(item) if isinstance(item, RawDocument) else item
            except InputError as exc:
                yield ItemError(exc.item, exc.reason)
            except Exception as exc:  # a bug on one odd input must not stop the run
                reason = (
                    f"could not be read ({type(exc).__name__}: {exc}); please report this input"
                )
                yield ItemError(source.name, reason)


def _read_source(
    source: Source,
    fetcher: Fetcher,
    pages: PageFetcher | None,
    max_bytes: int,
    stdin: BinaryIO | None,
) -> Iterator[RawDocument | ItemError]:
    if source.kind == "url":
        got = fetcher.get(source.name, typed=True)
        yield from read_content(
            source.name,
            got.data,
            max_bytes=max_bytes,
            url=got.url,
            charset=got.charset,
            media_type=got.media_type,
            fetch_page=pages,
        )
    else:
        data = _read_bytes(source, max_bytes, stdin)
        yield from read_content(source.name, data, max_bytes=max_bytes, fetch_page=pages)


def count_inputs(specs: Sequence[str]) -> int | None:
    """How many items `read_inputs` will yield, or None when containers make it unknowable.

    Cheap (no file is opened), for sizing a progress bar; URLs count as
    unknown because they may turn out to be feeds.
    """
    count = 0
    for source in expand(specs):
        if isinstance(source, Source) and (
            source.kind == "url" or extension(source.name) in _CONTAINER_EXTS
        ):
            return None
        count += 1
    return count


def _read_bytes(source: Source, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    """The bytes of a file or of standard input, refusing more than `max_bytes`."""
    if source.kind == "stdin":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(source.name, too_large(None, max_bytes, "standard input"))
        return data
    try:
        with open(source.name, "rb") as handle:
            check_size(source.name, os.fstat(handle.fileno()).st_size, max_bytes)
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(source.name, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(source.name, f"could not read: {exc.strerror or exc}") from None
    check_size(source.name, len(data), max_bytes)
    return data
