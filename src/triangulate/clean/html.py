"""Main text and metadata of a news page's HTML.

Body text comes from trafilatura, whose output is turned into paragraphs with
headings kept apart; the publication date comes from the page's own structured
markup first and from htmldate's heuristics only when the markup says nothing,
because declared dates are right far more often than dates guessed from text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import NamedTuple

import dateparser
import htmldate
import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError, _Element, iterwalk
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from triangulate.clean.comments import prune_comment_containers

MIN_DATE = date(1995, 1, 1)
# libxml2 stops building the tree at this depth and drops what lies deeper.
PARSER_MAX_DEPTH = 256


@dataclass(frozen=True)
class HtmlExtraction:
    """What a page says: its body text, headings and metadata."""

    text: str
    headings: list[str]
    title: str | None
    author: str | None
    sitename: str | None
    date: str | None
    date_rule: str
    date_confidence: float
    language: str | None
    comments: list[str]
    too_deep: bool


def _parse(html: str) -> _Element | None:
    """A tolerant parse; None when there is no document at all."""
    try:
        tree = load_html(html)
    except (ValueError, TypeError, ParserError):
        tree = None
    if tree is None:
        try:
            tree = lxml_html.fromstring(f"<html><body>{html}</body></html>")
        except (ValueError, ParserError):
            return None
    return tree


@dataclass(frozen=True)
class DateStamp:
    """A date (and time, if written) as the markup states it; ``utc`` marks a UTC
    timestamp, whose day may not be the publisher's local day."""

    moment: datetime
    utc: bool

    @property
    def day(self) -> date:
        return self.moment.date()


_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"
    r"(?:[T\s|]+(\d{1,2})[:h](\d{1,2})(?::\d{1,2}(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2})[\d:.]*)?(Z)?$")
_EPOCH_RE = re.compile(r"^\d{10}(\d{3})?$")
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
_UTC_NAMES = {"Z", "UTC", "GMT", "+0000", "-0000", "+00:00", "-00:00"}


def parse_date_value(value: str) -> DateStamp | None:
    """Read a date written in markup: ISO 8601 and its variants, RFC 2822, epoch
    seconds, and as a last resort any language's written dates (dateparser)."""
    value = value.strip()
    if not value:
        return None
    if match := _ISO_RE.search(value):
        parts = [int(g or 0) for g in match.groups()[:5]]
        return _stamp(parts, (match[6] or "").upper() in _UTC_NAMES)
    if match := _COMPACT_RE.match(value):
        return _stamp([int(g or 0) for g in match.groups()[:5]], bool(match[6]))
    if _EPOCH_RE.match(value):
        moment = datetime.fromtimestamp(int(value[:10]), tz=UTC)
        return DateStamp(moment.replace(tzinfo=None), True)
    try:
        parsed: datetime | None = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = dateparser.parse(value[:100], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return DateStamp(parsed.replace(tzinfo=None), parsed.utcoffset() == timedelta(0))


def _stamp(parts: list[int], utc: bool) -> DateStamp | None:
    try:
        year, month, day, hour, minute = parts
        return DateStamp(datetime(year, month, day, hour, minute), utc)
    except (ValueError, TypeError):
        return None


_ARTICLE_TYPES = re.compile(r"article|posting|report|creativework", re.IGNORECASE)
_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article:published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
)
_META_PUBLISHED_LIKE = re.compile(r"publish|pub_?date|issued|created|creation|release", re.I)
_META_NOT_PUBLISHED = re.compile(r"modif|updat|expir|publisher|revision|principles", re.I)
_URL_DATE_RE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|$)"
    r"|[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)


def _json_ld_dates(tree: _Element) -> Iterator[tuple[str, str]]:
    """(rule, value) for every datePublished in JSON-LD, article types first."""
    found: list[tuple[int, str, str]] = []
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        for obj in _json_objects(data):
            kind = obj.get("@type")
            kind_text = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            is_article = bool(_ARTICLE_TYPES.search(kind_text))
            for key in ("datePublished", "dateCreated"):
                value = obj.get(key)
                if isinstance(value, str):
                    rank = (0 if is_article else 2) + (key == "dateCreated")
                    found.append((rank, f"json-ld {key}", value))
    for _, rule, value in sorted(found, key=lambda item: item[0]):
        yield rule, value


def _json_objects(data: object) -> Iterator[dict[str, object]]:
    """Every JSON object in a JSON-LD document, outer ones first."""
    queue = [data]
    while queue:
        node = queue.pop(0)
        if isinstance(node, dict):
            yield node
            queue.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            queue.extend(node)


def _meta_dates(tree: _Element) -> Iterator[tuple[str, str]]:
    """(rule, value) for publication-date meta tags, well-known names first."""
    known: list[tuple[int, str, str]] = []
    other: list[tuple[str, str]] = []
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content") or meta.get("datetime") or ""
        if not key or not value:
            continue
        if key in _META_PUBLISHED:
            known.append((_META_PUBLISHED.index(key), f"meta {key}", value))
        elif _META_PUBLISHED_LIKE.search(key) and not _META_NOT_PUBLISHED.search(key):
            other.append((f"meta {key}", value))
    yield from ((rule, value) for _, rule, value in sorted(known, key=lambda item: item[0]))
    yield from other


def _element_dates(tree: _Element) -> Iterator[tuple[str, str]]:
    """(rule, value) from itemprop=datePublished elements and <time> marked as published."""
    for element in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        yield "itemprop datePublished", value
    for element in tree.iterfind(".//time"):
        marks = " ".join(element.get(a) or "" for a in ("class", "itemprop", "id")).lower()
        if element.get("pubdate") is not None or "publish" in marks:
            yield "time pubdate", element.get("datetime") or element.text_content()


def _url_date(url: str | None) -> Iterator[tuple[str, str]]:
    """A full date written in the URL path, e.g. /2020/06/28/ or -20200628-."""
    if url and (match := _URL_DATE_RE.search(url)):
        parts = match.groups()[:3] if match[1] else match.groups()[3:]
        yield "url", "-".join(parts)


_PLAUSIBLE_OFFSETS = (timedelta(hours=-10), timedelta(hours=14))


def find_publication_date(
    html: str, url: str | None = None, *, not_after: date | None = None
) -> tuple[str | None, str, float]:
    """(YYYY-MM-DD or None, rule that found it, confidence) for a page.

    Dates declared in markup come first (JSON-LD, meta tags, itemprop, <time>),
    then a date in the URL, then htmldate: declared dates score best on the
    benchmark, and htmldate's text heuristics are right less often. Dates after
    ``not_after`` (the fetch day) or before 1995 are skipped; without a fetch day,
    declared dates are taken as declared and only htmldate's guesses are bounded
    by today. A bare 1 January found only by htmldate's extensive search is taken
    for a copyright year, not a date.
    """
    latest_declared = not_after or date.max
    latest = not_after or date.today()
    tree = _parse(html)
    if tree is None:
        return None, "none", 0.0
    declared = [*_json_ld_dates(tree), *_meta_dates(tree), *_element_dates(tree), *_url_date(url)]
    candidates = [
        (rule, stamp)
        for rule, value in declared
        if (stamp := parse_date_value(value)) and MIN_DATE <= stamp.day <= latest_declared
    ]
    guess = _htmldate(html, url, latest, extensive=False)
    if candidates:
        day, rule = _local_day(candidates)
        found = day.isoformat()
        agreeing = sum(stamp.day == day for _, stamp in candidates) - 1 + (guess == found)
        confidence = 0.8 + 0.1 * min(agreeing, 1) - (0.2 if guess and guess != found else 0.0)
        return found, rule, round(confidence, 2)
    if guess:
        return guess, "htmldate", 0.6
    guess = _htmldate(html, url, latest, extensive=True)
    if guess and not guess.endswith("-01-01"):
        return guess, "htmldate extensive", 0.3
    return None, "none", 0.0


def _local_day(candidates: list[tuple[str, DateStamp]]) -> tuple[date, str]:
    """The first candidate's day, unless it is a UTC timestamp and another candidate
    gives the day that timestamp falls on in some real time zone: that one is the
    publisher's local day (e.g. 02:18Z is still the previous evening in America)."""
    rule, first = candidates[0]
    if not first.utc or first.moment.time() == datetime.min.time():
        return first.day, rule
    earliest = (first.moment + _PLAUSIBLE_OFFSETS[0]).date()
    latest = (first.moment + _PLAUSIBLE_OFFSETS[1]).date()
    for other_rule, other in candidates[1:]:
        if other.day != first.day and earliest <= other.day <= latest:
            return other.day, f"{other_rule} (local day of {rule})"
    return first.day, rule


def _htmldate(html: str, url: str | None, latest: date, *, extensive: bool) -> str | None:
    """htmldate's guess for the original date, bounded by ``latest``.

    It gets bytes, never a str: htmldate downloads a str that starts with "http",
    and page text must never cause a request.
    """
    try:
        return htmldate.find_date(
            html.encode("utf-8", errors="replace"),
            url=url,
            original_date=True,
            extensive_search=extensive,
            min_date=datetime.combine(MIN_DATE, datetime.min.time()),
            max_date=datetime.combine(latest, datetime.max.time()),
        )
    except (ValueError, TypeError):
        return None


def extract_html(
    html: str, url: str | None = None, *, not_after: date | None = None
) -> HtmlExtraction:
    """Body text, headings and metadata of one page; text is "" when nothing was found.

    Never raises on malformed markup: what cannot be read is left empty.
    """
    tree = _parse(html)
    language = _language(tree)
    too_deep = tree is not None and _depth(tree) >= PARSER_MAX_DEPTH
    comments = prune_comment_containers(tree) if tree is not None else []
    body_html = (
        lxml_html.tostring(tree, encoding="unicode") if comments and tree is not None else html
    )
    meta = _metadata(tree, url)
    blocks = _drop_boilerplate(_drop_headline(_body_blocks(body_html, url), meta.get("title")))
    found, rule, confidence = find_publication_date(html, url, not_after=not_after)
    return HtmlExtraction(
        text="\n\n".join(block.text for block in blocks),
        headings=[block.text for block in blocks if block.heading],
        title=meta.get("title"),
        author=meta.get("author"),
        sitename=meta.get("sitename"),
        date=found,
        date_rule=rule,
        date_confidence=confidence,
        language=language,
        comments=comments,
        too_deep=too_deep,
    )


def _depth(tree: _Element) -> int:
    """How many levels of elements the parsed tree has, in one walk."""
    depth = deepest = 0
    for event, _ in iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


class _Block(NamedTuple):
    """One paragraph of the body, or a heading."""

    text: str
    heading: bool


def _body_blocks(html: str, url: str | None) -> list[_Block]:
    """The main text as blocks, from trafilatura's precision mode, which scores best
    on the benchmark; its default mode only when precision finds nothing."""
    return _trafilatura_blocks(html, url, precision=True) or _trafilatura_blocks(
        html, url, precision=False
    )


def _trafilatura_blocks(html: str, url: str | None, *, precision: bool) -> list[_Block]:
    """trafilatura's text split into lines, marking the lines that were <h*> headings."""
    try:
        document = trafilatura.bare_extraction(
            html, url=url, include_comments=False, favor_precision=precision
        )
    except (ValueError, TypeError, ParserError):
        return []
    if not isinstance(document, Document) or document.body is None:
        return []
    headings = {_squash(xmltotxt(head, False)) for head in document.body.iter("head")}
    lines = (_squash(line) for line in xmltotxt(document.body, False).split("\n"))
    return [_Block(line, line in headings) for line in lines if line]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _drop_headline(blocks: list[_Block], title: str | None) -> list[_Block]:
    """Drop the headline repeated at the top of the body: the title is kept apart.

    Within the first two blocks, a heading sharing most of its words with the
    title, or a line that is the title's beginning (at least four words of it,
    so that a dateline such as "WASHINGTON" stays), is the headline.
    """
    if not title:
        return blocks
    title_words = _words(title)
    for index, block in enumerate(blocks[:2]):
        words = _words(block.text)
        common = set(words) & set(title_words)
        shared = len(common) / max(1, min(len(set(words)), len(set(title_words))))
        starts_title = bool(words) and words == title_words[: len(words)]
        if (block.heading and shared >= 0.7) or (
            starts_title and len(words) >= min(4, len(title_words))
        ):
            return blocks[:index] + blocks[index + 1 :]
    return blocks


_TEASER_RE = re.compile(
    r"^(related|read more|see more|see also|more|also read|read also|don't miss|watch)\s*:", re.I
)
_CALL_TO_ACTION_RE = re.compile(
    r"\b(subscrib(e|ing)|newsletters?|all rights reserved|copyright \d{4}|you may also like"
    r"|follow (us|\w+) on (twitter|facebook|instagram|linkedin|youtube|tiktok)"
    r"|filed under|share this|listen (live|back)|get access|if you enjoyed"
    r"|related (stories|articles|content|coverage|posts))\b|©",
    re.I,
)
_SHORT_BLOCK_WORDS = 40
_TAIL_BLOCKS = 3


def _drop_boilerplate(blocks: list[_Block]) -> list[_Block]:
    """Drop link teasers ("Related: ...") anywhere, and calls to subscribe, follow or
    share and copyright lines at the end, which trafilatura often keeps."""
    kept = [b for b in blocks if not (_TEASER_RE.match(b.text) and len(_words(b.text)) <= 25)]
    for _ in range(_TAIL_BLOCKS):
        if kept and _is_trailing_boilerplate(kept[-1].text):
            kept.pop()
    return kept


def _is_trailing_boilerplate(text: str) -> bool:
    return (
        not text.startswith("- ")
        and len(_words(text)) <= _SHORT_BLOCK_WORDS
        and bool(_CALL_TO_ACTION_RE.search(text))
    )


def _metadata(tree: _Element | None, url: str | None) -> dict[str, str | None]:
    """Title, author and site name as trafilatura reads them."""
    if tree is None:
        return {}
    try:
        document = trafilatura.extract_metadata(tree, default_url=url, extensive=False)
    except (ValueError, TypeError):
        return {}
    return {"title": document.title, "author": document.author, "sitename": document.sitename}


def _language(tree: _Element | None) -> str | None:
    """The language the page declares (html lang, content-language, og:locale)."""
    if tree is None:
        return None
    declared = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in {"content-language", "og:locale", "language", "dc.language"}:
            declared.append(meta.get("content"))
    for value in declared:
        if value and (match := re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|\s*$)", value)):
            return match[1].lower()
    return None
