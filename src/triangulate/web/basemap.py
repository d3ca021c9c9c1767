"""The basemap: the Natural Earth outlines report/map.py reads, as GeoJSON, built once."""

from __future__ import annotations

import json
from functools import lru_cache

from triangulate.report.map import country_outlines


@lru_cache(maxsize=1)
def basemap_geojson() -> str:
    """A FeatureCollection of one MultiPolygon-like feature per country (rings as given)."""
    features = [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[[round(x, 3), round(y, 3)] for x, y in ring]] for ring in rings],
            },
        }
        for rings in country_outlines()
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
