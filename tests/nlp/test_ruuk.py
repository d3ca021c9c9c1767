"""Russian and Ukrainian names: spans, base forms and the key that links spellings."""

from __future__ import annotations

import sys

import pytest

from triangulate.errors import MissingExtra, UsageError
from triangulate.nlp.ruuk.translit import latin, link_key


@pytest.mark.parametrize(
    "names",
    [
        ("Зеленский", "Зеленський", "Zelensky", "Zelenskyy"),
        ("Харьков", "Харків", "Kharkov", "Kharkiv"),
        ("Киев", "Київ", "Kyiv", "Kiev"),
    ],
)
def test_spellings_of_one_name_share_a_key(names: tuple[str, ...]) -> None:
    assert len({link_key(name) for name in names}) == 1


def test_different_names_keep_different_keys() -> None:
    assert link_key("Харків") != link_key("Херсон")
    assert link_key("Зеленський") != link_key("Залужний")


def test_latin_follows_each_language() -> None:
    assert latin("Харків", "uk") == "Kharkiv"
    assert latin("Гагарин", "ru") == "Gagarin"
    assert latin("Гайсин", "uk") == "Haysyn"


def _found(text: str, language: str) -> dict[str, tuple[str, str]]:
    pytest.importorskip("natasha")
    pytest.importorskip("pymorphy3")
    from triangulate.nlp.ruuk.mentions import find_mentions

    mentions = find_mentions(text, language)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return {m.text: (m.label, m.base) for m in mentions}


def test_russian_names_come_with_their_nominative() -> None:
    text = (
        "Вчера губернатор Курской области Олег Смирнов встретился с Зеленским в Харькове. "
        "Представители Евросоюза не приехали."
    )
    found = _found(text, "ru")
    assert found["Курской области"] == ("LOC", "Курская область")
    assert found["Олег Смирнов"] == ("PER", "Олег Смирнов")
    assert found["Харькове"] == ("LOC", "Харьков")
    assert found["Евросоюза"] == ("ORG", "Евросоюз")  # natasha reads it as a place


def test_an_organisation_takes_the_genitive_place_after_it() -> None:
    found = _found("Об этом сообщили в МИД Франции и в Верховном суде Индии.", "ru")
    assert found["МИД Франции"][0] == "ORG"
    assert found["Верховном суде Индии"] == ("ORG", "Верховный суд Индии")


def test_ukrainian_names_without_a_model() -> None:
    text = (
        "Нагадаємо, що у вівторок Олена Коваленко приїхала до Харкова. "
        "Там вона зустрілася з представниками Європейського союзу та Великої Британії."
    )
    found = _found(text, "uk")
    assert found["Олена Коваленко"] == ("PER", "Олена Коваленко")
    assert found["Харкова"] == ("LOC", "Харків")
    assert _found("Вибухи чули в Харкові.", "uk")["Харкові"] == ("LOC", "Харків")
    assert found["Європейського союзу"] == ("ORG", "Європейський союз")
    assert found["Великої Британії"] == ("LOC", "Велика Британія")
    assert "Нагадаємо" not in found and "Там" not in found


def test_a_first_name_after_a_place_starts_a_person() -> None:
    found = _found("Прем'єр-міністр Великої Британії Тереза Мей виступила в Лондоні.", "uk")
    assert found["Тереза Мей"] == ("PER", "Тереза Мей")
    assert found["Лондоні"] == ("LOC", "Лондон")


def test_one_person_in_two_languages_gets_one_key() -> None:
    pytest.importorskip("natasha")
    from triangulate.nlp.ruuk.mentions import find_mentions

    ru = find_mentions("В Москве выступил Андрей Шевченко.", "ru")
    uk = find_mentions("У Києві виступив Андрій Шевченко.", "uk")
    person = {m.key for m in ru + uk if m.label == "PER"}
    assert len(person) == 1


def test_an_unknown_language_is_a_usage_error() -> None:
    pytest.importorskip("natasha")
    from triangulate.nlp.ruuk.mentions import find_mentions

    with pytest.raises(UsageError, match="no Russian/Ukrainian pipeline for 'pl'"):
        find_mentions("Warszawa", "pl")


def test_without_the_extra_the_error_names_the_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from triangulate.nlp.ruuk import backend

    backend.natasha.cache_clear()
    monkeypatch.setitem(sys.modules, "natasha", None)
    try:
        with pytest.raises(MissingExtra, match=r"pip install 'triangulate\[ru-uk\]'"):
            backend.natasha()
    finally:
        backend.natasha.cache_clear()


def test_a_short_name_takes_the_key_of_the_full_name_it_stands_for() -> None:
    pytest.importorskip("natasha")
    from triangulate.nlp.ruuk.mentions import find_mentions

    text = (
        "У Харкові виступила Олена Коваленко з Народного фронту. "
        "Потім Олена додала, що НФ не піде на поступки."
    )
    keys = {m.text: m.key for m in find_mentions(text, "uk")}
    assert keys["Олена"] == keys["Олена Коваленко"]
    assert keys["НФ"] == keys["Народного фронту"]
    assert keys["Харкові"] != keys["Олена Коваленко"]
