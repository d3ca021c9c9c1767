"""Reports from the fictional fixture: every cited sentence is shown, every link resolves."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from triangulate.models import Document
from triangulate.report import build_report, load_report_data
from triangulate.report.data import UNKNOWN_SIDE, ReportData, report_data_from_rows
from triangulate.report.map import outlines_path, render_map
from triangulate.report.markdown import escape
from triangulate.store import Store

PNG = b"\x89PNG\r\n\x1a\n"


def data_of(tables: dict[str, list[dict[str, Any]]]) -> ReportData:
    return report_data_from_rows(tables, outlet_sides={"Daily Courier": "UA"})


def test_markdown_shows_every_cited_sentence_under_its_anchor(tables, tmp_path: Path) -> None:
    data = data_of(tables)
    text = build_report(data, "md", tmp_path / "r.md").read_text("utf-8")
    docs = {d["id"]: d["text"] for d in tables["documents"]}
    assert data.sources
    for key, source in data.sources.items():
        assert source["text"] == docs[source["doc_id"]][source["start"] : source["end"]]
        assert escape(source["text"]) in text
        assert f'<a id="s-{key.replace(":", "-")}"></a>' in text
    targets = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links and links <= targets
    assert (tmp_path / "r-map-1.png").read_bytes().startswith(PNG)
    assert "(r-map-1.png)" in text


def test_markdown_sections(tables, tmp_path: Path) -> None:
    text = build_report(data_of(tables), "md", tmp_path / "r.md").read_text("utf-8")
    assert "2031-05-03 (inferred)" in text  # d2 has only an inferred date
    assert "**1,200 km²**" in text and "**700 km²**" in text and "Borel Institute" in text
    assert "2: Daily Courier, Northwire" in text  # corroborated by two independent outlets
    assert "#### Ukraine (UA)" in text and "#### Russian Federation (RU)" in text
    assert "Kiev regime ×1" in text and "buffer zone ×1" in text
    assert "\\<at all\\>" in text  # Markdown specials escaped


def test_html_is_self_contained_and_escaped(tables, tmp_path: Path) -> None:
    data = data_of(tables)
    path = build_report(data, "html", tmp_path / "r.html")
    raw = path.read_text("utf-8")
    assert "<at all>" not in raw and "&lt;at all&gt;" in raw
    tree = html.fromstring(raw)
    images = tree.xpath("//img")
    assert len(images) == 1
    src = images[0].get("src")
    assert src.startswith("data:image/png;base64,")
    assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    content = " ".join(tree.text_content().split())
    for source in data.sources.values():
        assert " ".join(source["text"].split()) in content
    ids = {e.get("id") for e in tree.xpath("//*[@id]")}
    hrefs = {a.get("href")[1:] for a in tree.xpath("//a[starts-with(@href, '#')]")}
    assert hrefs and hrefs <= ids
    assert not list(tmp_path.glob("*.png"))  # the map is embedded, not written beside


def test_json_is_the_structured_data(tables, tmp_path: Path) -> None:
    path = build_report(data_of(tables), "json", tmp_path)
    assert path.name == "report.json"
    loaded = json.loads(path.read_text("utf-8"))
    story = loaded["stories"][0]
    assert (tmp_path / story["map_file"]).stat().st_size > 0
    sides = {s["value"]: s["members"] for s in story["disputed"][0]["sides"]}
    assert set(sides) == {"1,200 km²", "700 km²", "300 km²"}
    assert {m["source"] for m in sides["1,200 km²"]} == {"Northwire", "Daily Courier"}
    # the first member has no sentence offsets: they come from its claim
    assert sides["1,200 km²"][0]["cites"] == ["d1:85-151"]
    assert {p["name"] for p in story["places"]} == {"Kursk", "Belgorod"}
    assert all(k in loaded["sources"] for e in story["timeline"] for k in e["cites"])


def test_quotes_grouped_by_side(tables) -> None:
    sides = {s["side"]: s["speakers"] for s in data_of(tables).stories[0].quotes}
    assert [s["speaker"] for s in sides["Ukraine (UA)"]] == ["Ana Petrenko"]
    assert [s["speaker"] for s in sides["Russian Federation (RU)"]] == ["Ivan Sorokin"]
    assert "Ukraine (UA) (side of the outlet Daily Courier)" in sides
    plain = {s["side"] for s in report_data_from_rows(tables).stories[0].quotes}
    assert UNKNOWN_SIDE in plain


def test_map_png_of_places_near_kursk_and_belgorod() -> None:
    if outlines_path() is None:
        pytest.skip("geopandas' Natural Earth data is not installed")
    png = render_map(
        [
            {"name": "Kursk", "lat": 51.73, "lon": 36.19},
            {"name": "Belgorod", "lat": 50.6, "lon": 36.6},
        ]
    )
    assert png is not None and png.startswith(PNG) and len(png) > 1000
    assert render_map([]) is None


def test_empty_tables_degrade_to_none_found(tmp_path: Path) -> None:
    doc = {
        "id": "x",
        "path": "x.txt",
        "source": None,
        "title": None,
        "text": "Nothing here.",
        "published": None,
        "published_inferred": None,
    }
    data = report_data_from_rows({"documents": [doc]})
    assert data.stories[0].title == "All documents"
    text = build_report(data, "md", tmp_path / "r.md").read_text("utf-8")
    assert text.count("None found.") >= 6
    html.fromstring(build_report(data, "html", tmp_path / "r.html").read_text("utf-8"))
    with pytest.raises(LookupError):
        report_data_from_rows({"documents": [doc]}, "no-such-story")


def test_one_story_of_several(tables) -> None:
    tables["stories"].append({"id": "s2", "title": "Other", "doc_ids": ["d2"]})
    assert [s.id for s in report_data_from_rows(tables).stories] == ["s1", "s2"]
    only = report_data_from_rows(tables, "s2").stories
    assert [s.id for s in only] == ["s2"] and only[0].timeline == []


def test_stored_framing_rows_are_used(tables) -> None:
    start = tables["documents"][1]["text"].index("Kiev regime")
    tables["framing"] = [
        {
            "story_id": "s1",
            "source": "State Agency B",
            "referent": "Ukrainian government",
            "term": "Kiev regime",
            "count": 7,
            "kind": "lexicon",
            "examples": [{"doc_id": "d2", "start": start, "end": start + 11}],
        },
        {
            "story_id": "s1",
            "source": "Northwire",
            "referent": "typical wording",
            "term": "armoured columns",
            "count": 4,
            "kind": "typical",
            "examples": [],
        },
    ]
    story = report_data_from_rows(tables).stories[0]
    # The example has no sentence: the stored sentence holding it is cited (the dateline
    # "MOSCOW, May 3. /SAB/." is part of the fixture's first sentence).
    assert story.framing == [
        {
            "referent": "Ukrainian government",
            "outlets": {
                "State Agency B": [{"term": "Kiev regime", "count": 7, "cites": ["d2:0-125"]}]
            },
        }
    ]
    assert story.typical[0]["source"] == "Northwire"


def test_load_report_data_from_a_store(tmp_path: Path) -> None:
    text = "Kursk was shelled. The Kiev regime denied it."
    with Store(tmp_path / "t.duckdb") as store:
        with store.transaction():
            store.insert_document(Document("d9", "d9.txt", text, text, source="SAB"), [1, 2])
        store.conn.execute(
            "INSERT INTO stories VALUES ('s9', 'Shelling', '2031-01-01', NULL, NULL, NULL)"
        )
        store.conn.execute("INSERT INTO story_documents VALUES ('s9', 'd9', 1.0)")
        store.conn.execute(
            "INSERT INTO claim_groups (id, story_id, measured, unit, status, members, detail) "
            "VALUES ('g9', 's9', 'shells', 'count', 'conflict', ?, NULL)",
            [
                json.dumps(
                    [
                        {
                            "claim_id": "d9:c1",
                            "doc_id": "d9",
                            "source": "SAB",
                            "value": 3,
                            "sentence_start": 0,
                            "sentence_end": 18,
                        }
                    ]
                )
            ],
        )
        data = load_report_data(store, "s9")
    story = data.stories[0]
    assert story.documents[0]["id"] == "d9"
    assert story.disputed[0]["sides"][0]["members"][0]["cites"] == ["d9:0-18"]
    assert data.sources["d9:0-18"]["text"] == "Kursk was shelled."
    assert story.framing[0]["outlets"]["SAB"][0]["term"] == "Kiev regime"


def test_single_source_figures_with_what_they_imply(tables, tmp_path: Path) -> None:
    single = {
        **tables["claim_groups"][1],
        "id": "g3",
        "status": "single",
        "members": tables["claim_groups"][1]["members"][:1],
        "detail": {"derived": [{"value": 1279.0, "unit": "km2", "rule": "a part and its share"}]},
    }
    text = build_report(
        data_of({**tables, "claim_groups": [*tables["claim_groups"], single]}),
        "md",
        tmp_path / "r.md",
    ).read_text("utf-8")
    section = text.split("### Other figures (one source)")[1].split("###")[0]
    assert "residents who fled" in section and "1,279 km² (a part and its share)" in section


def test_key_dates_rank_the_storys_days_above_the_full_timeline(tables, tmp_path: Path) -> None:
    data = data_of(tables)
    key = data.stories[0].key_dates
    assert {d["date"] for d in key} == {"2031-04-28", "2031-04-29"}
    assert [d["salience"] for d in key] == sorted((d["salience"] for d in key), reverse=True)
    assert all(c in data.sources for d in key for c in d["cites"])
    text = build_report(data, "md", tmp_path).read_text("utf-8")
    assert text.index("### Key dates") < text.index("### Timeline")
