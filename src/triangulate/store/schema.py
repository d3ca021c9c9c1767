"""The versioned schema. Append a migration; never edit one that has shipped."""

from __future__ import annotations

from triangulate.models import LSH_BANDS, LSH_ROWS

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
    (
        3,
        "quotes, quantitative claims and events of each document",
        [
            """
            CREATE TABLE quotes (
                doc_id VARCHAR NOT NULL,
                id VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                speaker VARCHAR,
                speaker_start INTEGER,
                speaker_end INTEGER,
                speaker_role VARCHAR,
                cue VARCHAR,
                cue_start INTEGER,
                cue_end INTEGER
            )
            """,
            """
            CREATE TABLE claims (
                doc_id VARCHAR NOT NULL,
                id VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                surface VARCHAR NOT NULL,
                value DOUBLE,
                value_low DOUBLE,
                value_high DOUBLE,
                unit VARCHAR NOT NULL,
                surface_value VARCHAR NOT NULL,
                surface_unit VARCHAR,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                qualifier VARCHAR,
                measured VARCHAR,
                subject VARCHAR,
                location VARCHAR,
                date VARCHAR,
                claimant VARCHAR,
                claimant_start INTEGER,
                claimant_end INTEGER,
                claimant_kind VARCHAR NOT NULL,
                hedge VARCHAR,
                quote_id VARCHAR,
                restates VARCHAR,
                consistent BOOLEAN
            )
            """,
            """
            CREATE TABLE events (
                doc_id VARCHAR NOT NULL,
                id VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                summary VARCHAR NOT NULL,
                sentence_start INTEGER NOT NULL,
                sentence_end INTEGER NOT NULL,
                trigger VARCHAR,
                trigger_start INTEGER,
                trigger_end INTEGER,
                date VARCHAR,
                granularity VARCHAR,
                anchored BOOLEAN NOT NULL,
                date_start INTEGER,
                date_end INTEGER,
                actors VARCHAR[],
                actor_starts INTEGER[],
                actor_ends INTEGER[],
                location VARCHAR,
                location_start INTEGER,
                location_end INTEGER
            )
            """,
            """
            CREATE VIEW export_quotes AS
            SELECT q.doc_id || ':' || q.id AS id, q.doc_id, q.speaker,
                   me.entity_id AS speaker_entity_id, q.speaker_role, q.kind, q.cue, q.text,
                   q.start, q."end", q.sentence_start, q.sentence_end,
                   q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, d.source
            FROM quotes q JOIN documents d ON d.id = q.doc_id
            LEFT JOIN mention_entities me
              ON me.doc_id = q.doc_id AND me.start = q.speaker_start AND me."end" = q.speaker_end
            ORDER BY q.doc_id, q.start
            """,
            """
            CREATE VIEW export_claims AS
            SELECT c.doc_id || ':' || c.id AS id, c.doc_id, c.value, c.value_low, c.value_high,
                   c.qualifier, c.unit, c.surface, c.surface_value, c.surface_unit, c.measured,
                   c.subject, c.location, c.date,
                   coalesce(c.claimant, d.source) AS claimant,
                   me.entity_id AS claimant_entity_id, c.claimant_kind, c.hedge,
                   c.doc_id || ':' || c.quote_id AS quote_id,
                   c.doc_id || ':' || c.restates AS restates, c.consistent,
                   c.start, c."end", c.sentence_start, c.sentence_end, d.source,
                   strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d')
                       AS published
            FROM claims c JOIN documents d ON d.id = c.doc_id
            LEFT JOIN mention_entities me
              ON me.doc_id = c.doc_id AND me.start = c.claimant_start
             AND me."end" = c.claimant_end
            ORDER BY c.doc_id, c.start
            """,
            """
            CREATE VIEW export_events AS
            SELECT e.doc_id || ':' || e.id AS id, e.doc_id, e.date, e.granularity, e.anchored,
                   e.type, e.summary, e.actors,
                   (SELECT list(me.entity_id ORDER BY me.start) FROM mention_entities me
                     WHERE me.doc_id = e.doc_id AND list_contains(e.actor_starts, me.start))
                       AS actor_entity_ids,
                   e.location, le.entity_id AS location_entity_id, e.start, e."end",
                   e.sentence_start, e.sentence_end, e.trigger, e.date_start, e.date_end,
                   d.source
            FROM events e JOIN documents d ON d.id = e.doc_id
            LEFT JOIN mention_entities le
              ON le.doc_id = e.doc_id AND le.start = e.location_start
             AND le."end" = e.location_end
            ORDER BY e.doc_id, e.start
            """,
        ],
    ),
    (
        4,
        "stories, claim groups, timeline, framing and inferred publication dates",
        [
            "ALTER TABLE documents ADD COLUMN published_inferred_evidence JSON",
            """
            CREATE TABLE stories (
                id VARCHAR PRIMARY KEY,
                title VARCHAR,
                start_date VARCHAR,
                end_date VARCHAR,
                storyline_id VARCHAR,
                state JSON
            )
            """,
            """
            CREATE TABLE story_documents (
                story_id VARCHAR NOT NULL,
                doc_id VARCHAR NOT NULL,
                score DOUBLE
            )
            """,
            """
            CREATE TABLE corpus_state (
                key VARCHAR PRIMARY KEY,
                value JSON
            )
            """,
            """
            CREATE TABLE claim_groups (
                id VARCHAR PRIMARY KEY,
                story_id VARCHAR,
                measured VARCHAR,
                unit VARCHAR,
                status VARCHAR NOT NULL,
                members JSON NOT NULL,
                detail JSON
            )
            """,
            """
            CREATE TABLE timeline (
                story_id VARCHAR,
                position INTEGER NOT NULL,
                date VARCHAR,
                granularity VARCHAR,
                type VARCHAR,
                summary VARCHAR NOT NULL,
                event_ids JSON NOT NULL,
                doc_ids JSON NOT NULL,
                sources JSON NOT NULL,
                inferred BOOLEAN NOT NULL DEFAULT false
            )
            """,
            """
            CREATE TABLE framing (
                story_id VARCHAR,
                source VARCHAR NOT NULL,
                referent VARCHAR NOT NULL,
                term VARCHAR NOT NULL,
                count INTEGER NOT NULL,
                kind VARCHAR NOT NULL,
                examples JSON
            )
            """,
            "DROP VIEW export_documents",
            """
            CREATE VIEW export_documents AS
            SELECT id, path, url, source, source_evidence,
                   strftime(published, '%Y-%m-%d') AS published,
                   strftime(published_inferred, '%Y-%m-%d') AS published_inferred,
                   published_evidence, published_inferred_evidence, title, text, language,
                   duplicate_of, byline, dateline, headings, content_type, metadata
            FROM documents ORDER BY seq
            """,
            """
            CREATE VIEW export_stories AS
            SELECT s.id, s.title,
                   (SELECT list(sd.doc_id ORDER BY sd.doc_id) FROM story_documents sd
                     WHERE sd.story_id = s.id) AS doc_ids,
                   s.start_date, s.end_date, s.storyline_id
            FROM stories s ORDER BY s.start_date NULLS LAST, s.id
            """,
            """
            CREATE VIEW export_claim_groups AS
            SELECT id, story_id, measured, unit, status, members, detail
            FROM claim_groups ORDER BY story_id, id
            """,
            """
            CREATE VIEW export_timeline AS
            SELECT story_id, date, granularity, summary, event_ids, doc_ids, sources, type,
                   inferred
            FROM timeline ORDER BY story_id, position
            """,
            """
            CREATE VIEW export_framing AS
            SELECT story_id, source, referent, term, count, kind, examples
            FROM framing ORDER BY story_id, referent, source, count DESC
            """,
        ],
    ),
    (
        5,
        "the parse of undated documents, so that an inferred date costs only our components",
        ["ALTER TABLE analyses ADD COLUMN parse BLOB"],
    ),
    (
        6,
        "LSH bands of the near-duplicate signatures (18 bands of 7 rows), kept in the store",
        [
            """
            CREATE TABLE document_bands (
                band INTEGER NOT NULL,
                key UBIGINT NOT NULL,
                doc_id VARCHAR NOT NULL
            )
            """,
            f"""
            INSERT INTO document_bands
            SELECT t.band,
                   hash(list_slice(m.signature, t.band * {LSH_ROWS} + 1,
                                   t.band * {LSH_ROWS} + {LSH_ROWS})), m.doc_id
            FROM document_minhash m, range(0, {LSH_BANDS}) t(band)
            """,
        ],
    ),
    (
        7,
        "corroborated statements: one speaker's words reported by independent outlets",
        [
            """
            CREATE TABLE statement_groups (
                id VARCHAR PRIMARY KEY,
                story_id VARCHAR,
                speaker VARCHAR,
                speaker_entity_id VARCHAR,
                status VARCHAR NOT NULL,
                members JSON NOT NULL,
                origins JSON NOT NULL
            )
            """,
            """
            CREATE VIEW export_statement_groups AS
            SELECT id, story_id, speaker, speaker_entity_id, status, members, origins
            FROM statement_groups ORDER BY story_id, id
            """,
        ],
    ),
    (
        8,
        "crash-safe derived state: analysis errors, the date each analysis used, stale stories",
        [
            """
            CREATE TABLE analysis_errors (
                doc_id VARCHAR NOT NULL,
                pipeline VARCHAR NOT NULL,
                component VARCHAR NOT NULL,
                error VARCHAR NOT NULL,
                message VARCHAR,
                "at" TIMESTAMP NOT NULL DEFAULT current_timestamp
            )
            """,
            "ALTER TABLE analyses ADD COLUMN reference_date VARCHAR",
            """
            UPDATE analyses SET reference_date = (
                SELECT strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d')
                FROM documents d WHERE d.id = analyses.doc_id)
            """,
            "CREATE TABLE stale_stories (story_id VARCHAR PRIMARY KEY)",
            """
            CREATE VIEW export_analysis_errors AS
            SELECT doc_id, component, error, message, strftime("at", '%Y-%m-%dT%H:%M:%S') AS "at",
                   pipeline
            FROM analysis_errors ORDER BY "at", doc_id
            """,
            """
            CREATE VIEW export_sentences AS
            SELECT a.doc_id, s.i - 1 AS position, s.span.start AS start, s.span."end" AS "end",
                   substring(d.text, s.span.start + 1, s.span."end" - s.span.start) AS text
            FROM analyses a JOIN documents d ON d.id = a.doc_id,
                 unnest(CAST(a.sentences AS STRUCT(start INTEGER, "end" INTEGER)[]))
                     WITH ORDINALITY AS s(span, i)
            ORDER BY a.doc_id, s.i
            """,
        ],
    ),
    (
        11,
        "attributions of every kind: the act a quote reports, its source as written, the body a "
        "role speaks for, and the quote it is nested in",
        [
            "ALTER TABLE quotes ADD COLUMN act VARCHAR",
            "ALTER TABLE quotes ADD COLUMN source_start INTEGER",
            "ALTER TABLE quotes ADD COLUMN source_end INTEGER",
            "ALTER TABLE quotes ADD COLUMN speaker_body VARCHAR",
            "ALTER TABLE quotes ADD COLUMN nested_in VARCHAR",
            """
            CREATE OR REPLACE VIEW export_quotes AS
            SELECT q.doc_id || ':' || q.id AS id, q.doc_id, q.speaker,
                   me.entity_id AS speaker_entity_id, q.speaker_role, q.kind, q.cue, q.text,
                   q.start, q."end", q.sentence_start, q.sentence_end,
                   q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, d.source,
                   q.act, q.source_start, q.source_end, q.speaker_body,
                   CASE WHEN q.nested_in IS NULL THEN NULL
                        ELSE q.doc_id || ':' || q.nested_in END AS nested_in
            FROM quotes q JOIN documents d ON d.id = q.doc_id
            LEFT JOIN mention_entities me
              ON me.doc_id = q.doc_id AND me.start = q.speaker_start AND me."end" = q.speaker_end
            ORDER BY q.doc_id, q.start
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
    "quotes": "export_quotes",
    "claims": "export_claims",
    "events": "export_events",
    "stories": "export_stories",
    "claim_groups": "export_claim_groups",
    "timeline": "export_timeline",
    "framing": "export_framing",
    "statement_groups": "export_statement_groups",
    "sentences": "export_sentences",
    "analysis_errors": "export_analysis_errors",
}
