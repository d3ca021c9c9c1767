"""Quotes, figures and time expressions of Russian and Ukrainian reports: the same
records the English pipeline writes, every offset into the text."""

from __future__ import annotations

import pytest

from triangulate.models import Claim, Document, DocumentAnalysis, Quote, TimeExpression

pytest.importorskip("natasha")
pytest.importorskip("pymorphy3")

REFERENCE = "2024-07-20"  # a Saturday


def _analysis(text: str, language: str, published: str | None = REFERENCE) -> DocumentAnalysis:
    from triangulate.nlp.ruuk.analysis import analyze_ruuk

    document = Document(id="d", path="d.txt", text=text, raw=text, published=published)
    analysis = analyze_ruuk(document, language)
    for record in [*analysis.quotes, *analysis.claims, *analysis.timexes]:
        surface = record.surface if isinstance(record, Claim) else record.text
        assert text[record.start : record.end] == surface
    for quote in analysis.quotes:
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker
        if quote.cue_start is not None:
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        assert quote.sentence_start <= quote.start < quote.end <= quote.sentence_end
    return analysis


def _quotes(text: str, language: str) -> dict[str, Quote]:
    return {q.text: q for q in _analysis(text, language).quotes}


def _claims(text: str, language: str) -> dict[str, Claim]:
    return {c.surface: c for c in _analysis(text, language).claims}


def _timexes(text: str, language: str, published: str | None = REFERENCE) -> dict[str, str]:
    found: list[TimeExpression] = _analysis(text, language, published).timexes
    return {t.text: t.value for t in found}


def test_a_russian_reported_statement_and_its_speaker() -> None:
    quotes = _quotes("Губернатор Олег Смирнов заявил, что город остаётся под контролем.", "ru")
    quote = quotes["город остаётся под контролем"]
    assert (quote.kind, quote.speaker, quote.cue, quote.act) == (
        "indirect", "Олег Смирнов", "заявил", "speech",
    )  # fmt: skip
    assert quote.speaker_role == "Губернатор"


@pytest.mark.parametrize("cue", ["сказала", "заявили", "заявит", "подчеркнул", "сообщила"])
def test_every_form_of_a_cue_verb_counts(cue: str) -> None:
    text = f"«Мы будем стоять до конца», — {cue} Анна Петрова."
    quote = _quotes(text, "ru")["Мы будем стоять до конца"]
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Анна Петрова", cue)


def test_a_negated_verb_is_no_cue() -> None:
    assert _quotes("Олег Смирнов не сказал, что город сдан.", "ru") == {}


def test_a_quotation_after_a_colon_and_a_continued_one() -> None:
    text = "Министр Иван Орлов заявил: «Мост восстановят к осени». «Работы уже идут полным ходом»."
    quotes = _quotes(text, "ru")
    assert quotes["Мост восстановят к осени"].speaker == "Иван Орлов"
    assert quotes["Работы уже идут полным ходом"].speaker == "Иван Орлов"


def test_according_phrases_and_a_pronoun() -> None:
    text = (
        "По словам Дмитрия Орлова, переговоры продолжаются. По его словам, ответа нет. "
        "Колонна ушла на север, по данным Минобороны России."
    )
    quotes = _quotes(text, "ru")
    assert quotes["переговоры продолжаются"].speaker == "Дмитрия Орлова"
    assert quotes["ответа нет"].speaker == "Дмитрия Орлова"  # the last person named
    assert quotes["ответа нет"].cue is None
    according = quotes["Колонна ушла на север"]
    assert (according.speaker, according.act) == ("Минобороны России", "according")


def test_ukrainian_attribution() -> None:
    text = (
        "Як заявив Петро Мельник, міст зруйновано. За словами Мельника, люди залишаються "
        "вдома. Олена Коваленко повідомила, що світло повернули."
    )
    quotes = _quotes(text, "uk")
    assert quotes["міст зруйновано"].speaker == "Петро Мельник"
    assert quotes["люди залишаються вдома"].cue is None
    assert quotes["світло повернули"].speaker == "Олена Коваленко"
    assert quotes["світло повернули"].cue == "повідомила"


def test_russian_figures_are_normalised() -> None:
    claims = _claims(
        "Армия заняла 1,1 тыс. кв. км. Эвакуировали более 120 тысяч человек. "
        "Ущерб оценили в 12 млрд долларов. Сбили двух тысяч беспилотников.",
        "ru",
    )
    area = claims["1,1 тыс. кв. км"]
    assert (area.value, area.unit, area.surface_unit) == (1100.0, "km2", "кв. км")
    people = claims["более 120 тысяч человек"]
    assert (people.value, people.unit, people.qualifier) == (120000.0, "person", "more_than")
    assert (claims["12 млрд долларов"].value, claims["12 млрд долларов"].unit) == (12e9, "usd")
    assert (claims["двух тысяч беспилотников"].value, claims["двух тысяч беспилотников"].unit) == (
        2000.0, "count",
    )  # fmt: skip


def test_ukrainian_number_words_and_a_range() -> None:
    claims = _claims("Росіяни запустили понад трьохсот безпілотників і 10–15 ракет.", "uk")
    drones = claims["понад трьохсот безпілотників"]
    assert (drones.value, drones.qualifier, drones.measured) == (
        300.0,
        "more_than",
        "безпілотників",
    )


def test_a_figure_inside_an_attribution_is_its_speakers() -> None:
    claims = _claims(
        "Олег Смирнов заявил, что погибли 40 человек. В городе живут 200 тысяч человек.", "ru"
    )
    said, stated = claims["40 человек"], claims["200 тысяч человек"]
    assert (said.claimant, said.claimant_kind, said.quote_id) == ("Олег Смирнов", "person", "q0")
    assert (stated.claimant, stated.claimant_kind) == (None, "outlet")


def test_a_date_in_the_text_is_no_figure_and_a_headline_has_none() -> None:
    claims = _claims("Обстрел Харькова: 5 человек\n17 июля 2024 года погибли 5 человек.", "ru")
    assert list(claims) == ["5 человек"]
    assert claims["5 человек"].date == "2024-07-17"
    assert claims["5 человек"].sentence_start > 0


def test_russian_dates_against_the_reference() -> None:
    timexes = _timexes(
        "17 июля колонна вошла в город. Вчера и в среду обстрелы продолжились. "
        "На прошлой неделе сбили дрон, 2 года назад тоже. В 2022 году было тише.",
        "ru",
    )
    assert timexes == {
        "17 июля": "2024-07-17",
        "Вчера": "2024-07-19",
        "среду": "2024-07-17",
        "прошлой неделе": "2024-W28",
        "2 года назад": "2022",
        "2022 году": "2022",
    }


def test_ukrainian_dates_against_the_reference() -> None:
    timexes = _timexes("Минулого тижня і три дні тому, у середу, вчора, 17 липня 2023 р.", "uk")
    assert timexes == {
        "Минулого тижня": "2024-W28",
        "три дні тому": "2024-07-17",
        "середу": "2024-07-17",
        "вчора": "2024-07-19",
        "17 липня 2023 р": "2023-07-17",
    }


def test_without_a_date_a_relative_value_stays_unanchored() -> None:
    from triangulate.nlp.ruuk.analysis import analyze_ruuk

    text = "Вчера прошли переговоры, 17 июля тоже."
    document = Document(id="d", path="d.txt", text=text, raw=text)
    timexes = {t.text: t for t in analyze_ruuk(document, "ru").timexes}
    assert (timexes["Вчера"].value, timexes["Вчера"].anchored) == ("XXXX-XX-XX", False)
    assert timexes["17 июля"].value == "XXXX-07-17"


def test_a_cue_after_the_content_names_its_source_after_it() -> None:
    text = (
        "ВЕЛІНСЬК, 7 березня. /TSNA/. Міст зруйновано, повідомив у п'ятницю речник "
        "армії Петро Мельник."
    )
    quote = _quotes(text, "uk")["Міст зруйновано"]  # the dateline is not his
    assert (quote.speaker, quote.cue, quote.speaker_role) == (
        "Петро Мельник", "повідомив", "речник армії",
    )  # fmt: skip


def test_a_year_is_not_read_as_the_thousands_of_the_figure_after_it() -> None:
    claims = _claims("В 2022 году 150 человек покинули город, в 2023 году 1 200 человек.", "ru")
    assert sorted(c.value for c in claims.values() if c.value) == [150.0, 1200.0]


def test_one_person_in_words_is_no_figure() -> None:
    assert list(_claims("Погиб один человек, ранены 3 человека.", "ru")) == ["3 человека"]
