"""The gazetteer: transliterated names, region forms, countries, user files, the table cache."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from triangulate.resources.gazetteer import (
    Gazetteer,
    _base_tables,
    _cache_file,
    _dump,
    _load,
    load_gazetteer,
    place_key,
    read_user_gazetteer,
)

SAMPLE_GAZETTEER = str(resources.files("triangulate.data") / "sample" / "gazetteer.csv")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def names(gazetteer: Gazetteer, text: str, kind: str | None = None) -> set[tuple[str, str | None]]:
    return {
        (m.place.name, m.place.country)
        for m in gazetteer.lookup(text)
        if kind is None or m.place.kind == kind
    }


def test_place_key_drops_accents_apostrophes_case_and_hyphens() -> None:
    assert place_key("Želvar") == "zelvar"
    assert place_key("Kurs'k") == place_key("Kursk") == "kursk"
    assert place_key("Ak-Dolvar") == "ak dolvar"
    assert place_key("  Rostov-on-Don ") == "rostov on don"


@pytest.mark.parametrize(
    ("variant", "name", "country"),
    [("Kiev", "Kyiv", "UA"), ("Kharkov", "Kharkiv", "UA"), ("Kursk", "Kursk", "RU")],
)
def test_towns_are_found_under_their_transliterations(
    gazetteer: Gazetteer, variant: str, name: str, country: str
) -> None:
    assert (name, country) in names(gazetteer, variant, "city")


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Kursk region", "Kursk Oblast"),
        ("Belgorod Region", "Belgorod Oblast"),
        ("Kharkov Region", "Kharkiv Oblast"),
        ("Sumy region", "Sumy Oblast"),
        ("Kursk Oblast", "Kursk Oblast"),
        ("Kurskaya oblast'", "Kursk Oblast"),
    ],
)
def test_region_forms_find_the_iso_subdivision(
    gazetteer: Gazetteer, text: str, region: str
) -> None:
    matches = [m.place for m in gazetteer.lookup(text) if m.place.kind == "region"]
    assert [p.name for p in matches] == [region]
    assert matches[0].key.startswith("iso:")
    assert matches[0].lat is not None  # the namesake town's point


def test_region_and_town_are_distinct_places(gazetteer: Gazetteer) -> None:
    town = {m.place.key for m in gazetteer.lookup("Kursk") if m.place.kind == "city"}
    region = {m.place.key for m in gazetteer.lookup("Kursk region")}
    assert town and region and not town & region


def test_towns_carry_their_admin1_region(gazetteer: Gazetteer) -> None:
    (kursk,) = [m.place for m in gazetteer.lookup("Kursk") if m.place.kind == "city"]
    assert (kursk.admin1, kursk.geonames_id, kursk.population > 400000) == (
        "Kursk Oblast",
        538560,
        True,
    )


def test_every_moscow_is_a_candidate(gazetteer: Gazetteer) -> None:
    assert {"RU", "US"} <= {country for _, country in names(gazetteer, "Moscow", "city")}


def test_countries_by_name_official_name_and_case_sensitive_abbreviation(
    gazetteer: Gazetteer,
) -> None:
    assert ("Russia", "RU") in names(gazetteer, "Russian Federation", "country")
    assert ("United States", "US") in names(gazetteer, "U.S.", "country")
    assert not names(gazetteer, "us", "country")


@pytest.mark.parametrize(
    ("word", "code"),
    [("Russian", "RU"), ("Russians", "RU"), ("Ukrainian", "UA"), ("Lithuanian", "LT")],
)
def test_demonyms_point_at_countries(gazetteer: Gazetteer, word: str, code: str) -> None:
    assert gazetteer.demonym_country(word) == code


def test_a_name_that_is_no_demonym(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym_country("Belgorod") is None


def test_user_csv_places_come_first_with_their_aliases() -> None:
    gazetteer = load_gazetteer(SAMPLE_GAZETTEER)
    for alias in ("Zhelvar", "Želvar", "Jelvar"):
        (match,) = gazetteer.lookup(alias)
        assert (match.place.name, match.place.kind, match.place.user) == ("Zhelvar", "city", True)
    (river,) = gazetteer.lookup("Dolvar")
    assert (river.place.name, river.place.kind, river.place.countries) == (
        "Dolvar River",
        "other",
        ("QT", "QK"),
    )
    assert {m.place.name for m in gazetteer.lookup("Kharsk region")} == {"Harsk region"}
    assert gazetteer.demonym_country("Kaldorian") == "QK"


def test_user_geojson_points(tmp_path: Path) -> None:
    path = tmp_path / "places.geojson"
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [70.42, 46.31]},
        "properties": {"name": "Zhelvar", "aliases": ["Jelvar"], "type": "town", "country": "QT"},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    ((place, aliases),) = read_user_gazetteer(path)
    assert (place.lat, place.lon, place.kind, aliases) == (46.31, 70.42, "city", ["Jelvar"])
    (match,) = load_gazetteer(str(path)).lookup("Jelvar")
    assert match.place == place and match.alternate


def test_cached_tables_answer_like_built_ones(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "gazetteer.marshal"
    _dump(_base_tables(), path)
    loaded = _load(path)
    for name in ("Kyiv", "Kharkov", "Russia", "Moscow"):
        refs = _base_tables().refs(place_key(name))
        assert [loaded.resolve(r) for r in refs] == [_base_tables().resolve(r) for r in refs]


def test_cache_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", "off")
    assert _cache_file() is None
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", "/somewhere")
    path = _cache_file()
    assert path is not None and path.parent == Path("/somewhere")
