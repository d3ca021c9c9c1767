"""Export tables to JSON Lines, CSV or Parquet with DuckDB's own writers.

CSV files get opened in spreadsheets, where a cell starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return runs as a formula; article text is
attacker-controlled, so such text cells are prefixed with ``'`` (OWASP's rule).
JSON Lines and Parquet are read by programs and keep the exact text.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from triangulate.errors import UsageError
from triangulate.store.event_export import EVENT_FORMATS
from triangulate.store.schema import EXPORT_VIEWS

if TYPE_CHECKING:
    from triangulate.store.database import Store

FORMATS = {"jsonl": "FORMAT JSON", "csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET"}
# The first characters that make a spreadsheet cell a formula (OWASP CSV injection).
_FORMULA_START = "^[=+@\t\r-]"


def export_table(store: Store, table: str, format: str, out: Path | None) -> None:
    """Write `table` in `format` to `out`; jsonl and csv may go to standard output."""
    if table not in EXPORT_VIEWS:
        raise UsageError(f"unknown table {table!r}; choose one of: {', '.join(EXPORT_VIEWS)}")
    if format in EVENT_FORMATS:
        _export_events(store, table, format, out)
        return
    if format not in FORMATS:
        names = ", ".join([*FORMATS, *(f"{f} (events only)" for f in EVENT_FORMATS)])
        raise UsageError(f"unknown format {format!r}; choose one of: {names}")
    if out is None and format == "parquet":
        raise UsageError("parquet is binary: give an output file")
    target = out or Path(tempfile.mkdtemp(prefix="triangulate-export-")) / f"{table}.{format}"
    # DuckDB's COPY takes no bound parameters; the path is quoted for SQL instead.
    quoted = str(target).replace("'", "''")
    view = EXPORT_VIEWS[table]
    columns = _formula_safe_columns(store, view) if format == "csv" else "*"
    store.conn.execute(f"COPY (SELECT {columns} FROM {view}) TO '{quoted}' ({FORMATS[format]})")
    if out is None:
        with target.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        shutil.rmtree(target.parent, ignore_errors=True)


def _formula_safe_columns(store: Store, view: str) -> str:
    """The view's columns, with every text cell a spreadsheet would run prefixed by ``'``.

    Only VARCHAR columns are rewritten: numbers stay numbers, and lists and
    structs are written starting with ``[`` or ``{``, which no spreadsheet runs.
    """
    selected = []
    for name, column_type, *_ in store.conn.execute(f"DESCRIBE SELECT * FROM {view}").fetchall():
        column = '"' + name.replace('"', '""') + '"'
        if column_type == "VARCHAR":
            column = (
                f"CASE WHEN regexp_matches({column}, '{_FORMULA_START}') "
                f"THEN '''' || {column} ELSE {column} END AS {column}"
            )
        selected.append(column)
    return ", ".join(selected)


def _export_events(store: Store, table: str, format: str, out: Path | None) -> None:
    """GeoJSON or ACLED CSV of the events table, to `out` or standard output."""
    if table != "events":
        raise UsageError(f"format {format!r} is for the events table only, not {table!r}")
    text = EVENT_FORMATS[format](store)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8", newline="")
