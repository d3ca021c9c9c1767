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
        10,
        "claim groups say why: the rule, a confidence and the series per claimant",
        [
            "ALTER TABLE claim_groups ADD COLUMN rule VARCHAR",
            "ALTER TABLE claim_groups ADD COLUMN confidence DOUBLE",
            "ALTER TABLE claim_groups ADD COLUMN series JSON",
            """
            CREATE OR REPLACE VIEW export_claim_groups AS
            SELECT id, story_id, measured, unit, status, members, detail, rule, confidence,
                   series
            FROM claim_groups ORDER BY story_id, id
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
    (
        12,
        "a figure restated in another unit is one claim with its alternative surface",
        [
            "ALTER TABLE claims ADD COLUMN alternative VARCHAR",
            "ALTER TABLE claims ADD COLUMN alternative_start INTEGER",
            "ALTER TABLE claims ADD COLUMN alternative_end INTEGER",
            """
            CREATE OR REPLACE VIEW export_claims AS
            SELECT c.doc_id || ':' || c.id AS id, c.doc_id, c.value, c.value_low, c.value_high,
                   c.qualifier, c.unit, c.surface, c.surface_value, c.surface_unit, c.measured,
                   c.subject, c.location, c.date,
                   coalesce(c.claimant, d.source) AS claimant,
                   me.entity_id AS claimant_entity_id, c.claimant_kind, c.hedge,
                   c.doc_id || ':' || c.quote_id AS quote_id,
                   c.doc_id || ':' || c.restates AS restates, c.consistent,
                   c.alternative, c.alternative_start, c.alternative_end,
                   c.start, c."end", c.sentence_start, c.sentence_end, d.source,
                   strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d')
                       AS published
            FROM claims c JOIN documents d ON d.id = c.doc_id
            LEFT JOIN mention_entities me
              ON me.doc_id = c.doc_id AND me.start = c.claimant_start
             AND me."end" = c.claimant_end
            ORDER BY c.doc_id, c.start
            """,
        ],
    ),
    (
        13,
        "events in ACLED's terms: event and sub-event type, actor1/actor2 with their side, "
        "fatalities with their claimant; the events view with place, precision and evidence",
        [
            *(
                f"ALTER TABLE events ADD COLUMN {column}"
                for column in (
                    "event_type VARCHAR",
                    "sub_event_type VARCHAR",
                    "actor1 VARCHAR",
                    "actor1_side VARCHAR",
                    "actor2 VARCHAR",
                    "actor2_side VARCHAR",
                    "actor2_start INTEGER",
                    "actor2_end INTEGER",
                    "fatalities INTEGER",
                    "fatalities_claimant VARCHAR",
                    "fatality_claim_ids VARCHAR[]",
                )
            ),
            """
            CREATE OR REPLACE VIEW export_events AS
            SELECT e.doc_id || ':' || e.id AS id, e.doc_id, e.date, e.granularity, e.anchored,
                   e.type, e.summary, e.actors,
                   (SELECT list(me.entity_id ORDER BY me.start) FROM mention_entities me
                     WHERE me.doc_id = e.doc_id AND list_contains(e.actor_starts, me.start))
                       AS actor_entity_ids,
                   e.location, le.entity_id AS location_entity_id, e.start, e."end",
                   e.sentence_start, e.sentence_end, e.trigger, e.date_start, e.date_end,
                   d.source,
                   e.event_type, e.sub_event_type, e.actor1, e.actor1_side, e.actor2,
                   e.actor2_side, ae.entity_id AS actor2_entity_id, e.fatalities,
                   e.fatalities_claimant,
                   list_transform(coalesce(e.fatality_claim_ids, []),
                                  lambda c: e.doc_id || ':' || c)
                       AS fatality_claim_ids,
                   ent.lat AS latitude, ent.lon AS longitude, ent.country, ent.admin1,
                   CASE lm.place_kind WHEN 'city' THEN 1 WHEN 'other' THEN 2
                        WHEN 'region' THEN 3 WHEN 'country' THEN 3 END AS geo_precision,
                   CASE WHEN e.granularity IS NULL THEN NULL
                        WHEN e.granularity IN ('day', 'time', 'hour', 'minute', 'second')
                            THEN 1
                        WHEN e.granularity = 'week' THEN 2 ELSE 3 END AS time_precision,
                   substring(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
                       AS evidence,
                   strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d')
                       AS published
            FROM events e JOIN documents d ON d.id = e.doc_id
            LEFT JOIN mention_entities le
              ON le.doc_id = e.doc_id AND le.start = e.location_start
             AND le."end" = e.location_end
            LEFT JOIN entities ent ON ent.id = le.entity_id
            LEFT JOIN mentions lm
              ON lm.doc_id = e.doc_id AND lm.start = e.location_start
             AND lm."end" = e.location_end
            LEFT JOIN mention_entities ae
              ON ae.doc_id = e.doc_id AND ae.start = e.actor2_start AND ae."end" = e.actor2_end
            ORDER BY e.doc_id, e.start
            """,
        ],
    ),
    (
        14,
        "timeline salience: independent reports, outlets and sides per entry, and a score",
        [
            "ALTER TABLE timeline ADD COLUMN reports INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE timeline ADD COLUMN outlets INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE timeline ADD COLUMN sides INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE timeline ADD COLUMN salience DOUBLE NOT NULL DEFAULT 0",
            """
            CREATE OR REPLACE VIEW export_timeline AS
            SELECT story_id, date, granularity, summary, event_ids, doc_ids, sources, type,
                   inferred, reports, outlets, sides, salience
            FROM timeline ORDER BY story_id, position
            """,
        ],
    ),
    (
        16,
        "live watching: sources with their validators and counts, seen entries, alerts",
        [
            """
            CREATE TABLE watch_sources (
                location VARCHAR PRIMARY KEY,
                kind VARCHAR NOT NULL,
                outlet VARCHAR,
                side VARCHAR,
                etag VARCHAR,
                last_modified VARCHAR,
                polls INTEGER NOT NULL DEFAULT 0,
                last_poll TIMESTAMP,
                last_status VARCHAR,
                last_new TIMESTAMP,
                quiet_polls INTEGER NOT NULL DEFAULT 0,
                errors INTEGER NOT NULL DEFAULT 0,
                consecutive_errors INTEGER NOT NULL DEFAULT 0,
                last_error VARCHAR,
                items INTEGER NOT NULL DEFAULT 0,
                next_poll_at TIMESTAMP
            )
            """,
            """
            CREATE TABLE watch_entries (
                source VARCHAR NOT NULL,
                key VARCHAR NOT NULL,
                doc_id VARCHAR,
                status VARCHAR NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 1,
                error VARCHAR,
                first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp,
                PRIMARY KEY (source, key)
            )
            """,
            "CREATE SEQUENCE watch_alert_seq START 1",
            """
            CREATE TABLE watch_alerts (
                key VARCHAR PRIMARY KEY,
                seq BIGINT NOT NULL DEFAULT nextval('watch_alert_seq'),
                kind VARCHAR NOT NULL,
                story_id VARCHAR,
                source VARCHAR,
                doc_id VARCHAR,
                start INTEGER,
                "end" INTEGER,
                summary VARCHAR NOT NULL,
                detail JSON,
                created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
                emitted BOOLEAN NOT NULL DEFAULT false,
                webhook VARCHAR
            )
            """,
            """
            CREATE VIEW export_watch_sources AS
            SELECT location, kind, outlet, side, polls,
                   strftime(last_poll, '%Y-%m-%dT%H:%M:%S') AS last_poll, last_status,
                   strftime(last_new, '%Y-%m-%dT%H:%M:%S') AS last_new, quiet_polls, errors,
                   consecutive_errors, last_error, items
            FROM watch_sources ORDER BY location
            """,
            """
            CREATE VIEW export_alerts AS
            SELECT seq, key, kind, story_id, source, doc_id, start, "end", summary, detail,
                   strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at, emitted, webhook
            FROM watch_alerts ORDER BY seq
            """,
        ],
    ),
    (
        17,
        "entity keys kept per mention, documents waiting for entity resolution",
        [
            """
            CREATE TABLE mention_keys (
                doc_id VARCHAR NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                type VARCHAR NOT NULL,
                key VARCHAR NOT NULL,
                grp VARCHAR NOT NULL,
                place VARCHAR
            )
            """,
            "CREATE TABLE entity_pending (doc_id VARCHAR PRIMARY KEY)",
            # Entities are now rewritten in part, so ties in name need an order of their own.
            """
            CREATE OR REPLACE VIEW export_entities AS
            SELECT id, name, type, aliases, roles, lat, lon, country, admin1, geonames_id
            FROM entities ORDER BY type, name, id
            """,
        ],
    ),
    (
        18,
        "framing rows in a total order (stories are rewritten one at a time)",
        [
            """
            CREATE OR REPLACE VIEW export_framing AS
            SELECT story_id, source, referent, term, count, kind, examples
            FROM framing ORDER BY story_id, referent, source, count DESC, kind, term
            """,
        ],
    ),
    (
        19,
        "entity parts: per-key sums of mentions that entity grouping reads instead of mentions",
        [
            "ALTER TABLE mention_keys ADD COLUMN part VARCHAR",
            "ALTER TABLE mention_keys ADD COLUMN text VARCHAR",
            "ALTER TABLE mention_keys ADD COLUMN role VARCHAR",
            """
            CREATE TABLE entity_parts (
                part VARCHAR NOT NULL,
                grp VARCHAR NOT NULL,
                type VARCHAR NOT NULL,
                key VARCHAR NOT NULL,
                place VARCHAR,
                local VARCHAR,
                entity_id VARCHAR NOT NULL
            )
            """,
            """
            CREATE TABLE entity_surfaces (
                part VARCHAR NOT NULL,
                text VARCHAR NOT NULL,
                n INTEGER NOT NULL,
                first_doc VARCHAR NOT NULL,
                first_start INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE person_pairs (
                a VARCHAR NOT NULL,
                b VARCHAR NOT NULL,
                n INTEGER NOT NULL
            )
            """,
            # keys kept before have no parts: the next run resolves from scratch
            "DELETE FROM mention_keys",
            "INSERT OR IGNORE INTO entity_pending SELECT doc_id FROM analyses",
        ],
    ),
    (
        20,
        "the events view finds actors' entities by a join, so a filter on documents reads only "
        "theirs (the correlated subquery read every event's)",
        [
            """
            CREATE OR REPLACE VIEW export_events AS
            SELECT e.doc_id || ':' || e.id AS id, e.doc_id, e.date, e.granularity, e.anchored,
                   e.type, e.summary, e.actors,
                   act.entity_ids AS actor_entity_ids,
                   e.location, le.entity_id AS location_entity_id, e.start, e."end",
                   e.sentence_start, e.sentence_end, e.trigger, e.date_start, e.date_end,
                   d.source,
                   e.event_type, e.sub_event_type, e.actor1, e.actor1_side, e.actor2,
                   e.actor2_side, ae.entity_id AS actor2_entity_id, e.fatalities,
                   e.fatalities_claimant,
                   list_transform(coalesce(e.fatality_claim_ids, []),
                                  lambda c: e.doc_id || ':' || c)
                       AS fatality_claim_ids,
                   ent.lat AS latitude, ent.lon AS longitude, ent.country, ent.admin1,
                   CASE lm.place_kind WHEN 'city' THEN 1 WHEN 'other' THEN 2
                        WHEN 'region' THEN 3 WHEN 'country' THEN 3 END AS geo_precision,
                   CASE WHEN e.granularity IS NULL THEN NULL
                        WHEN e.granularity IN ('day', 'time', 'hour', 'minute', 'second')
                            THEN 1
                        WHEN e.granularity = 'week' THEN 2 ELSE 3 END AS time_precision,
                   substring(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
                       AS evidence,
                   strftime(coalesce(d.published, d.published_inferred), '%Y-%m-%d')
                       AS published
            FROM events e JOIN documents d ON d.id = e.doc_id
            LEFT JOIN mention_entities le
              ON le.doc_id = e.doc_id AND le.start = e.location_start
             AND le."end" = e.location_end
            LEFT JOIN entities ent ON ent.id = le.entity_id
            LEFT JOIN mentions lm
              ON lm.doc_id = e.doc_id AND lm.start = e.location_start
             AND lm."end" = e.location_end
            LEFT JOIN mention_entities ae
              ON ae.doc_id = e.doc_id AND ae.start = e.actor2_start AND ae."end" = e.actor2_end
            LEFT JOIN (
                SELECT ev.doc_id, ev.id, list(me.entity_id ORDER BY me.start) AS entity_ids
                FROM events ev JOIN mention_entities me
                  ON me.doc_id = ev.doc_id AND list_contains(ev.actor_starts, me.start)
                GROUP BY ev.doc_id, ev.id
            ) act ON act.doc_id = e.doc_id AND act.id = e.id
            ORDER BY e.doc_id, e.start
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
    "watch_sources": "export_watch_sources",
    "alerts": "export_alerts",
}
