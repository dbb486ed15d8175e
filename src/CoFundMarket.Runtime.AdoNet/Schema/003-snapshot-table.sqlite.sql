-- A journal's snapshot changes now and then, its version on every commit. SQLite rewrites a whole record on UPDATE,
-- reading every overflow page of a large payload to do so, so a commit that only moved the version of a grain with a
-- 60 KB snapshot paid for 60 KB. The payload now lives in a row of its own, written only when it changes; grain_state
-- keeps the small row every commit updates. Keep in step with 003-snapshot-table.postgres.sql.
CREATE TABLE grain_snapshot (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    version     INTEGER NOT NULL,  -- the state version the payload was taken at (at most grain_state.version)
    payload     TEXT    NULL,      -- JSON; NULL = cleared (a tombstone keeps its version)
    CONSTRAINT pk_grain_snapshot PRIMARY KEY (grain_type, grain_key, state_name)
) STRICT;

INSERT INTO grain_snapshot (grain_type, grain_key, state_name, version, payload)
SELECT grain_type, grain_key, state_name, COALESCE(payload_version, version), payload FROM grain_state;

ALTER TABLE grain_state DROP COLUMN payload;
ALTER TABLE grain_state DROP COLUMN payload_version;
