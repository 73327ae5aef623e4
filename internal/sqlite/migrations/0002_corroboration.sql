-- Corroboration and review: claims can be pinned by reviewers or superseded
-- by re-extraction; events carry sites, overrides, disputes, merges and a
-- change sequence number that the clustering engine follows.

ALTER TABLE claims ADD COLUMN site TEXT;
ALTER TABLE claims ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN cumulative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN superseded_at TEXT;
CREATE INDEX claims_pending ON claims(id) WHERE event_id IS NULL AND superseded_at IS NULL;

ALTER TABLE events ADD COLUMN site TEXT;
ALTER TABLE events ADD COLUMN cumulative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN status_by TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN disputes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN overrides TEXT;
ALTER TABLE events ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_change ON events(change_seq);
CREATE INDEX events_type_period ON events(type, date_end, date_start);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('event_change', 0);
