-- Messaging channels (SMS, Telegram): encrypted contacts for replies, the
-- outbound message queue, and a lookup of reports by a channel's message
-- key. SQLite dialect; keep in step with postgres/migrations.

CREATE TABLE contacts (
    reporter_id TEXT PRIMARY KEY,          -- pseudonym; the contact itself is sealed
    channel     TEXT NOT NULL,
    sealed      BLOB NOT NULL,             -- AES-256-GCM, see package contact
    updated_at  TEXT NOT NULL
);

CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,      -- deterministic for replies: re-delivery enqueues nothing new
    gateway         TEXT NOT NULL,
    reporter_id     TEXT NOT NULL,
    report_id       TEXT REFERENCES reports(id),
    text            TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    delivery        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_report ON outbox(report_id, created_at);

CREATE INDEX reports_channel_client ON reports(channel, client_id) WHERE client_id IS NOT NULL;
