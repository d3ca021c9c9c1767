"""Paragraph-level boilerplate removal for text copied from web pages.

Each paragraph is labelled `body`, `heading`, `title` or `boilerplate` (with
the reason). The rules are structural first, so they hold in any language:
short lines without sentence punctuation that come in runs are menus, one
that is followed by prose is a heading, one that is followed by nothing is a
related-article headline or a widget. A small multilingual lexicon catches
copyright and licence lines, share widgets, ad markers and credit lines;
reader comment sections are found by `comments`. Repeated header blocks and
teaser copies of a later paragraph are dropped as duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from triangulate.clean.comments import mark_comment_sections
from triangulate.clean.paragraphs import ends_sentence

BlockKind = Literal["body", "heading", "title", "boilerplate"]

_WORD = re.compile(r"\w+")

_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|rights reserved|reproduction (?:in whole or in part )?"
    r"(?:is )?(?:prohibited|forbidden)|republication|may not be (?:published|reproduced|"
    r"redistributed|rewritten)|\bICP\s*[证备]|许可证|公网安备|版权所有|"
    r"все права защищены|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados|privacy policy|terms of (?:use|service)|"
    r"cookie (?:policy|settings)|impressum|datenschutz",
    re.IGNORECASE,
)
_WIDGET = re.compile(
    r"^(?:share(?: this| the)?(?: article| story| page| on \w+)?|tweet|print|e-?mail|"
    r"read more|read also|see also|also read|"
    r"related(?: articles| stories| news| content| coverage)?|more on this(?: story)?|"
    r"recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|"
    r"follow us(?: on \w+)?|subscribe\b.*|sign (?:up|in)\b.*|log ?in|register\b.*|"
    r"newsletter\b.*|advertisement\b.*|advertising|sponsored(?: content)?|"
    r"scroll (?:down )?to continue\b.*|continue reading\b.*|click here\b.*|"
    r"download (?:our|the) app\b.*|back to top|top|skip to (?:main )?content|"
    r"читайте также.*|реклама|поделиться|anzeige|werbung|teilen|"
    r"mehr zum thema.*|publicité|partager|lire aussi.*|publicidad|compartir|leer más.*|"
    r"广告|分享|相关新闻|返回顶部)$",
    re.IGNORECASE,
)
_LINKED_LIST = re.compile(
    r"^(?:read more|read also|see also|also read|related|more|watch|listen|"
    r"читайте также|lire aussi|leer más|mehr zum thema)\s*[:|»>›-]\s*\S",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(?:source|editors?|photo(?:graph)?s?|images?|credits?|reporting by|editing by|"
    r"writing by|additional reporting by|translated by|edited by)\s*[:：]",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+\w", re.IGNORECASE)
_DASH_CREDIT = re.compile(r"^[—–-]\s*[^\W\d][\w.'’&]*(?:\s+[\w.'’&]+){0,4}$")
_NAV_SEPARATORS = re.compile(r"\s+[|/»›>•·]\s+|\s*\|\s*")
_DATE_OR_TIME = re.compile(
    r"\d{1,4}[-./:]\d{1,2}(?:[-./:]\d{1,4})?|utc|gmt|[ap]\.?m\.?|\b(?:mon|tue|wed|thu|fri|sat|"
    r"sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d+\b",
    re.IGNORECASE,
)

_SHORT_TOKENS = 4
_LONG_PROSE_TOKENS = 20
_TEASER_CONTAINMENT = 0.7
_FOOTER_TOKENS = 15


@dataclass(frozen=True)
class Block:
    """A paragraph with its label and, for boilerplate, the rule that dropped it."""

    text: str
    kind: BlockKind
    reason: str = ""


def classify_paragraphs(paragraphs: list[str], *, from_html: bool = False) -> list[Block]:
    """Label every paragraph; the result has one `Block` per input paragraph, in order.

    Text already extracted from HTML has lost its menus and header blocks but may
    hold lists of short items and repeated lines, so only the lexical rules
    apply to it.
    """
    reasons = [_lexical_reason(p, strict=not from_html) for p in paragraphs]
    mark_comment_sections(paragraphs, reasons, is_prose)
    if not from_html:
        _mark_menu_runs(paragraphs, reasons)
        _mark_duplicates(paragraphs, reasons)
        _mark_footer_after_credit(paragraphs, reasons)
    return _place_headings(paragraphs, reasons, drop_orphans=not from_html)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def is_prose(text: str) -> bool:
    """Running text: ends like a sentence with a few words, or is long anyway."""
    n = len(tokens(text))
    return (ends_sentence(text) and n >= 4) or n >= _LONG_PROSE_TOKENS


def _is_short_fragment(text: str) -> bool:
    return len(tokens(text)) <= _SHORT_TOKENS and not ends_sentence(text)


def _lexical_reason(text: str, *, strict: bool) -> str:
    """The boilerplate rule a paragraph matches on its own, or '' when none does.

    `strict` adds the shape rules (navigation, stamps, lone words, markers)
    that only hold for text copied from a rendered page.
    """
    words = tokens(text)
    if not words:
        return "no words"
    if len(words) < 40 and _COPYRIGHT.search(text):
        return "copyright or legal line"
    if _WIDGET.match(text) or _LINKED_LIST.match(text):
        return "widget or link list"
    if _CREDIT.match(text):
        return "credit line"
    if _BYLINE.match(text) and len(words) <= 16 and not ends_sentence(text):
        return "byline"
    if _DASH_CREDIT.match(text):
        return "credit line"
    if not strict:
        return ""
    if _is_navigation(text, words):
        return "navigation"
    if len(words) <= 12 and _is_timestamp(text):
        return "timestamp"
    if len(words) == 1 and not ends_sentence(text):
        return "isolated word"
    letters = [c for c in text if c.isalpha()]
    if (
        len(words) <= 3
        and letters
        and all(c.isupper() for c in letters)
        and not ends_sentence(text)
    ):
        return "ad or section marker"
    return ""


def _is_navigation(text: str, words: list[str]) -> bool:
    """Menu items or breadcrumbs joined by separators ('News / World', 'About | Contact')."""
    parts = [p for p in _NAV_SEPARATORS.split(text) if p.strip()]
    if len(parts) < 2 or ends_sentence(text):
        return False
    if all(len(tokens(p)) <= 3 for p in parts):
        return True
    return len(parts) >= 3 and sum(len(tokens(p)) <= 4 for p in parts) >= 0.7 * len(parts)


def _is_timestamp(text: str) -> bool:
    """A line that is a date or time with at most a word or two around it."""
    if not re.search(r"\d", text):
        return False
    rest = _DATE_OR_TIME.sub(" ", text)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 2


def _mark_menu_runs(paragraphs: list[str], reasons: list[str]) -> None:
    """Three or more short fragments in a row (boilerplate between them allowed) are a menu."""
    run: list[int] = []
    for i, text in enumerate([*paragraphs, "."]):
        if i < len(paragraphs) and (reasons[i] or _is_short_fragment(text)):
            run.append(i)
            continue
        fragments = [j for j in run if not reasons[j]]
        if len(fragments) + sum(reasons[j] == "navigation" for j in run) >= 3:
            for j in fragments:
                reasons[j] = "menu"
        run = []


def _mark_footer_after_credit(paragraphs: list[str], reasons: list[str]) -> None:
    """After an article's closing credit ('— Meridian', 'Source: X'), a tail of short
    lines is the site's footer, in whatever language it is written."""
    credits = [i for i, reason in enumerate(reasons) if reason == "credit line"]
    if not credits:
        return
    tail = [i for i in range(credits[-1] + 1, len(paragraphs)) if not reasons[i]]
    if all(len(tokens(paragraphs[i])) <= _FOOTER_TOKENS for i in tail):
        for i in tail:
            reasons[i] = "footer after the closing credit"


def _mark_duplicates(paragraphs: list[str], reasons: list[str]) -> None:
    """Drop a page header copied twice and a standfirst that repeats the first paragraph.

    Only the header zone (everything before the second paragraph of prose) is
    searched for repeats: further down, repeated lines are the article's own
    (recipes, pull quotes, refrains).
    """
    prose = [i for i, p in enumerate(paragraphs) if not reasons[i] and is_prose(p)]
    header_end = prose[1] if len(prose) > 1 else len(paragraphs)
    seen: set[str] = set()
    for i in range(header_end):
        key = " ".join(tokens(paragraphs[i].casefold()))
        if key in seen and not reasons[i]:
            reasons[i] = "repeated block"
        seen.add(key)
    if not prose:
        return
    first = prose[0]
    own = _shingles(paragraphs[first])
    for j in range(first + 1, len(paragraphs)):
        other = _shingles(paragraphs[j])
        if (
            len(own) >= 6
            and len(other) > len(own)
            and len(own & other) >= _TEASER_CONTAINMENT * len(own)
        ):
            reasons[first] = "teaser copy of a later paragraph"
            return


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = tokens(text.casefold())
    return {tuple(words[k : k + 3]) for k in range(len(words) - 2)}


def _place_headings(
    paragraphs: list[str], reasons: list[str], *, drop_orphans: bool
) -> list[Block]:
    """Short unpunctuated lines are headings when prose follows, otherwise boilerplate.

    Without `drop_orphans` such lines are kept as body text instead of dropped.
    """
    kept = [i for i in range(len(paragraphs)) if not reasons[i]]
    candidates = {
        i
        for i in kept
        if not ends_sentence(paragraphs[i]) and len(tokens(paragraphs[i])) < _LONG_PROSE_TOKENS
    }
    kinds: dict[int, BlockKind] = {}
    first_prose = next((i for i in kept if is_prose(paragraphs[i])), None)
    above_text = [i for i in kept if i in candidates and (first_prose is None or i < first_prose)]
    for pos, i in enumerate(kept):
        if i not in candidates:
            kinds[i] = "body"
            continue
        following = kept[pos + 1 :]
        ahead = [j for j in following[:3] if j not in candidates]
        run = _candidate_run_length(kept, pos, candidates)
        orphan = not ahead or not is_prose(paragraphs[ahead[0]])
        if (orphan or run >= 3) and not drop_orphans:
            kinds[i] = "body"
        elif orphan:
            reasons[i] = "headline with no text after it"
        elif i in above_text and i != above_text[-1]:
            reasons[i] = "page header above the title"
        elif i in above_text:
            kinds[i] = "title"
        elif run >= 3:
            reasons[i] = "list of headlines"
        else:
            kinds[i] = "heading"
    return [
        Block(text, "boilerplate", reasons[i]) if reasons[i] else Block(text, kinds[i])
        for i, text in enumerate(paragraphs)
    ]


def _candidate_run_length(kept: list[int], pos: int, candidates: set[int]) -> int:
    """How many heading candidates stand together around position `pos` of `kept`."""
    start = pos
    while start > 0 and kept[start - 1] in candidates:
        start -= 1
    end = pos
    while end + 1 < len(kept) and kept[end + 1] in candidates:
        end += 1
    return end - start + 1
