"""RawDocument -> Document: clean body text plus metadata with evidence.

The clean text is built here once and becomes the coordinate system for every
later span, so it is assembled paragraph by paragraph with heading offsets
recorded as it grows.
"""

from __future__ import annotations

from triangulate.clean.boilerplate import Block, classify_paragraphs, tokens
from triangulate.clean.comments import HTML_COMMENTS
from triangulate.clean.dates import find_full_date
from triangulate.clean.html import PARSER_MAX_DEPTH, HtmlExtraction, extract_html
from triangulate.clean.identity import document_id
from triangulate.clean.language import detect_language
from triangulate.clean.metadata import (
    Candidate,
    PageStamp,
    byline_from,
    choose,
    date_candidates,
    dateline_candidates,
    find_lead_dateline,
    find_page_stamp,
    source_candidates,
    split_header_fields,
)
from triangulate.clean.normalize import fold_for_matching, normalise_text
from triangulate.clean.paragraphs import split_paragraphs
from triangulate.errors import InputError
from triangulate.models import Document, Evidence, RawDocument, Span
from triangulate.resources.outlets import OutletLexicon, load_outlets

PARAGRAPH_SEPARATOR = "\n\n"


def clean_document(raw: RawDocument, lexicon: OutletLexicon | None = None) -> Document:
    """Clean one raw document; raises `InputError` when no article text is left."""
    lexicon = lexicon or load_outlets()
    html = extract_html(raw.raw, raw.url) if raw.content_type == "html" else None
    header, rest = split_header_fields(normalise_text(html.text if html else raw.raw))
    blocks = classify_paragraphs(split_paragraphs(rest), from_html=html is not None)
    stated_title = raw.title or header.get("title") or (html.title if html else None)
    blocks = _drop_masthead(blocks, lexicon, stated_title)
    blocks, stamps = _split_page_stamps(blocks)
    text, headings = _assemble(blocks)
    if len(tokens(text)) < 3:
        if html and html.too_deep:
            raise InputError(
                raw.path,
                f"the page is nested too deeply to read (elements more than {PARSER_MAX_DEPTH} "
                "levels deep are cut off by the HTML parser); save it as text and ingest that",
            )
        raise InputError(raw.path, "no article text found after removing boilerplate")

    all_paragraphs = [block.text for block in blocks]
    body = [block.text for block in blocks if block.kind == "body"]
    lead = find_lead_dateline(body)
    dateline, lead_byline = lead if lead else (None, None)

    # A page's markup dates its text better than stamps left in the extracted body.
    stated = [*_stated_dates(raw, html), *_stamp_dates(stamps)]
    dates = date_candidates(header, [] if html else all_paragraphs, stated)
    dates += dateline_candidates(dates, dateline, all_paragraphs)
    published = choose(dates)
    source = choose(
        source_candidates(
            all_paragraphs, lexicon, dateline, _stated_sources(raw, html, lexicon, header)
        )
    )
    title, title_evidence = _title(raw, html, header, blocks)

    metadata = dict(raw.metadata)
    metadata["dropped"] = [
        *({"text": t, "reason": HTML_COMMENTS} for t in (html.comments if html else [])),
        *({"text": b.text, "reason": b.reason} for b in blocks if b.kind == "boilerplate"),
    ]
    return Document(
        id=document_id(text),
        path=raw.path,
        text=text,
        raw=raw.raw,
        content_type=raw.content_type,
        url=raw.url or header.get("url"),
        title=title,
        title_evidence=title_evidence,
        byline=header.get("author")
        or header.get("byline")
        or (html.author if html else None)
        or byline_from(all_paragraphs)
        or lead_byline,
        dateline=dateline.place if dateline else None,
        source=source[0] if source else None,
        source_evidence=source[1] if source else None,
        published=published[0] if published else None,
        published_evidence=published[1] if published else None,
        language=(html.language if html else None) or detect_language(text),
        headings=headings,
        metadata=metadata,
    )


def _drop_masthead(
    blocks: list[Block], lexicon: OutletLexicon, stated_title: str | None
) -> list[Block]:
    """The outlet's name on a line of its own, and the headline when the input's own
    fields already give it, are page furniture rather than article text."""
    title_key = fold_for_matching(stated_title) if stated_title else None
    relabelled = []
    for block in blocks:
        if block.kind != "boilerplate" and lexicon.canonical(block.text):
            block = Block(block.text, "boilerplate", "outlet name")
        elif block.kind in ("title", "heading") and fold_for_matching(block.text) == title_key:
            block = Block(block.text, "title")
        relabelled.append(block)
    return relabelled


def _split_page_stamps(blocks: list[Block]) -> tuple[list[Block], list[PageStamp]]:
    """Cut the page's own place-and-time stamp off the paragraphs it starts: it dates
    the page and is no part of the article."""
    out: list[Block] = []
    stamps: list[PageStamp] = []
    for block in blocks:
        stamp = find_page_stamp(block.text) if block.kind == "body" else None
        if stamp is None or len(block.text) - stamp.length < 1:
            out.append(block)
            continue
        stamps.append(stamp)
        out.append(Block(stamp.surface, "boilerplate", "page date stamp"))
        out.append(Block(block.text[stamp.length :], block.kind))
    return out, stamps


def _stamp_dates(stamps: list[PageStamp]) -> list[Candidate]:
    return [Candidate(stamp.date, "page date stamp", stamp.surface, 0.85) for stamp in stamps]


def _assemble(blocks: list[Block]) -> tuple[str, list[Span]]:
    """Join body and heading paragraphs, recording where each heading lands."""
    parts: list[str] = []
    headings: list[Span] = []
    offset = 0
    for block in blocks:
        if block.kind not in ("body", "heading"):
            continue
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        if block.kind == "heading":
            headings.append(Span(offset, offset + len(block.text)))
        parts.append(block.text)
        offset += len(block.text)
    return PARAGRAPH_SEPARATOR.join(parts), headings


def _stated_dates(raw: RawDocument, html: HtmlExtraction | None) -> list[Candidate]:
    found = []
    if raw.published and (parsed := find_full_date(raw.published)):
        found.append(Candidate(parsed[0], "stated by the input's own fields", raw.published, 0.9))
    if html and html.date:
        # The finder's confidence ranks its own rules; any answer of it beats no date.
        weight = 0.5 + 0.5 * html.date_confidence
        found.append(Candidate(html.date, f"html: {html.date_rule}", html.date, weight))
    return found


def _stated_sources(
    raw: RawDocument, html: HtmlExtraction | None, lexicon: OutletLexicon, header: dict[str, str]
) -> list[Candidate]:
    found = []
    for value, rule, weight in (
        (raw.source, "stated by the input's own fields", 0.9),
        (header.get("source"), "header field 'source'", 0.9),
        (html.sitename if html else None, "html site name", 0.6),
    ):
        if value:
            found.append(Candidate(lexicon.canonical(value) or value, rule, value, weight))
    url = raw.url or header.get("url")
    if outlet := lexicon.from_url(url):
        found.append(Candidate(outlet, "url domain", url or "", 0.7))
    return found


def _title(
    raw: RawDocument, html: HtmlExtraction | None, header: dict[str, str], blocks: list[Block]
) -> tuple[str | None, Evidence | None]:
    for value, rule, weight in (
        (raw.title, "stated by the input's own fields", 0.9),
        (header.get("title"), "header field 'title'", 0.9),
        (html.title if html else None, "html title", 0.8),
    ):
        if value:
            return value, Evidence(rule, value, weight)
    for block in blocks:
        if block.kind == "title":
            return block.text, Evidence("first heading-like line before the text", block.text, 0.7)
    return None, None
