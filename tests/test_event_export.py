"""Events as GeoJSON and as ACLED CSV, read back: a JSON schema for the one, csv for the other."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest

from triangulate import api
from triangulate.errors import UsageError
from triangulate.store.event_export import ACLED_COLUMNS, EXTRA_COLUMNS

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "triangulate" / "data" / "sample"

POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "prefixItems": [
                {"type": "number", "minimum": -180, "maximum": 180},
                {"type": "number", "minimum": -90, "maximum": 90},
            ],
        },
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": "string"},
                    "geometry": {"oneOf": [{"type": "null"}, POINT]},
                    "properties": {
                        "type": "object",
                        "required": [
                            "id", "doc_id", "date", "event_type", "sub_event_type", "actor1",
                            "actor1_side", "actor2", "fatalities", "fatalities_claimant",
                            "fatality_claim_ids", "evidence", "summary", "location",
                            "latitude", "longitude", "sentence_start", "sentence_end",
                        ],
                        "properties": {"evidence": {"type": "string", "minLength": 1}},
                    },
                },
            },
        },
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("events") / "sample.duckdb"
    api.ingest([str(SAMPLE)], db)
    return db


def test_geojson_has_every_event_with_its_evidence(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    api.export("events", sample_db, format="geojson", out=out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(collection, FEATURE_COLLECTION)
    rows = {r["id"]: r for r in api.rows("events", sample_db)}
    features = collection["features"]
    assert {f["id"] for f in features} == set(rows) and rows
    texts = {d["id"]: d["text"] for d in api.rows("documents", sample_db)}
    for feature in features:
        props = feature["properties"]
        text = texts[props["doc_id"]]
        assert props["evidence"] == text[props["sentence_start"] : props["sentence_end"]]
        if feature["geometry"] is not None:
            assert feature["geometry"]["coordinates"] == [props["longitude"], props["latitude"]]
        else:
            assert props["latitude"] is None or props["longitude"] is None
    assert any(f["geometry"] for f in features), "the sample names geocoded places"


def test_acled_csv_reads_back_with_acled_columns(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    api.export("events", sample_db, format="acled", out=out)
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        assert reader.fieldnames == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    stored = {r["id"]: r for r in api.rows("events", sample_db)}
    assert {r["event_id_cnty"] for r in rows} == set(stored)
    for row in rows:
        event = stored[row["event_id_cnty"]]
        assert row["event_type"] == (event["event_type"] or "")
        assert row["notes"].lstrip("'") == event["summary"]
        assert row["fatalities"] == (
            "" if event["fatalities"] is None else str(event["fatalities"])
        )
        if event["latitude"] is not None:
            assert float(row["latitude"]) == pytest.approx(event["latitude"])
            assert row["geo_precision"] in ("1", "2", "3")
        if event["granularity"] == "day":
            assert row["time_precision"] == "1"


def test_acled_csv_is_formula_safe(tmp_path: Path) -> None:
    inbox = tmp_path / "hostile.jsonl"
    record = {
        "text": "=HYPERLINK(1) Rebels captured the town of Harsk on Tuesday, 3 March 2030.",
        "source": "=Outlet",
        "published": "2030-03-05",
    }
    inbox.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "h.duckdb"
    api.ingest([str(inbox)], db)
    out = tmp_path / "events.csv"
    api.export("events", db, format="acled", out=out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not cell or cell[0] not in "=+@\t\r-", (column, cell)


def test_event_formats_are_for_events_only(sample_db: Path) -> None:
    with pytest.raises(UsageError, match="events table only"):
        api.export("claims", sample_db, format="geojson", out=None)
