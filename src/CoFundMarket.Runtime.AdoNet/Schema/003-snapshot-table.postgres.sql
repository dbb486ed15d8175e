-- A journal's snapshot changes now and then, its version on every commit: the payload lives in a row of its own,
-- written only when it changes, and grain_state keeps the small row every commit updates (PostgreSQL would keep an
-- unchanged TOASTed payload anyway, but a payload under the TOAST threshold was copied into every new row version).
-- Keep in step with 003-snapshot-table.sqlite.sql.
CREATE TABLE grain_snapshot (
    grain_type  text COLLATE "C" NOT NULL,
    grain_key   text COLLATE "C" NOT NULL,
    state_name  text COLLATE "C" NOT NULL,
    version     bigint NOT NULL,  -- the state version the payload was taken at (at most grain_state.version)
    payload     text   NULL,      -- JSON; NULL = cleared (a tombstone keeps its version)
    CONSTRAINT pk_grain_snapshot PRIMARY KEY (grain_type, grain_key, state_name)
);

INSERT INTO grain_snapshot (grain_type, grain_key, state_name, version, payload)
SELECT grain_type, grain_key, state_name, COALESCE(payload_version, version), payload FROM grain_state;

ALTER TABLE grain_state DROP COLUMN payload, DROP COLUMN payload_version;
