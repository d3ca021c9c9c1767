"""The events component: dated triggers on made-up sentences, and span integrity on corpora."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.models import Event
from triangulate.nlp.events.taxonomy import EVENT_TYPES, NOUN_TRIGGERS, VERB_TRIGGERS
from triangulate.nlp.extensions import EVENTS, TIMEXES, records
from triangulate.nlp.pipeline import load_pipeline

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "triangulate" / "data" / "sample"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "events.md"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def events(nlp: Language, text: str, reference: str | None = "2030-06-12") -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.reference_date = reference
    return records(nlp(doc), EVENTS)


def only(nlp: Language, text: str, reference: str | None = "2030-06-12") -> Event:
    found = events(nlp, text, reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "trigger", "date"),
    [
        (
            "Marovian troops entered the town of Felsk on May 3.",
            "armed_clash",
            "entered",
            "2030-05-03",
        ),
        (
            "Rebel units launched an offensive near Orsa on 4 April.",
            "armed_clash",
            "offensive",
            "2030-04-04",
        ),
        ("Drones struck a fuel depot in Halven on Sunday.", "air_strike", "struck", "2030-06-09"),
        (
            "Artillery shelled the outskirts of Dremi on Monday.",
            "shelling",
            "shelled",
            "2030-06-10",
        ),
        ("Two civilians were killed in Pask on June 2.", "civilian_harm", "killed", "2030-06-02"),
        ("About 900 residents fled the valley on Tuesday.", "displacement", "fled", "2030-06-11"),
        (
            "The governor imposed a curfew in Dremi on June 1.",
            "restriction",
            "curfew",
            "2030-06-01",
        ),
        (
            "The army moved three battalions to the coast in May.",
            "troop_movement",
            "moved",
            "2030-05",
        ),
        (
            "Government forces recaptured the airport on June 5.",
            "capture",
            "recaptured",
            "2030-06-05",
        ),
        ("The two sides held talks in Geneva on Monday.", "negotiation", "talks", "2030-06-10"),
        (
            "Foreign Minister Anna Lorr said on Monday that the border will stay closed.",
            "statement",
            "said",
            "2030-06-10",
        ),
    ],
)
def test_each_type_is_found_with_its_date(
    nlp: Language, text: str, kind: str, trigger: str, date: str
) -> None:
    event = only(nlp, text)
    assert (event.type, event.trigger, event.date) == (kind, trigger, date)
    assert event.type in EVENT_TYPES
    assert text[event.date_start : event.date_end] in text and event.anchored


def test_a_verb_with_an_ordinary_object_is_no_event(nlp: Language) -> None:
    assert events(nlp, "The family moved its furniture to a new flat on Monday.") == []


def dated(nlp: Language, text: str) -> list[Event]:
    return [e for e in events(nlp, text) if e.date is not None]


def test_undated_and_background_sentences_give_no_dated_event(nlp: Language) -> None:
    text = (
        "Marovian troops entered the town of Felsk. "
        "The weather was cold on Monday. "
        "The article was posted on Tuesday. "
        "The village has been cut off since Monday."
    )
    assert dated(nlp, text) == []


def test_undated_past_happenings_are_kept_without_a_date(nlp: Language) -> None:
    found = events(nlp, "Marovian troops entered the town of Felsk. Talks will be banned.")
    assert [(e.type, e.trigger, e.date, e.anchored) for e in found] == [
        ("armed_clash", "entered", None, False)
    ]
    assert events(nlp, "The governor said the bridge was closed.") == []


def test_durations_and_sets_do_not_date_events(nlp: Language) -> None:
    assert dated(nlp, "Troops shelled the town for three days.") == []
    assert dated(nlp, "Troops shelled the town every day.") == []


def test_a_date_pairs_with_the_clause_it_governs(nlp: Language) -> None:
    text = "On June 3, the mayor announced a curfew in Orsa starting on June 8."
    found = {e.date: e for e in events(nlp, text)}
    assert found["2030-06-03"].trigger == "announced"
    assert found["2030-06-08"].type == "restriction"
    assert found["2030-06-08"].trigger == "curfew"


def test_month_and_year_keep_their_granularity(nlp: Language) -> None:
    event = only(nlp, "Rebels captured the town of Orsa in March 2029.")
    assert (event.date, event.granularity) == ("2029-03", "month")


def test_without_a_publication_date_the_value_stays_relative(nlp: Language) -> None:
    event = only(nlp, "General Tomas Brel said on Wednesday that the front was quiet.", None)
    assert event.anchored is False
    assert event.date is not None and event.date.startswith("XXXX")


def test_actor_location_and_summary_come_from_the_text(nlp: Language) -> None:
    text = "On May 3, Marovian forces captured the port of Velsk after heavy fighting."
    event = only(nlp, text)
    assert event.type == "capture"
    assert event.summary.startswith("Marovian forces captured the port")
    assert "May 3" not in event.summary
    for name, (start, end) in zip(event.actors, event.actor_spans, strict=True):
        assert text[start:end] == name
    if event.location is not None:
        assert text[event.location_start : event.location_end] == event.location


def test_a_dateline_dates_the_lead_statement(nlp: Language) -> None:
    text = "ORSA, June 11. The curfew will stay in force, Mayor Ivo Dran said.\n\nIt rained."
    event = only(nlp, text)
    assert (event.type, event.date) == ("statement", "2030-06-11")
    assert event.sentence_start == 0 and text[event.start : event.end].startswith("The curfew")


def test_the_same_event_told_twice_is_kept_once(nlp: Language) -> None:
    text = (
        "President Ola Mirren on Monday proposed a ceasefire. "
        "President Ola Mirren on Monday proposed a ceasefire during a visit to Orsa."
    )
    assert len(events(nlp, text)) == 1


def test_ids_are_local_and_ordered(nlp: Language) -> None:
    text = "Rebels entered Orsa on June 1. Troops shelled Felsk on June 2."
    found = events(nlp, text)
    assert [e.id for e in found] == ["e0", "e1"]
    assert found[0].start < found[1].start


def check_spans(text: str, found: list[Event], timex_spans: set[tuple[int, int]]) -> None:
    for event in found:
        assert 0 <= event.sentence_start <= event.start < event.end <= event.sentence_end
        assert event.sentence_end <= len(text)
        assert event.trigger_start is not None and event.trigger_end is not None
        assert text[event.trigger_start : event.trigger_end] == event.trigger
        assert event.start <= event.trigger_start and event.trigger_end <= event.end
        if event.date is not None:
            assert (event.date_start, event.date_end) in timex_spans
        assert event.summary and event.type in EVENT_TYPES
        for name, (start, end) in zip(event.actors, event.actor_spans, strict=True):
            assert text[start:end] == name
        if event.location is not None:
            assert text[event.location_start : event.location_end] == event.location


def test_sample_corpus_spans_index_the_text(tmp_path: Path) -> None:
    from triangulate import api
    from triangulate.nlp.pipeline import analyze_documents
    from triangulate.store import Store

    api.ingest(
        [str(SAMPLE / "corpus")],
        tmp_path / "sample.duckdb",
        run_analysis=False,
        outlets=SAMPLE / "outlets.csv",
        gazetteers=[SAMPLE / "gazetteer.csv"],
    )
    with Store(tmp_path / "sample.duckdb") as store:
        documents = list(store.documents())
    nlp = load_pipeline(gazetteers=(SAMPLE / "gazetteer.csv",), outlets=(SAMPLE / "outlets.csv",))
    total = 0
    for document, analysis in zip(documents, analyze_documents(documents, nlp), strict=True):
        spans = {(t.start, t.end) for t in analysis.timexes}
        sentences = {(s.start, s.end) for s in analysis.sentences}
        check_spans(document.text, analysis.events, spans)
        for event in analysis.events:
            inside = any(s <= event.trigger_start < e for s, e in sentences)  # type: ignore[operator]
            assert inside
        total += len(analysis.events)
    assert total >= 20


def test_events_doc_lists_every_type() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for kind in EVENT_TYPES:
        assert f"`{kind}`" in text
    words = set(re.findall(r"[\w-]+", text))
    assert set(VERB_TRIGGERS) <= words and set(NOUN_TRIGGERS) <= words


def test_buffer_zone_gold_events(shared_dir: Path, tmp_path: Path) -> None:
    """Each gold event of the dated reports has a system event of that date in its sentence."""
    from triangulate import api
    from triangulate.store import Store

    api.ingest(
        [str(shared_dir / "corpus" / "buffer-zone")], tmp_path / "bz.duckdb", run_analysis=False
    )
    gold = json.loads((shared_dir / "gold" / "buffer-zone.json").read_text(encoding="utf-8"))
    with Store(tmp_path / "bz.duckdb") as store:
        documents = list(store.documents())
    nlp = load_pipeline()
    found = missed = emitted = 0
    for document in documents:
        name = Path(document.path).name
        doc = nlp.make_doc(document.text)
        doc._.reference_date = document.published or gold["documents"][name].get(
            "published_inferred"
        )
        system = records(nlp(doc), EVENTS)
        check_spans(document.text, system, {(t.start, t.end) for t in records(doc, TIMEXES)})
        system = [e for e in system if e.date is not None]  # timeline events are dated
        emitted += len(system)
        for item in gold["documents"][name].get("events", []):
            words = {w[:5] for w in re.findall(r"\w+", item["what"].lower()) if len(w) > 3}
            hit = any(
                e.date is not None
                and e.date.startswith(item["date"])
                and len(
                    words
                    & {
                        w[:5]
                        for w in re.findall(
                            r"\w+", document.text[e.sentence_start : e.sentence_end].lower()
                        )
                    }
                )
                >= 2
                for e in system
            )
            found += hit
            missed += not hit
    assert found / (found + missed) >= 0.9
    assert found / emitted >= 0.75
