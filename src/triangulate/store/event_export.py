"""Events in the two shapes analysts load directly: GeoJSON points and ACLED's CSV columns.

GeoJSON: a FeatureCollection with one Feature per event, every field of the
events export (evidence sentence included) as properties; an event whose place
has no coordinates keeps `geometry: null`, as RFC 7946 allows, so nothing is
dropped. ACLED: ACLED's column names where the project has the field, then
the project's own (sides, claimant, claim ids, evidence); cells a spreadsheet
would run as a formula are prefixed with ``'`` like every CSV export.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pycountry

if TYPE_CHECKING:
    from triangulate.store.database import Store

_FORMULA = re.compile(r"^[=+@\t\r-]")

#: ACLED column -> the events export field it comes from.
ACLED_COLUMNS = {
    "event_id_cnty": "id",
    "event_date": "date",
    "time_precision": "time_precision",
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1",
    "actor2": "actor2",
    "country": "country",
    "admin1": "admin1",
    "location": "location",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "geo_precision",
    "source": "source",
    "notes": "summary",
    "fatalities": "fatalities",
}
#: The project's columns after ACLED's.
EXTRA_COLUMNS = (
    "actor1_side",
    "actor2_side",
    "fatalities_claimant",
    "fatality_claim_ids",
    "evidence",
    "doc_id",
    "sentence_start",
    "sentence_end",
    "type",
    "anchored",
)


def _country_name(code: str | None) -> str | None:
    """ACLED writes the country's name; the store keeps its ISO code."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code) or pycountry.countries.get(alpha_3=code)
    return found.name if found else code


def geojson(store: Store) -> str:
    """The events as a GeoJSON FeatureCollection (points; null geometry without coordinates)."""
    features = []
    for row in store.rows("events"):
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        features.append(
            {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row}
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def _cell(value: Any) -> str:
    """A CSV cell: lists joined by "; ", formula starts neutralised."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def acled_csv(store: Store) -> str:
    """The events as ACLED-named CSV columns, the project's own after them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*ACLED_COLUMNS, *EXTRA_COLUMNS])
    for row in store.rows("events"):
        row = {**row, "country": _country_name(row.get("country"))}
        writer.writerow(
            [_cell(row.get(f)) for f in ACLED_COLUMNS.values()]
            + [_cell(row.get(f)) for f in EXTRA_COLUMNS]
        )
    return out.getvalue()


#: The formats only the events table has, and what writes each.
EVENT_FORMATS: dict[str, Callable[[Store], str]] = {"geojson": geojson, "acled": acled_csv}
