"""The article links of a site section page (a list of the latest reports).

A section page links to much besides articles: navigation, tags, other sections,
sign-in, other sites. An article link is taken to be one on the page's own host
(``www.`` aside) whose path goes deeper than a section's: at least two path
segments, the last one a slug of several words or carrying a number, and whose
anchor text reads like a headline (three words or more). Links are returned once
each, in page order, without fragments.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError

MIN_HEADLINE_WORDS = 3
_SLUG_WORD = re.compile(r"[A-Za-z0-9]+")
_NON_ARTICLE = re.compile(
    r"/(?:tag|tags|topic|topics|author|authors|category|section|search|login|signin|"
    r"subscribe|account|page)/",
    re.IGNORECASE,
)


def article_links(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the article links on a section page at `base_url`."""
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return []
    host = _host(base_url)
    base = urldefrag(base_url).url
    found: dict[str, None] = {}
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urldefrag(urljoin(base_url, href.strip())).url
        if url == base or _host(url) != host or url in found:
            continue
        words = anchor.text_content().split()
        if len(words) >= MIN_HEADLINE_WORDS and _looks_like_article(url):
            found[url] = None
    return list(found)


def _host(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return host.removeprefix("www.") if parts.scheme in ("http", "https") else ""


def _looks_like_article(url: str) -> bool:
    path = urlsplit(url).path
    if _NON_ARTICLE.search(path + "/"):
        return False
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2:
        return False
    last = re.sub(r"\.[A-Za-z]{2,5}$", "", segments[-1])
    return len(_SLUG_WORD.findall(last)) >= 3 or any(c.isdigit() for c in last)
