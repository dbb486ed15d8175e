-- Journaled grains write their snapshot only now and then and their events on every commit, so the
-- snapshot in `payload` can be older than `version`. NULL: the payload is at `version` (plain states).
ALTER TABLE grain_state ADD COLUMN payload_version BIGINT NULL;
