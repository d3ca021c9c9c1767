"""Web archives (WARC, optionally gzipped per record): one document per HTML page.

Crawls contain redirects, errors, images and scripts; only successful HTML
responses are articles. Crawls are also often cut off mid-write, so a broken
record ends the file with an error while the records before it are kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from triangulate.errors import InputError
from triangulate.ingest.decode import charset_of, decode, too_large
from triangulate.models import ItemError, RawDocument


def read_warc(name: str, data: bytes, *, max_bytes: int) -> Iterator[RawDocument | ItemError]:
    """Documents for the HTML responses in a WARC; sub-items are ``name#<target URI>``.

    WARC-Date is when the page was crawled, not published, so it goes to
    ``metadata["warc_date"]``.
    """
    records = ArchiveIterator(io.BytesIO(data))
    kept = 0
    try:
        for record in records:
            if _is_html_ok(record):
                result = _document(name, record, records.offset, max_bytes)
                kept += isinstance(result, RawDocument)
                yield result
    except Exception as exc:  # warcio raises many types on corrupt input
        yield ItemError(name, _broken(records.offset, kept, _first_line(exc)))
        return
    if data[records.offset :].strip(b"\r\n\x00 "):
        yield ItemError(name, _broken(records.offset, kept, "the file is cut off or has junk"))
    elif not kept:
        yield ItemError(name, "WARC has no successful HTML responses")


def _is_html_ok(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return record.http_headers.get_statuscode() == "200" and "html" in content_type.lower()


def _document(
    name: str, record: ArcWarcRecord, offset: int, max_bytes: int
) -> RawDocument | ItemError:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    item = f"{name}#{uri or f'@{offset}'}"
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return ItemError(item, too_large(None, max_bytes, "record"))
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return ItemError(
            item, f"truncated WARC record at byte {offset} ({missing:,} bytes missing)"
        )
    charset = charset_of(record.http_headers.get_header("Content-Type"))
    try:
        decoded = decode(item, payload, charset=charset, what="record")
    except InputError as exc:
        return ItemError(item, exc.reason)
    metadata = {
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    document = RawDocument(
        path=item, raw=decoded.text, content_type="html", url=uri, metadata=metadata
    )
    return decoded.annotate(document, "record")


def _broken(offset: int, kept: int, why: str) -> str:
    return (
        f"corrupt or truncated WARC record at byte {offset} ({why}); "
        f"{kept} HTML record(s) before it were kept"
    )


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text[:120]
