-- SMS subscriptions by area, the digests and alerts queued for them, and
-- the positions of the workers that follow the event change feed.
-- PostgreSQL dialect; keep in step with sqlite/migrations.

CREATE TABLE subscriptions (
    id           TEXT PRIMARY KEY,
    reporter_id  TEXT NOT NULL,            -- pseudonym; the contact is sealed in contacts
    channel      TEXT NOT NULL,
    gateway      TEXT NOT NULL,
    area         TEXT NOT NULL,            -- P-code: state/region, district or township
    area_name    TEXT NOT NULL DEFAULT '',
    topics       TEXT NOT NULL DEFAULT '', -- comma-separated; empty: every event
    language     TEXT NOT NULL DEFAULT 'en',
    contact_hint TEXT NOT NULL DEFAULT '', -- masked, never the whole contact
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX subscriptions_reporter_area ON subscriptions(reporter_id, area);
CREATE INDEX subscriptions_area ON subscriptions(area);

CREATE TABLE subscription_deliveries (
    subscription_id TEXT NOT NULL,
    kind            TEXT NOT NULL,         -- alert | digest
    item_key        TEXT NOT NULL,         -- event id or day
    message_id      TEXT NOT NULL,         -- the outbox message
    queued_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subscription_id, kind, item_key)
);
CREATE INDEX subscription_deliveries_at ON subscription_deliveries(subscription_id, queued_at);

CREATE TABLE output_cursors (
    name       TEXT PRIMARY KEY,
    value      BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
