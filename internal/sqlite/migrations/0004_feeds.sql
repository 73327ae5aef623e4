-- News feeds: schedule, conditional-request validators and health, and the
-- keys (GUID within a feed, normalised URL) of the items already taken.
-- Keep in step with postgres/migrations/0004_feeds.sql.

CREATE TABLE feeds (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    source           TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    interval_seconds INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL DEFAULT '',
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    last_attempt     TEXT,
    last_success     TEXT,
    last_status      INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    failures         INTEGER NOT NULL DEFAULT 0,
    next_poll        TEXT NOT NULL,
    items_seen       INTEGER NOT NULL DEFAULT 0,
    last_new         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_next_poll ON feeds(next_poll, id);

-- No foreign key to feeds: the keys outlive a removed feed, so that adding
-- it again does not bring back items already taken.
CREATE TABLE feed_items (
    key        TEXT PRIMARY KEY,
    feed_id    TEXT NOT NULL,
    report_id  TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL
);
CREATE INDEX feed_items_feed ON feed_items(feed_id);
