"""Format detection: content first, extension and media type as tie-breakers."""

from __future__ import annotations

import pytest

from triangulate.ingest.detect import detect_format, extension, is_warc

RSS = '<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"><channel></channel></rss>'


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", "Plain words.", "text"),
        ("a.md", "# Title\n\n<div>inline html</div>", "text"),
        ("a.txt", "<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        ("noext", "  <html lang=en><p>x</p></html>", "html"),
        ("frag.txt", "<p>Just a fragment</p>", "html"),
        ("a.html", "no markup at all", "html"),
        ("a.txt", "WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.txt", RSS, "feed"),
        ("a.html", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("a", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
        ("a.txt", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("a.json", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("a.jsonl", '{"text": "a"}', "jsonl"),
        ("a.jsonl", '{\n  "text": "pretty"\n}\n', "json"),
        ("a", '{"text": "a"}', "json"),
        ("a", '[{"text": "a"},\n {"text": "b"}]', "json"),
        ("a.jsonl", '{"broken": \n{"text": "b"}\n', "jsonl"),
        ("a", '{"broken": \n{"text": "b"}\n', "jsonl"),
        ("a.json", "{not json at all", "json"),
        ("a.txt", "{curly prose, not JSON}", "text"),
        ("a.json", "42", "json"),
        ("a.jsonl", "plain prose", "jsonl"),
        ("https://example.com/story?id=1", "Words only", "text"),
    ],
)
def test_detect_format(name: str, text: str, expected: str) -> None:
    assert detect_format(name, text) == expected


def test_media_type_breaks_ties() -> None:
    assert detect_format("https://example.com/story", "words", media_type="text/html") == "html"
    assert detect_format("https://example.com/story", RSS, media_type="text/html") == "feed"


def test_extension() -> None:
    assert extension("dir.v2/page.HTML.gz") == ".html"
    assert extension("https://x.org/feed.xml?page=2") == ".xml"
    assert extension(".hidden") == ""
    assert extension("-") == ""


def test_is_warc() -> None:
    assert is_warc(b"WARC/1.1\r\n")
    assert not is_warc(b"<html>")


SUBSET = '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<!ENTITY a "]">\n'


@pytest.mark.parametrize(
    "text",
    [
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{SUBSET}]>\n<rss version="2.0"></rss>',
        f'<!DOCTYPE feed [{SUBSET}] ><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
        # A subset longer than the sniffed head: the doctype's name gives the root.
        f"<!DOCTYPE rss [\n{SUBSET * 200}]>\n<rss><channel><p>x</p></channel></rss>",
    ],
    ids=["rss", "atom", "long-subset"],
)
def test_feed_with_an_internal_subset_is_a_feed(text: str) -> None:
    assert detect_format("feed.txt", text) == "feed"


def test_html_doctype_with_a_subset_is_still_html() -> None:
    assert detect_format("a", f"<!DOCTYPE html [{SUBSET}]><html><p>x</p></html>") == "html"
