"""Reader comments and other user-generated text, in markup and in copied text.

Readers' posts are not the outlet's reporting: a comment quoting a death toll
must never become a claim, nor two readers agreeing a corroboration. Pages mark
their comment sections in two ways this module reads. In HTML the thread sits
in a container named for it (``comments``, ``disqus_thread``, ``respond``,
schema.org ``Comment``); in text copied from a page it follows a marker line
("12 comments", "Post a comment", "Showing 1-10 of 57 comments", a moderation
notice) or starts with the posts' own headers ("At 08:32 6th Mar 2031, kestrel
wrote:", "lena_k 3 hours ago", "Reply | Report abuse"). A section opens only
after the article's first paragraph of prose and only on enough evidence, so a
comment counter in a share bar above the text never swallows the article, and
ends at a closing notice ("Comments are closed") or at the end of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml.etree import iterwalk
from lxml.html import HtmlElement

COMMENT_SECTION = "reader comment section"
COMMENT_MARKER = "comment section marker"
SUBMISSION_FORM = "reader submission form"
HTML_COMMENTS = "reader comments (html comment container)"

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_DAY}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet))?"
_RELATIVE = (
    r"(?:\d+|an?|one)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w|"
    r"months?|years?|yrs?)\s+ago|just now|yesterday(?:\s+at\s+" + _CLOCK + r")?"
)
_HANDLE = r"@?[^\W\d][\w.'’-]{1,30}(?:\s+[\w.'’-]{1,20}){0,2}"
_STAMP = rf"(?:{_DATE}\s*(?:[-–—|,]|at)?\s*{_CLOCK}|{_CLOCK}\s*(?:[-–—|,]|on)?\s*{_DATE})"

# A post signed with a clock time and a date: enough on its own.
_SIGNED_POST = re.compile(
    rf"^(?:(?:at|on|posted)\s+)?{_STAMP}\s*,?\s*(?:by\s+)?{_HANDLE}\s+(?:wrote|writes|replied|"
    r"commented|said)\s*:",
    re.IGNORECASE,
)
# A post's header: "<date> - <time> text" (also run into the previous post),
# "kestrel wrote:", a username line with a time, "Posted by kestrel at 10:32".
_POST_STAMP = re.compile(rf"(?:^|[\w.!?\"”)]\s)\s*{_DATE}\s*[-–—]\s*{_CLOCK}\s+\S", re.IGNORECASE)
_WROTE = re.compile(rf"^{_HANDLE}\s+(?:wrote|writes|replied)\s*:", re.IGNORECASE)
_HANDLE_LINE = re.compile(
    rf"^{_HANDLE}\s*[|·•,-]?\s*(?:{_RELATIVE}|{_STAMP}|{_DATE})$|^posted by\s+{_HANDLE}"
    rf"\s*(?:\||at|on|,)\s*(?:{_STAMP}|{_DATE}|{_CLOCK})",
    re.IGNORECASE,
)
# Buttons and counters under a post; parts may be joined ("Reply | Report abuse").
_ACTION = re.compile(
    r"^(?:reply|replies|report(?: as)?(?: abuse| comment| this comment| post)?|"
    r"flag(?: as inappropriate)?|like|likes|unlike|recommend(?:ed)?|upvote|downvote|vote up|"
    r"vote down|permalink|quote|"
    r"(?:like|likes|recommend|recommendations|reply|replies|points?|votes?)\s*\(?\d+\)?|"
    r"\d+\s+(?:likes?|repl(?:y|ies)|recommendations?|points?|votes?|people liked this)|"
    r"(?:view|show|load|see|hide)\s+(?:more\s+|all\s+|\d+\s+)?(?:replies|comments)(?:\s*\(\d+\))?|"
    r"sort(?: comments)? by:?\s*(?:newest|oldest|best|top|popular)\w*|"
    r"(?:newest|oldest) first)$",
    re.IGNORECASE,
)
_REMOVED_POST = re.compile(
    r"^this (?:comment|post) (?:was|has been) (?:removed|deleted|hidden)", re.IGNORECASE
)
_PART_SEPARATORS = re.compile(r"\s*[|·•]\s*")

# A heading over the thread: it needs posts after it to open a section.
_LABEL = re.compile(
    r"^(?:comments?|\d+\s+comments?|comments?\s*\(\d+\)|comments?:|(?:reader|readers'?|user|"
    r"your)\s+comments|post (?:a|your) comment|add (?:a |your )?comment|write a comment|"
    r"leave a (?:comment|reply)|show comments|view comments|join the (?:conversation|"
    r"discussion|debate)|have your say|discussion(?:\s*\(\d+\))?|kommentare(?:\s*\(\d+\))?|"
    r"комментарии(?:\s*\(\d+\))?|commentaires(?:\s*\(\d+\))?|comentarios(?:\s*\(\d+\))?|评论)$",
    re.IGNORECASE,
)
# Notices that only stand over (or inside) a thread: they open one on their own.
_NOTICE = re.compile(
    r"^showing\s+(?:\d+\s*[-–]\s*)?\d+\s+of\s+\d+\s+comments|views expressed in (?:the )?comments|"
    r"\bwe welcome comments\b|\b(?:all )?(?:posts|comments) are (?:\w+-)?moderated|"
    r"\b(?:sign in|log in|login|register)\b[^.]{0,60}\bto (?:comment|post a comment|reply)\b|"
    r"\bcomments? (?:that|which) (?:break|breach|violate)",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:this (?:discussion|thread|conversation|comment section) (?:is|has been) (?:now )?"
    r"closed|comments? (?:are|is|have been) (?:now )?(?:closed|disabled|turned off)|"
    r"commenting (?:is|has been) (?:now )?(?:closed|disabled))"
    r"|(?:^|(?<=[.!?\s]))this (?:discussion|thread|comment section) (?:is|has been) "
    r"(?:now )?closed\b",
    re.IGNORECASE,
)
# An invitation to send the newsroom comments or pictures: the form, not a thread.
_FORM = re.compile(
    r"\b(?:send|share|submit|tell|e-?mail) us your (?:comments|views|thoughts|experiences|"
    r"stories|pictures)|\byour comments? (?:may|will|might) be (?:published|edited|moderated)|"
    r"\bselection of your comments\b|\b(?:may|will) edit your comments\b|"
    r"\bcomments?\b[^.]{0,40}\busing the form below\b|"
    r"\byour (?:contact details|e-?mail(?: address)?) will (?:never|not) be (?:published|shown)",
    re.IGNORECASE,
)

_MARKER_WORDS = 60
_WINDOW = 10
_FORM_SPAN = 5


def mark_comment_sections(
    paragraphs: Sequence[str], reasons: list[str], is_prose: Callable[[str], bool]
) -> None:
    """Set the reason of every paragraph in a reader comment section, of the comment
    machinery's own lines (counters, buttons, notices) and of submission forms;
    `reasons` is changed in place."""
    weights = [_signal_weight(p) for p in paragraphs]
    first_prose = next(
        (i for i, p in enumerate(paragraphs) if not reasons[i] and weights[i] == 0 and is_prose(p)),
        len(paragraphs),
    )
    i = first_prose + 1
    while i < len(paragraphs):
        # Headings confirm nothing: a share bar may hold "Comments (12)" and "Post a comment".
        nearby = range(i + 1, min(i + 1 + _WINDOW, len(paragraphs)))
        evidence = weights[i] + sum(weights[j] for j in nearby if not _LABEL.match(paragraphs[j]))
        if weights[i] and evidence >= 2:
            i = _mark_section(paragraphs, reasons, i)
        else:
            i += 1
    for i, text in enumerate(paragraphs):
        if weights[i] and _is_marker(text):
            reasons[i] = COMMENT_MARKER
        elif not reasons[i] and _is_form(text):
            _mark_form(paragraphs, reasons, i)


def _mark_section(paragraphs: Sequence[str], reasons: list[str], start: int) -> int:
    """Mark from `start` up to a closing notice (and the notices right after it);
    return the index after the section. Lines other rules dropped keep their reason."""
    end = start
    while end < len(paragraphs) and not _is_closing(paragraphs[end]):
        end += 1
    while end + 1 < len(paragraphs) and _is_marker(paragraphs[end + 1]):
        end += 1
    for j in range(start, min(end + 1, len(paragraphs))):
        reasons[j] = reasons[j] or COMMENT_SECTION
    return end + 1


def _mark_form(paragraphs: Sequence[str], reasons: list[str], start: int) -> None:
    """A submission form's lines, and the short lines between two of them."""
    last = start
    for j in range(start + 1, min(start + 1 + _FORM_SPAN, len(paragraphs))):
        if _is_form(paragraphs[j]):
            last = j
    for j in range(start, last + 1):
        if not reasons[j]:
            reasons[j] = SUBMISSION_FORM


def _signal_weight(text: str) -> int:
    """How strongly one paragraph says a comment thread is here: 2 opens a section on its
    own, 1 needs another sign nearby, 0 is no sign."""
    if len(text.split()) > 400:
        return 0
    if _SIGNED_POST.match(text) or (_short(text) and (_NOTICE.search(text) or _is_closing(text))):
        return 2
    if _POST_STAMP.search(text) or _WROTE.match(text) or _REMOVED_POST.match(text):
        return 1
    if len(text.split()) <= 12 and (_HANDLE_LINE.match(text) or _is_action(text)):
        return 1
    return 1 if _LABEL.match(text) else 0


def _short(text: str) -> bool:
    return len(text.split()) <= _MARKER_WORDS


def _is_action(text: str) -> bool:
    parts = [p for p in _PART_SEPARATORS.split(text.strip()) if p]
    return bool(parts) and all(_ACTION.match(p) for p in parts)


def _is_closing(text: str) -> bool:
    return _short(text) and bool(_CLOSING.search(text))


def _is_marker(text: str) -> bool:
    """A line of the comment machinery itself, never a reader's words."""
    return _short(text) and bool(
        _LABEL.match(text) or _NOTICE.search(text) or _is_closing(text) or _is_action(text)
    )


def _is_form(text: str) -> bool:
    return _short(text) and bool(_FORM.search(text))


_CONTAINER_NAME = re.compile(
    r"(?<![A-Za-z])[Cc]omments?(?![a-z])|(?<=[a-z])Comments?(?![a-z])|[Cc]omment_?list|disqus|dsq-|livefyre|fb-comments|"
    r"spot-?im|openweb|viafoura|coral-talk|talk-stream|^respond$|^replies$|^reader-?posts?$"
)
_COMMENT_TYPE = re.compile(r"schema\.org/(?:Comment|UserComments)\b")
_NEVER_PRUNED = {"html", "body", "main", "article"}
_MAX_SHARE = 0.5
_BLOCK_TAGS = {
    *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
    *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol"),
    *("p", "pre", "section", "table", "td", "th", "tr", "ul"),
}


def prune_comment_containers(tree: HtmlElement) -> list[str]:
    """Remove comment containers from `tree` in place; return their paragraphs.

    A container holding most of the page's text is the article itself with a
    comment-flavoured class (``has-comments``), so it is left alone; comment
    containers inside it are still removed.
    """
    total = len(_squash(tree.text_content())) or 1
    dropped: list[str] = []
    for element in list(tree.iter()):
        if not _is_comment_container(element) or not _still_under(tree, element):
            continue
        if len(_squash(element.text_content())) > _MAX_SHARE * total:
            continue
        dropped.extend(_paragraphs(element))
        element.drop_tree()
    return dropped


def _still_under(tree: HtmlElement, element: HtmlElement) -> bool:
    """Whether `element` hangs below `tree`, not inside a container already removed.

    A removed subtree stays in lxml's document, so ``getroottree()`` cannot tell.
    """
    top = next(iter(reversed(list(element.iterancestors()))), None)
    return top is tree


def _is_comment_container(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNED:
        return False
    names = f"{element.get('id') or ''} {element.get('class') or ''}".split()
    if any(_CONTAINER_NAME.search(name) for name in names):
        return True
    marks = f"{element.get('itemtype') or ''} {element.get('typeof') or ''}"
    return bool(_COMMENT_TYPE.search(marks)) or element.get("itemprop") == "comment"


def _paragraphs(element: HtmlElement) -> list[str]:
    """The text of a removed container, one entry per block of text inside it."""
    for code in list(element.iter("script", "style", "noscript", "template")):
        if code is not element:  # a comment-named <noscript> is itself the container
            code.drop_tree()
    pieces: list[str] = []
    for event, node in iterwalk(element, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        block = node.tag in _BLOCK_TAGS
        if event == "start":
            pieces.append(("\n" if block else "") + (node.text or ""))
        elif node is not element:
            pieces.append(("\n" if block else "") + (node.tail or ""))
    return [line for line in (_squash(x) for x in "".join(pieces).split("\n")) if line]


def _squash(text: str) -> str:
    return " ".join(text.split())
