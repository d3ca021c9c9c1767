"""Whatever the bytes, reading yields documents or ItemErrors and never raises."""

from __future__ import annotations

import gzip
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.ingest import read_inputs
from triangulate.models import ItemError, RawDocument

PREFIXES = [b"", b"<rss>", b"WARC/1.0\r\n", b'{"text": ', b"[", b"<!DOCTYPE html>", b"\xef\xbb\xbf"]


@settings(max_examples=150, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=300), zipped=st.booleans())
def test_arbitrary_bytes_never_raise(prefix: bytes, body: bytes, zipped: bool) -> None:
    data = prefix + body
    if zipped:
        data = gzip.compress(data)[: max(10, len(data) // 2 + 10)]
    items = list(read_inputs(["-"], stdin=io.BytesIO(data), fetch_links=False))
    assert items and all(isinstance(item, RawDocument | ItemError) for item in items)
