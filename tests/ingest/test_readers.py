"""Local inputs through `read_inputs`: every format, bad items, folders, globs, stdin."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from triangulate.ingest import count_inputs, read_inputs
from triangulate.models import ItemError, RawDocument

from .helpers import article, make_warc, rss, rss_item

HTML = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Body.</p></body></html>"


def read(*specs: str | Path, **options: Any) -> list[RawDocument | ItemError]:
    return list(read_inputs([str(spec) for spec in specs], **options))


def docs(items: list[RawDocument | ItemError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | ItemError]) -> list[ItemError]:
    return [item for item in items if isinstance(item, ItemError)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_text_and_markdown(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", "Kyiv, 3 March. Explosions were heard.")
    md = write(tmp_path / "b.md", "# Headline\n\nBody text.")
    [a, b] = read(txt, md)
    assert a == RawDocument(path=str(txt), raw="Kyiv, 3 March. Explosions were heard.")
    assert (
        isinstance(b, RawDocument) and b.content_type == "text" and b.raw.startswith("# Headline")
    )


def test_html_by_content_despite_extension(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "page.txt", HTML))
    assert isinstance(doc, RawDocument)
    assert (doc.content_type, doc.raw) == ("html", HTML)


def test_malformed_and_textless_html_still_yield_documents(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.html", "<html><body><p>Unclosed <div><b>tags")
    textless = write(tmp_path / "empty.html", "<html><head></head><body></body></html>")
    assert [d.content_type for d in docs(read(broken, textless))] == ["html", "html"]


def test_gzipped_html(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "page.html.gz", gzip.compress(HTML.encode())))
    assert isinstance(doc, RawDocument)
    assert (doc.content_type, doc.raw) == ("html", HTML)


def test_cp1251_file(tmp_path: Path) -> None:
    text = "Войска вошли в город утром. Местные жители сообщили о перестрелке возле вокзала."
    [doc] = read(write(tmp_path / "ru.txt", text.encode("cp1251")))
    assert isinstance(doc, RawDocument) and doc.raw == text
    assert doc.metadata == {"encoding": "cp1251", "replaced_bytes": 0}


def test_utf8_file_with_one_bad_byte_is_repaired_recorded_and_warned(tmp_path: Path) -> None:
    text = "Войска вошли в город утром. Местные жители сообщили о перестрелке."
    damaged = text[:20].encode() + b"\x9d" + text[20:].encode()
    [doc] = read(write(tmp_path / "ru.txt", damaged))
    assert isinstance(doc, RawDocument)
    assert doc.raw == text[:20] + "\ufffd" + text[20:]
    assert doc.metadata == {
        "encoding": "utf-8",
        "replaced_bytes": 1,
        "warnings": [
            "1 byte(s) not valid UTF-8 replaced with U+FFFD; the rest of the file is UTF-8"
        ],
    }


def test_clean_utf8_records_nothing(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "ru.txt", "Войска вошли в город утром."))
    assert isinstance(doc, RawDocument) and doc.metadata == {}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.5\n...", "binary file (PDF), not text"),
        (b"", "empty file"),
        (b" \n\n ", "empty file"),
        (
            bytes(range(0x80, 0x100)) * 4,
            "could not detect the text encoding; convert the file to UTF-8",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", data)
    assert read(path) == [ItemError(str(path), reason)]


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2000)
    [error] = read(path, max_bytes=1000)
    assert isinstance(error, ItemError)
    assert error.reason == (
        "file is 2,000 bytes, over the limit of 1,000 bytes; raise it with --max-bytes"
    )


def test_jsonl_with_broken_line_keeps_good_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First.", "url": "https://a.example/1", "lang": "en"}),
        '{"text": "broken',
        "",
        json.dumps({"html": "<p>Third</p>", "text": "Third", "title": "T", "published": 2024}),
        json.dumps({"title": "no body"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path / "export.jsonl", "\n".join(lines))
    items = read(path)
    assert [item.path if isinstance(item, RawDocument) else item.item for item in items] == [
        f"{path}#1",
        f"{path}#2",
        f"{path}#4",
        f"{path}#5",
        f"{path}#6",
    ]
    first, bad, third, no_body, not_object = items
    assert first == RawDocument(
        path=f"{path}#1", raw="First.", url="https://a.example/1", metadata={"lang": "en"}
    )
    assert isinstance(bad, ItemError) and bad.reason.startswith("invalid JSON: Unterminated string")
    assert isinstance(third, RawDocument)
    assert (third.content_type, third.raw, third.title, third.published) == (
        "html",
        "<p>Third</p>",
        "T",
        "2024",
    )
    assert third.metadata == {"text": "Third"}
    assert no_body == ItemError(f"{path}#5", "record has no non-empty 'text' or 'html' field")
    assert not_object == ItemError(f"{path}#6", "record is not a JSON object")


def test_lone_surrogates_in_json_are_replaced_and_said_so(tmp_path: Path) -> None:
    line = (
        r'{"text": "Troops \ud800 crossed.", "title": "T\udfff", "tags": {"k\udc00": ["\ud83d"]}}'
    )
    pair = r'{"text": "A whole pair \ud83d\ude00 is one emoji."}'
    first, second = read(write(tmp_path / "s.jsonl", f"{line}\n{pair}\n"))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.raw, first.title) == ("Troops \ufffd crossed.", "T\ufffd")
    assert first.metadata == {
        "tags": {"k\ufffd": ["\ufffd"]},
        "replaced_surrogates": 4,
        "warnings": ["4 lone surrogate(s) (U+D800-U+DFFF) replaced with U+FFFD"],
    }
    assert second.raw == "A whole pair \U0001f600 is one emoji." and second.metadata == {}


def test_a_records_own_fields_never_hide_what_the_reader_records(tmp_path: Path) -> None:
    line = r'{"text": "Troops \ud800 crossed.", "warnings": "none", "encoding": 5}'
    [doc] = read(write(tmp_path / "s.jsonl", line + "\n"))
    assert isinstance(doc, RawDocument)
    assert doc.metadata == {
        "record_warnings": "none",
        "record_encoding": 5,
        "replaced_surrogates": 1,
        "warnings": ["1 lone surrogate(s) (U+D800-U+DFFF) replaced with U+FFFD"],
    }


def test_surrogate_references_in_a_feed_do_not_crash_it(tmp_path: Path) -> None:
    feed = rss(
        rss_item(None, "T &#xd800;", "Shelling &#55296;&amp;#xDFFF; hit the town."),
        rss_item(None, "Clean &#x263A;", "Talks opened."),
    )
    first, second = read(write(tmp_path / "feed.rss", feed), fetch_links=False)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.title == "T \ufffd" and "\ud800" not in first.raw
    assert second.title == "Clean \u263a"


def test_a_reader_bug_on_one_input_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import triangulate.ingest as ingest

    real = ingest.read_content

    def buggy(name: str, data: bytes, **options: Any) -> Any:
        if name.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(name, data, **options)

    monkeypatch.setattr(ingest, "read_content", buggy)
    bad, good = write(tmp_path / "bad.txt", "Some text."), write(tmp_path / "good.txt", "Text.")
    assert read(bad, good) == [
        ItemError(str(bad), "could not be read (RuntimeError: boom); please report this input"),
        RawDocument(path=str(good), raw="Text."),
    ]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    listing = write(
        tmp_path / "list.json",
        json.dumps([{"text": "A", "source": "Reuters"}, {"html": "<p>B</p>"}], indent=2),
    )
    single = write(tmp_path / "one.json", json.dumps({"text": "C", "extra": [1, 2]}))
    a, b, c = read(listing, single)
    assert isinstance(a, RawDocument) and (a.path, a.source) == (f"{listing}#1", "Reuters")
    assert isinstance(b, RawDocument) and (b.path, b.content_type) == (f"{listing}#2", "html")
    assert c == RawDocument(path=str(single), raw="C", metadata={"extra": [1, 2]})


def test_json_that_holds_no_records(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.json", "[]")
    scalar = write(tmp_path / "scalar.json", "42")
    assert read(empty, scalar) == [
        ItemError(str(empty), "JSON list is empty"),
        ItemError(str(scalar), "JSON must be an object or a list of objects"),
    ]


def test_invalid_json_file(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{"text": "a",\n "oops" }')
    [error] = read(path)
    assert isinstance(error, ItemError) and error.item == str(path)
    assert error.reason.startswith("invalid JSON:") and "line 2" in error.reason


def test_warc_keeps_html_responses_only(tmp_path: Path) -> None:
    data, _ = make_warc(
        [
            ("https://news.example/a", "200 OK", "text/html; charset=utf-8", article(1)),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<p>missing</p>"),
            ("https://news.example/b", "200 OK", "text/html", article(2)),
        ],
        gzip=False,
    )
    path = write(tmp_path / "crawl.warc", data)
    a, b = read(path)
    assert isinstance(a, RawDocument) and isinstance(b, RawDocument)
    assert (a.path, a.url, a.content_type) == (
        f"{path}#https://news.example/a",
        "https://news.example/a",
        "html",
    )
    assert a.raw == article(1).decode() and a.published is None
    assert a.metadata["warc_date"].startswith("20")
    assert b.url == "https://news.example/b"


def test_truncated_warc_gz_keeps_earlier_records(tmp_path: Path) -> None:
    pages = [(f"https://n.example/{n}", "200 OK", "text/html", article(n)) for n in range(3)]
    data, offsets = make_warc(pages, gzip=True)
    path = write(tmp_path / "crawl.warc.gz", data[: offsets[2] + 30])
    first, second, error = read(path)
    assert [d.url for d in docs([first, second])] == ["https://n.example/0", "https://n.example/1"]
    assert isinstance(error, ItemError) and error.item == str(path)
    assert f"byte {offsets[2]}" in error.reason and "2 HTML record(s) before it were kept" in (
        error.reason
    )


def test_warc_cut_inside_a_payload(tmp_path: Path) -> None:
    pages = [(f"https://n.example/{n}", "200 OK", "text/html", article(n)) for n in range(2)]
    data, offsets = make_warc(pages, gzip=False)
    path = write(tmp_path / "cut.warc", data[:-200])
    first, error = read(path)
    assert isinstance(first, RawDocument) and isinstance(error, ItemError)
    assert error.item == f"{path}#https://n.example/1"
    assert f"truncated WARC record at byte {offsets[1]}" in error.reason


def test_warc_without_html(tmp_path: Path) -> None:
    data, _ = make_warc([("https://n.example/x.png", "200 OK", "image/png", b"png")], gzip=True)
    path = write(tmp_path / "images.warc.gz", data)
    assert read(path) == [ItemError(str(path), "WARC has no successful HTML responses")]


def test_feed_file_without_fetching(tmp_path: Path) -> None:
    feed = rss(
        rss_item(
            "https://news.example/1",
            "First",
            "<p>Summary one</p>",
            "Tue, 05 Mar 2024 10:00:00 GMT",
        ),
        rss_item(None, "No link", "Just text"),
        rss_item("https://news.example/3", "Empty"),
    )
    path = write(tmp_path / "feed.xml", feed)
    first, second, third = read(path, fetch_links=False)
    assert first == RawDocument(
        path=f"{path}#1",
        raw="<p>Summary one</p>",
        content_type="html",
        url="https://news.example/1",
        title="First",
        published="2024-03-05",
        source="Example News",
    )
    assert isinstance(second, RawDocument) and second.url is None and second.raw == "Just text"
    assert third == ItemError(f"{path}#3", "feed entry has no content")


def test_feed_with_doctype_subset_is_read_and_entities_stay_inert(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    subset = f'<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol1 "lol">{laughs}'
    feed = rss(
        rss_item("https://news.example/1", "One &xxe;", "Troops crossed the river. &lol9;"),
        rss_item(None, "Two", "Talks opened on Wednesday."),
    ).replace("<rss ", f"<!DOCTYPE rss [{subset}]>\n<rss ", 1)
    items = read(write(tmp_path / "feed.xml", feed), fetch_links=False)
    assert [d.title for d in docs(items)] == ["One &xxe;", "Two"] and not errors(items)
    assert all("root:" not in d.raw and "lollol" not in d.raw for d in docs(items))


def test_atom_feed_detected_without_extension(tmp_path: Path) -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>E</title><link href="https://w.example/e"/>'
        "<updated>2023-12-31T23:00:00Z</updated>"
        '<content type="html">&lt;p&gt;Full&lt;/p&gt;</content></entry></feed>'
    )
    [doc] = read(write(tmp_path / "wire", atom), fetch_links=False)
    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.published, doc.source, doc.raw) == (
        "https://w.example/e",
        "2023-12-31",
        "Wire",
        "<p>Full</p>",
    )


def test_folder_recursion_skips_hidden_and_sorts(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/d.txt", "sub/.e.txt"]:
        write(tmp_path / "in" / name, f"text of {name}")
    paths = [d.path for d in docs(read(tmp_path / "in"))]
    root = tmp_path / "in"
    assert paths == [str(root / "a.txt"), str(root / "b.txt"), str(root / "sub" / "c.txt")]
    assert count_inputs([str(root)]) == 3


def test_glob_and_recursive_glob(tmp_path: Path) -> None:
    for name in ["x/1.txt", "x/2.md", "x/deep/3.txt"]:
        write(tmp_path / name, name)
    flat = [d.path for d in docs(read(f"{tmp_path}/x/*.txt"))]
    deep = [d.path for d in docs(read(f"{tmp_path}/x/**/*.txt"))]
    assert flat == [f"{tmp_path}/x/1.txt"]
    assert deep == [f"{tmp_path}/x/1.txt", f"{tmp_path}/x/deep/3.txt"]


def test_each_file_read_once_across_overlapping_specs(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "once")
    assert len(read(path, tmp_path, f"{tmp_path}/*.txt")) == 1


def test_specs_that_match_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items = read(tmp_path / "missing.txt", f"{tmp_path}/*.nothing", tmp_path / "empty", "ftp://x")
    assert [e.reason for e in errors(items)] == [
        "no such file or folder",
        "no files match this pattern",
        "folder has no files (hidden files are skipped)",
        "unsupported URL scheme 'ftp'; use http(s)",
    ]
    assert items[0] == ItemError(str(tmp_path / "missing.txt"), "no such file or folder")


def test_stdin(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "from a file")
    items = read("-", good, stdin=io.BytesIO(gzip.compress(HTML.encode())))
    assert [(d.path, d.content_type) for d in docs(items)] == [("-", "html"), (str(good), "text")]


def test_stdin_over_the_limit() -> None:
    [error] = read("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10)
    assert error == ItemError(
        "-", "standard input is over the limit of 10 bytes; raise it with --max-bytes"
    )


def test_bad_items_do_not_stop_the_run(tmp_path: Path) -> None:
    write(tmp_path / "1.pdf", b"%PDF-1.4")
    write(tmp_path / "2.txt", "good")
    write(tmp_path / "3.txt", b"")
    write(tmp_path / "4.txt", "also good")
    items = read(tmp_path)
    assert [type(item).__name__ for item in items] == [
        "ItemError",
        "RawDocument",
        "ItemError",
        "RawDocument",
    ]


def test_count_inputs_is_unknown_for_containers_and_urls(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "a")
    write(tmp_path / "b.jsonl", "{}")
    assert count_inputs([str(tmp_path / "a.txt"), "-"]) == 2
    assert count_inputs([str(tmp_path)]) is None
    assert count_inputs(["https://example.com/"]) is None
