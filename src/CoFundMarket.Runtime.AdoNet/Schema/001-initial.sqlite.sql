-- CoFundMarket storage schema, version 1, SQLite dialect.
-- Keep in step with 001-initial.postgres.sql: same tables, columns and keys.
-- Times are UTC text 'yyyy-MM-ddTHH:mm:ss.ffffffZ' (fixed width, so text order is time order).

CREATE TABLE grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     TEXT    NULL,     -- JSON; NULL = cleared (a tombstone keeps its version)
    updated_at  TEXT    NOT NULL,
    CONSTRAINT pk_grain_state PRIMARY KEY (grain_type, grain_key, state_name)
) STRICT;

CREATE TABLE grain_event (
    position            INTEGER NOT NULL,  -- global feed position: 1, 2, 3 ... in commit order, no gaps
    grain_type          TEXT    NOT NULL,
    grain_key           TEXT    NOT NULL,
    sequence            INTEGER NOT NULL,  -- 1-based within the grain's journal
    event_type          TEXT    NOT NULL,
    payload             TEXT    NOT NULL,
    occurred_at         TEXT    NOT NULL,
    actor_id            TEXT    NULL,
    actor_organisation  TEXT    NULL,
    actor_role          TEXT    NULL,
    correlation_id      TEXT    NULL,
    CONSTRAINT pk_grain_event PRIMARY KEY (position),
    CONSTRAINT uq_grain_event_sequence UNIQUE (grain_type, grain_key, sequence)
) STRICT;

-- One row: the last position handed out. Writers bump it inside their transaction.
CREATE TABLE event_position (
    id    INTEGER NOT NULL CHECK (id = 1),
    last  INTEGER NOT NULL,
    CONSTRAINT pk_event_position PRIMARY KEY (id)
) STRICT;

INSERT INTO event_position (id, last) VALUES (1, 0);

CREATE TABLE reminder (
    grain_type   TEXT    NOT NULL,
    grain_key    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    due_at       TEXT    NOT NULL,
    period_ms    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    lease_until  TEXT    NULL,
    CONSTRAINT pk_reminder PRIMARY KEY (grain_type, grain_key, name)
) STRICT;

CREATE INDEX ix_reminder_due_at ON reminder (due_at);
