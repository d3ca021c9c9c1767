"""Route one input's bytes to the reader for its format.

Files, standard input and HTTP responses all end up here, so a feed behaves
the same whether it was saved to disk or fetched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from triangulate.ingest.decode import decode, peek, to_plain
from triangulate.ingest.detect import detect_format, is_warc
from triangulate.ingest.feed import PageFetcher, read_feed
from triangulate.ingest.fetch import Fetcher
from triangulate.ingest.records import read_json, read_jsonl
from triangulate.ingest.warc import read_warc
from triangulate.models import ContentType, ItemError, RawDocument


def read_content(
    name: str,
    data: bytes,
    *,
    max_bytes: int,
    url: str | None = None,
    charset: str | None = None,
    media_type: str | None = None,
    fetch_page: PageFetcher | None = None,
) -> Iterator[RawDocument | ItemError]:
    """Documents in `data`, whatever its format; raises InputError if it is unreadable.

    `url`, `charset` and `media_type` are what a server said about the bytes.
    """
    if is_warc(peek(data)):
        yield from read_warc(name, data, max_bytes=max_bytes)
        return
    what = "response" if url else "file"
    plain = to_plain(name, data, max_bytes=max_bytes, what=what)
    decoded = decode(name, plain, charset=charset, what=what)
    kind = detect_format(name, decoded.text, media_type=media_type)
    if kind == "feed":  # feedparser decodes the bytes itself, by the XML rules
        yield from read_feed(name, plain, fetch_page=fetch_page)
        return
    if kind == "jsonl":
        items: Iterable[RawDocument | ItemError] = read_jsonl(name, decoded.text)
    elif kind == "json":
        items = read_json(name, decoded.text)
    else:
        content_type: ContentType = "html" if kind == "html" else "text"
        items = [RawDocument(path=name, raw=decoded.text, content_type=content_type, url=url)]
    for item in items:
        yield item if isinstance(item, ItemError) else decoded.annotate(item, what)


def fetch_page(fetcher: Fetcher, url: str) -> RawDocument:
    """Fetch one linked article as HTML (or text); raises InputError when it cannot."""
    got = fetcher.get(url)
    plain = to_plain(url, got.data, max_bytes=fetcher.max_bytes, what="page")
    decoded = decode(url, plain, charset=got.charset, what="page")
    html = detect_format(url, decoded.text, media_type=got.media_type) == "html"
    page = RawDocument(
        path=url, raw=decoded.text, content_type="html" if html else "text", url=got.url
    )
    return decoded.annotate(page, "page")
