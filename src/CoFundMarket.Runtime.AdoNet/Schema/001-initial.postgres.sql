-- CoFundMarket storage schema, version 1, PostgreSQL dialect.
-- Keep in step with 001-initial.sqlite.sql: same tables, columns and keys.
-- Key columns use the "C" collation so key order is byte order on both engines.

CREATE TABLE grain_state (
    grain_type  text COLLATE "C" NOT NULL,
    grain_key   text COLLATE "C" NOT NULL,
    state_name  text COLLATE "C" NOT NULL,
    version     bigint      NOT NULL,
    payload     text        NULL,     -- JSON; NULL = cleared (a tombstone keeps its version)
    updated_at  timestamptz NOT NULL,
    CONSTRAINT pk_grain_state PRIMARY KEY (grain_type, grain_key, state_name)
);

CREATE TABLE grain_event (
    position            bigint      NOT NULL,  -- global feed position: 1, 2, 3 ... in commit order, no gaps
    grain_type          text COLLATE "C" NOT NULL,
    grain_key           text COLLATE "C" NOT NULL,
    sequence            bigint      NOT NULL,  -- 1-based within the grain's journal
    event_type          text        NOT NULL,
    payload             text        NOT NULL,
    occurred_at         timestamptz NOT NULL,
    actor_id            text        NULL,
    actor_organisation  text        NULL,
    actor_role          text        NULL,
    correlation_id      text        NULL,
    CONSTRAINT pk_grain_event PRIMARY KEY (position),
    CONSTRAINT uq_grain_event_sequence UNIQUE (grain_type, grain_key, sequence)
);

-- One row: the last position handed out. Writers bump it inside their transaction; its row lock
-- is what makes positions follow commit order (see BatchCommitter).
CREATE TABLE event_position (
    id    integer NOT NULL CHECK (id = 1),
    last  bigint  NOT NULL,
    CONSTRAINT pk_event_position PRIMARY KEY (id)
);

INSERT INTO event_position (id, last) VALUES (1, 0);

CREATE TABLE reminder (
    grain_type   text COLLATE "C" NOT NULL,
    grain_key    text COLLATE "C" NOT NULL,
    name         text COLLATE "C" NOT NULL,
    due_at       timestamptz NOT NULL,
    period_ms    bigint      NOT NULL,
    version      bigint      NOT NULL,
    lease_until  timestamptz NULL,
    CONSTRAINT pk_reminder PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX ix_reminder_due_at ON reminder (due_at);
