-- The event log on PostgreSQL: the same rows as SQLite's (migrations/sqlite/0001 and 0002
-- together, since no PostgreSQL log was written before request ids).
-- payload and recorded_at are TEXT, not jsonb and timestamptz: jsonb would reorder keys and
-- timestamptz keeps microseconds where an event's time has nanoseconds. The rows hold
-- exactly the canonical texts that were hashed, as in SQLite.
-- The primary key (stream_id, seq) is what turns two concurrent appends into one winner and
-- one unique violation, reported as a write conflict.
CREATE TABLE events (
    stream_id   TEXT    NOT NULL,
    seq         BIGINT  NOT NULL CHECK (seq >= 1),
    kind        TEXT    NOT NULL,
    version     BIGINT  NOT NULL CHECK (version >= 1),
    payload     TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    request_id  TEXT,
    PRIMARY KEY (stream_id, seq)
);

-- The lookup of `find_request`.
CREATE INDEX events_by_request ON events (stream_id, request_id) WHERE request_id IS NOT NULL;

-- One row per request that appended events. Its primary key makes a request id unique per
-- stream in the database itself: a unique index on events (stream_id, request_id) cannot,
-- since every event of one request carries the same id.
CREATE TABLE requests (
    stream_id  TEXT   NOT NULL,
    request_id TEXT   NOT NULL,
    first_seq  BIGINT NOT NULL CHECK (first_seq >= 1),
    PRIMARY KEY (stream_id, request_id)
);

-- Append-only in the database too, so a bug cannot rewrite history; a role that owns the
-- tables can drop these triggers, which is what the hash chain and `verify` are for.
CREATE FUNCTION council_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% are append-only: % refused', TG_TABLE_NAME, lower(TG_OP)
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION council_refuse_change();
CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION council_refuse_change();
CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION council_refuse_change();

CREATE TRIGGER requests_are_never_updated BEFORE UPDATE ON requests
    FOR EACH ROW EXECUTE FUNCTION council_refuse_change();
CREATE TRIGGER requests_are_never_deleted BEFORE DELETE ON requests
    FOR EACH ROW EXECUTE FUNCTION council_refuse_change();
CREATE TRIGGER requests_are_never_truncated BEFORE TRUNCATE ON requests
    FOR EACH STATEMENT EXECUTE FUNCTION council_refuse_change();
