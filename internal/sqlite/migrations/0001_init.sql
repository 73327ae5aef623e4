-- sitroom schema, SQLite dialect. Timestamps are RFC 3339 UTC text, dates
-- are YYYY-MM-DD text, JSON is text. Keep in step with postgres/migrations.

CREATE TABLE reports (
    id            TEXT PRIMARY KEY,
    client_id     TEXT,
    dedupe_key    TEXT NOT NULL,          -- source, else reporter id, else channel
    channel       TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    source_url    TEXT NOT NULL DEFAULT '',
    reporter_id   TEXT NOT NULL DEFAULT '',
    submitted_by  TEXT NOT NULL DEFAULT '',
    received_at   TEXT NOT NULL,
    report_date   TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    normal_text   TEXT NOT NULL DEFAULT '',
    encoding      TEXT NOT NULL DEFAULT 'unicode',
    zawgyi_prob   REAL NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL,
    coding        TEXT NOT NULL,
    flags         TEXT NOT NULL DEFAULT '[]',
    payload       TEXT,
    meta          TEXT NOT NULL DEFAULT '{}',
    previous_id   TEXT REFERENCES reports(id),
    claim_count   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX reports_client_id ON reports(dedupe_key, client_id) WHERE client_id IS NOT NULL;
CREATE UNIQUE INDEX reports_content ON reports(dedupe_key, content_hash, report_date);
CREATE INDEX reports_received ON reports(received_at, id);
CREATE INDEX reports_coding ON reports(coding, received_at);

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    type           TEXT NOT NULL,
    sub_type       TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL DEFAULT '',
    place_name     TEXT NOT NULL DEFAULT '',
    pcode          TEXT NOT NULL DEFAULT '',
    geo_level      TEXT NOT NULL DEFAULT '',
    geo_precision  INTEGER NOT NULL DEFAULT 0,
    adm1           TEXT NOT NULL DEFAULT '',
    adm2           TEXT NOT NULL DEFAULT '',
    adm3           TEXT NOT NULL DEFAULT '',
    lat            REAL,
    lon            REAL,
    date_start     TEXT NOT NULL,
    date_end       TEXT NOT NULL,
    time_precision INTEGER NOT NULL DEFAULT 1,
    actors         TEXT NOT NULL DEFAULT '[]',
    figures        TEXT NOT NULL DEFAULT '[]',
    control        TEXT,
    access         TEXT,
    killed         INTEGER,
    injured        INTEGER,
    displaced      INTEGER,
    arrested       INTEGER,
    status         TEXT NOT NULL,
    source_count   INTEGER NOT NULL DEFAULT 0,
    claim_count    INTEGER NOT NULL DEFAULT 0,
    search_text    TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX events_order ON events(date_start, id);
CREATE INDEX events_adm3 ON events(adm3);
CREATE INDEX events_adm2 ON events(adm2);
CREATE INDEX events_adm1 ON events(adm1);
CREATE INDEX events_pcode ON events(pcode);
CREATE INDEX events_status ON events(status, date_start);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    actor    TEXT NOT NULL,
    PRIMARY KEY (event_id, actor)
);
CREATE INDEX event_actors_actor ON event_actors(actor);

CREATE TABLE claims (
    id             TEXT PRIMARY KEY,
    report_id      TEXT NOT NULL REFERENCES reports(id),
    event_id       TEXT REFERENCES events(id),
    seq            INTEGER NOT NULL,
    type           TEXT NOT NULL,
    sub_type       TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT '',
    place_name     TEXT NOT NULL DEFAULT '',
    pcode          TEXT NOT NULL DEFAULT '',
    geo_level      TEXT NOT NULL DEFAULT '',
    geo_precision  INTEGER NOT NULL DEFAULT 0,
    adm1           TEXT NOT NULL DEFAULT '',
    adm2           TEXT NOT NULL DEFAULT '',
    adm3           TEXT NOT NULL DEFAULT '',
    lat            REAL,
    lon            REAL,
    date_start     TEXT NOT NULL,
    date_end       TEXT NOT NULL,
    time_precision INTEGER NOT NULL DEFAULT 1,
    actors         TEXT NOT NULL DEFAULT '[]',
    figures        TEXT NOT NULL DEFAULT '[]',
    control        TEXT,
    access         TEXT,
    summary        TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',
    extractor      TEXT NOT NULL,
    confidence     REAL NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    UNIQUE (report_id, seq)
);
CREATE INDEX claims_event ON claims(event_id);

CREATE TABLE audit (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    detail      TEXT
);
CREATE INDEX audit_entity ON audit(entity_type, entity_id, at, id);

CREATE TABLE tokens (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);
