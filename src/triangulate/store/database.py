"""The embedded DuckDB store: opening, migrating and reading/writing documents.

Writes happen in batches, one transaction each, so an interrupted run leaves
either a whole batch or nothing of it.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import duckdb

from triangulate.errors import StoreBusy, StoreError
from triangulate.models import (
    LSH_BANDS,
    LSH_ROWS,
    Claim,
    Document,
    DocumentAnalysis,
    Entity,
    EntityMention,
    Event,
    Evidence,
    Quote,
    Span,
    TimeExpression,
)
from triangulate.store.schema import EXPORT_VIEWS, LATEST_VERSION, MIGRATIONS

DEFAULT_DB = "triangulate.duckdb"
DEFAULT_LOCK_TIMEOUT = 60.0
LOCK_POLL = 0.25  # seconds between attempts to take a held lock
R = TypeVar("R")

_DOCUMENT_COLUMNS = [
    "id", "path", "url", "source", "source_evidence", "published", "published_inferred",
    "published_evidence", "title", "title_evidence", "byline", "dateline", "text", "raw",
    "content_type", "language", "headings", "duplicate_of", "metadata",
]  # fmt: skip
# The key of LSH band `t.band` of the signature bound to `?` (the migration's formula).
_BAND_KEY = (
    f"hash(list_slice(?::UINTEGER[], t.band * {LSH_ROWS} + 1, t.band * {LSH_ROWS} + {LSH_ROWS}))"
)
# The per-document analysis tables and the record each row is (after its `doc_id`).
ANALYSIS_RECORDS: dict[str, type] = {
    "mentions": EntityMention,
    "timexes": TimeExpression,
    "quotes": Quote,
    "claims": Claim,
    "events": Event,
}
_ANALYSIS_TABLES = ("analyses", *ANALYSIS_RECORDS)
_JSON_COLUMNS = {"source_evidence", "published_evidence", "title_evidence", "headings", "metadata"}


def default_db_path(db: str | Path | None = None) -> Path:
    """`db` if given, else $TRIANGULATE_DB, else ./triangulate.duckdb."""
    return Path(db or os.environ.get("TRIANGULATE_DB") or DEFAULT_DB)


class Store:
    """A triangulate database file, migrated to the latest schema on open.

    DuckDB admits one read-write process or several read-only ones: a held lock is
    waited for up to `lock_timeout` seconds (`on_wait` is told once who holds it),
    then `StoreBusy` is raised. `read_only` opens an existing file for reading only,
    so readers never block each other.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = default_db_path(path)
        self.read_only = read_only and self.path.exists()
        self._lock_timeout = lock_timeout
        self._on_wait = on_wait
        self._columns: dict[str, dict[str, str]] = {}
        self.conn = self._connect(self.read_only)
        if self.read_only and self.version < LATEST_VERSION:
            self.conn.close()  # an older file is migrated once, read-write
            self.conn = self._connect(False)
            self.migrate()
            self.conn.close()
            self.conn = self._connect(True)
        if not self.read_only:
            self.migrate()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """A connection, waiting up to the lock timeout while another process holds the file."""
        deadline = time.monotonic() + self._lock_timeout
        told = False
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise self._cannot_open(exc) from exc
                holder = _lock_holder(str(exc))
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"database {self.path} is held by {holder}; waited "
                        f"{self._lock_timeout:g} s. Retry when that command has finished, or "
                        "give a longer --lock-timeout"
                    ) from exc
                if not told and self._on_wait:
                    self._on_wait(
                        f"database {self.path} is held by {holder}; waiting up to "
                        f"{self._lock_timeout:g} s (--lock-timeout)"
                    )
                    told = True
                time.sleep(LOCK_POLL)
            except (OSError, duckdb.Error) as exc:
                raise self._cannot_open(exc) from exc

    def _cannot_open(self, exc: Exception) -> StoreError:
        return StoreError(f"cannot open database {self.path}: {exc}; check the path")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        exists = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def migrate(self) -> None:
        """Apply every migration newer than the file's version, each in its own transaction."""
        self._columns.clear()
        current = self.version
        if current > LATEST_VERSION:
            raise StoreError(
                f"database {self.path} has schema version {current}, newer than this "
                f"triangulate ({LATEST_VERSION}); upgrade triangulate"
            )
        if current == 0:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
                "description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
            )
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for statement in statements:
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_version (version, description) VALUES (?, ?)",
                    [version, description],
                )

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def insert_document(self, document: Document, signature: list[int]) -> None:
        """Insert one document and its MinHash signature; call inside `transaction()`."""
        placeholders = ", ".join("?" for _ in _DOCUMENT_COLUMNS)
        self.conn.execute(
            f"INSERT INTO documents (seq, {', '.join(_DOCUMENT_COLUMNS)}) "
            f"VALUES (nextval('document_seq'), {placeholders})",
            _document_row(document),
        )
        self.conn.execute("INSERT INTO document_minhash VALUES (?, ?)", [document.id, signature])
        self.conn.execute(
            f"INSERT INTO document_bands SELECT t.band, {_BAND_KEY}, ? "
            f"FROM range(0, {LSH_BANDS}) t(band)",
            [signature, document.id],
        )

    def band_candidates(self, signature: list[int]) -> list[tuple[str, list[int]]]:
        """Stored documents sharing an LSH band with `signature`, with their signatures."""
        return self.conn.execute(
            "SELECT m.doc_id, m.signature FROM document_minhash m WHERE m.doc_id IN ("
            "SELECT b.doc_id FROM document_bands b JOIN "
            f"(SELECT t.band, {_BAND_KEY} AS key FROM range(0, {LSH_BANDS}) t(band)) q "
            "ON b.band = q.band AND b.key = q.key)",
            [signature],
        ).fetchall()

    def relink_copies(self, roots: set[str], original: str) -> None:
        """Point every member of the groups rooted at `roots` at `original`."""
        self.conn.execute(
            "UPDATE documents SET duplicate_of = CASE WHEN id = ? THEN NULL ELSE ? END "
            "WHERE id IN (SELECT unnest(?)) OR duplicate_of IN (SELECT unnest(?))",
            [original, original, list(roots), list(roots)],
        )

    def originals_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Each id's group root: its `duplicate_of`, or itself when it is an original."""
        rows = self.conn.execute(
            "SELECT id, coalesce(duplicate_of, id) FROM documents WHERE id IN (SELECT unnest(?))",
            [list(ids)],
        ).fetchall()
        return dict(rows)

    def earliest(self, ids: Iterable[str]) -> str:
        """The id that counts as the original: earliest publication date, then first stored."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?)) "
            "ORDER BY published NULLS LAST, seq LIMIT 1",
            [list(ids)],
        ).fetchone()
        if row is None:
            raise StoreError("earliest() was given no stored document ids")
        return str(row[0])

    def state(self, key: str) -> Any:
        """A value of the corpus-wide state (JSON decoded), None when never set."""
        row = self.conn.execute("SELECT value FROM corpus_state WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO corpus_state VALUES (?, ?)",
            [key, json.dumps(value, ensure_ascii=False)],
        )

    def count_entities(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM entities").fetchone()
        return int(row[0]) if row else 0

    def document_ids(self) -> list[str]:
        """Every stored document id, in ingestion order."""
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY seq").fetchall()]

    def count_documents(self) -> int:
        row = self.conn.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def documents(self, ids: Sequence[str] | None = None) -> Iterator[Document]:
        """All stored documents in ingestion order, or those of `ids`."""
        if ids is None:
            yield from self._documents_where("", [])
        else:
            yield from self._documents_where("WHERE id IN (SELECT unnest(?))", [list(ids)])

    def documents_to_analyze(
        self, pipeline: str, *, force: bool = False, retry_failed: bool = False
    ) -> Iterator[Document]:
        """Documents never analysed, or analysed by another pipeline (all with `force`);
        those whose analysis by `pipeline` failed only with `retry_failed` (or `force`)."""
        where = ""
        params: list[Any] = []
        if not force:
            where = "WHERE id NOT IN (SELECT doc_id FROM analyses WHERE pipeline = ?)"
            params = [pipeline]
            if not retry_failed:
                where += " AND id NOT IN (SELECT doc_id FROM analysis_errors WHERE pipeline = ?)"
                params.append(pipeline)
        yield from self._documents_where(where, params)

    def documents_to_redate(self, pipeline: str) -> Iterator[Document]:
        """Documents analysed by `pipeline` against another date than theirs today."""
        yield from self._documents_where(
            "WHERE id IN (SELECT a.doc_id FROM analyses a JOIN documents d ON d.id = a.doc_id "
            "WHERE a.pipeline = ? AND a.reference_date IS DISTINCT FROM "
            "strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d'))",
            [pipeline],
        )

    def _documents_where(self, where: str, params: list[Any]) -> Iterator[Document]:
        cursor = self.conn.execute(
            f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents {where} ORDER BY seq", params
        )
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _document_from_row(dict(zip(_DOCUMENT_COLUMNS, row, strict=True)))

    def replace_analyses(
        self,
        analyses: Sequence[DocumentAnalysis],
        pipeline: str,
        reference_dates: Mapping[str, str | None] | None = None,
    ) -> None:
        """Store a batch of analyses in place of any earlier ones (and of earlier failures);
        `reference_dates` are the dates each was analysed against. Call inside `transaction()`.

        One DELETE per table and one INSERT per table for the batch: DuckDB's
        `executemany` runs row by row, which made storage a fifth of analysis time.
        """
        ids = [a.doc_id for a in analyses]
        if not ids:
            return
        dates = reference_dates or {}
        for table in (*_ANALYSIS_TABLES, "analysis_errors"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
        self.insert_many(
            "analyses (doc_id, pipeline, sentences, parse, reference_date)",
            [
                [
                    a.doc_id,
                    pipeline,
                    json.dumps([asdict(s) for s in a.sentences]),
                    a.parse,
                    dates.get(a.doc_id),
                ]
                for a in analyses
            ],
        )
        for table, record_type in ANALYSIS_RECORDS.items():
            self.insert_many(
                _target(table, ["doc_id", *record_columns(record_type)]),
                [[a.doc_id, *_record_row(r)] for a in analyses for r in getattr(a, table)],
            )

    def record_analysis_errors(
        self, errors: Sequence[tuple[str, str, str, str]], pipeline: str
    ) -> None:
        """Record (doc_id, component, error, message) failures of `pipeline`, replacing the
        documents' earlier ones; the documents keep no analysis. Call inside `transaction()`."""
        ids = [e[0] for e in errors]
        if not ids:
            return
        for table in (*_ANALYSIS_TABLES, "analysis_errors"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
        self.insert_many(
            "analysis_errors (doc_id, pipeline, component, error, message)",
            [[doc_id, pipeline, c, e, m] for doc_id, c, e, m in errors],
        )

    def parses(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The kept parses (DocBin bytes) of those of `ids` that have one."""
        rows = self.conn.execute(
            "SELECT doc_id, parse FROM analyses WHERE parse IS NOT NULL "
            "AND doc_id IN (SELECT unnest(?))",
            [list(ids)],
        ).fetchall()
        return {doc_id: bytes(parse) for doc_id, parse in rows}

    def mentions_by_document(
        self, ids: Sequence[str] | None = None
    ) -> dict[str, list[EntityMention]]:
        """Entity mentions of every document (or of `ids`), in (document id, start) order."""
        where, params = (
            ("WHERE doc_id IN (SELECT unnest(?))", [list(ids)]) if ids is not None else ("", [])
        )
        rows = self.conn.execute(
            'SELECT doc_id, start, "end", text, label, role, place_kind FROM mentions '
            f"{where} ORDER BY doc_id, start",
            params,
        ).fetchall()
        return _by_document(rows, EntityMention)

    def replace_entities(
        self, entities: list[Entity], assignments: dict[tuple[str, int, int], str]
    ) -> None:
        """Replace the canonical entities and which mention belongs to which."""
        self.conn.execute("DELETE FROM mention_entities")
        self.conn.execute("DELETE FROM entities")
        self.insert_records("entities", entities)
        self.insert_many(
            'mention_entities (doc_id, start, "end", entity_id)',
            [[doc_id, start, end, entity] for (doc_id, start, end), entity in assignments.items()],
        )

    def entities(self) -> list[Entity]:
        rows = self.conn.execute(
            "SELECT id, name, type, aliases, roles, lat, lon, country, admin1, geonames_id "
            "FROM entities ORDER BY id"
        ).fetchall()
        return [
            Entity(i, n, t, json.loads(a or "[]"), json.loads(r or "[]"), *rest)
            for i, n, t, a, r, *rest in rows
        ]

    def rows(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of an export table (the public contract) as dicts, JSON columns decoded.

        `where` is an SQL condition over the table's columns, e.g. ``"doc_id IN (?, ?)"``.
        """
        if table not in EXPORT_VIEWS:
            raise StoreError(f"unknown table {table!r}; choose one of: {', '.join(EXPORT_VIEWS)}")
        sql = f"SELECT * FROM {EXPORT_VIEWS[table]}" + (f" WHERE {where}" if where else "")
        result = self.conn.execute(sql, list(params))
        columns = [(c[0], c[1]) for c in result.description]
        return [
            {
                name: json.loads(value) if kind == "JSON" and isinstance(value, str) else value
                for (name, kind), value in zip(columns, row, strict=True)
            }
            for row in result.fetchall()
        ]

    def mention_texts_by_entity(self) -> dict[str, list[str]]:
        """The surface forms each entity was mentioned under, one per mention."""
        rows = self.conn.execute(
            "SELECT entity_id, text FROM export_mentions WHERE entity_id IS NOT NULL"
        ).fetchall()
        found: dict[str, list[str]] = {}
        for entity_id, text in rows:
            found.setdefault(entity_id, []).append(text)
        return found

    def timexes_by_document(self) -> dict[str, list[TimeExpression]]:
        rows = self.conn.execute(
            'SELECT doc_id, start, "end", text, type, value, granularity, anchored, rule '
            "FROM timexes ORDER BY doc_id, start"
        ).fetchall()
        return _by_document(rows, TimeExpression)

    def publication_dates(self, ids: Sequence[str] | None = None) -> dict[str, str | None]:
        """Each document's date (stated, else inferred), of every document or of `ids`."""
        where, params = (
            ("WHERE id IN (SELECT unnest(?))", [list(ids)]) if ids is not None else ("", [])
        )
        rows = self.conn.execute(
            "SELECT id, strftime(coalesce(published, published_inferred), '%Y-%m-%d') "
            f"FROM documents {where}",
            params,
        ).fetchall()
        return dict(rows)

    def insert_records(self, table: str, records: Sequence[Any]) -> None:
        """INSERT dataclass records into `table`, whose columns are the records' field names;
        JSON columns get their values encoded."""
        if not records:
            return
        assert is_dataclass(records[0])
        columns = record_columns(type(records[0]))
        json_columns = self.json_columns(table)
        rows = [
            [
                json.dumps(v, ensure_ascii=False) if c in json_columns else v
                for c, v in zip(columns, _record_row(r), strict=True)
            ]
            for r in records
        ]
        self.insert_many(_target(table, columns), rows)

    def columns(self, table: str) -> dict[str, str]:
        """A stored table's columns and their types, in table order (read once per
        connection: the schema changes only in `migrate`, when a store is opened)."""
        cached = self._columns.get(table)
        if cached is None:
            rows = self.conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            cached = self._columns[table] = dict(rows)
        return dict(cached)

    def json_columns(self, table: str) -> set[str]:
        return {name for name, kind in self.columns(table).items() if kind == "JSON"}

    def insert_many(
        self, target: str, rows: list[list[Any]], *, on_conflict_ignore: bool = False
    ) -> None:
        """INSERT rows into `target` ("table" or "table (columns)") in one statement.

        Each column goes in as one list parameter, zipped back into rows by
        `unnest`: an order of magnitude faster than binding every value.
        """
        if not rows:
            return
        columns = [list(column) for column in zip(*rows, strict=True)]
        unnests = ", ".join("unnest(?)" for _ in columns)
        verb = "INSERT OR IGNORE INTO" if on_conflict_ignore else "INSERT INTO"
        self.conn.execute(f"{verb} {target} SELECT {unnests}", columns)


class _Transaction:
    """BEGIN on enter; COMMIT on success, ROLLBACK on any exception (KeyboardInterrupt too)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN TRANSACTION")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _among(column: str, ids: Sequence[str] | None) -> tuple[str, list[Any]]:
    """A WHERE clause keeping rows whose `column` is one of `ids` (none with None)."""
    if ids is None:
        return "", []
    return f"WHERE {column} IN (SELECT unnest(?))", [list(ids)]


def _lock_holder(message: str) -> str:
    """Who holds the lock, from DuckDB's message ("... held in /usr/bin/python (PID 42)")."""
    found = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    return f"process {found[2]} ({found[1]})" if found else "another process"


def _by_document(rows: list[tuple[Any, ...]], record: Callable[..., R]) -> dict[str, list[R]]:
    """Rows whose first column is a document id, as records grouped by document."""
    found: dict[str, list[R]] = {}
    for doc_id, *values in rows:
        found.setdefault(doc_id, []).append(record(*values))
    return found


def record_columns(record_type: type) -> list[str]:
    """The table columns a record's fields are stored in, in field order.

    A field is the column of its name; a list of (start, end) pairs (`actor_spans`)
    is split into `actor_starts` and `actor_ends`. A new field needs a migration
    adding its column and nothing here (tests/test_store.py checks they match).
    """
    columns: list[str] = []
    for f in fields(record_type):
        columns += ["actor_starts", "actor_ends"] if f.name == "actor_spans" else [f.name]
    return columns


def _target(table: str, columns: Sequence[str]) -> str:
    return f"{table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)})"


def _record_row(record: Any) -> list[Any]:
    """A record's values in `record_columns` order, JSON columns not yet encoded."""
    row: list[Any] = []
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "actor_spans":
            row += [[s for s, _ in value], [e for _, e in value]]
        elif isinstance(value, tuple):
            row.append(list(value))
        else:
            row.append(value)
    return row


def _document_row(document: Document) -> list[Any]:
    values = asdict(document)
    return [
        json.dumps(values[c], ensure_ascii=False) if c in _JSON_COLUMNS else values[c]
        for c in _DOCUMENT_COLUMNS
    ]


def _document_from_row(row: dict[str, Any]) -> Document:
    for column in _JSON_COLUMNS:
        row[column] = json.loads(row[column]) if row[column] is not None else None
    for column in ("source_evidence", "published_evidence", "title_evidence"):
        row[column] = Evidence(**row[column]) if row[column] else None
    for column in ("published", "published_inferred"):
        row[column] = row[column].isoformat() if row[column] else None
    row["headings"] = [Span(**span) for span in row["headings"] or []]
    row["metadata"] = row["metadata"] or {}
    return Document(**row)
