-- Request ids: the idempotency key of an append. Every event an append wrote carries its
-- request id (covered by the event's hash); rows written before this migration have none.
-- Adding a column leaves the append-only triggers of 0001 in force on the whole row.
ALTER TABLE events ADD COLUMN request_id TEXT;

-- The lookup of `find_request` and of the duplicate check.
CREATE INDEX events_by_request ON events (stream_id, request_id) WHERE request_id IS NOT NULL;

-- One row per request that appended events. Its primary key is what makes a request id
-- unique per stream in the database itself: a unique index on events (stream_id,
-- request_id) cannot, since every event of one request carries the same id. The store
-- checks this table first inside its BEGIN IMMEDIATE transaction; the key backs that check.
CREATE TABLE requests (
    stream_id  TEXT    NOT NULL,
    request_id TEXT    NOT NULL,
    first_seq  INTEGER NOT NULL CHECK (first_seq >= 1),
    PRIMARY KEY (stream_id, request_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER requests_are_never_updated BEFORE UPDATE ON requests
BEGIN
    SELECT RAISE(ABORT, 'requests are append-only: update refused');
END;

CREATE TRIGGER requests_are_never_deleted BEFORE DELETE ON requests
BEGIN
    SELECT RAISE(ABORT, 'requests are append-only: delete refused');
END;
