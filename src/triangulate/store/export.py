"""Export tables to JSON Lines, CSV or Parquet with DuckDB's own writers."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from triangulate.errors import UsageError
from triangulate.store.schema import EXPORT_VIEWS

if TYPE_CHECKING:
    from triangulate.store.database import Store

FORMATS = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET"}


def export_table(store: Store, table: str, format: str, out: Path | None) -> None:
    """Write `table` in `format` to `out`; jsonl and csv may go to standard output."""
    if table not in EXPORT_VIEWS:
        raise UsageError(f"unknown table {table!r}; choose one of: {', '.join(EXPORT_VIEWS)}")
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    if out is None and format == "parquet":
        raise UsageError("parquet is binary: give an output file")
    target = out or Path(tempfile.mkdtemp(prefix="triangulate-export-")) / f"{table}.{format}"
    # DuckDB's COPY takes no bound parameters; the path is quoted for SQL instead.
    quoted = str(target).replace("'", "''")
    store.conn.execute(
        f"COPY (SELECT * FROM {EXPORT_VIEWS[table]}) TO '{quoted}' ({FORMATS[format]})"
    )
    if out is None:
        with target.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        shutil.rmtree(target.parent, ignore_errors=True)
