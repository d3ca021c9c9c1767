"""Bytes to text: encodings, binary rejection, gzip and limits."""

from __future__ import annotations

import codecs
import gzip

import pytest

from triangulate.errors import InputError
from triangulate.ingest.decode import binary_kind, charset_of, check_size, decode, peek, to_plain

CYRILLIC = (
    "Войска вошли в город утром. Местные жители сообщили о перестрелке возле вокзала. "
    "По данным администрации, пострадали три человека."
)
FRENCH = "Le président a déclaré que la décision était définitive. Réaction à Genève."


def reason(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return excinfo.value.reason


def test_utf8_and_boms() -> None:
    assert decode("a", "héllo".encode()).text == "héllo"
    assert decode("a", codecs.BOM_UTF8 + "héllo".encode()).text == "héllo"
    assert decode("a", "héllo".encode("utf-16")).text == "héllo"


def test_cp1251_cyrillic_is_detected() -> None:
    assert decode("a", CYRILLIC.encode("cp1251")).text == CYRILLIC


def test_latin1_is_detected() -> None:
    assert decode("a", FRENCH.encode("latin-1")).text == FRENCH


def test_declared_charset_beats_guessing_on_short_text() -> None:
    short = "Привет, мир"
    assert decode("a", short.encode("cp1251"), charset="windows-1251").text == short
    html = f'<html><head><meta charset="windows-1251"></head><body>{short}</body></html>'
    assert short in decode("a", html.encode("cp1251")).text


def test_undecodable_bytes_are_rejected() -> None:
    with pytest.raises(InputError) as excinfo:
        decode("a", bytes(range(0x80, 0x100)) * 4)
    assert "encoding" in reason(excinfo)


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01", "ELF"),
        (b"some text\x00with NULs", "NUL"),
        (bytes(range(1, 9)) * 20, "control"),
    ],
)
def test_binary_is_rejected_with_its_kind(data: bytes, label: str) -> None:
    with pytest.raises(InputError) as excinfo:
        decode("f.txt", data)
    assert reason(excinfo).startswith("binary file (")
    assert label in reason(excinfo)
    assert reason(excinfo).endswith("not text")


def test_pdf_reason_wording() -> None:
    assert binary_kind(b"%PDF-1.4") == "PDF"
    with pytest.raises(InputError, match=r"binary file \(PDF\), not text"):
        decode("x.pdf", b"%PDF-1.4 ...")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n"])
def test_empty_and_whitespace(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file"):
        decode("a", data)


def test_gzip_is_decompressed_including_multiple_members() -> None:
    data = gzip.compress(b"<html>one</html>") + gzip.compress(b"<p>two</p>")
    assert to_plain("a", data, max_bytes=1000) == b"<html>one</html><p>two</p>"
    assert to_plain("a", b"plain", max_bytes=1000) == b"plain"


def test_truncated_gzip_is_an_error() -> None:
    data = gzip.compress(b"hello world " * 1000)
    with pytest.raises(InputError, match="truncated gzip"):
        to_plain("a.gz", data[: len(data) // 2], max_bytes=10**6)


def test_gzip_bomb_hits_the_limit() -> None:
    with pytest.raises(InputError, match="--max-bytes"):
        to_plain("a.gz", gzip.compress(b"\0" * 100_000), max_bytes=1000)


def test_peek_tolerates_truncation() -> None:
    data = gzip.compress(b"WARC/1.0\r\n" + b"x" * 10_000)
    assert peek(data[:40]).startswith(b"WARC/1.0")
    assert peek(b"\x1f\x8bnot gzip") == b""


def test_size_message_names_size_limit_and_option() -> None:
    with pytest.raises(InputError) as excinfo:
        check_size("big.html", 2_500_000, 1_000_000)
    assert reason(excinfo) == (
        "file is 2,500,000 bytes, over the limit of 1,000,000 bytes; raise it with --max-bytes"
    )


def test_charset_of() -> None:
    assert charset_of('text/html; charset="KOI8-R"') == "KOI8-R"
    assert charset_of("text/html") is None
    assert charset_of(None) is None


def test_one_bad_byte_keeps_a_utf8_file_utf8() -> None:
    damaged = CYRILLIC[:20].encode() + b"\xff" + CYRILLIC[20:].encode()
    decoded = decode("a", damaged)
    assert decoded.text == CYRILLIC[:20] + "\ufffd" + CYRILLIC[20:]
    assert (decoded.encoding, decoded.replaced_bytes) == ("utf-8", 1)


def test_replaced_bytes_are_counted_not_replacement_characters() -> None:
    # A literal U+FFFD is valid text; a cut three-byte sequence is two bad bytes, one U+FFFD.
    data = "Уже \ufffd было ".encode() * 3 + "“".encode()[:2] + " конец".encode()
    decoded = decode("a", data)
    assert decoded.text.count("\ufffd") == 4 and decoded.replaced_bytes == 2


def test_legacy_code_pages_are_still_detected_and_recorded() -> None:
    assert decode("a", CYRILLIC.encode("cp1251")).encoding == "cp1251"
    decoded = decode("a", "Привет, мир".encode("cp1251"), charset="windows-1251")
    assert (decoded.encoding, decoded.replaced_bytes) == ("cp1251", 0)
