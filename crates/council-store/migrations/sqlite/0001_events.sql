-- The event log: one row per event, never updated or deleted.
-- The primary key (stream_id, seq) is what turns two concurrent appends into one winner and
-- one unique violation, reported as a write conflict.
CREATE TABLE events (
    stream_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    kind        TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    payload     TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    PRIMARY KEY (stream_id, seq)
) STRICT, WITHOUT ROWID;

-- Append-only in the database too, so a bug cannot rewrite history; a hand with raw access
-- can drop these triggers, which is what the hash chain and `verify` are for.
CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: update refused');
END;

CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: delete refused');
END;
