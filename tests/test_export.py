"""Exports carry no live spreadsheet formulas in CSV and the exact text elsewhere."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from triangulate import api

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _hostile_store(tmp_path: Path) -> Path:
    records = [
        {
            "text": f'{c}HYPERLINK("http://evil.example") Troops crossed river {i} on Tuesday.',
            "title": f"{c}cmd|' /C calc'!A0 {i}",
            "source": f"{c}Outlet {i}",
            "url": f"{c}http://evil.example/{i}",
        }
        for i, c in enumerate(FORMULA_STARTS)
    ]
    inbox = tmp_path / "hostile.jsonl"
    inbox.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    report = api.ingest([str(inbox)], db, run_analysis=False)
    assert len(report.added) == len(records)
    return db


def test_csv_export_neutralises_every_formula_start(tmp_path: Path) -> None:
    db = _hostile_store(tmp_path)
    out = tmp_path / "documents.csv"
    api.export("documents", db, format="csv", out=out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(FORMULA_STARTS)
    for row in rows:
        for column, cell in row.items():
            assert not cell or cell[0] not in FORMULA_STARTS, (column, cell)
    for column in ("title", "source", "url"):
        firsts = sorted(row[column][1] for row in rows)
        assert all(row[column].startswith("'") for row in rows)
        assert firsts == sorted(FORMULA_STARTS), column
    # Cleaning strips leading whitespace from the body, the four formula signs stay.
    assert {row["text"][:2] for row in rows} >= {"'=", "'+", "'-", "'@"}


def test_jsonl_and_parquet_keep_the_exact_text(tmp_path: Path) -> None:
    db = _hostile_store(tmp_path)
    jsonl, parquet = tmp_path / "d.jsonl", tmp_path / "d.parquet"
    api.export("documents", db, format="jsonl", out=jsonl)
    api.export("documents", db, format="parquet", out=parquet)
    titles = sorted(json.loads(line)["title"] for line in jsonl.read_text().splitlines())
    assert titles == sorted(f"{c}cmd|' /C calc'!A0 {i}" for i, c in enumerate(FORMULA_STARTS))
    stored = duckdb.connect().execute(f"SELECT title FROM '{parquet}'").fetchall()
    assert sorted(title for (title,) in stored) == titles
