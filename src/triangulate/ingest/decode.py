"""Bytes to text: size limits, gzip, binary rejection and charset detection.

Inputs come from anywhere (scrapes, exports, stdin), so nothing here trusts a
declared encoding over the bytes: UTF-8 and BOMs first, then what the document
or server declares, then statistical detection, and binary junk is refused
with a reason instead of becoming mojibake downstream.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

from triangulate.errors import InputError
from triangulate.models import RawDocument

GZIP_MAGIC = b"\x1f\x8b"

# Formats people drop into an input folder by mistake, by their first bytes.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP or Office document"),
    (b"PK\x05\x06", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh91AY&SY", "bzip2 archive"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in real text (tab, newlines, form feed and ESC do).
_CONTROL = bytes(set(range(32)) - set(b"\t\n\v\f\r\x1b")) + b"\x7f"
_CONTROL_RATIO = 0.1
_SNIFF = 8192
# Valid non-ASCII characters needed per invalid byte to read bytes as damaged UTF-8
# rather than a legacy code page (where valid multi-byte sequences are rare accidents).
_UTF8_EVIDENCE = 4
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def too_large(size: int | None, max_bytes: int, what: str = "file") -> str:
    """The message for an input over the limit, saying how to raise it."""
    stated = f"{size:,} bytes, over" if size is not None else "over"
    return f"{what} is {stated} the limit of {max_bytes:,} bytes; raise it with --max-bytes"


def check_size(name: str, size: int, max_bytes: int, what: str = "file") -> None:
    """Refuse an input larger than the limit before anything reads it all."""
    if size > max_bytes:
        raise InputError(name, too_large(size, max_bytes, what))


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def peek(data: bytes, size: int = 4096) -> bytes:
    """The first bytes of the content, decompressed if gzipped, without failing.

    Format sniffing needs only a prefix, and must work on archives that are
    truncated further on (their readers report that, with context).
    """
    if not is_gzip(data):
        return data[:size]
    try:
        return zlib.decompressobj(wbits=31).decompress(data[: size * 64], size)
    except zlib.error:
        return b""


def to_plain(name: str, data: bytes, *, max_bytes: int, what: str = "file") -> bytes:
    """Decompress gzip (all members) if present, enforcing the limit on the output."""
    if not is_gzip(data):
        return data
    out = bytearray()
    rest = data
    while rest.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(wbits=31)
        try:
            out += inflater.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise InputError(name, f"corrupt gzip data ({exc}); re-download the {what}") from None
        if len(out) > max_bytes:
            raise InputError(name, too_large(None, max_bytes, f"decompressed {what}"))
        if not inflater.eof:
            raise InputError(name, f"truncated gzip data; the {what} is cut off, re-download it")
        rest = inflater.unused_data
    return bytes(out)


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary content, or None when the bytes may be text."""
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return label
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(sample.count(byte) for byte in _CONTROL)
    if controls > _CONTROL_RATIO * len(sample):
        return "mostly control characters"
    return None


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _CHARSET.search(content_type.encode("latin-1", "replace"))
    return match.group(1).decode("ascii") if match else None


@dataclass(frozen=True)
class Decoded:
    """Text and how it was obtained, so a document can say when its bytes were not clean UTF-8."""

    text: str
    encoding: str = "utf-8"
    replaced_bytes: int = 0

    def annotate(self, doc: RawDocument, what: str = "file") -> RawDocument:
        """`doc` with its decoding recorded in its metadata, unless the bytes were clean UTF-8.

        Records the encoding used and the bytes replaced with U+FFFD, and adds a
        warning (which the ingest summary shows) when any byte was replaced.
        """
        if self.encoding == "utf-8" and not self.replaced_bytes:
            return doc
        doc.metadata["encoding"] = self.encoding
        doc.metadata["replaced_bytes"] = self.replaced_bytes
        if self.replaced_bytes:
            doc.warn(
                f"{self.replaced_bytes} byte(s) not valid UTF-8 replaced with U+FFFD; "
                f"the rest of the {what} is UTF-8"
            )
        return doc


def decode(name: str, data: bytes, *, charset: str | None = None, what: str = "file") -> Decoded:
    """Decode plain (already decompressed) bytes to text, or raise InputError saying why not.

    `charset` is what a server or container declared; it is tried after UTF-8
    because mislabelled UTF-8 is far more common than the reverse.
    """
    if not data.strip():
        raise InputError(name, f"empty {what}")
    kind = binary_kind(data)
    if kind:
        raise InputError(name, f"binary {what} ({kind}), not text")
    decoded = _decode_text(data, charset)
    if decoded is None:
        raise InputError(
            name,
            f"could not detect the text encoding; convert the {what} to UTF-8",
        )
    if not decoded.text.strip():
        raise InputError(name, f"empty {what}")
    return decoded


def _decode_text(data: bytes, charset: str | None) -> Decoded | None:
    if data.startswith(codecs.BOM_UTF8):
        text, replaced, _ = _utf8_replacing(data[len(codecs.BOM_UTF8) :])
        return Decoded(text, "utf-8", replaced)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # One bad byte in a UTF-8 file must not turn the whole file into mojibake.
    text, replaced, valid_non_ascii = _utf8_replacing(data)
    if valid_non_ascii >= _UTF8_EVIDENCE * replaced:
        return Decoded(text, "utf-8", replaced)
    for declared in (charset, _declared_in(data)):
        if declared:
            try:
                return Decoded(data.decode(declared), codecs.lookup(declared).name)
            except (LookupError, UnicodeDecodeError):
                continue
    best = from_bytes(data).best()
    return Decoded(str(best), best.encoding) if best is not None else None


def _utf8_replacing(data: bytes) -> tuple[str, int, int]:
    """UTF-8 text with invalid bytes replaced, how many bytes were, and how many
    non-ASCII characters were valid (the evidence that the bytes are UTF-8 at all).

    Counted without a per-error loop: valid bytes re-encode to themselves and
    each inserted U+FFFD to three bytes; literal U+FFFDs in the input are valid.
    """
    text = data.decode("utf-8", errors="replace")
    inserted = text.count("\ufffd") - data.count("\ufffd".encode())
    replaced = len(data) - (len(text.encode("utf-8")) - 3 * inserted)
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text, replaced, non_ascii - inserted


def _declared_in(data: bytes) -> str | None:
    """The encoding an HTML meta tag or XML declaration states near the top."""
    head = data[:2048]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None
