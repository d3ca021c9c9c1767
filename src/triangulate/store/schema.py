"""The versioned schema. Append a migration; never edit one that has shipped."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "documents and their near-duplicate signatures",
        [
            """
            CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,
                seq BIGINT NOT NULL,
                path VARCHAR NOT NULL,
                url VARCHAR,
                source VARCHAR,
                source_evidence JSON,
                published DATE,
                published_inferred DATE,
                published_evidence JSON,
                title VARCHAR,
                title_evidence JSON,
                byline VARCHAR,
                dateline VARCHAR,
                text VARCHAR NOT NULL,
                raw VARCHAR NOT NULL,
                content_type VARCHAR NOT NULL,
                language VARCHAR,
                headings JSON,
                duplicate_of VARCHAR,
                metadata JSON,
                ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )
            """,
            "CREATE SEQUENCE document_seq START 1",
            """
            CREATE TABLE document_minhash (
                doc_id VARCHAR PRIMARY KEY,
                signature UINTEGER[] NOT NULL
            )
            """,
            """
            CREATE VIEW export_documents AS
            SELECT id, path, url, source, source_evidence,
                   strftime(published, '%Y-%m-%d') AS published,
                   strftime(published_inferred, '%Y-%m-%d') AS published_inferred,
                   published_evidence, title, text, language, duplicate_of,
                   byline, dateline, headings, content_type, metadata
            FROM documents ORDER BY seq
            """,
        ],
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]

EXPORT_VIEWS = {"documents": "export_documents"}
