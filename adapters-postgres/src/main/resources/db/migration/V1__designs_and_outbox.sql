-- Designs (seed 000). version counts changes and guards every write (optimistic locking).
CREATE TABLE designs (
    id          UUID PRIMARY KEY,
    title       TEXT        NOT NULL,
    description TEXT,
    user_id     TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX designs_by_user_and_status ON designs (user_id, status, created_at DESC);
CREATE INDEX designs_by_status ON designs (status, created_at DESC);

-- Transactional outbox: an event is written here in the same transaction as the change that caused it,
-- and the relay publishes it. position is the publication order; per key it follows commit order
-- because writers of one aggregate are serialised by the aggregate's row.
CREATE TABLE outbox (
    position       BIGSERIAL PRIMARY KEY,
    event_id       UUID        NOT NULL UNIQUE,
    stream         TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    aggregate_key  TEXT        NOT NULL,
    schema_version INT         NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    payload        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL;
