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

from charset_normalizer import from_bytes

from triangulate.errors import InputError

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


def decode(name: str, data: bytes, *, charset: str | None = None, what: str = "file") -> str:
    """Decode plain (already decompressed) bytes to text, or raise InputError saying why not.

    `charset` is what a server or container declared; it is tried after UTF-8
    because mislabelled UTF-8 is far more common than the reverse.
    """
    if not data.strip():
        raise InputError(name, f"empty {what}")
    kind = binary_kind(data)
    if kind:
        raise InputError(name, f"binary {what} ({kind}), not text")
    text = _decode_text(data, charset)
    if text is None:
        raise InputError(
            name,
            f"could not detect the text encoding; convert the {what} to UTF-8",
        )
    if not text.strip():
        raise InputError(name, f"empty {what}")
    return text


def _decode_text(data: bytes, charset: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for declared in (charset, _declared_in(data)):
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                continue
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def _declared_in(data: bytes) -> str | None:
    """The encoding an HTML meta tag or XML declaration states near the top."""
    head = data[:2048]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None
