"""Export-table rows for a page that reads tens of thousands of them: only the columns it
asks for, and the dicts built whole rather than value by value.

`Store.rows` checks every value of every row for JSON; on a story of a thousand reports
(some 40,000 rows) that per-value work and the sentences' text, which nothing on the
page reads, were most of the page's time. The rows are those `Store.rows` gives, with
`columns` only where they are given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from triangulate.errors import StoreError
from triangulate.models import Row
from triangulate.store.schema import EXPORT_VIEWS

if TYPE_CHECKING:
    from triangulate.store.database import Store


def export_rows(
    store: Store,
    table: str,
    where: str = "",
    params: Sequence[Any] = (),
    columns: Sequence[str] = (),
) -> list[Row]:
    """Rows of an export table as dicts, JSON columns decoded; `columns` (default: all)
    picks some, which DuckDB then does not compute at all."""
    if table not in EXPORT_VIEWS:
        raise StoreError(f"unknown table {table!r}; choose one of: {', '.join(EXPORT_VIEWS)}")
    select = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    sql = f"SELECT {select} FROM {EXPORT_VIEWS[table]}" + (f" WHERE {where}" if where else "")
    result = store.conn.execute(sql, list(params))
    names = [c[0] for c in result.description]
    decoded = [name for name, c in zip(names, result.description, strict=True) if c[1] == "JSON"]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    for row in rows:
        for name in decoded:
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
    return rows
