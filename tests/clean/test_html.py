"""extract_html and find_publication_date on small pages written here."""

from datetime import date

import pytest
import urllib3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triangulate.clean.html import extract_html, find_publication_date, parse_date_value

BODY = [
    "The river rose two metres overnight and forced the evacuation of three villages "
    "along its eastern bank, the regional authorities said on Tuesday morning.",
    "Rescue teams worked through the night with boats borrowed from local fishermen, "
    "and by dawn more than four hundred residents had been moved to a school gymnasium.",
    "Officials said the water level was expected to fall slowly over the coming days, "
    "but warned that more rain was forecast for the mountains upstream this weekend.",
]
SUBHEAD = "Shelters are full"
LATER = (
    "The school can take no more people, a volunteer said, and a second shelter will "
    "open in the town hall once the heating there has been repaired by the engineers."
)


def page(head: str = "", body_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in BODY)
    return f"""<!DOCTYPE html><html lang="en-GB"><head>
<title>River floods three villages | Valley News</title>
<meta property="og:site_name" content="Valley News">
<meta name="author" content="Ana Lopez">{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport and more sport</a></li></ul></nav>
<article><h1>River floods three villages</h1>{paragraphs}
<h2>{SUBHEAD}</h2><p>{LATER}</p>{body_extra}</article>
<footer><p>Copyright 2020 Valley News Media Group. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>"""


def test_body_is_kept_and_navigation_and_footer_dropped() -> None:
    result = extract_html(page())
    for text in [*BODY, LATER]:
        assert text in result.text
    assert "Sport and more sport" not in result.text
    assert "All rights reserved" not in result.text


def test_paragraphs_and_headings_are_separate_and_headline_is_not_body() -> None:
    result = extract_html(page())
    paragraphs = result.text.split("\n\n")
    assert paragraphs == [*BODY, SUBHEAD, LATER]
    assert result.headings == [SUBHEAD]


def test_metadata() -> None:
    result = extract_html(page(), "https://news.example/floods")
    assert result.title == "River floods three villages"
    assert result.author == "Ana Lopez"
    assert result.sitename == "Valley News"
    assert result.language == "en"


def test_json_ld_date_is_found() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org",'
        '"@type": "NewsArticle", "headline": "River floods",'
        '"datePublished": "2020-06-28T09:16:15+02:00"}</script>'
    )
    result = extract_html(page(head=ld))
    assert (result.date, result.date_rule) == ("2020-06-28", "json-ld datePublished")
    assert 0.5 < result.date_confidence <= 1.0


def test_meta_date_and_url_date() -> None:
    meta = '<meta property="article:published_time" content="2019-11-18T10:00:00-05:00">'
    assert find_publication_date(page(head=meta))[:2] == (
        "2019-11-18",
        "meta article:published_time",
    )
    assert find_publication_date(page(), "https://news.example/2018/03/09/floods")[:2] == (
        "2018-03-09",
        "url",
    )


def test_utc_timestamp_takes_the_local_day_another_source_gives() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        '"datePublished": "2020-02-18T02:18:11Z"}</script>'
    )
    found, rule, _ = find_publication_date(page(head=ld), "https://news.example/2020/02/17/x")
    assert found == "2020-02-17"
    assert rule == "url (local day of json-ld datePublished)"


def test_future_dates_are_not_publication_dates() -> None:
    meta = '<meta property="article:published_time" content="2031-01-05T10:00:00Z">'
    found, _, _ = find_publication_date(page(head=meta), not_after=date(2030, 1, 1))
    assert found is None


def test_page_without_date_gives_none() -> None:
    result = extract_html(page())
    assert (result.date, result.date_rule, result.date_confidence) == (None, "none", 0.0)


def test_written_dates_in_markup() -> None:
    cases = {
        "2020-12-05T23:15:0Z": "2020-12-05",
        "20201123T11:02:35Z": "2020-11-23",
        "Sun, 28 Jun 2020 21:16:15 GMT": "2020-06-28",
        "1588388070": "2020-05-02",
        "06 Dicembre 2020": "2020-12-06",
    }
    for value, expected in cases.items():
        stamp = parse_date_value(value)
        assert stamp is not None and stamp.day.isoformat() == expected, value
    assert parse_date_value("no date here") is None
    assert parse_date_value("2020-02-30") is None


def test_malformed_html_does_not_raise() -> None:
    for html in ["", "<", "<p>unclosed <b>bold", "\x00\x01garbage", "<div>" * 3000, page()[:700]]:
        result = extract_html(html)
        assert isinstance(result.text, str)
    assert extract_html("").text == ""


def test_text_that_looks_like_a_url_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_html made a request")

    monkeypatch.setattr(urllib3.PoolManager, "urlopen", no_network)
    for text in ["http://example.org/2020/01/02/story", "https://example.org", "httpx"]:
        assert extract_html(text).text == ""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdhtmlp&;#\n\x00é")), max_size=300))
def test_arbitrary_markup_does_not_raise(html: str) -> None:
    result = extract_html(html)
    assert result.date is None or len(result.date) == 10
