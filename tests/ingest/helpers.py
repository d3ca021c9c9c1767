"""Builders for test inputs: WARC archives and feeds."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def make_warc(pages: list[tuple[str, str, str, bytes]], *, gzip: bool) -> tuple[bytes, list[int]]:
    """A WARC of response records (uri, status line, content type, body) and their offsets."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    offsets = []
    for uri, status, content_type, body in pages:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        offsets.append(out.tell())
        writer.write_record(record)
    return out.getvalue(), offsets


def article(n: int) -> bytes:
    return f"<html><body><p>Article {n}. {'Shelling reported. ' * 50}</p></body></html>".encode()


def rss(*items: str, title: str = "Example News") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example/</link>{''.join(items)}"
        "</channel></rss>"
    )


def rss_item(link: str | None, title: str, description: str = "", date: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if description:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return f"<item>{''.join(parts)}</item>"
