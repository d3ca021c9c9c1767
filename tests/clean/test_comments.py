"""Reader comments leave the clean text, stay in the raw input and are recorded as dropped."""

import pytest

from triangulate.clean.comments import (
    COMMENT_MARKER,
    COMMENT_SECTION,
    HTML_COMMENTS,
    SUBMISSION_FORM,
    prune_comment_containers,
)
from triangulate.clean.document import clean_document
from triangulate.clean.html import _parse
from triangulate.errors import InputError
from triangulate.models import Document, RawDocument

ARTICLE = [
    "Kaldorian Army shells Zhelvar",
    "ZHELVAR, Tresna, March 15 (Meridian) - Kaldorian artillery shelled the Tresnian town of "
    "Zhelvar overnight, killing at least 12 civilians, the regional governor said on Sunday.",
    "The Tresnian defence ministry said 40 shells hit the town centre and the railway depot. "
    "Kaldoria's defence ministry declined to comment.",
    "In comments to reporters in Amaret, a Kaldorian spokesman said the army had struck only "
    "military targets and that the casualty figures were invented.",
    "Asked for comment on the shelling, the Halden Institute said it could not verify either "
    "side's figures.",
]
POSTS = [
    "Aren't two wars enough?",
    "The real toll is 300 dead, everyone in Zhelvar knows it.",
    "Kaldoria will never admit anything, just like in 2009.",
]


def clean(text: str, content_type: str = "text") -> Document:
    return clean_document(RawDocument(path="page", raw=text, content_type=content_type))  # type: ignore[arg-type]


def dropped(document: Document, reason: str) -> list[str]:
    return [d["text"] for d in document.metadata["dropped"] if d["reason"] == reason]


def assert_article_kept(document: Document) -> None:
    for paragraph in ARTICLE[1:]:
        assert paragraph in document.text


def assert_comments_gone(document: Document, raw: str) -> None:
    for post in POSTS:
        assert post not in document.text
        assert post in raw


def test_thread_after_a_count_line_with_usernames_and_buttons() -> None:
    raw = "\n\n".join(
        [
            *ARTICLE,
            "3 comments",
            "lena_k 3 hours ago",
            POSTS[0],
            "Reply | Report abuse",
            "harsk_watcher 2 hours ago",
            POSTS[1],
            "Like (4)",
            "Posted by dolvar99 at 10:32 on 15 March 2031",
            POSTS[2],
            "Reply",
        ]
    )
    document = clean(raw)
    assert_article_kept(document)
    assert_comments_gone(document, raw)
    assert set(POSTS) <= set(dropped(document, COMMENT_SECTION))
    assert {"3 comments", "Reply | Report abuse", "Like (4)"} <= set(
        dropped(document, COMMENT_MARKER)
    )


def test_signed_posts_without_a_heading_open_the_section() -> None:
    raw = "\n\n".join(
        [
            *ARTICLE,
            f"At 08:32 16th Mar 2031, kestrel wrote: {POSTS[1]}",
            POSTS[2],
        ]
    )
    document = clean(raw)
    assert_article_kept(document)
    assert POSTS[1] not in document.text and POSTS[2] not in document.text


def test_dated_posts_run_into_each_other_and_end_at_the_closing_notice() -> None:
    footer = (
        "Meridian Wire Service is an independent news agency with bureaus in Amaret, Harsk "
        "and Sedrin, founded in 1998."
    )
    raw = "\n\n".join(
        [
            *ARTICLE,
            "Views expressed in the comments are the readers' own.",
            f"16th March 2031 - 09:12 {POSTS[0]}",
            f"{POSTS[1]} 16th March 2031 - 08:40 {POSTS[2]}",
            "This discussion is now closed.",
            footer,
        ]
    )
    document = clean(raw)
    assert_article_kept(document)
    assert_comments_gone(document, raw)
    assert footer in document.text


def test_comment_counter_in_a_share_bar_does_not_swallow_the_article() -> None:
    bar = ["Share | Tweet", "Comments (12)", "Post a comment"]
    raw = "\n\n".join([ARTICLE[0], ARTICLE[1], *bar, *ARTICLE[2:]])
    document = clean(raw)
    assert_article_kept(document)
    assert "Comments (12)" not in document.text


def test_article_paragraphs_about_comments_are_kept() -> None:
    raw = "\n\n".join(
        [
            *ARTICLE,
            "Comments by the Kaldorian envoy drew criticism in Sedrin, where the foreign minister "
            "said the remarks showed contempt for the dead.",
            "The Tresnian president wrote: “We will rebuild every house in Zhelvar.”",
        ]
    )
    document = clean(raw)
    assert_article_kept(document)
    assert "Comments by the Kaldorian envoy" in document.text
    assert "We will rebuild every house" in document.text
    assert not dropped(document, COMMENT_SECTION)


def test_submission_form_lines_are_dropped_but_not_the_question_above_them() -> None:
    question = "Are you in Zhelvar? Have you been affected by the shelling?"
    raw = "\n\n".join(
        [
            *ARTICLE,
            question,
            "Send us your comments and experiences using the form below.",
            "If you have a large file you can upload it here.",
            "Your contact details will never be published.",
        ]
    )
    document = clean(raw)
    assert question in document.text
    assert len(dropped(document, SUBMISSION_FORM)) == 3


def test_html_comment_containers_that_the_extractor_keeps_are_removed_and_recorded() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE[1:])
    thread = (
        '<section class="article-discussion js-comments"><h3>Reader posts</h3>'
        f"<div><b>lena_k</b><p>{POSTS[0]}</p></div>"
        f'<div itemscope itemtype="https://schema.org/Comment"><p>{POSTS[1]}</p></div>'
        "</section>"
        f'<div class="talk"><div class="entry" itemprop="comment"><p>{POSTS[2]}</p></div></div>'
    )
    html = (
        "<html><head><title>Kaldorian Army shells Zhelvar</title></head><body>"
        f"<article><h1>{ARTICLE[0]}</h1>{body}{thread}</article></body></html>"
    )
    document = clean(html, "html")
    assert_article_kept(document)
    assert_comments_gone(document, document.raw)
    recorded = dropped(document, HTML_COMMENTS)
    assert {"Reader posts", "lena_k", *POSTS} <= set(recorded)


def test_a_comment_named_wrapper_holding_the_article_is_kept() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE[1:])
    html = (
        '<html><body><div class="post has-comments">'
        f'{body}<ol class="commentlist"><li><p>{POSTS[0]}</p></li></ol></div></body></html>'
    )
    tree = _parse(html)
    assert tree is not None
    assert prune_comment_containers(tree) == [POSTS[0]]
    assert ARTICLE[1] in tree.text_content()


def test_too_deeply_nested_page_says_so() -> None:
    depth = 50_000
    html = f"<html><body>{'<div>' * depth}<p>{ARTICLE[1]}</p>{'</div>' * depth}</body></html>"
    with pytest.raises(InputError, match="nested too deeply"):
        clean(html, "html")


def test_a_comment_named_noscript_is_removed_whole() -> None:
    """A <noscript id="comments"> is both the container and code to skip."""
    html = (
        f'<html><body><p>{ARTICLE[1]}</p><noscript id="disqus_comments">'
        f"<p>{POSTS[0]}</p></noscript></body></html>"
    )
    tree = _parse(html)
    assert tree is not None
    prune_comment_containers(tree)
    assert POSTS[0] not in tree.text_content()
    assert ARTICLE[1] in tree.text_content()


def test_containers_nested_in_a_removed_container_are_skipped() -> None:
    """lxml keeps removed subtrees in the document; dropping one again used to assert."""
    html = (
        f"<html><body><p>{ARTICLE[1]}</p><div class='comments-wrapper'>"
        f"<div id='comments'><p>{POSTS[0]}</p><script id='comments_sso'></script></div>"
        "</div></body></html>"
    )
    tree = _parse(html)
    assert tree is not None
    assert prune_comment_containers(tree) == [POSTS[0]]
    assert ARTICLE[1] in tree.text_content()
