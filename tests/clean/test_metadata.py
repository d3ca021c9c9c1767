from triangulate.clean.document import clean_document
from triangulate.clean.metadata import (
    Candidate,
    choose,
    date_candidates,
    find_dateline,
    find_lead_dateline,
    source_candidates,
    split_header_fields,
)
from triangulate.models import RawDocument
from triangulate.resources.outlets import load_outlets

LEXICON = load_outlets()


def test_header_date_field_glued_to_the_body_is_split_off() -> None:
    fields, rest = split_header_fields("date 2031-03-05 VELGRAD, March 5 (Northwire) - Shelling...")
    assert fields == {"date": "2031-03-05"}
    assert rest.startswith("VELGRAD")


def test_header_fields_need_a_value_of_the_right_shape() -> None:
    fields, rest = split_header_fields("Date of the talks was not set.")
    assert fields == {}
    assert rest == "Date of the talks was not set."


def test_datelines() -> None:
    tass = find_dateline("MOSCOW, July 17. /TASS/. Russia will continue its operation.")
    assert tass and (tass.place, tass.month_day, tass.agency) == ("Moscow", (7, 17), "TASS")
    wire = find_dateline("KEREVO, 5 March (Northwire) - Troops crossed the river.")
    assert wire and (wire.place, wire.month_day, wire.agency) == ("Kerevo", (3, 5), "Northwire")
    bare = find_dateline("KYIV: President Volodymyr Zelensky said on Wednesday...")
    assert bare and bare.place == "Kyiv" and bare.agency is None
    assert find_dateline("The President said on Wednesday that troops advanced.") is None


def test_date_from_in_text_stamp_and_labelled_line() -> None:
    stamp = date_candidates({}, ["Xinhua", "08:48 UTC+8, 2025-03-13 0", "Body text here."])
    chosen = choose(stamp)
    assert chosen and chosen[0] == "2025-03-13" and chosen[1].rule == "in-text date stamp"
    labelled = date_candidates({}, ["Published: 5 March 2031, 14:20", "Updated: 6 March 2031"])
    chosen = choose(labelled)
    assert chosen and chosen[0] == "2031-03-05" and chosen[1].rule == "labelled date line"


def test_no_date_stays_none() -> None:
    assert choose(date_candidates({}, ["Troops advanced on Wednesday, officials said."])) is None


def test_self_reference_beats_a_mentioned_outlet() -> None:
    paragraphs = [
        "Earlier, video posted by AFP showed a truck near the border.",
        "A commander told CNN on Wednesday that reserves were moved.",
        "He later told a CNN team on the ground that more would follow.",
    ]
    chosen = choose(source_candidates(paragraphs, LEXICON, None))
    assert chosen and chosen[0] == "CNN" and chosen[1].rule == "self-reference"


def test_citing_another_outlet_is_not_evidence() -> None:
    paragraphs = ["The Wall Street Journal also cited US officials as saying troops moved."]
    assert choose(source_candidates(paragraphs, LEXICON, None)) is None


def test_source_credit_names_the_agency_not_the_site() -> None:
    paragraphs = ["Source: Xinhua Editor: Wang Qingchu", "Copyright 2020 © Shanghai Daily."]
    chosen = choose(source_candidates(paragraphs, LEXICON, None))
    assert chosen and chosen[0] == "Xinhua"


def test_evidence_combines_and_threshold_applies() -> None:
    weak = [Candidate("Reuters", "outlet name on its own line", "Reuters", 0.4)]
    assert choose(weak) is None
    chosen = choose(weak * 2)
    assert chosen and chosen[0] == "Reuters" and chosen[1].confidence == 0.64


def test_wire_dateline_after_a_lead_in_of_bullets_and_a_byline() -> None:
    lead = find_lead_dateline(
        [
            "* Floods wash out cropland * Prices jump By Mara Quell and Tomas Ferr "
            "VELGRAD/KEREVO, Ost., March 5 (Northwire) - Rising water displaced thousands."
        ]
    )
    assert lead
    dateline, byline = lead
    assert (dateline.place, dateline.month_day, dateline.agency) == (
        "Velgrad/Kerevo",
        (3, 5),
        "Northwire",
    )
    assert byline == "Mara Quell and Tomas Ferr"


def test_capitals_in_prose_without_an_agency_tag_are_no_dateline() -> None:
    assert find_lead_dateline(["Officials said NATO and the UN - both absent - had left."]) is None


def test_page_stamp_dates_the_page_and_leaves_the_article_text() -> None:
    raw = (
        "A soldier walks past a checkpoint in Velgrad, March 4, 2031.\n\n"
        "VELGRAD | Wed Mar 5, 2031 3:45 pm GMT VELGRAD (Northwire) - Shelling resumed "
        "overnight in the eastern districts, officials said on Wednesday."
    )
    document = clean_document(RawDocument("stamp.txt", raw))
    assert str(document.published) == "2031-03-05"
    assert document.published_evidence and document.published_evidence.rule == "page date stamp"
    assert "|" not in document.text and "3:45 pm" not in document.text
    assert "VELGRAD (Northwire) - Shelling resumed" in document.text
    assert document.dateline == "Velgrad"
    assert document.source == "Northwire"
    dropped = [d["text"] for d in document.metadata["dropped"] if d["reason"] == "page date stamp"]
    assert dropped == ["VELGRAD | Wed Mar 5, 2031 3:45 pm GMT"]
