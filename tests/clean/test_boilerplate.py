from triangulate.clean.boilerplate import classify_paragraphs


def kinds(paragraphs: list[str], **options: bool) -> list[str]:
    return [block.kind for block in classify_paragraphs(paragraphs, **options)]


PROSE = "The council met on Monday and agreed to extend the curfew by two weeks in the north."
MORE = "Officials said the measure would be reviewed at the end of the month, citing security."


def test_menu_run_and_footer_are_dropped_in_any_language() -> None:
    paragraphs = [
        PROSE,
        MORE,
        "Главная",
        "Новости",
        "Политика",
        "Спорт",
        "© 2031 Вестник. Все права защищены.",
    ]
    assert kinds(paragraphs) == ["body", "body"] + ["boilerplate"] * 5


def test_heading_followed_by_prose_is_kept_and_trailing_headlines_are_dropped() -> None:
    blocks = classify_paragraphs(
        [PROSE, "Curfew extended in the north", MORE, "Rebels claim new gains near the river"]
    )
    assert [b.kind for b in blocks] == ["body", "heading", "body", "boilerplate"]
    assert blocks[3].reason == "headline with no text after it"


def test_first_heading_before_prose_is_the_title() -> None:
    assert kinds(["Curfew extended in the north", PROSE, MORE]) == ["title", "body", "body"]


def test_widgets_markers_credits_and_stamps() -> None:
    paragraphs = [
        "Share this article",
        "ADVERTISEMENT",
        PROSE,
        "SHA KA",
        MORE,
        "Source: Northwire Editor: Ana Petrova",
        "14:20 GMT+2, 2031-03-18",
        "Comments (12)",
        "Read more: Rebels claim new gains",
    ]
    blocks = classify_paragraphs(paragraphs)
    assert [b.kind for b in blocks] == [
        "boilerplate",
        "boilerplate",
        "body",
        "boilerplate",
        "body",
    ] + ["boilerplate"] * 4
    assert blocks[5].reason == "credit line"
    assert blocks[6].reason == "timestamp"


def test_repeated_header_block_and_teaser_are_dropped() -> None:
    teaser = "The council agreed on Monday to extend the curfew by two weeks in the north."
    full = (
        "The council agreed on Monday to extend the curfew by two weeks in the north, "
        "after a night of shelling near the border crossing."
    )
    blocks = classify_paragraphs(["Curfew extended", teaser, "Curfew extended", full, MORE])
    assert [b.reason for b in blocks][1:3] == ["teaser copy of a later paragraph", "repeated block"]
    assert blocks[3].kind == "body"


def test_html_text_keeps_short_list_items() -> None:
    items = ["Water", "Food", "Medicine"]
    assert kinds([PROSE, *items, MORE], from_html=True) == ["body"] * 5
    assert kinds([PROSE, *items, MORE]) == ["body"] + ["boilerplate"] * 3 + ["body"]


def test_quote_headline_without_period_is_a_heading() -> None:
    headline = "Capital: “We will not give up a single village”"
    assert kinds([PROSE, headline, MORE]) == ["body", "heading", "body"]
