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
    (
        2,
        "per-document analysis (mentions, time expressions) and canonical entities",
        [
            """
            CREATE TABLE analyses (
                doc_id VARCHAR PRIMARY KEY,
                pipeline VARCHAR NOT NULL,
                sentences JSON,
                analyzed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )
            """,
            """
            CREATE TABLE mentions (
                doc_id VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                label VARCHAR NOT NULL,
                role VARCHAR,
                place_kind VARCHAR
            )
            """,
            """
            CREATE TABLE timexes (
                doc_id VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                value VARCHAR NOT NULL,
                granularity VARCHAR NOT NULL,
                anchored BOOLEAN NOT NULL,
                rule VARCHAR
            )
            """,
            """
            CREATE TABLE entities (
                id VARCHAR PRIMARY KEY,
                name VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                aliases JSON,
                roles JSON,
                lat DOUBLE,
                lon DOUBLE,
                country VARCHAR,
                admin1 VARCHAR,
                geonames_id BIGINT
            )
            """,
            """
            CREATE TABLE mention_entities (
                doc_id VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                entity_id VARCHAR NOT NULL
            )
            """,
            """
            CREATE VIEW export_entities AS
            SELECT id, name, type, aliases, roles, lat, lon, country, admin1, geonames_id
            FROM entities ORDER BY type, name
            """,
            """
            CREATE VIEW export_mentions AS
            SELECT m.doc_id, e.entity_id, m.start, m."end", m.text, m.label, m.role, m.place_kind
            FROM mentions m LEFT JOIN mention_entities e
              ON e.doc_id = m.doc_id AND e.start = m.start AND e."end" = m."end"
            ORDER BY m.doc_id, m.start
            """,
            """
            CREATE VIEW export_timexes AS
            SELECT doc_id, start, "end", text, value, granularity, type, anchored, rule
            FROM timexes ORDER BY doc_id, start
            """,
        ],
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]

EXPORT_VIEWS = {
    "documents": "export_documents",
    "entities": "export_entities",
    "mentions": "export_mentions",
    "timexes": "export_timexes",
}
